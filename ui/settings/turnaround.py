"""Turnaround: the usual turnaround times I publish to my team, per tag and a default, in
working hours; below, my department's (editable by a supervisor of its members, read-only for
others). Shown only in a team. Publishing talks to the team server off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import error_text
from app.settings import Settings
from ui.background import Background
from ui.controller import Controller
from ui.settings.page import SettingsPage, note, plain

MAX_HOURS = 2000


class _Table(QTableWidget):
    """Prefers room for a few rows, so both tables fit the dialog without scrolling; more
    space makes it grow."""

    ROWS = 4

    def sizeHint(self) -> QSize:
        rows = self.horizontalHeader().sizeHint().height() + self.ROWS * (
            self.verticalHeader().defaultSectionSize())
        return QSize(super().sizeHint().width(), rows + 2 * self.frameWidth())


class TimesEditor(QWidget):
    """A table of tag -> working hours with its buttons; read-only shows the table alone.
    Each editor publishes on its own worker (`job`), so both may be on their way at once."""

    def __init__(self, add: str, remove: str, publish: str) -> None:
        super().__init__()
        self.job = Background(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = _Table(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Tag"), self.tr("Working hours")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        box.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(add)
        self.remove_button = QPushButton(remove)
        self.publish_button = QPushButton(publish)
        self.add_button.clicked.connect(lambda: self._append("", ""))
        self.remove_button.clicked.connect(self._remove)
        self.note = plain()
        for widget in (self.add_button, self.remove_button, self.publish_button):
            row.addWidget(widget)
        row.addWidget(self.note, 1)
        box.addLayout(row)
        self.published: dict[str, float] = {}
        self.editable = True

    def show_times(self, hours: dict[str, float], editable: bool = True) -> None:
        self.published, self.editable = dict(hours), editable
        self.table.setRowCount(0)
        for tag, value in sorted(hours.items()):
            self._append(tag, f"{value:g}")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if editable
                                   else QAbstractItemView.EditTrigger.NoEditTriggers)
        for button in (self.add_button, self.remove_button, self.publish_button):
            button.setVisible(editable)

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


class TurnaroundPage(SettingsPage):
    key = "turnaround"

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller, self.tr("Turnaround"), self.tr(
            "What you usually need, in working hours, so that colleagues asking you see it and "
            "get it as the suggested time. Leave the tag empty for your default."))
        self.mine = TimesEditor(self.tr("&Add row"), self.tr("&Remove row"), self.tr("&Publish"))
        self.mine.publish_button.clicked.connect(lambda: self.publish(self.mine))
        self.box.addWidget(self.mine, 1)
        # my department's times: what colleagues see for a tag I publish nothing for
        self.department_heading = plain(wrap=False)
        font = self.department_heading.font()
        font.setBold(True)
        self.department_heading.setFont(font)
        self.department_choice = QComboBox()
        self.department_choice.currentIndexChanged.connect(self._show_department)
        self.department_intro = plain()
        self.department = TimesEditor(self.tr("Add ro&w"), self.tr("Remo&ve row"),
                                      self.tr("Publish for the &department"))
        self.department.publish_button.clicked.connect(lambda: self.publish(self.department))
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 12, 0, 0)  # apart from my own times above
        heading.addWidget(self.department_heading)
        heading.addWidget(self.department_choice, 1)
        self.box.addLayout(heading)
        self.box.addWidget(self.department_intro)
        self.box.addWidget(self.department, 1)
        self.departments: list[tuple[str, bool, dict[str, float]]] = []
        self.finish(stretch=False)

    def load(self, settings: Settings) -> None:
        self.mine.show_times(self.core.my_turnarounds())
        shown = self.department_choice.currentText()
        self.departments = self.core.department_turnarounds()
        names = [name for name, _, _ in self.departments]
        self.department_choice.blockSignals(True)
        self.department_choice.clear()
        self.department_choice.addItems(names)
        self.department_choice.setCurrentIndex(names.index(shown) if shown in names else 0)
        self.department_choice.blockSignals(False)
        # a choice only for whoever sees more than one (a supervisor of several departments)
        self.department_choice.setVisible(len(names) > 1)
        for widget in (self.department_heading, self.department_intro, self.department):
            widget.setVisible(bool(names))
        self._show_department()

    def _show_department(self) -> None:
        index = self.department_choice.currentIndex()
        if not 0 <= index < len(self.departments):
            return
        name, editable, hours = self.departments[index]
        several = len(self.departments) > 1  # then the choice beside it names the department
        self.department_heading.setText(self.tr("Department") if several
                                        else self.tr("Department: {0}").format(name))
        self.department_intro.setText(self.tr(
            "Colleagues asking a member of {0} see these times for a tag the member publishes "
            "nothing for; the row without a tag is the default. You may publish them: you "
            "supervise members of {0}.").format(name)
            if editable else self.tr(
            "Colleagues asking a member of {0} see these times for a tag the member publishes "
            "nothing for; the row without a tag is the default. A supervisor of its members "
            "publishes them; you can read them here.")
            .format(name))
        self.department.show_times(hours, editable)
        self.department.note.clear()

    def publish(self, editor: TimesEditor) -> None:
        from app.team import turnaround

        wanted = editor.wanted()
        state = self.core.team_state()
        if wanted is None or not state:
            return
        send = turnaround.changes(editor.published, wanted)
        if not send:
            note(editor.note, self.tr("Nothing changed."), ok=True)
            return
        department = (self.department_choice.currentText() if editor is self.department
                      else None)
        editor.publish_button.setEnabled(False)
        note(editor.note, self.tr("Publishing…"), ok=True)
        url = state["url"]
        editor.job.run(lambda: turnaround.publish(url, send, department),  # the network
                       lambda rows, error: self._published(editor, rows, error),
                       name="publish-turnaround")

    def _published(self, editor: TimesEditor, rows: list | None,
                   error: BaseException | None) -> None:
        editor.publish_button.setEnabled(True)
        if rows is None:
            note(editor.note, self.tr("Not published: {0}").format(error_text(error)), ok=False)
            return
        self.core.remember_turnarounds(rows)
        # the published table afresh; the other table keeps what is being typed there
        if editor is self.mine:
            self.mine.show_times(self.core.my_turnarounds())
        else:
            self.departments = self.core.department_turnarounds()
            self._show_department()
        note(editor.note, self.tr("Published to your team."), ok=True)
