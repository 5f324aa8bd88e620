"""Window budgets: quick-add from trigger to visible-and-focused, and the request list over
10,000 requests (load, scroll by a page, a countdown tick).

Runs on the real display when $DISPLAY is set (xcb), else offscreen.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from tests.bench.dataset import NOW, copy_of_large_database
from tests.bench.figures import Figure, median_ms

ROWS = 10_000


def _app():
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _quick_add_open(app, controller) -> tuple[float, float]:
    """(first open, which maps the window; median of the later opens)."""
    from ui.quick_add import QuickAddDialog

    from PySide6.QtWidgets import QLineEdit

    dialog = QuickAddDialog(controller)
    other = QLineEdit()  # the window the user was typing in when they pressed the shortcut
    other.show()
    samples = []
    for _ in range(15):
        dialog.hide()
        other.activateWindow()
        other.setFocus()
        deadline = time.perf_counter() + 2.0
        while not other.hasFocus() and time.perf_counter() < deadline:
            app.processEvents()
        start = time.perf_counter()
        dialog.present()
        deadline = start + 2.0
        while not (dialog.isVisible() and dialog.line.hasFocus()) and time.perf_counter() < deadline:
            app.processEvents()
        samples.append((time.perf_counter() - start) * 1000)
    dialog.hide()
    other.close()
    return samples[0], statistics.median(samples[1:])  # the first show maps the window once


def _list_figures(app, controller) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    from ui.request_list import RequestListWindow
    from ui.request_model import STATE_ALL

    window = RequestListWindow(controller)
    window.resize(1000, 700)
    window.show()
    app.processEvents()
    open_ms = median_ms(window.reload, repeat=5)
    open_rows = window.proxy.rowCount()
    window.state_box.setCurrentIndex(window.state_box.findData(STATE_ALL))
    app.processEvents()
    store_ms = median_ms(lambda: controller.core.requests(with_history=False), repeat=3)
    reload_ms = median_ms(window.reload, repeat=3)
    rows = window.proxy.rowCount()
    bar = window.table.verticalScrollBar()
    step = max(1, bar.pageStep())
    samples = []
    value = 0
    for _ in range(200):
        value = (value + step) % max(1, bar.maximum())
        start = time.perf_counter()
        bar.setValue(value)
        window.table.viewport().repaint()  # paint now, as a scroll frame would
        samples.append((time.perf_counter() - start) * 1000)
    scroll_ms = statistics.median(samples)
    worst_ms = sorted(samples)[int(len(samples) * 0.95)]
    tick_ms = median_ms(lambda: (window.tick(), window.table.viewport().repaint()), repeat=15)
    search_ms = median_ms(lambda: (window.search.setText("invoice"), window.search.clear()), repeat=5) / 2
    window.close()
    QApplication.processEvents()
    return [
        Figure(f"list: load the {open_rows:,} open requests (default filter)", open_ms, 200),
        Figure(f"list: load all {rows:,} requests", reload_ms, 1000),
        Figure(f"  of which store.requests({rows:,}, no history)", store_ms, 1000),
        Figure(f"list: scroll one page over {rows:,} rows (median)", scroll_ms, 16),
        Figure(f"list: scroll one page over {rows:,} rows (95th percentile)", worst_ms, 33),
        Figure("list: countdown tick (dataChanged + repaint)", tick_ms, 16),
        Figure(f"list: search over {rows:,} rows", search_ms, 50),
    ]


def run() -> list[Figure]:
    app = _app()
    from PySide6.QtCore import QSettings

    from app.clock import FixedClock
    from app.service import Promptly
    from ui.controller import Controller

    with tempfile.TemporaryDirectory() as tmp:
        # Never touch the user's remembered window geometry.
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        path = copy_of_large_database(Path(tmp) / "bench.db", total=ROWS, open_=2_000)
        core = Promptly.open(str(path), FixedClock(NOW))
        controller = Controller(core)
        first, usual = _quick_add_open(app, controller)
        figures = [Figure("quick-add: trigger → visible and focused (median)", usual, 50),
                   Figure("quick-add: first open after start (maps the window)", first, 50)]
        figures += _list_figures(app, controller)
        core.close()
    return figures
