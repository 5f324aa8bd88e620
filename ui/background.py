"""Work that may take seconds (a server round trip) runs on a thread of its own, so the window
stays responsive; its outcome comes back to the GUI thread through a queued signal."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class Background(QObject):
    """One piece of work at a time; `busy` while it runs. `done(result, error)` is called on the
    GUI thread with the work's result, or with the exception it raised."""

    _finished = Signal(object, object, object)  # done, result, error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = False
        self._finished.connect(self._deliver)

    def run(self, work: Callable[[], Any], done: Callable[[Any, BaseException | None], None],
            name: str = "promptly-background") -> bool:
        """Start `work`; False (and nothing started) while the previous one still runs."""
        if self.busy:
            return False
        self.busy = True

        def target() -> None:
            try:
                result, error = work(), None
            except Exception as exc:  # noqa: BLE001 - handed to `done`, which sorts it
                result, error = None, exc
            try:
                self._finished.emit(done, result, error)
            except RuntimeError:  # the window closed meanwhile: nobody is left to tell
                log.debug("background work finished after its window closed")

        threading.Thread(target=target, name=name, daemon=True).start()
        return True

    def _deliver(self, done, result, error) -> None:
        self.busy = False
        done(result, error)
