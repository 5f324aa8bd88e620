"""The one bridge between Qt and the core: every window calls the core through it.

A successful change emits `changed`, so views refresh and the scheduler re-arms; a refused one
emits `error` with a message a person can act on. A bug is logged and reported as one
(ui.errors). Nothing in ui/ opens a database session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from app.errors import is_user_error
from app.i18n import error_text
from app.service import Promptly
from ui.errors import report_bug

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an attempt came to: the operation's value, or its error and the message shown."""

    value: T | None = None
    error: BaseException | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


class Controller(QObject):
    changed = Signal()
    error = Signal(str)

    def __init__(self, core: Promptly, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core

    def attempt(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> Outcome[T]:
        """Run a core operation. A person's mistake goes out on `error`; a bug is logged and
        reported as one. Either way the operation wrote nothing: each is one transaction."""
        try:
            value = operation(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - sorted into mistakes and bugs
            if not is_user_error(exc):
                return Outcome(error=exc, message=report_bug(exc))
            message = error_text(exc)
            self.error.emit(message)
            return Outcome(error=exc, message=message)
        self.changed.emit()
        return Outcome(value)
