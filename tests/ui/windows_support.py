"""Fixtures for the window tests: a Controller over the `core` fixture (real SQLite file, FakeClock),
QSettings in a temporary directory, and a handler that catches `mailto:` URLs instead of a mail app."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QSettings, QUrl, Slot
from PySide6.QtGui import QDesktopServices

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


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def mail_app(qapp):
    """Qt's own URL-handler hook: openUrl("mailto:…") lands here, as it would in a mail client."""
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("mailto", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("mailto")
