"""The request list's File menu: export every request to a file, import a file written by export.

Both go through app.exchange (as `promptly export` / `promptly import` do) and the Controller; the
window says which file was written or read, and an import that fails says why in a message box:
nothing of that file was imported.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.exchange import export_file, import_file
from ui.controller import Controller
from ui.files import ask_open_path, ask_save_path

FORMATS = {".csv": "csv", ".ics": "ics", ".json": "json"}


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("ExchangeMenu", text, None, n)


class ExchangeMenu:
    """Adds File → Export… / Import… to `window` (a QMainWindow with `_action` and a status bar)."""

    def __init__(self, window: QMainWindow, controller: Controller) -> None:
        self.window = window
        self.controller = controller
        self.box: QMessageBox | None = None  # the last error shown, while open
        self.export_action = window._action(_tr("&Export requests…"), "Ctrl+Shift+E",
                                            lambda: self.export(), _tr("Write every request to a file"))
        self.import_action = window._action(_tr("&Import requests…"), "Ctrl+Shift+I",
                                            lambda: self.import_(), _tr("Add the requests of an exported file"))
        menu = window.menuBar().addMenu(_tr("&File"))
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)
        menu.addSeparator()
        menu.addAction(window.close_action)

    def export(self, path: str | None = None) -> Path | None:
        path = path or ask_save_path(
            self.window, _tr("Export requests"), "promptly-requests.json",
            _tr("JSON, everything with history (*.json);;CSV, one row per request (*.csv);;"
                "Calendar, open promises (*.ics)"))
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() not in FORMATS:
            target = target.with_name(target.name + ".json")
        fmt = FORMATS[target.suffix.lower()]
        outcome = self.controller.attempt(export_file, self.controller.core, fmt, target)
        if not outcome.ok:
            self._problem(_tr("Export failed"), _tr("Could not export to {0}.").format(target), outcome.message)
            return None
        text = _tr("Exported %n open promise(s) to {0}", outcome.value) if fmt == "ics" else \
            _tr("Exported %n request(s) to {0}", outcome.value)
        self.window.statusBar().showMessage(text.format(target))
        return target

    def import_(self, path: str | None = None) -> int | None:
        path = path or ask_open_path(self.window, _tr("Import requests"),
                                     _tr("Promptly exports (*.json *.csv);;All files (*)"))
        if not path:
            return None
        outcome = self.controller.attempt(import_file, self.controller.core, Path(path))
        if not outcome.ok:
            self._problem(_tr("Import failed"), _tr("Nothing was imported from {0}.").format(path), outcome.message)
            return None
        report = outcome.value
        text = _tr("Imported %n request(s) from {0}.", len(report.imported)).format(path)
        if report.skipped:
            text += " " + _tr("%n already here, skipped.", len(report.skipped))
        self.window.statusBar().showMessage(text)
        return len(report.imported)

    def _problem(self, title: str, text: str, reason: str) -> None:
        """In a box of its own, not only the status bar: a file's errors can be long."""
        self.box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                               self.window)
        self.box.setTextFormat(Qt.TextFormat.PlainText)  # file names and lines are shown as they are
        self.box.setInformativeText(reason)
        self.box.open()  # window-modal, not blocking
