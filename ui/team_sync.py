"""Team mode in the tray app: app.team.live's loop on a worker thread, its state in plain words.

The worker has its own core (its own database connection); what it pulls is announced on
`synced`, so the tray, the list and the prompt window follow at once instead of at the next
database poll. Nothing here blocks the GUI thread: a server that does not answer only changes
the words in the tray.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

if TYPE_CHECKING:
    from app.team import live

log = logging.getLogger(__name__)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("TeamSync", text, None, n)


def status_text(status: live.TeamStatus, zone, now) -> str:
    """`Team: up to date`, `Team: offline since 10:42 — 3 changes waiting`, `Team: password needed`."""
    from app.team import live
    from ui.wording import moment_text

    if status.state == live.UP_TO_DATE:
        return _tr("Team: up to date")
    if status.state == live.PASSWORD:
        return _tr("Team: password needed")
    if status.state == live.OFFLINE:
        text = _tr("Team: offline since {time}").format(
            time=moment_text(status.since, zone, now) if status.since else "?")
        if status.waiting:
            text += " — " + _tr("%n changes waiting", status.waiting)
        return text
    if status.state == live.PROBLEM:
        return _tr("Team: not syncing ({reason})").format(reason=status.message)
    return _tr("Team: connecting…")


def renegotiation_text(request, data: dict, zone, now) -> str:
    """`Dana moved repair invoice to Mon 12:00: the supplier is late` (plain text)."""
    from datetime import datetime

    from ui.wording import moment_text

    text = _tr("{name} moved {title} to {time}").format(
        name=request.counterpart.name, title=request.title,
        time=moment_text(datetime.fromisoformat(data["to"]), zone, now) if data.get("to") else "?")
    return f"{text}: {data['reason']}" if data.get("reason") else text


class TeamSyncDriver(QObject):
    """Runs while this Promptly is in a team; `follow()` after any change starts or stops it
    (joined or left in Settings) and has a local change pushed."""

    status_changed = Signal(object)  # live.TeamStatus, from the worker thread
    synced = Signal(object)  # app.team.sync.SyncResult with others' events, from the worker

    def __init__(self, core, open_core: Callable[[], object], parent=None) -> None:
        super().__init__(parent)
        self.core = core
        self.open_core = open_core
        self.loop: live.LiveSync | None = None
        self.thread: threading.Thread | None = None
        self.password: str | None = None  # asked for when no keyring keeps it; memory only
        self._joined_as: tuple | None = None

    @property
    def status(self) -> live.TeamStatus | None:
        return self.loop.status if self.loop is not None else None

    def _membership(self) -> tuple | None:
        state = self.core.team_state()
        return (state["server"], state["member"]) if state else None

    def start(self) -> bool:
        self._joined_as = self._membership()
        if self._joined_as is None:
            return False  # not in a team: its code is not even loaded
        from app.team import live

        self.loop = live.LiveSync(self.open_core, password=self.password,
                                  on_status=self.status_changed.emit, on_synced=self.synced.emit)
        self.status_changed.emit(self.loop.status)
        self.thread = threading.Thread(target=self._run, args=(self.loop,), name="team-sync",
                                       daemon=True)
        self.thread.start()
        return True

    @staticmethod
    def _run(loop: live.LiveSync) -> None:
        try:
            loop.run()
        except Exception:  # noqa: BLE001 - logged; the tray keeps working without the team
            log.exception("team sync stopped")

    def stop(self, wait: float = 1.0) -> None:
        if self.loop is not None:
            self.loop.stop()
            self.loop = None
        if self.thread is not None:
            self.thread.join(wait)  # a wait slice; a connect in progress ends on its own (daemon)
            self.thread = None

    def follow(self) -> None:
        """After a change here: joined or left means start or stop; else push what waits."""
        if self._membership() != self._joined_as:
            self.stop()
            self.start()
            if self._joined_as is None:
                self.status_changed.emit(None)
        elif self.loop is not None:
            self.loop.poke()

    def give_password(self, password: str) -> None:
        self.password = password or None
        if self.loop is not None:
            self.loop.give_password(password)
