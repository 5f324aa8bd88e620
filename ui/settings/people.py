"""People: e-mail addresses for follow-ups and whom to involve when a request stalls. Each person
is saved with its own button: people live in their own table, not in the settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from app.domain.model import Person
from app.mail import valid_address
from app.settings import Settings
from ui.controller import Controller
from ui.settings.page import SettingsPage, note, plain


class PeoplePage(SettingsPage):
    key = "people"

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller, self.tr("People"),
                         self.tr("E-mail addresses for follow-ups, and whom to involve when a request stalls."))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("E-mail"), self.tr("Escalation contact")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(1, 200)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selected)
        self.box.addWidget(self.table, 1)
        form = QFormLayout()
        self.box.addLayout(form)
        self.name = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("name@example.org"))
        self.contact = QComboBox()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Escalation contact"), self.contact)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save person"))
        self.save_button.clicked.connect(self.save)
        new = QPushButton(self.tr("New person"))
        new.clicked.connect(self.new)
        self.note = plain()
        row.addWidget(self.save_button)
        row.addWidget(new)
        row.addWidget(self.note, 1)
        self.box.addLayout(row)
        self.editing: Person | None = None
        self.listed: list[Person] = []
        self.finish(stretch=False)

    def load(self, settings: Settings) -> None:
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.listed = self.core.people()
        by_id = {p.id: p for p in self.listed}
        self.table.setRowCount(len(self.listed))
        for row, person in enumerate(self.listed):
            contact = by_id.get(person.escalation_contact_id)
            for column, text in enumerate((person.name, person.email or "", contact.name if contact else "")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                self.table.setItem(row, column, item)
        self.contact.clear()
        self.contact.addItem(self.tr("(nobody)"), None)
        for person in self.listed:
            self.contact.addItem(person.name, person.id)
        chosen = next((row for row, p in enumerate(self.listed) if p.id == select), None)
        if chosen is None:
            self.new()
            return
        # selecting the row that is already selected emits nothing: fill the form directly,
        # or the refilled contact box stays at "(nobody)" and the next save wipes the contact
        self.table.blockSignals(True)
        self.table.selectRow(chosen)
        self.table.blockSignals(False)
        self._show(self.listed[chosen])

    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if rows:
            self._show(self.listed[rows.pop()])

    def _show(self, person: Person) -> None:
        self.editing = person
        self.name.setText(person.name)
        self.email.setText(person.email or "")
        self.contact.setCurrentIndex(max(self.contact.findData(person.escalation_contact_id), 0))
        self.note.setText("")

    def new(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.name.clear()
        self.email.clear()
        self.contact.setCurrentIndex(0)
        self.name.setFocus()

    def save(self) -> Person | None:
        email = self.email.text().strip()
        contact = self.contact.currentData()
        editing = self.editing
        if email and not valid_address(email):
            note(self.note, self.tr("“{email}” is not an e-mail address like dana@example.org.")
                 .format(email=email), ok=False)
            return None
        if editing is not None and contact == editing.id:
            note(self.note, self.tr("A person cannot be their own escalation contact."), ok=False)
            return None
        person = Person(self.name.text(), email or None, contact, editing.id if editing else None)
        outcome = self.controller.attempt(self.core.save_person, person)
        if not outcome.ok:
            note(self.note, outcome.message, ok=False)
            return None
        saved = outcome.value
        self.reload(select=saved.id)
        note(self.note, self.tr("Saved {name}.").format(name=saved.name), ok=True)
        return saved
