"""The one timer that drives the scheduler core.

The core answers "what is due now, and when is the next wake"; this arms ONE single-shot timer
for that instant and re-arms it after every change. QTimer counts monotonic time, which stops
while the computer sleeps and ignores clock changes, so a coarse heartbeat compares the wall
clock with the monotonic one: a gap means a resume or a clock jump, and the timer is re-armed
from the wall clock.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

if TYPE_CHECKING:
    from app.service import Promptly

log = logging.getLogger(__name__)

HEARTBEAT = timedelta(seconds=60)
JUMP_TOLERANCE = timedelta(seconds=5)  # wall and monotonic clocks may drift this much per beat
LONGEST_WAIT = timedelta(hours=6)  # re-check now and then even when nothing is near
RETRY_AFTER = timedelta(seconds=60)  # the database failed: try again
BUSY_RETRY = timedelta(seconds=5)  # another program held the lock: try again soon


class SchedulerDriver(QObject):
    due = Signal(list, list)  # prompts, digests: already recorded as fired
    rearmed = Signal(object)  # the next wake (datetime) or None
    clock_jumped = Signal()  # resume from sleep or a clock change: views should refresh
    failed = Signal(str)  # why a check could not run; it is retried
    busy = Signal()  # another program held the database's lock; retried soon
    recovered = Signal()  # a check ran again after a failure

    def __init__(self, core: Promptly, *, monotonic: Callable[[], float] = time.monotonic,
                 heartbeat: timedelta = HEARTBEAT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.monotonic = monotonic
        self.next_wake: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers may be 5% late
        self.timer.timeout.connect(lambda: self.check())
        self.heartbeat = QTimer(self)
        self.heartbeat.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.heartbeat.setInterval(int(heartbeat.total_seconds() * 1000))
        self.heartbeat.timeout.connect(self.beat)
        self._last_beat: tuple[datetime, float] | None = None
        self._emitted: set[tuple[int, str]] = set()
        self._failing = False

    def start(self, requests: list | None = None) -> None:
        self._last_beat = (self.core.now(), self.monotonic())
        self.heartbeat.start()
        self.check(requests)

    def stop(self) -> None:
        self.timer.stop()
        self.heartbeat.stop()

    def check(self, requests: list | None = None) -> None:
        """Show what is due, record it as fired, and arm the timer for the next wake.

        `requests`: `core.open_requests()`, when the caller has just loaded them.
        """
        try:
            plan = self.core.schedule(requests=requests)
            new = [p for p in plan.due if (p.request.id, p.key) not in self._emitted]
            if new or plan.digests:
                # shown prompts come once per run: after a restart they wait in the window again
                self._emitted.update((p.request.id, p.key) for p in new)
                self.due.emit(list(plan.due), list(plan.digests))
                self.core.fire(plan.due, plan.digests, superseded=plan.superseded)
        except Exception as exc:  # noqa: BLE001 - a locked or vanished database must not stop the app
            from app.storage.database import DatabaseBusy

            busy = isinstance(exc, DatabaseBusy)
            self._failing = True
            if busy:
                self.busy.emit()
            else:
                log.exception("scheduler check failed")
                self.failed.emit(str(exc))
            self._arm(self.core.now() + (BUSY_RETRY if busy else RETRY_AFTER))
            return
        if self._failing:
            self._failing = False
            self.recovered.emit()
        self._arm(plan.next_wake)

    def _arm(self, wake: datetime | None) -> None:
        self.next_wake = wake
        now = self.core.now()
        wait = LONGEST_WAIT if wake is None else min(max(wake - now, timedelta(0)), LONGEST_WAIT)
        self.timer.start(int(wait.total_seconds() * 1000))
        self.rearmed.emit(wake)

    def beat(self) -> None:
        """Every minute: has the wall clock moved more than the monotonic one (sleep, jump)?"""
        wall, mono = self.core.now(), self.monotonic()
        last = self._last_beat
        self._last_beat = (wall, mono)
        if last is None:
            return
        expected = last[0] + timedelta(seconds=mono - last[1])
        if abs(wall - expected) > JUMP_TOLERANCE:
            log.info("wall clock moved %s against the monotonic one: re-arming", wall - expected)
            self.clock_jumped.emit()
            self.check()
