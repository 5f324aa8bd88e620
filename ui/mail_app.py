"""Open a mailto: link in the user's mail app, and know whether it really opened.

On Linux Qt hands the link to xdg-open and reports success as soon as xdg-open started, even
when xdg-open then finds no mail program ("no method available"). So xdg-open runs here under
QProcess: a non-zero exit is a failure; still running after a few seconds means the mail app
holds it open, which is success. Elsewhere Qt's own answer is reliable enough.
"""

from __future__ import annotations

import shutil
import sys

from PySide6.QtCore import QObject, QProcess, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices

STILL_RUNNING_MS = 4000


class MailApp(QObject):
    finished = Signal(bool, str)  # opened, what xdg-open said when it failed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None

    def open(self, url: str) -> None:
        opener = shutil.which("xdg-open") if sys.platform.startswith("linux") else None
        if opener is None:
            ok = QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii")))
            QTimer.singleShot(0, lambda: self.finished.emit(ok, ""))
            return
        process = self.process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.finished.connect(self._exited)
        process.errorOccurred.connect(self._failed)
        QTimer.singleShot(STILL_RUNNING_MS, self._still_running)
        process.start(opener, [url])

    def _exited(self, code: int, status: QProcess.ExitStatus) -> None:
        said = bytes(self.process.readAll()).decode(errors="replace").strip()
        self._report(code == 0 and status is QProcess.ExitStatus.NormalExit, said)

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._report(False, self.process.errorString())

    def _still_running(self) -> None:
        if self.process is not None and self.process.state() is not QProcess.ProcessState.NotRunning:
            self._report(True, "")  # the mail app itself keeps xdg-open waiting

    def _report(self, ok: bool, said: str) -> None:
        if self.process is None:
            return  # reported already
        self.process = None
        self.finished.emit(ok, said)
