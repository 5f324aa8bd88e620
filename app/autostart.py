"""Start Promptly at login: the platform's own login item, written and removed on request.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/<APP_ID>.desktop`.
- Windows: the value `Promptly` under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run.
- macOS: `~/Library/LaunchAgents/<APP_ID>.plist`, loaded by launchd at the next login.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

APP_ID = "org.promptly.Promptly"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Promptly"


class AutostartError(Exception):
    """The login item could not be written or removed; the message says where and why."""


def launch_command() -> list[str]:
    """How to start this Promptly again: the frozen executable, the installed script, or python -m."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.executable).with_name("promptly.exe" if os.name == "nt" else "promptly")
    if script.exists():
        return [str(script)]
    found = shutil.which("promptly")
    return [found] if found else [sys.executable, "-m", "ui"]


def desktop_exec(command: Sequence[str]) -> str:
    """The Exec= value: arguments quoted as the Desktop Entry spec asks, then escaped as a string."""
    reserved = set(' \t\n"\'\\><~|&;$*?#()`')
    parts = []
    for arg in command:
        if arg and not reserved & set(arg):
            quoted = arg
        else:
            quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        parts.append(quoted.replace("%", "%%"))
    return " ".join(parts).replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Promptly",
        "Comment=Keep the promises you make to co-workers",
        f"Exec={desktop_exec(command)}",
        "Icon=promptly",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


class Autostart:
    """The login item of one platform. `platform`, `environ` and `registry` are injectable so
    that each platform's item can be checked anywhere."""

    def __init__(self, platform: str = sys.platform, environ: Mapping[str, str] | None = None,
                 registry=None) -> None:
        self.platform = platform
        self.environ = os.environ if environ is None else environ
        self._registry = registry

    # -- where ----------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        if self.platform.startswith("win"):
            return "windows"
        if self.platform == "darwin":
            return "macos"
        return "xdg"

    def _home(self) -> Path:
        return Path(self.environ.get("HOME") or Path.home())

    def path(self) -> Path | None:
        """The file of the login item (None on Windows, where it is a registry value)."""
        if self.kind == "xdg":
            config = self.environ.get("XDG_CONFIG_HOME") or str(self._home() / ".config")
            return Path(config) / "autostart" / f"{APP_ID}.desktop"
        if self.kind == "macos":
            return self._home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
        return None

    def location(self) -> str:
        path = self.path()
        return str(path) if path else f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"

    @property
    def registry(self):
        if self._registry is None:
            import winreg  # only on Windows

            self._registry = winreg
        return self._registry

    # -- what -----------------------------------------------------------------------------

    def enabled(self) -> bool:
        if self.kind != "windows":
            return self.path().exists()
        reg = self.registry
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                reg.QueryValueEx(key, RUN_VALUE)
            return True
        except FileNotFoundError:
            return False

    def set(self, on: bool, command: Sequence[str] | None = None) -> None:
        if on:
            self.enable(command)
        else:
            self.disable()

    def enable(self, command: Sequence[str] | None = None) -> None:
        command = list(command or launch_command())
        try:
            if self.kind == "windows":
                reg = self.registry
                with reg.CreateKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    reg.SetValueEx(key, RUN_VALUE, 0, reg.REG_SZ, subprocess.list2cmdline(command))
                return
            path = self.path()
            path.parent.mkdir(parents=True, exist_ok=True)
            if self.kind == "macos":
                content = plistlib.dumps({
                    "Label": APP_ID,
                    "ProgramArguments": command,
                    "RunAtLoad": True,
                    "ProcessType": "Interactive",
                })
                path.write_bytes(content)
            else:
                path.write_text(desktop_entry(command), encoding="utf-8")
        except OSError as exc:
            raise AutostartError(f"cannot write the login item {self.location()}: "
                                 f"{exc.strerror or exc}; check that the folder is writable") from None

    def disable(self) -> None:
        try:
            if self.kind == "windows":
                reg = self.registry
                try:
                    with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                        reg.DeleteValue(key, RUN_VALUE)
                except FileNotFoundError:
                    pass  # not there: nothing to remove
                return
            self.path().unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(f"cannot remove the login item {self.location()}: "
                                 f"{exc.strerror or exc}") from None
