"""What a person sees of an error. Their own mistake: its message. A bug: its traceback goes to
the log, and one dialog says where (never the traceback itself), from any thread."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from app import log as app_log
from app.errors import is_user_error
from app.i18n import error_text

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def mistake_text(error: Exception) -> str:
    """What a window shows beside the field of a person's own mistake (a line not understood, a
    rule of the product), in their language; a bug is raised again, for the excepthook."""
    if not is_user_error(error):
        raise error
    return error_text(error)


def bug_message() -> str:
    return _tr("Something went wrong. The details are in {path}.").format(path=str(app_log.log_file()))


class BugReporter(QObject):
    """Logs a bug with its traceback, then shows the friendly message on the GUI thread."""

    _reported = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.dialog: QMessageBox | None = None
        self._reported.connect(self._show)  # queued when a worker thread reports

    def report(self, error: BaseException) -> str:
        """Log `error` with its traceback and show the message; returns the message."""
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
        message = bug_message()
        self._reported.emit(message)
        return message

    def _show(self, message: str) -> None:
        if self.dialog is None:
            self.dialog = QMessageBox(QMessageBox.Icon.Warning, _tr("Promptly"), "")
            self.dialog.setTextFormat(Qt.TextFormat.PlainText)
        # one dialog at a time: a bug in a timer must not pile them up
        self.dialog.setText(message)
        self.dialog.show()
        self.dialog.raise_()


_reporter: BugReporter | None = None


def reporter() -> BugReporter:
    global _reporter
    if _reporter is None:
        _reporter = BugReporter()
    return _reporter


def report_bug(error: BaseException) -> str:
    return reporter().report(error)


def install() -> None:
    """Every exception nobody caught, on the GUI thread or another, is reported as a bug."""
    reporter()  # made now, on the GUI thread, so that its dialog lives there

    def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal: Python's own handling
            sys.__excepthook__(kind, error, tb)
            return
        report_bug(error.with_traceback(tb))

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            report_bug(args.exc_value.with_traceback(args.exc_traceback))

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
