"""Idle cost: the real tray app in a real session (Xvfb + trayer + dunst) with 500 open requests
counting down, left alone for 60 s. CPU from /proc/<pid>/stat (utime + stime) of the app process.

What runs while idle: one single-shot timer for the next prompt, one for the tray's next visible
change, a 60 s heartbeat and the 1.5 s database-version poll.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from app.domain.model import Direction
from app.domain.commands import NewRequest
from app.service import Promptly
from app.settings import Settings
from tests.bench.dataset import NOW, PEOPLE, TITLES
from tests.bench.figures import Figure, session_unavailable
from tests.conftest import FakeClock
from tests.desktop.conftest import start_desktop, wait_for

OPEN = 500
IDLE_SECONDS = 60
SETTLE_SECONDS = 3  # let the first prompts fire and the windows settle before measuring


def _database(path: Path) -> None:
    core = Promptly.open(str(path), FakeClock(NOW - timedelta(hours=2)))
    core.save_settings(Settings(timezone="UTC"))
    for i in range(OPEN):
        # promises spread over the next days, a few within the hour, so countdowns keep moving
        promised = NOW + timedelta(minutes=7 + i * 13)
        core.add(NewRequest(Direction.RECEIVED if i % 2 else Direction.MADE, PEOPLE[i % len(PEOPLE)],
                            TITLES[i % len(TITLES)], promised_at=promised))
    core.close()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def run() -> list[Figure]:
    if session_unavailable():
        return []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db, report = root / "promptly.db", root / "report.json"
        _database(db)
        desktop = start_desktop(root / "session")
        try:
            app = desktop.spawn(sys.executable, "-m", "ui", env={
                "PROMPTLY_DB": str(db), "PROMPTLY_NOW": NOW.isoformat(), "PROMPTLY_STARTUP_REPORT": str(report),
            }, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_for(report.exists, what="the app's start-up report")
            time.sleep(SETTLE_SECONDS)
            before, started = _cpu_seconds(app.pid), time.monotonic()
            time.sleep(IDLE_SECONDS)
            used, elapsed = _cpu_seconds(app.pid) - before, time.monotonic() - started
        finally:
            desktop.stop()
    return [
        Figure(f"CPU while idle, {OPEN} open requests counting down ({IDLE_SECONDS} s)",
               used / elapsed * 100, 0.5, "%"),
    ]
