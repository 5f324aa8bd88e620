"""The quick-add key from another program: the running app grabs it on the X display, xdotool presses it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from app.service import Promptly
from app.settings import Settings
from tests.conftest import FakeClock
from tests.desktop.conftest import Desktop, wait_for

pytestmark = pytest.mark.desktop

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def start(desktop: Desktop, root, shortcut: str) -> tuple[subprocess.Popen, dict]:
    db, report = root / "promptly.db", root / "report.json"
    core = Promptly.open(str(db), FakeClock(NOW))
    core.save_settings(Settings(timezone="UTC", end_of_day_digest=False, weekly_summary_prompt=False,
                                global_shortcut=shortcut))
    core.close()
    process = desktop.spawn(sys.executable, "-m", "ui", env={
        "PROMPTLY_DB": str(db), "PROMPTLY_NOW": NOW.isoformat(), "PROMPTLY_STARTUP_REPORT": str(report)},
        stdout=(root / "app.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True, cwd=root)
    wait_for(lambda: report.exists() or process.poll() is not None, what="the app's start-up report")
    assert process.poll() is None, (root / "app.log").read_text()
    return process, json.loads(report.read_text())


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


def test_the_quick_add_key_opens_quick_add_from_anywhere(desktop, tmp_path):
    process, report = start(desktop, tmp_path, "Ctrl+Alt+P")
    try:
        assert report["global_shortcut"] == "grabbed"
        assert desktop.window_ids("Quick add") == []
        # pressed on the root window, as in any other program: only the grab delivers it to Promptly
        desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+p")
        wait_for(lambda: desktop.window_ids("Quick add"), what="the quick-add dialog")
    finally:
        stop(process)


def test_a_key_another_program_holds_is_reported(desktop, tmp_path):
    from Xlib import X, XK
    from Xlib.display import Display

    # another program (this test) holds Ctrl+Alt+K first
    display = Display(desktop.env["DISPLAY"])
    keycode = display.keysym_to_keycode(XK.string_to_keysym("k"))
    display.screen().root.grab_key(keycode, X.ControlMask | X.Mod1Mask, True, X.GrabModeAsync, X.GrabModeAsync)
    display.sync()
    try:
        process, report = start(desktop, tmp_path, "Ctrl+Alt+K")
        stop(process)
        assert report["global_shortcut"] == "taken"
    finally:
        display.close()
