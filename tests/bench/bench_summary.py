"""Weekly summary budgets on a 20,000-request history: the figures in-process, the whole
`promptly summary` process, and opening the window (Qt's chart module imported on the way)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.clock import FixedClock
from app.service import Promptly
from app.summary import IsoWeek, summarize, weekly_summary, window
from tests.bench.dataset import NOW, large_database
from tests.bench.figures import Figure, median_ms
from tests.cli.proc import isolated_env, run_promptly

WEEK = "2026-W47"  # the last complete week before the dataset's "now"

# Run in a fresh interpreter, so that the chart module's import is part of the time.
_WINDOW_PROBE = """
import sys, time
from datetime import datetime
from PySide6.QtWidgets import QApplication
from app.clock import FixedClock
from app.service import Promptly
from ui.controller import Controller

app = QApplication([])
core = Promptly.open(sys.argv[1], FixedClock(datetime.fromisoformat(sys.argv[2])))
core.settings
controller = Controller(core)
start = time.perf_counter()
from ui.summary_window import SummaryWindow
window = SummaryWindow(controller)
window.show_week(sys.argv[3])
app.processEvents()
print((time.perf_counter() - start) * 1000)
"""


def run() -> list[Figure]:
    path = large_database()
    core = Promptly.open(str(path), FixedClock(NOW))
    weekly_summary(core, WEEK)  # warm the OS file cache
    whole = median_ms(lambda: weekly_summary(core, WEEK), repeat=7)
    settings = core.settings
    week = IsoWeek.parse(WEEK)
    start, end = window(week, settings.zone, NOW)

    def load_window():
        return core.requests_for_summary(start, end)

    requests, records = load_window()
    load = median_ms(load_window, repeat=7)
    calendar = settings.calendar()
    compute = median_ms(lambda: summarize(requests, records=records, week=week, now=NOW, zone=settings.zone,
                                          calendar=calendar, ladder=settings.ladder), repeat=7)
    core.close()

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "promptly.db"
        shutil.copyfile(path, copy)
        runtime = Path(tmp) / "run"
        runtime.mkdir()
        env = isolated_env(runtime, PROMPTLY_DB=str(copy), PROMPTLY_NOW=NOW.isoformat())
        process = []
        for _ in range(6):
            began = time.perf_counter()
            done = run_promptly(["summary", "--week", WEEK, "--json"], env)
            process.append((time.perf_counter() - began) * 1000)
            if done.returncode != 0:
                raise RuntimeError(done.stderr)
        env_gui = dict(env, QT_QPA_PLATFORM="offscreen")
        root = Path(__file__).resolve().parents[2]
        opens = []
        for _ in range(4):
            done = subprocess.run([sys.executable, "-c", _WINDOW_PROBE, str(copy), NOW.isoformat(), WEEK],
                                  env=env_gui, cwd=root, capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                raise RuntimeError(done.stderr)
            opens.append(float(done.stdout.strip().splitlines()[-1]))

    return [
        Figure(f"summary of a week, 20,000-request history ({len(requests):,} loaded)", whole, 50),
        Figure("  of which loading the 8-week window", load, 50),
        Figure("  of which computing the figures", compute, 50),
        Figure("`promptly summary --json` whole process", statistics.median(process[1:]), 450),
        Figure("open the summary window (QtCharts import included)", statistics.median(opens[1:]), 300),
    ]
