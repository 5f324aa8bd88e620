"""The one bridge between Qt and the core: every window calls the core through it.

A successful change emits `changed`, so views refresh and the scheduler re-arms; a refused one
emits `error` with a message a person can act on. Nothing in ui/ opens a database session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.model import DomainError
from app.service import Promptly
from app.settings import SettingsError
from app.storage.database import DatabaseError

USER_ERRORS = (DomainError, SettingsError, DatabaseError, ValueError)


class Controller(QObject):
    changed = Signal()
    error = Signal(str)

    def __init__(self, core: Promptly, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core

    def attempt(self, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a core operation; on a user error report it and return None (nothing written)."""
        try:
            result = operation(*args, **kwargs)
        except USER_ERRORS as exc:
            self.error.emit(str(exc))
            return None
        self.changed.emit()
        return result
