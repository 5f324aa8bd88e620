"""Team mode in the tray app, over a real PostgreSQL server: Sam's whole tray application and
Dana's core with its own live sync, in one process. Dana's ETA reaches Sam's list and tray while
connected and settles his waiting nudge; a stopped server shows "offline", local changes queue,
and a restarted one takes them."""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta

import plyer
import pytest

from app.domain.commands import NewRequest
from app.domain.model import Direction, Status
from app.service import Promptly
from app.settings import Settings
from app.team import live, server as team_server, sync
from tests.servers import postgres
from tests.team.conftest import Team
from ui.application import Application, StartupReport
from ui.notifier import FreedesktopNotifier
from ui.request_model import STATUS
from ui.single_instance import InstanceServer
from ui.team_sync import TeamSyncDriver

NOW = "2026-11-23T10:00:00+00:00"  # a Monday, within working hours
LIVE = 2000  # ms: a colleague's answer is shown this soon while connected


def _core(path, clock) -> Promptly:
    core = Promptly.open(str(path), clock)
    core.save_settings(Settings(timezone="UTC", end_of_day_digest=False, weekly_summary_prompt=False))
    return core


@pytest.fixture
def members(team, tmp_path, monkeypatch):
    """Dana and Sam on the team; passwords from a libpq password file, never a keyring."""
    monkeypatch.setattr(live, "BACKOFF", (0.2, 0.5))  # retry soon: the test need not wait a minute
    dana, sam = team.add("dana", "Dana"), team.add("sam", "Sam")
    team.password_file((dana, sam), tmp_path, monkeypatch)
    return dana[0], sam[0]


@pytest.fixture
def sam_app(qapp, qtbot, tmp_path, team, members, clock, monkeypatch):
    """Sam's tray application, joined; started by the test with `load()`."""
    clock.set(datetime.fromisoformat(NOW))
    path = tmp_path / "sam.db"
    core = _core(path, clock)
    sync.join(core, team.url(members[1]))
    core.close()
    (tmp_path / "run").mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setattr(FreedesktopNotifier, "notify", lambda *a: (_ for _ in ()).throw(
        RuntimeError("no notification server in these tests")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        monkeypatch.setattr(plyer.notification, "notify", lambda **kwargs: None)
    monkeypatch.setenv("PROMPTLY_DB", str(path))
    monkeypatch.setenv("PROMPTLY_NOW", NOW)
    instance = InstanceServer()
    instance.listen()
    app = Application(qapp, None, StartupReport(None), instance)
    app.listen()
    monkeypatch.setattr(app, "quit", lambda code=0: None)
    yield app
    if app.controller is not None:
        app.team_sync.stop()
        app.driver.stop()
        app.poll.stop()
    app.tray_timer.stop()
    app.windowless = False  # offscreen has no tray: closing the stand-in list must not ask
    for window in app.windows.values():
        window.close()
    instance.close()
    app.tray.icon.hide()


@pytest.fixture
def dana(tmp_path, team, members, clock):
    """Dana's core and her own live sync, as her tray app runs it."""
    path = tmp_path / "dana.db"
    core = _core(path, clock)
    sync.join(core, team.url(members[0]))
    driver = TeamSyncDriver(core, lambda: _core(path, clock))
    driver.start()
    yield core, driver
    driver.stop()
    core.close()


def _team_line(app) -> str:
    return app.tray.team or ""


def test_an_eta_given_on_one_side_shows_on_the_other_and_settles_the_nudge(
        sam_app, dana, qtbot, clock):
    dana_core, dana_sync = dana
    sam_app.load()
    qtbot.waitUntil(lambda: _team_line(sam_app) == "Team: up to date", timeout=10_000)
    assert "Team: up to date" in sam_app.tray.icon.toolTip()
    core = sam_app.controller.core
    asked = clock.now() - timedelta(hours=3)  # silent since: the nudge is due now
    made = sam_app.controller.attempt(core.add, NewRequest(Direction.MADE, "Dana", "repair invoice",
                                                           asked_at=asked)).value
    window = sam_app.windows["prompts"]
    assert [p.kind.value for e in window.entries for p in e.prompts] == ["nudge"]

    qtbot.waitUntil(lambda: len(dana_core.requests()) == 1, timeout=LIVE)  # pushed, cued, pulled
    [hers] = dana_core.requests()
    assert hers.direction is Direction.RECEIVED and hers.uid == made.uid
    eta = clock.now() + timedelta(days=4, hours=5)  # Fri 15:00
    dana_core.acknowledge(hers.id, eta)
    dana_sync.follow()  # what her controller's `changed` does

    qtbot.waitUntil(lambda: core.get(made.id).promised_at == eta, timeout=LIVE)
    mine = core.get(made.id)
    assert mine.status is Status.PROMISED
    qtbot.waitUntil(lambda: not window.entries, timeout=LIVE)  # the nudge's reason is gone
    listed = sam_app.open("list")
    row = listed.model.row_of(made.id)
    assert listed.model.index(row, STATUS).data() == "Dana promised Fri 15:00"
    assert [c.kind for c in sam_app.tray.snapshot.countdowns] == ["promise"]


def test_a_renegotiation_is_said_quietly_with_its_reason(sam_app, dana, qtbot, clock, monkeypatch):
    dana_core, dana_sync = dana
    said = []
    sam_app.load()
    monkeypatch.setattr(sam_app.announcer.chain, "notify", lambda title, text: said.append(text))
    core = sam_app.controller.core
    made = sam_app.controller.attempt(core.add, NewRequest(Direction.MADE, "Dana", "repair invoice")).value
    qtbot.waitUntil(lambda: len(dana_core.requests()) == 1, timeout=LIVE)
    [hers] = dana_core.requests()
    monday = datetime.fromisoformat(NOW)
    clock.advance(minutes=5)  # Dana answers a little after Sam asked
    dana_core.acknowledge(hers.id, monday + timedelta(days=4, hours=5))
    clock.advance(minutes=1)  # events of one instant fold in uid order
    dana_core.promise(hers.id, monday + timedelta(days=7, hours=2), reason="the supplier is late")
    dana_sync.follow()
    qtbot.waitUntil(lambda: bool(said), timeout=LIVE)
    assert said == ["Dana moved repair invoice to Mon 30 Nov 12:00: the supplier is late"]
    assert core.get(made.id).promised_at == monday + timedelta(days=7, hours=2)


@pytest.fixture
def team(request):
    """The session's server, or (`own`) a server of this test's own, to stop and start again."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        if getattr(request, "param", None) == "own":
            if postgres.missing():
                pytest.skip(postgres.missing())
            pg = stack.enter_context(postgres.running_postgres())
        else:
            pg = request.getfixturevalue("postgres_server")
        t = Team(pg, pg.create_database())
        team_server.init(t.admin_url())
        yield t


@pytest.mark.parametrize("team", ["own"], indirect=True)
def test_offline_queues_and_a_restarted_server_takes_the_queue(sam_app, dana, qtbot, clock, team):
    dana_core, _ = dana
    sam_app.load()
    qtbot.waitUntil(lambda: _team_line(sam_app) == "Team: up to date", timeout=10_000)
    core = sam_app.controller.core

    team.pg.stop()
    qtbot.waitUntil(lambda: _team_line(sam_app).startswith("Team: offline since 10:00"), timeout=10_000)
    for title in ("repair invoice", "the keys", "the figures"):
        sam_app.controller.attempt(core.add, NewRequest(Direction.MADE, "Dana", title))
    qtbot.waitUntil(lambda: _team_line(sam_app) == "Team: offline since 10:00 — 3 changes waiting",
                    timeout=10_000)
    assert "3 changes waiting" in sam_app.tray.icon.toolTip()
    sam_app.tray.rebuild_menu()  # as the menu opens
    action = next(a for a in sam_app.tray.actions() if a.objectName() == "teamState")
    assert action.text() == "Team: offline since 10:00 — 3 changes waiting"

    assert team.pg.start().returncode == 0
    qtbot.waitUntil(lambda: _team_line(sam_app) == "Team: up to date", timeout=20_000)
    assert sync.pending_push(core) == 0
    qtbot.waitUntil(lambda: len(dana_core.requests()) == 3, timeout=20_000)


def test_send_in_promptly_reaches_her_as_a_prompt(sam_app, dana, qtbot, clock):
    from ui.dialogs import DraftDialog
    from ui.wording import prompt_reason

    dana_core, _ = dana
    sam_app.load()
    core = sam_app.controller.core
    asked = datetime.fromisoformat(NOW) - timedelta(minutes=59)  # an hour before she sees it
    made = sam_app.controller.attempt(core.add, NewRequest(Direction.MADE, "Dana", "repair invoice",
                                                           asked_at=asked)).value
    outside = sam_app.controller.attempt(core.add, NewRequest(Direction.MADE, "Noor", "the keys")).value
    assert not DraftDialog(sam_app.controller, core.get(outside.id), "nudge").promptly_button.isVisibleTo(None)
    draft = DraftDialog(sam_app.controller, core.get(made.id), "nudge")
    qtbot.addWidget(draft)
    assert draft.promptly_button.isVisibleTo(draft) and draft.promptly_button.text() == "Send in &Promptly"
    draft.promptly_button.click()
    assert [e.kind.value for e in core.get(made.id).history][-1] == "reminded"
    clock.advance(minutes=1)  # Dana's clock: the reminder was sent a moment ago

    def reminded():
        return [p for p in dana_core.schedule().due if p.kind.value == "reminded"]

    qtbot.waitUntil(lambda: bool(reminded()), timeout=LIVE)
    [prompt] = reminded()
    assert prompt_reason(prompt, dana_core.now(), dana_core.settings.zone) == \
        "Sam reminds you: repair invoice, asked 1 h ago"


def test_without_a_stored_password_the_tray_asks_for_it_and_then_syncs(
        sam_app, members, team, tmp_path, qtbot, monkeypatch):
    dana_login, sam_login = members
    # Dana's password only: Sam's is nowhere (no keyring here)
    team.password_file([(dana_login, f"pw-{dana_login}-secret")], tmp_path, monkeypatch)
    said = []
    sam_app.load()
    monkeypatch.setattr(sam_app.announcer.chain, "notify", lambda title, text: said.append(text))
    qtbot.waitUntil(lambda: _team_line(sam_app) == "Team: password needed", timeout=10_000)
    assert said == ["The team needs your password: choose “Team: password needed” in the tray menu."]
    assert not sam_app.qapp.activeModalWidget()  # said, not a dialog in the way
    sam_app.tray.rebuild_menu()
    next(a for a in sam_app.tray.actions() if a.objectName() == "teamState").trigger()
    dialog = sam_app._password_dialog
    assert dialog.isVisible() and dialog.textEchoMode().name == "Password"
    dialog.setTextValue(f"pw-{sam_login}-secret")
    dialog.accept()
    qtbot.waitUntil(lambda: _team_line(sam_app) == "Team: up to date", timeout=10_000)
