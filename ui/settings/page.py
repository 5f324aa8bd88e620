"""What every settings page is: a titled widget that shows settings and collects its changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.settings import Settings
from ui.colours import ERROR, OK, text_style
from ui.controller import Controller


def plain(text: str = "", *, error: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if error:
        label.setStyleSheet(text_style(label, ERROR))
    return label


def note(label: QLabel, text: str, ok: bool) -> None:
    """A page's answer to a button: green when it worked, red when not."""
    label.setStyleSheet(text_style(label, OK if ok else ERROR))
    label.setText(text)


class SettingsPage(QWidget):
    """One page: `load(settings)` shows them, `collect()` returns the changes this page makes
    (Settings field -> value) or raises SettingsError naming the field, and `show_error` puts a
    refusal beside that field (or at the foot of the page when it has no place of its own)."""

    key = ""  # stable: object names, screenshots, SettingsDialog.show_page

    def __init__(self, controller: Controller, title: str, intro: str = "") -> None:
        super().__init__()
        self.controller = controller
        self.core = controller.core
        self.title = title
        self.setObjectName(f"page_{self.key}")
        self.box = QVBoxLayout(self)
        heading = plain(title, wrap=False)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        self.box.addWidget(heading)
        if intro:
            self.box.addWidget(plain(intro))
        self.error = self._error_label(f"error_{self.key}")
        self.field_errors: dict[str, QLabel] = {}

    def _error_label(self, name: str) -> QLabel:
        label = plain(error=True)
        label.setObjectName(name)
        label.hide()
        return label

    def field_error(self, field: str) -> QLabel:
        """A label for refusals of `field`; the page places it beside the field's widget."""
        label = self.field_errors[field] = self._error_label(f"error_{field}")
        return label

    def finish(self, stretch: bool = True) -> None:
        if stretch:  # pages without a growing list keep their fields at the top
            self.box.addStretch(1)
        self.box.addWidget(self.error)

    def load(self, settings: Settings) -> None:
        """Show `settings` (and whatever else the page shows)."""

    def collect(self) -> dict[str, Any]:
        """The changes this page makes to the settings; SettingsError when one cannot be used."""
        return {}

    def show_error(self, field: str | None, message: str) -> None:
        label = self.field_errors.get(field or "", self.error)
        label.setText(message)
        label.show()

    def clear_errors(self) -> None:
        for label in (self.error, *self.field_errors.values()):
            label.setText("")
            label.hide()
