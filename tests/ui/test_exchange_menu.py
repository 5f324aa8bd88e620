"""File → Export… / Import… in the request list: a file in Documents by default, a confirmation that
names the file, and an import that fails says why and adds nothing."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox

from app.domain.commands import NewRequest
from app.domain.model import Direction
from app.service import Promptly
from app.settings import Settings
from tests.ui.test_plurals import installed  # noqa: F401  (fixture)
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)
from ui import files
from ui.controller import Controller
from ui.request_list import RequestListWindow


@pytest.fixture
def window(qtbot, controller, core):
    core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))
    core.add(NewRequest(Direction.MADE, "Kim", "badge form"))
    window = RequestListWindow(controller)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_file_menu_offers_export_and_import(window):
    [menu] = [a.menu() for a in window.menuBar().actions()]
    texts = [a.text() for a in menu.actions()]
    assert "&Export requests…" in texts and "&Import requests…" in texts


def test_export_starts_in_documents_and_names_the_file_it_wrote(window, tmp_path, monkeypatch, installed):
    installed(QLocale.Language.English)
    asked = []
    monkeypatch.setattr(files.QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, title, start, filters: (asked.append(start) or str(tmp_path / "all"), "")))
    target = window.exchange.export()
    assert asked == [str(files.documents_folder() / "promptly-requests.json")]
    assert target == tmp_path / "all.json"  # no suffix given: JSON, which keeps everything
    assert len(json.loads(target.read_text())["requests"]) == 2
    assert window.statusBar().currentMessage() == f"Exported 2 requests to {target}"


def test_an_export_is_imported_into_another_database(qtbot, window, tmp_path, clock, installed):
    installed(QLocale.Language.English)
    exported = window.exchange.export(str(tmp_path / "mine.csv"))
    other = Promptly.open(str(tmp_path / "other.db"), clock)
    other.save_settings(Settings(timezone="UTC"))
    second = RequestListWindow(Controller(other))
    qtbot.addWidget(second)
    second.show()
    assert second.exchange.import_(str(exported)) == 2
    assert sorted(r.title for r in other.open_requests()) == ["badge form", "repair invoice"]
    assert second.statusBar().currentMessage() == f"Imported 2 requests from {exported}."
    assert second.exchange.import_(str(exported)) == 0  # the same again: nothing twice
    assert "2 already here, skipped." in second.statusBar().currentMessage()
    other.close()


def test_a_broken_file_says_why_and_imports_nothing(window, core, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"requests": [{"title": "half a request"')
    before = len(core.open_requests())
    assert window.exchange.import_(str(bad)) is None
    box = window.exchange.box
    assert box is not None and box.isVisible() and box.icon() == QMessageBox.Icon.Warning
    assert box.text() == f"Nothing was imported from {bad}."
    assert "line 1: not valid JSON" in box.informativeText()
    assert len(core.open_requests()) == before


def test_the_confirmation_in_german(window, tmp_path, installed):
    installed(QLocale.Language.German)
    target = window.exchange.export(str(tmp_path / "alle.csv"))
    assert window.statusBar().currentMessage() == f"2 Anfragen exportiert nach {target}"
