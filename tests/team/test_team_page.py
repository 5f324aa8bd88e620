"""The Team settings page over a real PostgreSQL server: the connection test and joining run off
the GUI thread, the password goes to the keyring only, leaving forgets it, and without a keyring
the page says the password will be asked for at start."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtWidgets import QMessageBox

from app.secrets import SERVICE, Secrets
from tests.test_secrets import MemoryKeyring
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)
from ui.settings.team import TeamPage


@pytest.fixture
def memory():
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def members(team, monkeypatch):
    for name in ("PGPASSWORD", "PGPASSFILE", "PGSERVICE"):
        monkeypatch.delenv(name, raising=False)
    return team.add("dana", "Dana"), team.add("sam", "Sam")


def _page(qtbot, controller, team, login, password=""):
    page = TeamPage(controller, Secrets())
    qtbot.addWidget(page)
    page.load(controller.core.settings)
    page.address.setText(f"127.0.0.1:{team.pg.port}/{team.database}")
    page.login.setText(login)
    page.password.setText(password)
    return page


def test_the_connection_test_names_the_members_and_a_wrong_password_says_so(
        qtbot, controller, team, members, memory):
    (dana, password), _ = members
    page = _page(qtbot, controller, team, dana, "not-it-at-all")
    assert page.test_connection()
    assert page.note.text() == "Connecting…"  # the click returned before the server answered
    qtbot.waitUntil(lambda: page.note.text() != "Connecting…", timeout=10_000)
    assert page.note.text() == f"Wrong password for {dana} on 127.0.0.1:{team.pg.port}/{team.database}."
    page.password.setText(password)
    page.test_connection()
    qtbot.waitUntil(lambda: page.note.text().startswith("Connected"), timeout=10_000)
    assert page.note.text() == "Connected. Members: Dana, Sam"
    assert controller.core.team_state() is None  # a test joins nothing


def test_join_keeps_the_password_in_the_keyring_and_leave_forgets_it(
        qtbot, controller, team, members, memory, monkeypatch):
    (dana, password), _ = members
    page = _page(qtbot, controller, team, dana, password)
    changed = []
    controller.changed.connect(lambda: changed.append(1))
    monkeypatch.setattr(page, "_cancelled", lambda box: not box.text().startswith("Shared with the team"))
    assert page.join()
    qtbot.waitUntil(lambda: controller.core.team_state() is not None, timeout=10_000)
    assert page.note.text() == "Joined as Dana. The password is in the system keyring."
    assert memory.entries == {
        (SERVICE, f"team:{dana}@127.0.0.1:{team.pg.port}/{team.database}"): password}
    assert page.password.text() == "" and not page.join_button.isEnabled()
    assert page.membership.text() == (f"This Promptly is in the team on 127.0.0.1:{team.pg.port}/"
                                      f"{team.database} as {dana}.")
    assert changed  # the tray app follows

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert page.leave()
    assert controller.core.team_state() is None and memory.entries == {}
    assert page.join_button.isEnabled()


def test_without_a_keyring_joining_stores_nothing_and_says_it_asks_at_start(
        qtbot, controller, team, members, monkeypatch):
    (dana, password), _ = members
    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        page = _page(qtbot, controller, team, dana, password)
        assert "asks for it when it starts" in page.keyring_label.text()
        monkeypatch.setattr(page, "_cancelled", lambda box: False)
        page.join()
        qtbot.waitUntil(lambda: controller.core.team_state() is not None, timeout=10_000)
        assert page.note.text().startswith("Joined as Dana. No system keyring is available")
        assert password not in str(controller.core.team_state())
    finally:
        keyring.set_keyring(before)
