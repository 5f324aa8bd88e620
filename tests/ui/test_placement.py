"""Windows open entirely within their screen's available area, at any scale factor, and remember
their size per screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtWidgets import QWidget

from ui.placement import restore_geometry, save_geometry, screen_key
from ui.request_list import RequestListWindow
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]


def on_screen(window: QWidget) -> bool:
    return window.screen().availableGeometry().contains(window.frameGeometry())


def test_the_list_opens_within_the_screen_even_when_its_usual_size_is_larger(qtbot, controller):
    window = RequestListWindow(controller)  # 1000×560 by default; the offscreen screen is 800×600
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert on_screen(window)


def test_sizes_are_remembered_per_screen(qtbot, controller):
    first = RequestListWindow(controller)
    qtbot.addWidget(first)
    first.show()
    first.resize(620, 400)
    first.close()
    settings = QSettings("Promptly", "Promptly")
    assert any(k.endswith(screen_key(first.screen())) for k in settings.allKeys())
    # a size saved on another screen (a big monitor) is not used on this one
    for name in settings.allKeys():
        if name.endswith(screen_key(first.screen())):
            value = settings.value(name)
            settings.remove(name)
            settings.setValue(name.replace(screen_key(first.screen()), "HDMI_1_2560x1440_0_0"), value)
    second = RequestListWindow(controller)
    qtbot.addWidget(second)
    second.show()
    assert second.size() != QSize(620, 400) and on_screen(second)


def test_a_saved_geometry_larger_than_the_screen_is_shrunk_onto_it(qtbot):
    settings = QSettings("Promptly", "Promptly")
    big = QWidget()
    qtbot.addWidget(big)
    big.show()
    big.resize(3000, 2000)
    big.move(-500, -300)
    save_geometry(big, settings, "test")
    again = QWidget()
    qtbot.addWidget(again)
    restore_geometry(again, settings, "test", QSize(300, 200))
    again.show()
    assert on_screen(again)


SCALED = """
import json, sys
from datetime import datetime, timezone
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from app.autostart import Autostart
from app.service import Promptly
from tests.conftest import FakeClock
from ui.controller import Controller
from ui.quick_add import QuickAddDialog
from ui.request_list import RequestListWindow
from ui.settings import SettingsDialog
from ui.summary_window import SummaryWindow
from ui.welcome import WelcomeWindow
core = Promptly.open(sys.argv[1], FakeClock(datetime(2026, 11, 23, 10, tzinfo=timezone.utc)))
c = Controller(core)
out = {"dpr": app.primaryScreen().devicePixelRatio()}
for name, make in (("list", lambda: RequestListWindow(c)), ("summary", lambda: SummaryWindow(c)),
                   ("settings", lambda: SettingsDialog(c, autostart=Autostart("linux"))),
                   ("quick_add", lambda: QuickAddDialog(c)), ("welcome", lambda: WelcomeWindow(c))):
    window = make()
    getattr(window, "present", window.show)()
    app.processEvents()
    area, frame = window.screen().availableGeometry(), window.frameGeometry()
    out[name] = [area.x(), area.y(), area.width(), area.height(), frame.x(), frame.y(), frame.width(), frame.height()]
    window.hide()
print(json.dumps(out))
"""


@pytest.mark.slow
def test_at_scale_factor_2_every_window_fits_the_screen(tmp_path):
    """QT_SCALE_FACTOR is read when Qt starts: a process of its own, on one 1440×900 screen
    (720×450 logical pixels)."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [{"name": "Laptop", "x": 0, "y": 0, "width": 1440, "height": 900,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": str(ROOT),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCALED, str(tmp_path / "p.db")], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    assert found.pop("dpr") == 2
    assert found["list"][2:4] == [720, 450]  # the screen as configured, at scale factor 2
    def inside(x, y, w, h, fx, fy, fw, fh) -> bool:  # the frame within the available area
        return x <= fx and y <= fy and fx + fw <= x + w and fy + fh <= y + h

    assert {name for name, geometry in found.items() if not inside(*geometry)} == set(), found
