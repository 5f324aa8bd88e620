"""Fixtures for the window tests: a Controller over the `core` fixture (real SQLite file, FakeClock),
QSettings in a temporary directory, and an `xdg-open` that catches `mailto:` URLs instead of a mail app."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl

from ui.controller import Controller


@pytest.fixture
def controller(qapp, core):
    ctl = Controller(core)
    ctl.errors = []
    ctl.error.connect(ctl.errors.append)
    return ctl


@pytest.fixture(autouse=True)
def settings_dir(tmp_path, qapp):
    """Window geometry and filters go to a temporary directory, never the developer's config."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings("Promptly", "Promptly").clear()
    return tmp_path / "qsettings"


class XdgOpen:
    """A stand-in `xdg-open` first on PATH: it notes each URL and exits with `code`, saying `says`."""

    def __init__(self, folder: Path, code: int = 0, says: str = "") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / "opened.txt"
        script = folder / "xdg-open"
        script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{self.log}'\n"
                          f"{f'echo {shlex.quote(says)} >&2' if says else ''}\nexit {code}\n")
        script.chmod(0o755)

    @property
    def urls(self) -> list[QUrl]:
        if not self.log.exists():
            return []
        return [QUrl.fromEncoded(line.encode("ascii")) for line in self.log.read_text().splitlines()]


@pytest.fixture
def mail_app(tmp_path, monkeypatch):
    """A desktop whose mail app opens whatever xdg-open is given."""
    opener = XdgOpen(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    return opener


@pytest.fixture
def no_mail_app(tmp_path, monkeypatch):
    """A desktop with no mail program: xdg-open fails the way it does on a bare Debian."""
    opener = XdgOpen(tmp_path / "bin", code=3,
                     says="xdg-open: no method available for opening 'mailto:'")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    return opener
