"""Error text meets WCAG AA (4.5:1) against the window colour, in a light and a dark palette:
the ratio is computed from the palette the widget really has."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ui.colours import AA, contrast
from ui.quick_add import QuickAddDialog
from ui.settings.page import note, plain
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)

PALETTES = {"light": ("#efefef", "#1f1f1f"), "dark": ("#2d2d30", "#e8e8e8")}


@pytest.fixture(params=sorted(PALETTES))
def palette(request, qapp):
    window, text = PALETTES[request.param]
    old = QApplication.palette()
    new = QPalette(old)
    new.setColor(QPalette.ColorRole.Window, QColor(window))
    new.setColor(QPalette.ColorRole.WindowText, QColor(text))
    QApplication.setPalette(new)
    yield new
    QApplication.setPalette(old)


def text_colour(label) -> QColor:
    label.ensurePolished()
    return label.palette().color(QPalette.ColorRole.WindowText)


def test_quick_add_errors_are_readable(qtbot, controller, palette):
    dialog = QuickAddDialog(controller)
    qtbot.addWidget(dialog)
    dialog.present()
    qtbot.keyClick(dialog.line, "\r")  # nothing typed: an error
    assert dialog.error_label.text()
    ratio = contrast(text_colour(dialog.error_label), palette.color(QPalette.ColorRole.Window))
    assert ratio >= AA, f"{ratio:.1f}:1"


@pytest.mark.parametrize("ok", [False, True])
def test_settings_notes_are_readable(qtbot, palette, ok):
    label = plain()
    qtbot.addWidget(label)
    note(label, "Saved Kim." if ok else "not an e-mail address", ok=ok)
    ratio = contrast(text_colour(label), palette.color(QPalette.ColorRole.Window))
    assert ratio >= AA, f"{ratio:.1f}:1"
