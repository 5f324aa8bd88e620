"""The Qt binding must not leak references to None: the tray app runs for days."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")  # returns None: a broken binding drops a reference each time
    assert sys.getrefcount(None) >= before - 50
