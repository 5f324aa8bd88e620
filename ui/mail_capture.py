"""Mail capture in the tray app: app.capture's IDLE watchers off the GUI thread; each capture is
announced quietly. The database poll of ui.application shows what the worker wrote."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MailCapture", text)


def capture_text(who: str, title: str) -> str:
    """`Captured from mail: Dana Holm · Repair invoice` (plain text: notifiers escape it)."""
    return _tr("Captured from mail: {who} · {title}").format(who=who, title=title)


class MailCaptureDriver(QObject):
    """Starts the watchers when an account is set up; `restart()` after the settings change."""

    captured = Signal(str)  # one line per captured request, emitted from the worker thread
    problem = Signal(str)  # why capture is not working now; "" when it works again

    def __init__(self, core, open_core: Callable[[], object], secrets, parent=None) -> None:
        super().__init__(parent)
        self.core = core
        self.open_core = open_core  # the worker's own core: its own database connection
        self.secrets = secrets
        self.watch = None
        self._worker_core = None
        self.account = None  # the account being watched

    def start(self) -> bool:
        account = self.account = self.core.settings.capture_settings()
        if not account.configured or not account.enabled:
            return False
        from app.capture.account import password
        from app.capture.imap import password_login
        from app.capture.watcher import MailWatch

        def login():  # asked at each connection: a password stored meanwhile is used
            return password_login(account.user, password(account, os.environ, self.secrets))

        def run_pass() -> None:
            from app.capture.account import CaptureError
            from app.capture.sync import capture_once

            if self._worker_core is None:
                self._worker_core = self.open_core()
            try:
                outcome = capture_once(self._worker_core, account, os.environ, self.secrets)
            except CaptureError as exc:  # said to the person; the next change tries again
                self.problem.emit(str(exc))
                return
            for request in outcome.captured:
                self.captured.emit(capture_text(request.counterpart.name, request.title))

        self.watch = MailWatch(account, login, run_pass,
                               lambda message: self.problem.emit(message or ""))
        self.watch.start()
        return True

    def stop(self) -> None:
        if self.watch is not None:
            self.watch.stop()
            self.watch = None
        if self._worker_core is not None:
            self._worker_core.close()
            self._worker_core = None

    def follow_settings(self) -> None:
        """After any change: watch anew only when the account itself changed."""
        if self.core.settings.capture_settings() != self.account:
            self.restart()

    def restart(self) -> bool:
        self.stop()
        return self.start()
