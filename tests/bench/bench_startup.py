"""Tray start-up with a 20,000-request database, measured on the real app in a real session
(Xvfb + trayer + dunst, as the desktop tests use).

- icon shown: from spawning the process to QSystemTrayIcon.show() returning, against a bare
  PySide6 tray icon started the same way in the same session (a ratio: the machine cancels out);
- ready: from spawning to data loaded and the scheduler armed;
- resident memory once ready.

The app writes these (monotonic clock, shared by every process on Linux) to the file named by
PROMPTLY_STARTUP_REPORT and quits (PROMPTLY_QUIT_AFTER_START).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.dataset import NOW, copy_of_large_database
from tests.bench.figures import Figure, session_unavailable
from tests.desktop.conftest import start_desktop

RUNS = 5

BARE_TRAY = """
import json, sys, time
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
app = QApplication(["bare"])
pixmap = QPixmap(22, 22)
pixmap.fill(QColor("#2f7d6d"))
icon = QSystemTrayIcon(QIcon(pixmap))
icon.show()
shown = time.monotonic()
open(sys.argv[1], "w").write(json.dumps({"icon_shown": shown}))
"""


def _launch(desktop, args: list[str], report: Path, env: dict[str, str]) -> dict:
    report.unlink(missing_ok=True)
    started = time.monotonic()
    process = desktop.spawn(*args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = process.communicate(timeout=60)
    if not report.exists():
        raise RuntimeError(f"{args[-1]} wrote no report: {err.decode()[-2000:]}")
    figures = json.loads(report.read_text())
    figures["spawned"] = started
    return figures


def run() -> list[Figure]:
    if session_unavailable():
        return []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = copy_of_large_database(root / "promptly.db")
        desktop = start_desktop(root / "session")
        try:
            report = root / "report.json"
            env = {"PROMPTLY_DB": str(db), "PROMPTLY_NOW": NOW.isoformat(),
                   "PROMPTLY_STARTUP_REPORT": str(report), "PROMPTLY_QUIT_AFTER_START": "1"}
            app = [sys.executable, "-m", "ui"]
            bare = [sys.executable, "-c", BARE_TRAY, str(report)]
            # The first start fires the prompts that fell due while the data set "was closed";
            # the figures are for an everyday start. Both warm the OS file cache.
            _launch(desktop, app, report, env)
            _launch(desktop, bare, report, env)
            apps, bares = [], []
            for _ in range(RUNS):  # interleaved, so a busy moment hurts both alike
                apps.append(_launch(desktop, app, report, env))
                bares.append(_launch(desktop, bare, report, env))
        finally:
            desktop.stop()

    def median(samples: list[dict], key: str) -> float:
        return statistics.median(s[key] - s["spawned"] for s in samples)

    icon_app = median(apps, "icon_shown")
    icon_bare = median(bares, "icon_shown")
    ready = median(apps, "ready")
    rss = statistics.median(s["rss_mib"] for s in apps)
    embedded = all(s["tray_available"] for s in apps)
    return [
        Figure("tray icon shown: app / bare PySide6 tray icon", icon_app / icon_bare, 1.6, "×"),
        Figure(f"  (app {icon_app * 1000:.0f} ms, bare {icon_bare * 1000:.0f} ms; tray available: {embedded})",
               icon_app * 1000, icon_bare * 1.6 * 1000),
        Figure("ready (20,000 requests loaded, scheduler armed)", ready * 1000, 800),
        Figure("resident memory once ready", rss, 85, "MiB"),
    ]
