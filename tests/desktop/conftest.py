"""A real desktop session for the tests marked `desktop`, started once per test session:

    dbus-run-session (a private session bus) + Xvfb (a free display) + trayer (an XEmbed tray)
    + dunst (a notification daemon, read back with `dunstctl history`)

Subprocesses get DISPLAY, DBUS_SESSION_BUS_ADDRESS, QT_QPA_PLATFORM=xcb (overriding the suite's
offscreen), and a private HOME and XDG_RUNTIME_DIR, so nothing touches a developer's desktop.
Without the Debian packages (`make desktop-deps` installs them as root) the tests are skipped,
saying which binaries are missing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARIES = ("dbus-run-session", "Xvfb", "trayer", "dunst", "dunstctl", "xwininfo", "xdotool")
START_TIMEOUT = 15.0


def missing_binaries() -> list[str]:
    return [name for name in BINARIES if shutil.which(name) is None]


def wait_for(condition, timeout: float = START_TIMEOUT, what: str = "condition"):
    """Poll a condition of another process (a window, a file); the test's own clock is not involved."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.05)


@dataclass
class Desktop:
    root: Path
    env: dict[str, str]
    processes: list[subprocess.Popen] = field(default_factory=list)

    def run(self, *args: str, env: dict[str, str] | None = None, timeout: float = 30, **kwargs):
        return subprocess.run(args, env={**self.env, **(env or {})}, capture_output=True, text=True,
                              timeout=timeout, **kwargs)

    def spawn(self, *args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(args, env={**self.env, **(env or {})}, **kwargs)
        self.processes.append(process)
        return process

    def window_ids(self, name: str) -> list[str]:
        found = self.run("xdotool", "search", "--onlyvisible", "--name", name)
        return found.stdout.split()

    def tray_tree(self) -> str:
        """trayer's window tree: an embedded icon is a child window of the panel."""
        ids = self.run("xdotool", "search", "--class", "trayer").stdout.split()
        return "\n".join(self.run("xwininfo", "-tree", "-id", wid).stdout for wid in ids)

    def notifications(self) -> list[dict[str, str]]:
        """Everything dunst showed: close all (moving them to history), then read the history."""
        self.run("dunstctl", "close-all")
        history = json.loads(self.run("dunstctl", "history").stdout or '{"data": [[]]}')
        return [{key: value.get("data") for key, value in item.items()}
                for item in history["data"][0]]

    def clear_notifications(self) -> None:
        self.run("dunstctl", "close-all")
        self.run("dunstctl", "history-clear")

    def screenshot(self, path: Path) -> Path:
        self.run("import", "-window", "root", str(path))
        return path

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)  # our own process group only
                except (ProcessLookupError, PermissionError):
                    process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _start_bus(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """A private session bus that lives as long as this process: its address on stdout."""
    process = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", 'echo "$DBUS_SESSION_BUS_ADDRESS"; exec sleep 86400'],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    address = process.stdout.readline().strip()
    if not address:
        raise RuntimeError("dbus-run-session gave no bus address")
    return process, address


def _start_display(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """Xvfb on the first free display: it writes the number it took to the pipe."""
    read, write = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        env=env, pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        raise RuntimeError("Xvfb did not start")
    return process, f":{number}"


def _start_daemon(desktop: Desktop, args: tuple[str, ...], ready, what: str, tries: int = 3) -> None:
    """Start a session daemon and wait until it answers. Now and then, on a loaded machine, one
    gives up at start: it is started again, and its own words are in the error if none works."""
    log = desktop.root / f"{args[0]}.log"
    process = None
    started = 0

    def answering() -> bool:
        nonlocal process, started
        if (process is None or process.poll() is not None) and started < tries:
            process = desktop.spawn(*args, stdout=subprocess.DEVNULL, stderr=log.open("ab"),
                                    start_new_session=True)
            started += 1
        return bool(ready())

    try:
        wait_for(answering, what=what)
    except TimeoutError as exc:
        raise TimeoutError(f"{exc} (started {started}×); it said: {log.read_text()[-2000:]!r}") from None


def start_desktop(root: Path) -> Desktop:
    home = root / "home"
    runtime = root / "runtime"
    home.mkdir(parents=True)
    runtime.mkdir(mode=0o700)
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    base.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), XDG_CONFIG_HOME=str(home / ".config"),
                XDG_DATA_HOME=str(home / ".local/share"), QT_QPA_PLATFORM="xcb", TZ="UTC",
                PYTHONPATH=str(ROOT), NO_AT_BRIDGE="1")
    desktop = Desktop(root, base)
    try:
        bus, address = _start_bus(base)
        desktop.processes.append(bus)
        display_process, display = _start_display(base)
        desktop.processes.append(display_process)
        desktop.env.update(DISPLAY=display, DBUS_SESSION_BUS_ADDRESS=address)
        _start_daemon(desktop, ("trayer", "--edge", "top", "--align", "right", "--widthtype",
                                "request", "--height", "24", "--transparent", "false", "--tint",
                                "0xdddddd", "--SetDockType", "true"),
                      lambda: desktop.run("xdotool", "search", "--class", "trayer").stdout.strip(),
                      "trayer's panel")
        _start_daemon(desktop, ("dunst",),
                      lambda: desktop.run("dunstctl", "is-paused").returncode == 0, "dunst on the bus")
    except BaseException:
        desktop.stop()
        raise
    return desktop


@pytest.fixture(scope="session")
def desktop(tmp_path_factory) -> Iterator[Desktop]:
    missing = missing_binaries()
    if missing:
        pytest.skip(f"the desktop session needs {', '.join(missing)}; install them with "
                    "`make desktop-deps` (as root)")
    if not sys.platform.startswith("linux"):
        pytest.skip("the desktop session is built from X11 tools: Linux only")
    desktop = start_desktop(tmp_path_factory.mktemp("desktop"))
    yield desktop
    desktop.stop()
