# Live sync for a long-running app: sync on a cue, a local change or a poll; back off offline.
"""`LiveSync.run()` is the loop a tray app runs on a worker thread (Qt-free; ui/team_sync.py
drives it). It keeps one listening connection for cues, syncs when one comes, when `poke()` says
a local change may wait to be pushed, or every `poll` seconds; when the server goes away it
reports "offline since …, N changes waiting" and tries again after 1, 2, 5, 10, 30, then every
60 s, resyncing from the last sequence number it has. A missing or wrong password stops the
tries until `give_password()`: asking again and again would only lock the account.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from app.team import server, sync

log = logging.getLogger(__name__)

BACKOFF = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)  # seconds between tries while offline
POLL = 60.0  # a sync now and then even without a cue (a lost cue, a pooler without LISTEN)
SLICE = 0.2  # how often the loop looks at stop and poke while it waits for a cue

UP_TO_DATE, OFFLINE, PASSWORD, PROBLEM, CONNECTING = (
    "up_to_date", "offline", "password", "problem", "connecting")


@dataclass(frozen=True)
class TeamStatus:
    """What the tray says about the team: one of the states above, with its details."""

    state: str
    since: datetime | None = None  # offline since
    waiting: int = 0  # local changes not pushed yet
    message: str = ""  # the reason, for PASSWORD and PROBLEM
    last_sync: datetime | None = None


class LiveSync:
    def __init__(self, open_core: Callable[[], object], *,
                 on_status: Callable[[TeamStatus], None],
                 on_synced: Callable[[sync.SyncResult], None],
                 password: str | None = None, poll: float = POLL,
                 backoff: tuple[float, ...] | None = None) -> None:
        self.open_core = open_core  # the worker's own core: its own database connection
        self.on_status, self.on_synced = on_status, on_synced
        self.password = password  # given at start when no keyring keeps it; never stored
        self.poll, self.backoff = poll, backoff or BACKOFF
        self._stop = threading.Event()
        self._poke = threading.Event()
        self._password_given = threading.Event()
        self.status = TeamStatus(CONNECTING)

    # -- from any thread ----------------------------------------------------------------

    def stop(self) -> None:
        self._stop.set()

    def poke(self) -> None:
        """Something changed here: push it soon (nothing is sent when nothing waits)."""
        self._poke.set()

    def give_password(self, password: str) -> None:
        self.password = password or None
        self._report(TeamStatus(CONNECTING))
        self._password_given.set()

    # -- the worker thread --------------------------------------------------------------

    def _report(self, status: TeamStatus) -> None:
        if status != self.status and not self._stop.is_set():  # a stopped loop says nothing
            self.status = status
            self.on_status(status)

    def run(self) -> None:
        core = self.open_core()
        cue = None
        failures = 0
        offline_since: datetime | None = None
        try:
            while not self._stop.is_set():
                self._poke.clear()
                try:
                    if cue is None:
                        cue = sync.listen(core, self.password)
                    result = sync.sync(core, self.password)
                except server.PasswordNeeded as exc:
                    cue = _close(cue)
                    self._report(TeamStatus(PASSWORD, message=str(exc),
                                            waiting=_waiting(core)))
                    # until a password is given or the app quits: a local change tries nothing
                    self._password_given.clear()
                    while not self._stop.is_set() and not self._password_given.wait(SLICE):
                        pass
                    continue
                except server.TeamError as exc:  # offline, refused, removed: said, then again
                    cue = _close(cue)
                    offline = isinstance(exc, server.Unreachable)
                    if offline and offline_since is None:
                        offline_since = core.now()
                    self._report(TeamStatus(OFFLINE if offline else PROBLEM, offline_since,
                                            _waiting(core), str(exc)))
                    failures += 1
                    self._back_off(self.backoff[min(failures, len(self.backoff)) - 1], core)
                    continue
                failures, offline_since = 0, None
                self._report(TeamStatus(UP_TO_DATE, last_sync=core.now()))
                if result.received or result.new_requests:
                    self.on_synced(result)
                cue = self._wait(cue, core)
        finally:
            _close(cue)
            core.close()

    def _back_off(self, seconds: float, core) -> None:
        """Wait before trying again; a local change meanwhile only updates the count waiting."""
        until = time.monotonic() + seconds
        while not self._stop.is_set() and time.monotonic() < until:
            if self._poke.wait(SLICE):
                self._poke.clear()
                self._report(replace(self.status, waiting=_waiting(core)))

    def _wait(self, cue, core):
        """Until a cue, a poke with something to push, the poll, or stop; the cue connection
        (None once it broke: the next round reconnects)."""
        until = time.monotonic() + self.poll
        while not self._stop.is_set() and time.monotonic() < until:
            if self._poke.is_set():
                self._poke.clear()
                if _waiting(core):
                    return cue
            if cue is None:
                self._poke.wait(SLICE)
                continue
            try:
                if server.wait_for_cue(cue, SLICE):
                    return cue
            except Exception as exc:  # noqa: BLE001 - the server went away: sync says how
                log.info("team cue connection lost: %s", exc)
                return _close(cue)
        return cue


def _waiting(core) -> int:
    try:
        return sync.pending_push(core)
    except Exception:  # noqa: BLE001 - a busy local database: the count shows next time
        log.exception("cannot count the changes waiting to be pushed")
        return 0


def _close(conn) -> None:
    if conn is not None:
        try:
            conn.close()
        except Exception:  # noqa: BLE001 - closing a dead connection
            pass
    return None
