"""The settings dialog: one window over the settings store the core and the CLI share.

Pages: General, Working hours (with holidays), Prompts (the ladder), People, Messages
(templates with a preview), Mail, Data. OK and Apply build a whole new `Settings`; a value the
core refuses is shown in place, on its page, with the reason, and nothing is saved. People are
saved one by one with their own button, because they live in their own table.
"""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import drafts, holidays
from app.autostart import Autostart, AutostartError
from app.domain.model import Direction, Person, PromptKind, Request
from app.mail import SECURITY, DEFAULT_PORTS, MailSettings, Message, valid_address
from app.paths import database_location
from app.policy.calendar import WEEKDAYS
from app.policy.ladder import Ladder
from app.secrets import Secrets, SecretsUnavailable
from app.settings import Settings, SettingsError, local_timezone_name
from app.storage.database import DatabaseError
from ui.controller import Controller
from ui.mail_sender import keyring_note, send_message

ERROR_STYLE = "color: #b3261e"
OK_STYLE = "color: #1b6e2e"
_SPAN = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})\s*$")
HOLIDAY_YEARS_AHEAD = 3  # how far a yearly holiday in an .ics file is expanded


def plain(text: str = "", *, error: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if error:
        label.setStyleSheet(ERROR_STYLE)
    return label


def spans_text(spans: list[list[str]]) -> str:
    return ", ".join(f"{start}–{end}" for start, end in spans)


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None, *,
                 autostart: Autostart | None = None, secrets: Secrets | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.core = controller.core
        self.autostart = autostart or Autostart()
        self.secrets = secrets or Secrets()
        self.mail_job = None
        self.setWindowTitle(self.tr("Promptly Settings"))
        self.resize(780, 560)

        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        self.nav.setSpacing(3)
        self.pages = QStackedWidget()
        self.page_index: dict[str, int] = {}
        self.page_errors: dict[str, QLabel] = {}
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Apply)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        layout.addWidget(self.buttons)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        self._build_general()
        self._build_hours()
        self._build_ladder()
        self._build_people()
        self._build_templates()
        self._build_mail()
        self._build_data()
        self.nav.setCurrentRow(0)
        self.load(self.core.settings)

    # -- page scaffolding -------------------------------------------------------------------

    def _page(self, key: str, title: str, intro: str = "") -> QVBoxLayout:
        page = QWidget()
        page.setObjectName(f"page_{key}")
        box = QVBoxLayout(page)
        heading = plain(title, wrap=False)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        box.addWidget(heading)
        if intro:
            box.addWidget(plain(intro))
        error = plain(error=True)
        error.setObjectName(f"error_{key}")
        error.hide()
        self.page_errors[key] = error
        self.page_index[key] = self.pages.addWidget(page)
        self.nav.addItem(title)
        self._current_box = box
        return box

    def _finish_page(self, box: QVBoxLayout, stretch: bool = True) -> None:
        if stretch:  # pages without a growing list keep their fields at the top
            box.addStretch(1)
        key = next(k for k, i in self.page_index.items() if i == self.pages.count() - 1)
        box.addWidget(self.page_errors[key])

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.page_index[key])

    # -- General ----------------------------------------------------------------------------

    def _build_general(self) -> None:
        box = self._page("general", self.tr("General"))
        form = QFormLayout()
        box.addLayout(form)
        self.direction_box = QComboBox()
        self.direction_box.addItem(self.tr("Received: I owe someone"), Direction.RECEIVED.value)
        self.direction_box.addItem(self.tr("Made: someone owes me"), Direction.MADE.value)
        form.addRow(self.tr("Quick add assumes"), self.direction_box)
        self.style_box = QComboBox()
        self.style_box.addItem(self.tr("Desktop notification and prompt window"), "native")
        self.style_box.addItem(self.tr("Prompt window only"), "window")
        form.addRow(self.tr("Prompts appear as"), self.style_box)
        self.digest_check = QCheckBox(self.tr("At the end of each working day, list what I still owe"))
        self.weekly_check = QCheckBox(self.tr("At the end of the working week, offer the weekly summary"))
        form.addRow(self.tr("Digests"), self.digest_check)
        form.addRow("", self.weekly_check)
        self.shortcut_edit = QKeySequenceEdit()
        self.shortcut_edit.setMaximumSequenceLength(1)
        clear = QPushButton(self.tr("None"))
        clear.clicked.connect(self.shortcut_edit.clear)
        row = QHBoxLayout()
        row.addWidget(self.shortcut_edit, 1)
        row.addWidget(clear)
        form.addRow(self.tr("Quick-add shortcut"), row)
        self.autostart_check = QCheckBox(self.tr("Start Promptly when I log in"))
        self.autostart_check.setToolTip(self.autostart.location())
        form.addRow(self.tr("Autostart"), self.autostart_check)
        self.zone_box = QComboBox()
        self.zone_box.setEditable(True)
        self.zone_box.addItem(self.tr("System time zone ({zone})").format(zone=local_timezone_name()), "")
        for name in sorted(available_timezones()):
            if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
                self.zone_box.addItem(name, name)
        form.addRow(self.tr("Time zone"), self.zone_box)
        self._finish_page(box)

    # -- Working hours and holidays ---------------------------------------------------------

    def _build_hours(self) -> None:
        box = self._page("hours", self.tr("Working hours"),
                         self.tr("Prompts wait for working time unless a request is urgent. "
                                 "Write hours like 09:00–17:00, or 08:00–12:00, 13:00–17:00 for a break. "
                                 "Leave a day empty for a day off."))
        grid = QGridLayout()
        box.addLayout(grid)
        locale = QLocale()
        self.hour_edits: dict[str, QLineEdit] = {}
        self.hour_errors: dict[str, QLabel] = {}
        for row, day in enumerate(WEEKDAYS):
            # Qt numbers days from Monday = 1, like the calendar's order
            grid.addWidget(plain(locale.dayName(row + 1), wrap=False), row, 0)
            edit = QLineEdit()
            edit.setObjectName(f"hours_{day}")
            edit.setPlaceholderText(self.tr("day off"))
            error = plain(error=True)
            grid.addWidget(edit, row, 1)
            grid.addWidget(error, row, 2)
            self.hour_edits[day] = edit
            self.hour_errors[day] = error
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        group = QGroupBox(self.tr("Holidays"))
        box.addWidget(group)
        holidays_box = QHBoxLayout(group)
        self.holiday_list = QListWidget()
        self.holiday_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        holidays_box.addWidget(self.holiday_list, 1)
        side = QVBoxLayout()
        holidays_box.addLayout(side)
        self.holiday_date = QDateEdit()
        self.holiday_date.setCalendarPopup(True)
        locale = QLocale()
        self.holiday_date.setDisplayFormat("yyyy-MM-dd" if locale.language() == QLocale.Language.C
                                          else locale.dateFormat(QLocale.FormatType.ShortFormat))
        self.holiday_date.setDate(QDate(self.core.settings.calendar().local(self.core.now()).date()))
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(lambda: self.add_holidays([self.holiday_date.date().toPython()]))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_selected_holidays)
        import_button = QPushButton(self.tr("Import calendar (.ics)…"))
        import_button.clicked.connect(self._choose_ics)
        self.holiday_note = plain()
        for widget in (self.holiday_date, add, remove, import_button, self.holiday_note):
            side.addWidget(widget)
        side.addStretch(1)
        self._finish_page(box)

    def add_holidays(self, days: list[date]) -> None:
        present = set(self.holidays())
        for day in sorted(set(days)):
            if day.isoformat() not in present:
                item = QListWidgetItem(QLocale().toString(QDate(day), QLocale.FormatType.LongFormat))
                item.setData(Qt.ItemDataRole.UserRole, day.isoformat())
                self.holiday_list.addItem(item)
        items = sorted((self.holiday_list.takeItem(0) for _ in range(self.holiday_list.count())),
                       key=lambda i: i.data(Qt.ItemDataRole.UserRole))
        for item in items:
            self.holiday_list.addItem(item)

    def remove_selected_holidays(self) -> None:
        for item in self.holiday_list.selectedItems():
            self.holiday_list.takeItem(self.holiday_list.row(item))

    def holidays(self) -> list[str]:
        return [self.holiday_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.holiday_list.count())]

    def _choose_ics(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import holidays"), str(Path.home()),
                                              self.tr("iCalendar files (*.ics);;All files (*)"))
        if path:
            self.import_holidays(path)

    def import_holidays(self, path: str) -> int:
        """Add the days of an .ics calendar; returns how many were new. Saved with OK/Apply."""
        today = self.core.settings.calendar().local(self.core.now()).date()
        try:
            found = holidays.import_ics(path, until=today.replace(year=today.year + HOLIDAY_YEARS_AHEAD))
        except holidays.HolidayImportError as exc:
            self.holiday_note.setStyleSheet(ERROR_STYLE)
            self.holiday_note.setText(str(exc))
            return 0
        before = len(self.holidays())
        self.add_holidays([h.day for h in found])
        added = len(self.holidays()) - before
        self.holiday_note.setStyleSheet("")
        self.holiday_note.setText(self.tr("%n new day(s) added from the calendar.", "", added))
        return added

    # -- Prompt ladder ----------------------------------------------------------------------

    def _build_ladder(self) -> None:
        box = self._page("prompts", self.tr("Prompts"),
                         self.tr("When each prompt of the ladder fires. Working minutes count only "
                                 "working hours; minutes are plain clock time."))
        form = QFormLayout()
        box.addLayout(form)
        working, clock = self.tr(" working min"), self.tr(" min")
        labels = {
            "response_window": (self.tr("Answer a request I received within"), working),
            "respond_lead": (self.tr("Remind me to answer, before that, by"), clock),
            "due_soon_lead": (self.tr("Warn me before a promise I gave is due by"), clock),
            "nudge_after": (self.tr("Nudge someone who has not answered after"), working),
            "escalate_after": (self.tr("Escalate when they still have not answered after"), working),
            "escalate_after_promise": (self.tr("Escalate when their promise is late by"), working),
        }
        self.ladder_spins: dict[str, QSpinBox] = {}
        for f in fields(Ladder):
            label, suffix = labels[f.name]
            spin = QSpinBox()
            spin.setObjectName(f"ladder_{f.name}")
            spin.setRange(0, 60 * 24 * 30)
            spin.setSuffix(suffix)
            spin.setAccelerated(True)
            form.addRow(label, spin)
            self.ladder_spins[f.name] = spin
        self._finish_page(box)

    # -- People -----------------------------------------------------------------------------

    def _build_people(self) -> None:
        box = self._page("people", self.tr("People"),
                         self.tr("E-mail addresses for follow-ups, and whom to involve when a request stalls."))
        self.people_table = QTableWidget(0, 3)
        self.people_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("E-mail"),
                                                     self.tr("Escalation contact")])
        self.people_table.horizontalHeader().setStretchLastSection(True)
        self.people_table.setColumnWidth(0, 160)
        self.people_table.setColumnWidth(1, 200)
        self.people_table.verticalHeader().hide()
        self.people_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people_table.itemSelectionChanged.connect(self._person_selected)
        box.addWidget(self.people_table, 1)
        form = QFormLayout()
        box.addLayout(form)
        self.person_name = QLineEdit()
        self.person_email = QLineEdit()
        self.person_email.setPlaceholderText(self.tr("name@example.org"))
        self.person_contact = QComboBox()
        form.addRow(self.tr("Name"), self.person_name)
        form.addRow(self.tr("E-mail"), self.person_email)
        form.addRow(self.tr("Escalation contact"), self.person_contact)
        row = QHBoxLayout()
        self.person_save = QPushButton(self.tr("Save person"))
        self.person_save.clicked.connect(self.save_person)
        new = QPushButton(self.tr("New person"))
        new.clicked.connect(self.new_person)
        self.person_note = plain()
        row.addWidget(self.person_save)
        row.addWidget(new)
        row.addWidget(self.person_note, 1)
        box.addLayout(row)
        self._editing_person: Person | None = None
        self.people: list[Person] = []
        self._finish_page(box, stretch=False)

    def reload_people(self, select: int | None = None) -> None:
        self.people = self.core.people()
        by_id = {p.id: p for p in self.people}
        self.people_table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            contact = by_id.get(person.escalation_contact_id)
            for column, text in enumerate((person.name, person.email or "", contact.name if contact else "")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                self.people_table.setItem(row, column, item)
        self.person_contact.clear()
        self.person_contact.addItem(self.tr("(nobody)"), None)
        for person in self.people:
            self.person_contact.addItem(person.name, person.id)
        if select is not None:
            for row, person in enumerate(self.people):
                if person.id == select:
                    self.people_table.selectRow(row)
        else:
            self.new_person()

    def _person_selected(self) -> None:
        rows = {i.row() for i in self.people_table.selectedItems()}
        if not rows:
            return
        person = self.people[rows.pop()]
        self._editing_person = person
        self.person_name.setText(person.name)
        self.person_email.setText(person.email or "")
        index = self.person_contact.findData(person.escalation_contact_id)
        self.person_contact.setCurrentIndex(max(index, 0))
        self.person_note.setText("")

    def new_person(self) -> None:
        self._editing_person = None
        self.people_table.clearSelection()
        self.person_name.clear()
        self.person_email.clear()
        self.person_contact.setCurrentIndex(0)
        self.person_name.setFocus()

    def save_person(self) -> Person | None:
        email = self.person_email.text().strip()
        contact = self.person_contact.currentData()
        editing = self._editing_person
        self.person_note.setStyleSheet(ERROR_STYLE)
        if email and not valid_address(email):
            self.person_note.setText(self.tr("“{email}” is not an e-mail address like dana@example.org.")
                                     .format(email=email))
            return None
        if editing is not None and contact == editing.id:
            self.person_note.setText(self.tr("A person cannot be their own escalation contact."))
            return None
        person = Person(self.person_name.text(), email or None, contact, editing.id if editing else None)
        outcome = self.controller.attempt(self.core.save_person, person)
        if not outcome.ok:
            self.person_note.setText(outcome.message)
            return None
        saved = outcome.value
        self.reload_people(select=saved.id)
        self.person_note.setStyleSheet(OK_STYLE)
        self.person_note.setText(self.tr("Saved {name}.").format(name=saved.name))
        return saved

    # -- Message templates ------------------------------------------------------------------

    def _build_templates(self) -> None:
        box = self._page("templates", self.tr("Messages"),
                         self.tr("The drafts Promptly writes for you. $name, $first_name, $title, "
                                 "$asked_on, $promised_for, $new_time, $escalation_name and $link are "
                                 "filled in; the first line may be “Subject: …”."))
        row = QHBoxLayout()
        self.template_kind = QComboBox()
        names = {
            "respond": self.tr("Reply with an ETA"),
            "due_soon": self.tr("Heads-up: need more time"),
            "overdue": self.tr("Apology and new time"),
            drafts.RENEGOTIATE: self.tr("Renegotiate the promise"),
            "nudge": self.tr("Courteous reminder"),
            "check_in": self.tr("Check in"),
            "escalate": self.tr("Escalate to their supervisor"),
        }
        for kind in drafts.KINDS:
            self.template_kind.addItem(names.get(kind, kind), kind)
        reset = QPushButton(self.tr("Reset to default"))
        reset.clicked.connect(self.reset_template)
        row.addWidget(self.template_kind, 1)
        row.addWidget(reset)
        box.addLayout(row)
        panes = QHBoxLayout()
        self.template_edit = QPlainTextEdit()
        self.template_edit.setTabChangesFocus(True)
        self.template_preview = QPlainTextEdit()
        self.template_preview.setReadOnly(True)
        self.template_preview.setObjectName("templatePreview")
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(plain(self.tr("Template")))
        left.addWidget(self.template_edit)
        right.addWidget(plain(self.tr("Preview")))
        right.addWidget(self.template_preview)
        panes.addLayout(left, 1)
        panes.addLayout(right, 1)
        box.addLayout(panes, 1)
        self.templates: dict[str, str] = {}
        self._template_shown = ""
        self.template_kind.currentIndexChanged.connect(self._show_template)
        self.template_edit.textChanged.connect(self._template_edited)
        self._finish_page(box, stretch=False)

    def _default_template(self, kind: str) -> str:
        try:
            return drafts.default_template(kind)
        except drafts.DraftError as exc:
            return str(exc)

    def _show_template(self) -> None:
        kind = self.template_kind.currentData()
        self._template_shown = ""
        self.template_edit.setPlainText(self.templates.get(kind) or self._default_template(kind))
        self._template_shown = kind
        self.update_preview()

    def _template_edited(self) -> None:
        kind = self._template_shown
        if not kind:
            return
        text = self.template_edit.toPlainText()
        if text == self._default_template(kind) or not text.strip():
            self.templates.pop(kind, None)
        else:
            self.templates[kind] = text
        self.update_preview()

    def reset_template(self) -> None:
        self.templates.pop(self.template_kind.currentData(), None)
        self._show_template()

    def update_preview(self) -> None:
        kind = self.template_kind.currentData()
        now = self.core.now()
        made = kind in drafts.kinds_for(Direction.MADE)
        lee = Person(self.tr("Lee Example"), "lee@example.org", id=-2)
        dana = Person(self.tr("Dana Example"), "dana@example.org", escalation_contact_id=-2, id=-1)
        sample = Request(Direction.MADE if made else Direction.RECEIVED, dana,
                         self.tr("the March invoice for the Berlin office"),
                         asked_at=now - timedelta(hours=3), promised_at=now + timedelta(hours=2))
        try:
            calendar = self.core.settings.calendar()
            note = drafts.draft(kind, sample, [lee, dana], now, calendar, self.templates,
                                new_time=now + timedelta(days=1))
        except drafts.DraftError as exc:
            self.template_preview.setPlainText(str(exc))
            return
        to = f"{note.to_name} <{note.to}>"
        lines = [self.tr("To: {to}").format(to=to)]
        if note.cc:
            lines.append(self.tr("Cc: {cc}").format(cc=f"{note.cc_name} <{note.cc}>"))
        lines.append(self.tr("Subject: {subject}").format(subject=note.subject))
        self.template_preview.setPlainText("\n".join(lines) + "\n\n" + note.body)

    # -- Mail -------------------------------------------------------------------------------

    def _build_mail(self) -> None:
        box = self._page("mail", self.tr("Mail"),
                         self.tr("Promptly can send a follow-up straight from a prompt. "
                                 "The password is kept only in the system keyring."))
        form = QFormLayout()
        box.addLayout(form)
        self.mail_host = QLineEdit()
        self.mail_host.setPlaceholderText("smtp.example.org")
        self.mail_port = QSpinBox()
        self.mail_port.setRange(1, 65535)
        self.mail_security = QComboBox()
        names = {"starttls": self.tr("STARTTLS"), "ssl": self.tr("SSL/TLS"),
                 "none": self.tr("None (unencrypted)")}
        for value in SECURITY:
            self.mail_security.addItem(names[value], value)
        self.mail_security.activated.connect(
            lambda _: self.mail_port.setValue(DEFAULT_PORTS[self.mail_security.currentData()]))
        self.mail_user = QLineEdit()
        self.mail_user.setPlaceholderText(self.tr("empty if the server needs no login"))
        self.mail_from = QLineEdit()
        self.mail_from.setPlaceholderText("kim@example.org")
        self.mail_from_name = QLineEdit()
        form.addRow(self.tr("SMTP server"), self.mail_host)
        form.addRow(self.tr("Port"), self.mail_port)
        form.addRow(self.tr("Security"), self.mail_security)
        form.addRow(self.tr("User name"), self.mail_user)
        form.addRow(self.tr("From address"), self.mail_from)
        form.addRow(self.tr("From name"), self.mail_from_name)
        self.mail_password = QLineEdit()
        self.mail_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.mail_password.setPlaceholderText(self.tr("type to store a new password"))
        store = QPushButton(self.tr("Store in keyring"))
        store.clicked.connect(self.store_password)
        forget = QPushButton(self.tr("Forget"))
        forget.clicked.connect(self.forget_password)
        self.password_buttons = (store, forget)
        row = QHBoxLayout()
        row.addWidget(self.mail_password, 1)
        row.addWidget(store)
        row.addWidget(forget)
        form.addRow(self.tr("Password"), row)
        self.keyring_label = plain()
        self.keyring_label.setObjectName("keyringState")
        form.addRow("", self.keyring_label)
        self.test_button = QPushButton(self.tr("Send a test message"))
        self.test_button.clicked.connect(self.send_test_message)
        self.mail_note = plain()
        self.mail_note.setObjectName("mailNote")
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.mail_note, 1)
        box.addLayout(row)
        self._finish_page(box)

    def mail_settings(self) -> MailSettings:
        """The account as typed; raises SettingsError with the reason."""
        values = dict(host=self.mail_host.text(), port=self.mail_port.value(),
                      security=self.mail_security.currentData(), user=self.mail_user.text(),
                      from_address=self.mail_from.text(), from_name=self.mail_from_name.text())
        return Settings(timezone="UTC", mail=values).mail_settings()

    def refresh_keyring_state(self) -> bool:
        state = self.secrets.state()
        self.keyring_label.setText(keyring_note(state))
        self.keyring_label.setStyleSheet("" if state.usable else ERROR_STYLE)
        for button in self.password_buttons:
            button.setEnabled(state.usable)
        self.mail_password.setPlaceholderText(
            self.tr("type to store a new password") if state.usable
            else self.tr("used for the test message only, never saved"))
        return state.usable

    def _mail_note(self, text: str, ok: bool) -> None:
        self.mail_note.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.mail_note.setText(text)

    def store_password(self) -> bool:
        password = self.mail_password.text()
        try:
            account = self.mail_settings()
        except SettingsError as exc:
            self._mail_note(str(exc), False)
            return False
        if not account.user or not password:
            self._mail_note(self.tr("Enter the user name and the password first."), False)
            return False
        try:
            self.secrets.set(account.keyring_account, password)
        except SecretsUnavailable as exc:
            self.keyring_label.setText(keyring_note(exc))
            self.keyring_label.setStyleSheet(ERROR_STYLE)
            self._mail_note(self.tr("The password was not stored."), False)
            return False
        self.mail_password.clear()
        self._mail_note(self.tr("The password is stored in the system keyring."), True)
        return True

    def forget_password(self) -> None:
        try:
            account = self.mail_settings()
            self.secrets.delete(account.keyring_account)
        except SettingsError as exc:
            self._mail_note(str(exc), False)
        except SecretsUnavailable as exc:
            self._mail_note(keyring_note(exc), False)
        else:
            self._mail_note(self.tr("The stored password is removed."), True)

    def send_test_message(self):
        """Save the settings (the account must be valid), then mail the from-address itself."""
        if not self.apply():
            return None
        account = self.core.settings.mail_settings()
        if not account.configured:
            self._mail_note(self.tr("Enter the SMTP server and the from address first."), False)
            return None
        message = Message(to=account.from_address, to_name=account.from_name,
                          subject=self.tr("Promptly test message"),
                          body=self.tr("This message shows that Promptly can send follow-ups "
                                       "through {host}.").format(host=account.host) + "\n")
        errors: list[str] = []
        self.controller.error.connect(errors.append)
        try:
            job = send_message(self.controller, message, parent=self,
                               password=self.mail_password.text() or None, secrets=self.secrets)
        finally:
            self.controller.error.disconnect(errors.append)
        if job is None:
            self._mail_note(errors[-1] if errors else self.tr("Nothing was sent."), False)
            return None
        self.test_button.setEnabled(False)
        self._mail_note(self.tr("Sending…"), True)
        job.finished.connect(self._test_finished)
        self.mail_job = job
        return job

    def _test_finished(self, ok: bool, text: str) -> None:
        self.test_button.setEnabled(True)
        if ok:
            self._mail_note(self.tr("Test message sent to {address}.")
                            .format(address=self.core.settings.mail_settings().from_address), True)
        else:
            self._mail_note(text, False)

    # -- Data -------------------------------------------------------------------------------

    def _build_data(self) -> None:
        box = self._page("data", self.tr("Data"),
                         self.tr("Everything Promptly knows is in one file."))
        data_file = self.core.data_file
        self.data_path = plain(str(data_file) if data_file else database_location())
        self.data_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.data_path)
        row = QHBoxLayout()
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.clicked.connect(self.open_data_folder)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        for button in (self.open_folder_button, self.backup_button):
            button.setEnabled(data_file is not None)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.backup_note = plain()
        self.backup_note.setObjectName("backupNote")
        self.backup_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.backup_note)
        self._finish_page(box)

    def back_up(self) -> Path | None:
        try:
            target = self.core.backup()
        except (DatabaseError, OSError) as exc:
            self.backup_note.setStyleSheet(ERROR_STYLE)
            self.backup_note.setText(self.tr("The back-up failed: {reason}").format(reason=str(exc)))
            return None
        self.backup_note.setStyleSheet(OK_STYLE)
        self.backup_note.setText(self.tr("Backed up to {path}").format(path=str(target)))
        return target

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.core.data_file.parent)))

    # -- load, collect, save ----------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        self.direction_box.setCurrentIndex(self.direction_box.findData(settings.default_direction.value))
        self.style_box.setCurrentIndex(max(self.style_box.findData(settings.notification_style), 0))
        self.digest_check.setChecked(settings.end_of_day_digest)
        self.weekly_check.setChecked(settings.weekly_summary_prompt)
        self.shortcut_edit.setKeySequence(QKeySequence(settings.global_shortcut))
        self.autostart_check.setChecked(self.autostart.enabled())
        index = self.zone_box.findData(settings.timezone)
        if index < 0:
            self.zone_box.addItem(settings.timezone, settings.timezone)
            index = self.zone_box.count() - 1
        self.zone_box.setCurrentIndex(index)
        for day, edit in self.hour_edits.items():
            edit.setText(spans_text(settings.working_hours.get(day, [])))
        self.holiday_list.clear()
        self.add_holidays([date.fromisoformat(d) for d in settings.holidays])
        for name, spin in self.ladder_spins.items():
            spin.setValue(getattr(settings.ladder, name))
        self.reload_people()
        self.templates = dict(settings.templates)
        self._show_template()
        account = settings.mail_settings()
        self.mail_host.setText(account.host)
        self.mail_port.setValue(account.port)
        self.mail_security.setCurrentIndex(self.mail_security.findData(account.security))
        self.mail_user.setText(account.user)
        self.mail_from.setText(account.from_address)
        self.mail_from_name.setText(account.from_name)
        self._mail_timeout = account.timeout
        self.refresh_keyring_state()
        self._clear_errors()

    def _clear_errors(self) -> None:
        for label in list(self.page_errors.values()) + list(self.hour_errors.values()):
            label.setText("")
            label.hide()
        for edit in self.hour_edits.values():
            edit.setStyleSheet("")

    def _refuse(self, page: str, message: str) -> None:
        label = self.page_errors[page]
        label.setText(message)
        label.show()
        self.show_page(page)

    def _working_hours(self) -> dict[str, list[list[str]]] | None:
        hours: dict[str, list[list[str]]] = {}
        ok = True
        for day, edit in self.hour_edits.items():
            text = edit.text().strip()
            if not text:
                continue
            spans = []
            for part in text.split(","):
                match = _SPAN.match(part)
                if not match:
                    self._hour_error(day, self.tr("Write hours like 09:00–17:00."))
                    ok = False
                    break
                start, end = (t.zfill(5) for t in match.groups())
                if end <= start:
                    self._hour_error(day, self.tr("{end} is not after {start}: the hours end before "
                                                  "they start.").format(start=start, end=end))
                    ok = False
                    break
                spans.append([start, end])
            else:
                hours[day] = spans
        return hours if ok else None

    def _hour_error(self, day: str, message: str) -> None:
        self.hour_edits[day].setStyleSheet("border: 1px solid #b3261e")
        self.hour_errors[day].setText(message)
        self.hour_errors[day].show()

    def collect(self) -> Settings | None:
        """A whole new Settings from the pages, or None after showing why not."""
        self._clear_errors()
        hours = self._working_hours()
        if hours is None:
            self._refuse("hours", self.tr("Correct the working hours marked above."))
            return None
        try:
            ladder = Ladder(**{name: spin.value() for name, spin in self.ladder_spins.items()})
        except ValueError as exc:
            self._refuse("prompts", str(exc))
            return None
        try:
            account = self.mail_settings()
        except SettingsError as exc:
            self._refuse("mail", str(exc))
            return None
        mail = account.to_dict()
        mail["timeout"] = getattr(self, "_mail_timeout", mail["timeout"])
        zone = self.zone_box.currentData() if self.zone_box.currentText() == self.zone_box.itemText(
            self.zone_box.currentIndex()) else self.zone_box.currentText().strip()
        shortcut = self.shortcut_edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        try:
            return self.core.settings.with_changes(
                timezone=zone or "",
                working_hours=hours,
                holidays=tuple(self.holidays()),
                ladder=ladder,
                default_direction=Direction(self.direction_box.currentData()),
                notification_style=self.style_box.currentData(),
                end_of_day_digest=self.digest_check.isChecked(),
                weekly_summary_prompt=self.weekly_check.isChecked(),
                global_shortcut=shortcut,
                autostart=self.autostart_check.isChecked(),
                mail={} if not account.configured and not account.user else mail,
                templates=dict(self.templates),
            )
        except SettingsError as exc:
            message = str(exc)
            page = "general"
            if "holiday" in message or "working" in message or "hours" in message:
                page = "hours"
            elif message.startswith("mail"):
                page = "mail"
            self._refuse(page, message)
            return None

    def apply(self) -> bool:
        """Save everything, or nothing: the login item and the settings change together."""
        settings = self.collect()
        if settings is None:
            return False
        was_on = self.autostart.enabled()
        try:
            if settings.autostart != was_on:
                self.autostart.set(settings.autostart)
        except AutostartError as exc:
            self._refuse("general", str(exc))
            return False
        outcome = self.controller.attempt(self.core.save_settings, settings)
        if not outcome.ok:
            if settings.autostart != was_on:
                self.autostart.set(was_on)
            self._refuse("general", outcome.message)
            return False
        self.saved.emit()
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()
