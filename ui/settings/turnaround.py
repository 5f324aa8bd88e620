"""Turnaround: the usual turnaround times I publish to my team, per tag and a default, in
working hours. Shown only in a team. Publishing talks to the team server off the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from app.settings import Settings
from ui.controller import Controller
from ui.settings.page import SettingsPage, note, plain

MAX_HOURS = 2000


class _Relay(QObject):
    """Carries the worker thread's answer to the GUI thread (a queued signal)."""

    done = Signal(object, str)  # the team's table or None, and an error message


class TurnaroundPage(SettingsPage):
    key = "turnaround"

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller, self.tr("Turnaround"), self.tr(
            "What you usually need, in working hours, so that colleagues asking you see it and "
            "get it as the suggested time. Leave the tag empty for your default."))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Tag"), self.tr("Working hours")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.box.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add row"))
        self.remove_button = QPushButton(self.tr("&Remove row"))
        self.publish_button = QPushButton(self.tr("&Publish"))
        self.add_button.clicked.connect(lambda: self._append("", ""))
        self.remove_button.clicked.connect(self._remove)
        self.publish_button.clicked.connect(self.publish)
        self.note = plain()
        for widget in (self.add_button, self.remove_button, self.publish_button):
            row.addWidget(widget)
        row.addWidget(self.note, 1)
        self.box.addLayout(row)
        self.relay = _Relay(self)
        self.relay.done.connect(self._published)
        self.published: dict[str, float] = {}
        self.finish(stretch=False)

    def load(self, settings: Settings) -> None:
        self.published = self.core.my_turnarounds()
        self.table.setRowCount(0)
        for tag, hours in sorted(self.published.items()):
            self._append(tag, f"{hours:g}")

    def _append(self, tag: str, hours: str) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        self.table.setItem(index, 0, QTableWidgetItem(tag))
        self.table.setItem(index, 1, QTableWidgetItem(hours))

    def _remove(self) -> None:
        index = self.table.currentRow()
        if index >= 0:
            self.table.removeRow(index)

    def wanted(self) -> dict[str, float] | None:
        """The table as tag -> hours; None (and the reason shown) when a row cannot be used."""
        found: dict[str, float] = {}
        for index in range(self.table.rowCount()):
            cells = [self.table.item(index, c) for c in (0, 1)]
            tag, hours = ((cell.text().strip() if cell else "") for cell in cells)
            tag = tag.lstrip("#").lower()
            if not tag and not hours:
                continue
            try:
                value = float(hours.replace(",", "."))
            except ValueError:
                value = 0.0
            if not 0 < value <= MAX_HOURS:
                note(self.note, self.tr("Row {0}: give the working hours, more than 0 and at most "
                                        "{1}").format(index + 1, MAX_HOURS), ok=False)
                return None
            if tag in found:
                note(self.note, self.tr("Row {0}: this tag is in the table twice")
                     .format(index + 1), ok=False)
                return None
            found[tag] = value
        return found

    def publish(self) -> None:
        from app.team import turnaround

        wanted = self.wanted()
        state = self.core.team_state()
        if wanted is None or not state:
            return
        send = turnaround.changes(self.published, wanted)
        if not send:
            note(self.note, self.tr("Nothing changed."), ok=True)
            return
        self.publish_button.setEnabled(False)
        note(self.note, self.tr("Publishing…"), ok=True)
        url, relay = state["url"], self.relay

        def work() -> None:  # the network, off the GUI thread
            try:
                relay.done.emit(turnaround.publish(url, send), "")
            except Exception as exc:  # noqa: BLE001 - said on the page; nothing was changed
                relay.done.emit(None, str(exc))

        threading.Thread(target=work, name="publish-turnaround", daemon=True).start()

    def _published(self, rows: list | None, error: str) -> None:
        self.publish_button.setEnabled(True)
        if rows is None:
            note(self.note, self.tr("Not published: {0}").format(error), ok=False)
            return
        self.core.remember_turnarounds(rows)
        self.load(self.core.settings)
        note(self.note, self.tr("Published to your team."), ok=True)
