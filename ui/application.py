"""The tray application: `run(argv)` is what `promptly`, `promptly gui` and `promptly quick-add` start.

Start-up order is the point of this module. The tray icon shows first, with nothing but Qt
imported; the database layer (SQLAlchemy alone costs ~0.3 s) loads in the event loop's first
turn, then the tray fills in and the scheduler is armed ("ready"). The turn after that shows the
prompts that wait and grabs the quick-add key ("settled"); the start-up report, with the memory
held, is written then. A second launch hands its arguments to the running instance over the
local socket and exits; the same socket serves the CLI.
"""

from __future__ import annotations

import builtins

# Captured before PySide6 replaces it with its `__feature__` import hook, and put back below.
_PLAIN_IMPORT = builtins.__import__

import json
import logging
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWidget

# The hook reads the source of every module imported after it (kept in linecache), looking for
# `from __feature__ import ...`, which no module of ours uses. Without it SQLAlchemy takes ~15 MiB
# less, the start path ~3 MiB and ~6 ms less. (Where PySide6 was imported first, as in the tests,
# _PLAIN_IMPORT is the hook itself and this changes nothing.)
builtins.__import__ = _PLAIN_IMPORT

from ui.tray import Tray

if TYPE_CHECKING:
    from ui.controller import Controller
    from ui.single_instance import InstanceServer

log = logging.getLogger(__name__)

REPORT_ENV = "PROMPTLY_STARTUP_REPORT"  # write start-up timings and memory to this file
QUIT_AFTER_START_ENV = "PROMPTLY_QUIT_AFTER_START"  # benchmarks: quit once ready
TRAY_WAIT_TRIES = 5  # a panel that loads late gets this many seconds to offer a tray
DATA_POLL_MS = 1500  # notice writes by other processes (the core's change feed: one cheap query)
GUI_WAIT_MS = 250  # the GUI thread waits no longer on another program's lock: it retries

QUICK_ADD, SHOW = "quick-add", "show"

# Windows built by other modules, imported only when first opened: (module, class).
PROMPTS_SHORTCUT = "Ctrl+Shift+P"
WINDOWS = {
    "quick_add": ("ui.quick_add", "QuickAddDialog"),
    "list": ("ui.request_list", "RequestListWindow"),
    "prompts": ("ui.prompt_window", "PromptWindow"),
    "summary": ("ui.summary_window", "SummaryWindow"),
    "settings": ("ui.settings", "SettingsDialog"),
    "welcome": ("ui.welcome", "WelcomeWindow"),
    "escalations": ("ui.escalation_window", "EscalationWindow"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Application", text)


class OffsetClock:
    """PROMPTLY_NOW for the running app: starts at that instant and moves on in real time."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.origin = time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.origin)


def app_clock():
    from app.cli import clock_from  # light: the CLI package imports no database
    from app.clock import FixedClock

    clock = clock_from(os.environ)
    return OffsetClock(clock.moment) if isinstance(clock, FixedClock) else clock


def resident_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class StartupReport:
    """Timings (monotonic seconds, comparable across processes on Linux) for the benchmark."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.marks: dict[str, Any] = {"started": time.monotonic()}

    def mark(self, name: str, **extra: Any) -> None:
        self.marks[name] = time.monotonic()
        self.marks.update(extra)

    def write(self) -> None:
        if not self.path:
            return
        self.marks["rss_mib"] = resident_mib()
        self.marks["tray_available"] = QSystemTrayIcon.isSystemTrayAvailable()
        Path(self.path).write_text(json.dumps(self.marks, indent=2))


class Application(QObject):
    """Owns the tray, the socket server, the scheduler driver and the windows."""

    def __init__(self, qapp: QApplication, command: str | None, report: StartupReport,
                 server: InstanceServer | None = None) -> None:
        super().__init__()
        self.qapp = qapp
        self.command = command
        self.server = server
        self.report = report
        self.controller: Controller | None = None
        self.windows: dict[str, QWidget] = {}
        self.windowless = False  # no system tray: the request list stands in for it
        self.tray = Tray(self)
        self.tray.quick_add_requested.connect(lambda: self.open("quick_add"))
        self.tray.list_requested.connect(lambda: self.open("list"))
        self.tray.request_requested.connect(self.open_request)
        self.tray.summary_requested.connect(lambda: self.open("summary"))
        self.tray.settings_requested.connect(lambda: self.open("settings"))
        self.tray.escalations_requested.connect(lambda: self.open("escalations"))
        self.tray.pause_requested.connect(self.pause)
        self.tray.quit_requested.connect(self.quit)
        self._tray_tries = 0
        self.tray_timer = QTimer(self)
        self.tray_timer.setInterval(1000)
        self.tray_timer.timeout.connect(self._wait_for_tray)

    # -- start-up -------------------------------------------------------------------------

    def start(self) -> None:
        self.tray.show()
        self.report.mark("icon_shown")
        self.listen()
        QTimer.singleShot(0, self.load)

    def listen(self) -> None:
        """Take the local socket (after the icon: QtNetwork need not delay it)."""
        from app.paths import database_location

        if self.server is None:
            from ui.single_instance import InstanceServer

            self.server = InstanceServer(parent=self)
            self.server.listen()
        self.server.location = database_location()  # a launch for another one is declined
        self.server.gui_requested.connect(self.handle)

    def load(self) -> None:
        from app.cli.server import answer
        from app.errors import is_user_error
        from app.i18n import error_text
        from app.notifier import NotifierChain
        from app.paths import database_location
        from app.service import Promptly
        from app.storage.database import wait_at_most
        from ui.controller import Controller
        from ui.database_watch import DatabaseWatch
        from ui.errors import bug_message
        from ui.global_shortcut import GlobalShortcut
        from ui.notifier import Announcer, FreedesktopNotifier, PlyerNotifier, TrayNotifier
        from ui.scheduler_driver import SchedulerDriver
        from ui.tray import TrayData

        self.report.mark("imported")
        location = database_location()
        try:
            clock = app_clock()
            core = Promptly.open(location, clock)
            core.settings  # a broken settings row is reported now, not at the first prompt
        except Exception as exc:  # noqa: BLE001 - a database or settings problem: say it, no traceback
            log.exception("cannot open %s", location)
            self.fail(error_text(exc) if is_user_error(exc) else bug_message())
            return
        self.report.mark("opened")
        wait_at_most(GUI_WAIT_MS)  # served commands, on their own thread, may wait longer
        core.warn = self.warn
        self.watch = DatabaseWatch(core, parent=self)
        self.watch.lost.connect(self.database_lost)
        self.watch.start()
        self.controller = controller = Controller(core, self)
        # the desktop's server first: only its notifications can be withdrawn once settled
        self.announcer = Announcer(NotifierChain([FreedesktopNotifier(), PlyerNotifier(),
                                                  TrayNotifier(self.tray.icon)]))
        self.data = TrayData(core)
        open_requests = core.open_requests()  # one load for the tray and the scheduler
        self.data.reload(open_requests)
        self.tray.attach(self.data)
        self.report.mark("tray_filled")

        self.driver = SchedulerDriver(core, parent=self)
        self.driver.due.connect(self.show_due)
        self.driver.clock_jumped.connect(self.tray.refresh)
        self.driver.busy.connect(self._database_busy)
        self.driver.failed.connect(lambda _reason: self.watch.check())  # lost? say it now
        self.driver.recovered.connect(lambda: self.tray.set_problem(None))
        controller.changed.connect(self.changed)

        self._changes = core.changes_since(None)[1]
        self.poll = QTimer(self)
        self.poll.setInterval(DATA_POLL_MS)
        self.poll.timeout.connect(self._poll_database)
        self.poll.start()

        self.server.ready(lambda line: answer(line, core=core, location=location))
        self.server.served.connect(self.outside_change)
        self.shortcut = GlobalShortcut(self)  # the key is grabbed once ready (settle)
        self.shortcut.activated.connect(self.quick_add_key)  # queued: it fires on the grab's thread
        self._due_at_start = []  # what the first check finds is shown once ready (settle)
        self._anything_open = bool(open_requests)  # then no first start: welcome not even loaded
        QTimer.singleShot(0, self.settle)  # first: whatever fails below, what is due is shown
        self.driver.start(open_requests)
        for start in (self._start_mail_capture, self._start_team_sync):
            try:
                start(location, clock)
            except Exception:  # noqa: BLE001 - the rest works without it: say so and go on
                log.exception("%s failed", start.__name__)
                self.warn(bug_message())
        del open_requests  # with their history: not kept once the timer is armed
        self.report.mark("ready", tray_visible=self.tray.icon.isVisible())

    def settle(self) -> None:
        """The rest of the start, once the data is loaded and the timer armed: the prompts that
        wait (their window costs ~40 ms to import and build), the quick-add key (python-xlib),
        the welcome and what the launch asked for."""
        due, self._due_at_start = self._due_at_start, None
        for prompts, digests in due:
            self.show_due(prompts, digests)
        self.report.mark("settled", global_shortcut=self.shortcut.register(
            self.controller.core.settings.global_shortcut))
        self.report.write()
        if os.environ.get(QUIT_AFTER_START_ENV):
            QTimer.singleShot(0, self.quit)
            return
        if not self._anything_open:
            from ui.welcome import first_run

            if first_run(self.controller):  # what to type, where the icon is, how prompts work
                self.open("welcome")
        if self.command == QUICK_ADD:
            self.open("quick_add")
        elif self.command == SHOW:
            self.open("list")
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.tray_timer.start()

    def _start_mail_capture(self, location: str, clock) -> None:
        from app.secrets import Secrets
        from app.service import Promptly
        from ui.mail_capture import MailCaptureDriver

        self.mail_capture = MailCaptureDriver(self.controller.core,
                                              lambda: Promptly.open(location, clock), Secrets(), self)
        self.mail_capture.captured.connect(lambda text: self.announcer.chain.notify("Promptly", text))
        self.mail_capture.problem.connect(lambda text: text and log.warning("mail capture: %s", text))
        self.mail_capture.start()
        self.controller.changed.connect(self.mail_capture.follow_settings)

    def quick_add_key(self) -> None:
        self.open("quick_add")

    def _start_team_sync(self, location: str, clock) -> None:
        from app.service import Promptly
        from ui.team_sync import TeamSyncDriver

        self.team_sync = TeamSyncDriver(self.controller.core, lambda: Promptly.open(location, clock), self)
        self.team_sync.status_changed.connect(self.team_status)
        self.team_sync.synced.connect(self.team_synced)
        self.tray.team_requested.connect(self.team_action)
        self.controller.changed.connect(self.team_sync.follow)
        self.team_sync.start()

    def team_status(self, status) -> None:
        """The team's state in the tray's words; a password asked for once, quietly."""
        if status is None:  # not in a team
            self.tray.set_team(None)
            return
        from app.team import live
        from ui.team_sync import status_text

        core = self.controller.core
        self.tray.set_team(status_text(status, core.settings.zone, core.now()))
        if status.state == live.PASSWORD and not self._password_said:
            self._password_said = True
            self.announcer.chain.notify("Promptly", _tr(
                "The team needs your password: choose “Team: password needed” in the tray menu."))

    _password_said = False

    def team_action(self) -> None:
        """The tray's team line: give the password when it is needed, else sync now."""
        from app.team import live

        status = self.team_sync.status
        if status is not None and status.state == live.PASSWORD:
            self.ask_team_password()
        elif self.team_sync.loop is not None:
            self.team_sync.loop.poke()

    def ask_team_password(self) -> None:
        """Not stored when no keyring works: kept in memory until Promptly quits."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        dialog = QInputDialog()
        dialog.setWindowTitle(_tr("Team password"))
        dialog.setLabelText(_tr("Your password on the team server:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self.team_sync.give_password)
        dialog.show()  # not exec(): syncs, prompts and the socket go on meanwhile
        self._password_dialog = dialog

    escalations = None  # team mode: prompts me with an escalation a sync brings

    def _prompt_escalations(self) -> None:
        """Made at the first sync, so that a Promptly outside a team never loads it."""
        if self.escalations is None:
            from ui.escalation_window import EscalationPrompter

            self.escalations = EscalationPrompter(self.controller, self)
            self.escalations.announce.connect(self.confirm)
            self.escalations.present_requested.connect(lambda: self.open("escalations"))

    def team_synced(self, result) -> None:
        """A colleague's change arrived: show it now, settle prompts it answered, and say a
        renegotiation quietly."""
        from ui.team_sync import renegotiation_text

        self._prompt_escalations()
        self.outside_change()
        window = self.windows.get("prompts")
        if window is not None:
            window.follow_changes()
        core = self.controller.core
        renegotiated = [e for e in result.received if e.kind == "renegotiated"]
        if renegotiated:
            by_uid = {r.uid: r for r in core.requests()}
            for event in renegotiated:
                request = by_uid.get(event.request_uid)
                if request is not None:
                    self.announcer.chain.notify("Promptly", renegotiation_text(
                        request, event.data, core.settings.zone, core.now()))

    def fail(self, message: str) -> None:
        log.error("cannot start: %s", message)
        QMessageBox.critical(None, _tr("Promptly cannot start"), message)
        self.quit(1)

    def warn(self, message: str) -> None:
        """Something the user must fix, said once (a request with a date Promptly cannot use)."""
        log.warning("%s", message)
        self.tray.icon.showMessage(_tr("Promptly"), message, QSystemTrayIcon.MessageIcon.Warning)

    def _database_busy(self) -> None:
        self.tray.set_problem(_tr("Database busy (another program is writing to it); retrying…"))

    def database_lost(self, message: str) -> None:
        """The file went away under us: stop writing, keep showing, and say it plainly."""
        message = message[:1].upper() + message[1:]  # a sentence here, not a CLI error's tail
        self.driver.stop()
        self.poll.stop()
        self.tray.set_problem(_tr("Nothing is saved any more: the database file is gone"))
        self.tray.icon.showMessage(_tr("Promptly stopped saving"), message,
                                   QSystemTrayIcon.MessageIcon.Critical)
        box = QMessageBox(QMessageBox.Icon.Critical, _tr("Promptly stopped saving"), message,
                          QMessageBox.StandardButton.Ok)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()  # not exec(): the tray and the served commands go on meanwhile
        self._lost_box = box

    def _wait_for_tray(self) -> None:
        """No tray yet: a panel may still be starting. After a few seconds, use a window."""
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray_timer.stop()
            self.tray.show()
            return
        self._tray_tries += 1
        if self._tray_tries >= TRAY_WAIT_TRIES:
            self.tray_timer.stop()
            self.windowless = True
            window = self.open("list")
            if window is not None:
                window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Close and self.windowless
                and watched is self.windows.get("list") and not QSystemTrayIcon.isSystemTrayAvailable()):
            answer = QMessageBox.question(
                watched, _tr("Quit Promptly?"),
                _tr("There is no system tray, so this window is the only way to reach Promptly. "
                    "Quit Promptly? Prompts stop until you start it again."))
            if answer == QMessageBox.StandardButton.Yes:
                QTimer.singleShot(0, self.quit)
            else:
                event.ignore()
                return True
        return False

    # -- changes --------------------------------------------------------------------------

    def changed(self) -> None:
        """Any change through the controller: the tray fills in anew and the timer re-arms."""
        open_requests = self.controller.core.open_requests()
        self.data.reload(open_requests)
        self.tray.refresh()
        self.driver.check(open_requests)
        self._changes = self.controller.core.changes_since(self._changes)[1]
        wanted = self.controller.core.settings.global_shortcut
        if wanted != self.shortcut.sequence:  # changed in Settings or over the CLI
            self.shortcut.register(wanted)

    def outside_change(self) -> None:
        """The CLI (over the socket) or another process wrote: settings may have changed too."""
        self.controller.core.reload()
        self.controller.changed.emit()

    def _poll_database(self) -> None:
        try:
            changed, self._changes = self.controller.core.changes_since(self._changes)
        except Exception as exc:  # noqa: BLE001 - a busy database: look again at the next tick
            log.warning("cannot read the database version: %s", exc)
            return
        if changed:
            self.outside_change()

    def pause(self, until: datetime | None) -> None:
        self.controller.attempt(self.controller.core.pause, until)

    # -- prompts --------------------------------------------------------------------------

    _due_at_start: list | None = None

    def show_due(self, prompts: list, digests: list) -> None:
        if self._due_at_start is not None:  # still starting: shown once ready (settle)
            self._due_at_start.append((prompts, digests))
            return
        core = self.controller.core
        settings = core.settings
        self.announcer.announce(prompts, digests, now=core.now(), zone=settings.zone,
                                style=settings.notification_style)
        window = self.window("prompts")
        if window is not None:
            if not getattr(window, "withdraws", False):
                window.settled.connect(self.announcer.withdraw)
                window.withdraws = True
            window.show_prompts(prompts, digests)

    # -- windows --------------------------------------------------------------------------

    def handle(self, command: str) -> None:
        """A second launch asked for something: `promptly` shows the list, `quick-add` the dialog."""
        if self.controller is None:
            self.command = command  # still loading: done once ready
            return
        self.open("quick_add" if command == QUICK_ADD else "list")

    def window(self, name: str) -> QWidget | None:
        window = self.windows.get(name)
        if window is not None:
            return window
        module_name, class_name = WINDOWS[name]
        try:
            module = __import__(module_name, fromlist=[class_name])
            window = getattr(module, class_name)(self.controller)
        except Exception:  # noqa: BLE001 - one broken window must not take the tray down
            log.exception("cannot open %s", class_name)
            self.tray.icon.showMessage(
                _tr("Promptly"), _tr("This window could not be opened; the log has the details."),
                QSystemTrayIcon.MessageIcon.Warning)
            return None
        self.windows[name] = window
        self._connect_window(window)
        return window

    def _connect_window(self, window: QWidget) -> None:
        if window is not self.windows.get("prompts"):
            from PySide6.QtGui import QKeySequence, QShortcut  # not on the start path

            # from any Promptly window to the waiting prompts, without the mouse
            QShortcut(QKeySequence(PROMPTS_SHORTCUT), window, lambda: self.open("prompts"))
        # Windows may offer each other: the end-of-week digest opens the weekly summary.
        for signal_name, target in (("summary_requested", "summary"), ("list_requested", "list"),
                                    ("quick_add_requested", "quick_add")):
            signal = getattr(window, signal_name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(lambda *_, t=target: self.open(t))
        confirmed = getattr(window, "confirmed", None)  # a quick add was saved: say so in the tray
        if confirmed is not None and hasattr(confirmed, "connect"):
            confirmed.connect(self.confirm)
        open_request = getattr(window, "request_requested", None)
        if open_request is not None and hasattr(open_request, "connect"):
            open_request.connect(self.open_request)

    def confirm(self, title: str, text: str) -> None:
        """A short tray message (user text escaped where the daemon renders markup)."""
        from ui.notifier import TrayNotifier

        try:
            TrayNotifier(self.tray.icon).notify(title, text)
        except Exception as exc:  # noqa: BLE001 - no tray to speak from: the list shows the request
            log.info("cannot confirm in the tray: %s", exc)

    def open(self, name: str) -> QWidget | None:
        if self.controller is None:
            return None
        window = self.window(name)
        if window is None:
            return None
        present = getattr(window, "present", None)
        if callable(present):
            present()
        else:
            window.show()
            window.raise_()
            window.activateWindow()
        return window

    def open_request(self, request_id: int) -> None:
        window = self.window("list")
        if window is not None:
            window.open_request(request_id)

    def quit(self, code: int = 0) -> None:
        self.tray_timer.stop()
        if self.controller is not None:
            self.driver.stop()
            self.poll.stop()
            if getattr(self, "shortcut", None) is not None:
                self.shortcut.stop()
            if getattr(self, "mail_capture", None) is not None:
                self.mail_capture.stop()
            if getattr(self, "team_sync", None) is not None:
                self.team_sync.stop()
        if self.server is not None:
            self.server.close()
        self.tray.icon.hide()
        self.qapp.exit(code)


def _command(argv: list[str]) -> str | None:
    """None: just the tray (a plain first start); else what to open."""
    if argv and argv[0] == QUICK_ADD:
        return QUICK_ADD
    if argv and argv[0] == "gui":
        return SHOW
    return None


def run(argv: list[str]) -> int:
    report = StartupReport(os.environ.get(REPORT_ENV))
    command = _command(argv)
    from app.paths import database_location
    from ui.single_instance import OtherDatabase, hand_over

    try:
        if hand_over(command or SHOW, database_location()):
            return 0  # the running instance shows it
    except OtherDatabase as other:
        sys.stderr.write(f"promptly: error: Promptly is already running with the database "
                         f"{other.args[0]}, not {database_location()}; quit it (tray menu → "
                         "Quit) to start it with this one\n")
        return 1
    qapp = QApplication.instance() or QApplication(["promptly"])  # WM_CLASS promptly, however started
    qapp.setApplicationName("Promptly")
    qapp.setQuitOnLastWindowClosed(False)  # the tray keeps running with no window open
    from app import log as app_log
    from ui import errors, i18n

    app_log.configure()
    errors.install()
    i18n.install(qapp)
    app = Application(qapp, command, report)
    app.start()
    return qapp.exec()
