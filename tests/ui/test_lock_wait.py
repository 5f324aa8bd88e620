"""Finding 7: another program's lock never freezes the app. Served commands wait for it on their
own thread; the GUI thread waits a quarter of a second at most, says "busy" and retries."""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta

import pytest
from PySide6.QtCore import QTimer

from app import ipc
from app.domain.model import Direction
from app.cli.server import answer
from app.domain.commands import NewRequest
from app.storage.database import wait_at_most
from tests.ui.test_single_instance import in_background, runtime, server  # noqa: F401  (fixtures)
from ui.application import GUI_WAIT_MS
from ui.scheduler_driver import BUSY_RETRY, SchedulerDriver


@pytest.fixture
def locked(db_path):
    """Another program holds the write lock for as long as the test runs."""
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield holder
    holder.execute("ROLLBACK")
    holder.close()


def test_a_served_add_waits_off_the_gui_thread_while_another_program_writes(server, core, db_path,
                                                                            qtbot, locked):
    wait_at_most(GUI_WAIT_MS)  # as the app does on its GUI thread
    server.ready(lambda line: answer(line, core=core, location=str(db_path)))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    reply = in_background(qtbot, lambda: ipc.forward(["add", "from @dana: repair invoice"],
                                                     str(db_path), "/", {}))
    timer.stop()
    assert reply["exit"] == 1 and "locked by another program" in reply["stderr"]
    assert max(b - a for a, b in zip(ticks, ticks[1:])) < 0.5  # the GUI went on meanwhile


def test_the_scheduler_says_busy_at_once_and_retries_soon(qapp, core, clock, db_path):
    core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))
    clock.advance(minutes=45)  # its reply prompt is due: firing it is a write
    driver = SchedulerDriver(core)
    busy, recovered = [], []
    driver.busy.connect(lambda: busy.append(True))
    driver.recovered.connect(lambda: recovered.append(True))
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        wait_at_most(GUI_WAIT_MS)
        started = time.monotonic()
        driver.check()
        assert time.monotonic() - started < 2
        assert busy == [True]
        assert timedelta(milliseconds=driver.timer.interval()) == BUSY_RETRY
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    driver.check()
    assert recovered == [True]
    driver.stop()
