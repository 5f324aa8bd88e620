"""The core's messages in the person's language: with German installed, the quick-add dialog and
a refused action speak German, while the core itself (the CLI, the log) keeps English."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt

from app import i18n as core_i18n
from app.domain.commands import NewRequest
from app.domain.model import Direction, DomainError
from ui import i18n
from ui.quick_add import QuickAddDialog
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.fixture
def german(qapp, tmp_path, monkeypatch):
    """German installed as the app installs it, from the committed .ts file."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(TRANSLATIONS / "promptly_de.ts"),
                    "-qm", str(tmp_path / "promptly_de.qm")], check=True)
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    translators = i18n.install(qapp, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    core_i18n.install(str)


def test_a_quick_add_line_that_is_not_understood_is_refused_in_german(qtbot, controller, german):
    dialog = QuickAddDialog(controller)
    qtbot.addWidget(dialog)
    dialog.present()
    qtbot.keyClicks(dialog.line, "from @dana: invoice by fridya")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)

    assert dialog.error_label.text() == "„fridya“ ist kein Datum, das ich verstehe; meinten Sie „friday“?"
    assert controller.core.request_count() == 0


def test_a_refused_action_is_explained_in_german(controller, core, german):
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))
    controller.attempt(core.done, request.id)

    outcome = controller.attempt(core.done, request.id)

    assert outcome.message == f"Anfrage #{request.id} ist bereits erledigt"
    assert controller.errors == [outcome.message]
    assert isinstance(outcome.error, DomainError)
    assert str(outcome.error) == f"request #{request.id} is already done"  # the CLI and the log


def test_without_a_translation_the_message_stays_english(controller, core):
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))
    controller.attempt(core.done, request.id)
    assert controller.attempt(core.done, request.id).message == f"request #{request.id} is already done"


def test_the_ask_and_the_promise_speak_german(controller, core, german):
    from ui.wording import due_text, status_text, who_text

    wish = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice",
                               needed_by=core.now() + timedelta(days=2)))
    now = core.now()
    assert (who_text(wish), status_text(wish, now)) == ("Ich schulde Dana", "Antwort nötig")
    assert due_text(core.deadline(wish), core.settings.zone, now).startswith("Antwort bis ")
    asked = core.add(NewRequest(Direction.MADE, "Sam", "quote"))
    assert (who_text(asked), status_text(asked, now)) == ("Sam schuldet mir", "wartet auf Antwort")
    outcome = controller.attempt(core.acknowledge, asked.id, accept=True)
    assert outcome.message == (f"Anfrage #{asked.id} hat keinen gewünschten Termin zum Übernehmen; "
                               "nennen Sie stattdessen einen Termin")


def test_a_quick_add_hint_speaks_german(qtbot, controller, german):
    dialog = QuickAddDialog(controller)
    qtbot.addWidget(dialog)
    dialog.present()
    qtbot.keyClicks(dialog.line, "from @dana: invoice by 7")
    assert dialog.error_label.text() == ("Hinweis: „by 7“ — 7 am oder 7 pm? "
                                         "Schreiben Sie 7pm oder 19:00")
