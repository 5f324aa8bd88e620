"""Watches the running app's database file: deleted or replaced under it, the app notices within
seconds (app.storage.sqlitefile), stops writing, keeps a recovery copy and says so."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from app.service import Promptly

log = logging.getLogger(__name__)

INTERVAL_MS = 2000  # one stat() of the path: cheap enough to look often


class DatabaseWatch(QObject):
    lost = Signal(str)  # what happened and what to do, once

    def __init__(self, core: Promptly, parent: QObject | None = None,
                 interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.core = core
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        if self.core.data_file is not None:  # a database server watches itself
            self.timer.start()

    def check(self) -> None:
        from app.storage.database import DatabaseError

        try:
            message = self.core.check_file()
        except DatabaseError as exc:  # lost, and even the recovery copy failed
            message = str(exc)
        if message:
            self.timer.stop()
            log.error("%s", message)
            self.lost.emit(message)
