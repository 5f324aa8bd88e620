"""The application shell wired on a real SQLite file: loading fills the tray and arms the
scheduler, a due prompt is announced (markup escaped) and shown, outside writes are noticed,
pause goes through the controller, windows open lazily."""

from __future__ import annotations

import warnings
from datetime import timedelta

import plyer
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from app.domain.model import Direction
from app.domain.commands import NewRequest
from app.service import Promptly
from app.settings import Settings
from ui.application import TRAY_WAIT_TRIES, Application, StartupReport
from ui.notifier import FreedesktopNotifier
from ui.single_instance import InstanceServer
from tests.ui.windows_support import settings_dir  # noqa: F401  (autouse: QSettings in tmp_path)

NOW = "2026-11-23T10:00:00+00:00"  # a Monday, within working hours
MARKUP = "<b>x</b> & <img src=x>"


@pytest.fixture
def outside(db_path, clock):
    """Another process's view of the same database file."""
    core = Promptly.open(str(db_path), clock)
    core.save_settings(Settings(timezone="UTC", end_of_day_digest=False, weekly_summary_prompt=False))
    yield core
    core.close()


@pytest.fixture
def notified(monkeypatch):
    shown = []
    with warnings.catch_warnings():  # plyer's proxy warns about python-dbus as it loads
        warnings.simplefilter("ignore")
        monkeypatch.setattr(plyer.notification, "notify", lambda **kwargs: shown.append(kwargs))
    return shown


@pytest.fixture
def shell(qapp, qtbot, tmp_path, db_path, outside, monkeypatch, notified):
    (tmp_path / "run").mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    # never the developer's own notification server; the desktop tests use a real one
    monkeypatch.setattr(FreedesktopNotifier, "notify", lambda *a: (_ for _ in ()).throw(
        RuntimeError("no notification server in these tests")))
    monkeypatch.setenv("PROMPTLY_DB", str(db_path))
    monkeypatch.setenv("PROMPTLY_NOW", NOW)
    server = InstanceServer()
    server.listen()
    app = Application(qapp, None, StartupReport(None), server)
    app.listen()
    monkeypatch.setattr(app, "quit", lambda code=0: None)  # never leave the test's event loop
    yield app
    if app.controller is not None:
        app.driver.stop()
        app.poll.stop()
    for window in app.windows.values():
        window.close()
    server.close()
    app.tray.icon.hide()


def add(core, title, minutes, who="Dana"):
    """A request Dana wants within `minutes`, not answered yet."""
    wanted = core.now() + timedelta(minutes=minutes)
    return core.add(NewRequest(Direction.RECEIVED, who, title, needed_by=wanted))


def start(shell, qtbot):
    """Load as the app does, and wait for the rest of the start (prompts, key, welcome)."""
    shell.report.marks.pop("settled", None)
    shell.load()
    qtbot.waitUntil(lambda: "settled" in shell.report.marks)


def test_load_fills_the_tray_and_arms_the_scheduler(shell, outside, clock, qtbot):
    clock.set(outside.now().replace(hour=10))
    add(outside, "repair invoice", minutes=180)
    start(shell, qtbot)
    assert shell.controller is not None
    assert [c.title for c in shell.tray.snapshot.countdowns] == ["repair invoice"]
    assert shell.driver.timer.isActive()
    assert shell.driver.next_wake is not None
    assert shell.server.answer is not None


def test_waiting_prompts_are_shown_once_the_scheduler_is_armed(shell, outside, clock, qtbot):
    clock.set(outside.now().replace(hour=9, minute=15))
    add(outside, "repair invoice", minutes=300)
    shell.load()
    assert shell.driver.timer.isActive() and "ready" in shell.report.marks
    assert "prompts" not in shell.windows  # built in the start's next step, not before "ready"
    qtbot.waitUntil(lambda: "prompts" in shell.windows and shell.windows["prompts"].isVisible())


def test_a_part_that_fails_to_start_is_said_and_the_rest_still_starts(
        shell, outside, clock, qtbot, monkeypatch):
    clock.set(outside.now().replace(hour=9, minute=15))
    add(outside, "repair invoice", minutes=300)

    def broken(*_args):
        raise RuntimeError("team sync could not start")

    warned = []
    monkeypatch.setattr(shell, "_start_mail_capture", broken)
    monkeypatch.setattr(shell, "warn", warned.append)
    shell.load()
    qtbot.waitUntil(lambda: "prompts" in shell.windows and shell.windows["prompts"].isVisible())
    assert shell.team_sync is not None  # what comes after the failed part still starts
    assert len(warned) == 1 and "Something went wrong" in warned[0]  # said, with where the log is


def test_a_due_prompt_is_announced_in_plain_text_and_shown(shell, outside, clock, notified, qtbot):
    clock.set(outside.now().replace(hour=9, minute=15))
    add(outside, MARKUP, minutes=300)  # asked 09:15: the reply prompt falls due at 10:00, now
    start(shell, qtbot)
    [notification] = notified
    assert notification["title"] == MARKUP  # the summary is plain text by the notification spec
    assert notification["message"] == ("Dana asked 45 min ago and wants it by 14:15 — reply with "
                                       "done, an ETA, or accept their time")
    window = shell.windows["prompts"]
    assert window.isVisible()
    assert shell.controller.core.schedule().fresh == []  # recorded as fired


def test_window_only_style_skips_the_native_notification(shell, outside, clock, notified, qtbot):
    outside.save_settings(outside.settings.with_changes(notification_style="window"))
    clock.set(outside.now().replace(hour=9))
    add(outside, "repair invoice", minutes=30)
    start(shell, qtbot)
    assert notified == []
    assert shell.windows["prompts"].isVisible()


def test_writes_by_another_process_are_noticed(shell, outside, qtbot):
    start(shell, qtbot)
    assert shell.tray.snapshot.countdowns == []
    add(outside, "review contract", minutes=300)
    shell._poll_database()  # what the 1.5 s timer does
    assert [c.title for c in shell.tray.snapshot.countdowns] == ["review contract"]


def test_pause_from_the_tray_holds_prompts(shell, outside, qtbot):
    outside.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice",
                           promised_at=outside.now() + timedelta(minutes=300)))  # due soon later
    start(shell, qtbot)
    core = shell.controller.core
    until = core.now() + timedelta(hours=1)
    shell.tray.pause_requested.emit(until)
    assert core.paused_until == until
    assert shell.driver.next_wake is not None and shell.driver.next_wake >= until
    assert shell.tray.snapshot.paused


def test_menu_entries_open_their_windows(shell, qtbot):
    start(shell, qtbot)
    shell.tray.quick_add_requested.emit()
    assert shell.windows["quick_add"].isVisible()
    shell.tray.list_requested.emit()
    assert shell.windows["list"].isVisible()


def test_a_second_launch_opens_quick_add(shell, qtbot):
    start(shell, qtbot)
    shell.server.gui_requested.emit("quick-add")
    assert shell.windows["quick_add"].isVisible()


def test_a_handover_during_loading_is_done_once_ready(shell, qtbot):
    shell.handle("quick-add")
    assert shell.windows == {}
    start(shell, qtbot)
    assert shell.windows["quick_add"].isVisible()


def test_without_a_tray_the_list_stands_in_and_closing_it_asks(shell, monkeypatch, qtbot):
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: no tray, as on a bare desktop
    start(shell, qtbot)
    for _ in range(TRAY_WAIT_TRIES - 1):
        shell._wait_for_tray()
    assert "list" not in shell.windows  # still giving a late panel its chance
    shell._wait_for_tray()
    window = shell.windows["list"]
    assert window.isVisible() and shell.windowless

    answers = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    window.close()
    assert window.isVisible()  # "no": never strand the user without a window

    quits = []
    monkeypatch.setattr(shell, "quit", lambda code=0: quits.append(code))
    answers.append(QMessageBox.StandardButton.Yes)
    window.close()
    QCoreApplication.processEvents()
    assert quits == [0]


def test_ctrl_shift_p_in_any_window_takes_the_keyboard_to_the_prompts(shell, outside, clock, qtbot):
    clock.set(outside.now().replace(hour=9, minute=15))
    add(outside, "repair invoice", minutes=300)
    start(shell, qtbot)
    prompts = shell.windows["prompts"]
    prompts.hide()  # put away with ×; the prompt still waits
    listing = shell.open("list")
    qtbot.waitExposed(listing)
    listing.activateWindow()
    qtbot.waitUntil(listing.isActiveWindow)
    qtbot.keyClick(listing.table, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert prompts.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is prompts)
    assert QApplication.focusWidget().text().replace("&", "") == "Accept their time"


def test_the_first_start_welcomes_once(shell, outside, qtbot):
    start(shell, qtbot)
    welcome = shell.windows["welcome"]
    assert welcome.isVisible()
    qtbot.mouseClick(welcome.add_button, Qt.MouseButton.LeftButton)  # "Add my first request"
    assert not welcome.isVisible() and shell.windows["quick_add"].isVisible()
    welcome.close()
    shell.windows.clear()
    start(shell, qtbot)  # the next start
    assert "welcome" not in shell.windows


def test_a_database_with_requests_is_no_first_start(shell, outside, qtbot):
    add(outside, "repair invoice", 120)
    start(shell, qtbot)
    assert "welcome" not in shell.windows
