"""The Team settings page over a real PostgreSQL server: the connection test and joining run off
the GUI thread, the password goes to the keyring only, leaving forgets it, and without a keyring
the page says the password will be asked for at start. Before joining, the page counts which
requests the team will share (done and cancelled ones too) and which stay personal, and the first
sync pushes exactly the ones counted."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.commands import NewRequest
from app.domain.model import Direction
from app.secrets import SERVICE, Secrets
from app.team import server as team_server
from tests.test_secrets import MemoryKeyring
from tests.ui.test_plurals import installed  # noqa: F401  (fixture: "1 request", as people read it)
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
    monkeypatch.setattr(page, "_cancelled", lambda box: "\n\nShared with the team" not in box.text())
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


@pytest.fixture
def sams_requests(team, members, controller):
    """Sam's requests before joining: open ones with Dana (by name and by login), Kim, a removed
    member, someone outside the team and one with Sam's own name; and one with Dana done."""
    (dana, _), _ = members
    kim = team.add("kim", "Kim")
    ola = team.add("ola", "Ola")
    team_server.remove_member(team.admin_url(), ola[0])
    core = controller.core
    add = lambda direction, who, title: core.add(NewRequest(direction, who, title))  # noqa: E731
    ids = {
        "credit": add(Direction.MADE, "Dana", "Credit note for order 4711"),
        "archive": add(Direction.RECEIVED, dana, "Access to the billing archive"),
        "quote": add(Direction.RECEIVED, "Lee", "Quote for Acme, with the new discount rules "
                                                "agreed in the October meeting"),
        "rota": add(Direction.MADE, "kim", "Holiday rota"),
        "old": add(Direction.MADE, "Ola", "Old supplier list"),
        "figures": add(Direction.RECEIVED, "DANA", "November figures"),
        "self": add(Direction.MADE, "Sam", "Note to self"),
        "closed": add(Direction.MADE, "Dana", "Done already"),
    }
    core.done(ids["closed"].id)
    return kim, ids


SAMS_PREVIEW = (
    "Joining shares 5 requests with team members (1 done or cancelled):\n"
    "  • Dana owes me · Credit note for order 4711\n"
    "  • I owe {dana} · Access to the billing archive\n"
    "  • kim owes me · Holiday rota\n"
    "  • and 2 more\n"
    "3 requests stay personal, with people outside the team:\n"
    "  • I owe Lee · Quote for Acme, with the new discount rules agr…\n"
    "  • Ola owes me · Old supplier list\n"
    "  • Sam owes me · Note to self")


def test_the_connection_test_counts_what_joining_shares_and_what_stays_personal(
        qtbot, controller, team, members, memory, sams_requests):
    (dana, _), (sam, password) = members
    page = _page(qtbot, controller, team, sam, password)
    assert page.test_connection()
    assert page.note.text() == "Connecting…" and page.preview.text() == ""
    qtbot.waitUntil(lambda: page.note.text() != "Connecting…", timeout=10_000)
    assert page.note.text() == "Connected. Members: Dana, Kim, Sam"
    assert page.preview.text() == SAMS_PREVIEW.format(dana=dana)
    assert page.preview.textFormat() == Qt.TextFormat.PlainText
    assert controller.core.team_state() is None  # counting sends nothing


def test_join_asks_with_the_counts_and_the_first_sync_pushes_exactly_those(
        qtbot, controller, team, members, memory, sams_requests, monkeypatch):
    from app.team import sync

    (dana, _), (sam, password) = members
    _, ids = sams_requests
    page = _page(qtbot, controller, team, sam, password)
    asked = []
    monkeypatch.setattr(page, "_cancelled", lambda box: asked.append(box.text()) or False)
    assert page.join()
    assert page.note.text() == "Connecting…"  # the question waits for the server's members
    qtbot.waitUntil(lambda: controller.core.team_state() is not None, timeout=10_000)
    assert asked == [SAMS_PREVIEW.format(dana=dana) + "\n\n" + page.shared_text()]
    assert page.preview.text() == ""  # joined: the list says what is shared from now on
    counted = {ids[key].uid for key in ("credit", "archive", "rota", "figures", "closed")}
    with team.connect(sam, password) as conn:
        preview = sync.join_preview(controller.core, page.url(), team_server.members(conn))
    assert {r.uid for r in preview.shared} == counted
    assert {r.uid for r in preview.personal} == {ids[k].uid for k in ("quote", "old", "self")}
    sync.sync(controller.core)
    assert sync.shared_uids(controller.core) == counted
    with team.connect(sam, password) as conn:  # what reached the server: the five, no other
        assert {e.request_uid for e in team_server.pull(conn, 0)} == counted


def test_join_cancelled_at_the_question_joins_nothing(qtbot, controller, team, members, memory,
                                                      sams_requests, monkeypatch):
    _, (sam, password) = members
    page = _page(qtbot, controller, team, sam, password)
    monkeypatch.setattr(page, "_cancelled", lambda box: True)
    page.join()
    qtbot.waitUntil(lambda: page.note.text() != "Connecting…", timeout=10_000)
    assert page.note.text() == "Not joined; nothing was sent."
    assert controller.core.team_state() is None and memory.entries == {}
    assert page.preview.text().startswith("Joining shares 5 requests")  # still to read
    assert page.join_button.isEnabled()


def test_with_no_request_the_preview_says_nothing_is_shared_yet(qtbot, controller, team,
                                                                     members, memory):
    _, (sam, password) = members
    page = _page(qtbot, controller, team, sam, password)
    page.test_connection()
    qtbot.waitUntil(lambda: page.note.text() != "Connecting…", timeout=10_000)
    assert page.preview.text() == "You have no requests: joining shares nothing yet."
    controller.core.add(NewRequest(Direction.MADE, "Dana", "Credit note"))
    controller.core.add(NewRequest(Direction.RECEIVED, "Dana", "Rota"))
    page.test_connection()
    qtbot.waitUntil(lambda: page.preview.text().startswith("Joining"), timeout=10_000)
    assert page.preview.text() == (
        "Joining shares 2 requests with team members:\n  • Dana owes me · Credit note\n"
        "  • I owe Dana · Rota\n"
        "None stays personal: each of your requests is with a team member.")


def test_a_done_request_with_a_member_is_counted_and_reaches_her(qtbot, controller, team, members,
                                                                  memory, monkeypatch, installed):
    """Done and cancelled requests go with their history at the first sync: the preview says so."""
    from app.team import sync

    installed(QLocale.Language.English)
    (dana, dana_password), (sam, password) = members
    done = controller.core.add(NewRequest(Direction.MADE, "Dana", "Credit note"))
    controller.core.done(done.id)
    page = _page(qtbot, controller, team, sam, password)
    asked = []
    monkeypatch.setattr(page, "_cancelled", lambda box: asked.append(box.text()) or False)
    page.join()
    qtbot.waitUntil(lambda: controller.core.team_state() is not None, timeout=10_000)
    assert asked[0].split("\n\n")[0] == (
        "Joining shares 1 request with team members (1 done or cancelled):\n"
        "  • Dana owes me · Credit note · done\n"
        "None stays personal: each of your requests is with a team member.")
    assert sync.sync(controller.core).pushed == 2  # created and done
    with team.connect(dana, dana_password) as conn:
        assert team_server.shared_requests(conn, [done.uid])[done.uid].title == "Credit note"


def test_a_removed_member_gets_no_preview_and_no_question(qtbot, controller, team, members, memory,
                                                          monkeypatch):
    (dana, password), _ = members
    team_server.remove_member(team.admin_url(), dana)
    page = _page(qtbot, controller, team, dana, password)
    monkeypatch.setattr(page, "_cancelled", lambda box: pytest.fail("asked a removed member"))
    page.join()
    qtbot.waitUntil(lambda: page.note.text() != "Connecting…", timeout=10_000)
    assert page.preview.text() == "" and controller.core.team_state() is None
    assert "has been removed from the team" in page.note.text()
