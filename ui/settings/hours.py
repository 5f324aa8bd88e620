"""Working hours per weekday, and holidays: added by hand or imported from an .ics calendar."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from app import holidays
from app.policy.calendar import WEEKDAYS
from app.settings import Settings, SettingsError
from ui.controller import Controller
from ui.settings.page import SettingsPage, note, plain

_SPAN = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})\s*$")
HOLIDAY_YEARS_AHEAD = 3  # how far a yearly holiday in an .ics file is expanded


def spans_text(spans: list[list[str]]) -> str:
    return ", ".join(f"{start}–{end}" for start, end in spans)


class HoursPage(SettingsPage):
    key = "hours"

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller, self.tr("Working hours"),
                         self.tr("Prompts wait for working time unless a request is urgent. "
                                 "Write hours like 09:00–17:00, or 08:00–12:00, 13:00–17:00 for a break. "
                                 "Leave a day empty for a day off."))
        grid = QGridLayout()
        self.box.addLayout(grid)
        locale = QLocale()
        self.edits: dict[str, QLineEdit] = {}
        self.day_errors: dict[str, QLabel] = {}
        for row, day in enumerate(WEEKDAYS):
            # Qt numbers days from Monday = 1, like the calendar's order
            grid.addWidget(plain(locale.dayName(row + 1), wrap=False), row, 0)
            edit = QLineEdit()
            edit.setObjectName(f"hours_{day}")
            edit.setPlaceholderText(self.tr("day off"))
            error = plain(error=True)
            grid.addWidget(edit, row, 1)
            grid.addWidget(error, row, 2)
            self.edits[day] = edit
            self.day_errors[day] = error
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self._build_holidays(locale)
        self.finish()

    def _build_holidays(self, locale: QLocale) -> None:
        group = QGroupBox(self.tr("Holidays"))
        self.box.addWidget(group)
        holidays_box = QHBoxLayout(group)
        self.holiday_list = QListWidget()
        self.holiday_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        listed = QVBoxLayout()
        listed.addWidget(self.holiday_list, 1)
        listed.addWidget(self.field_error("holidays"))
        holidays_box.addLayout(listed, 1)
        side = QVBoxLayout()
        holidays_box.addLayout(side)
        self.holiday_date = QDateEdit()
        self.holiday_date.setCalendarPopup(True)
        self.holiday_date.setDisplayFormat("yyyy-MM-dd" if locale.language() == QLocale.Language.C
                                          else locale.dateFormat(QLocale.FormatType.ShortFormat))
        self.holiday_date.setDate(QDate(self._today()))
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

    def _today(self) -> date:
        return self.core.settings.calendar().local(self.core.now()).date()

    # -- holidays ---------------------------------------------------------------------------

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
        today = self._today()
        try:
            found = holidays.import_ics(path, until=today.replace(year=today.year + HOLIDAY_YEARS_AHEAD))
        except holidays.HolidayImportError as exc:
            note(self.holiday_note, str(exc), ok=False)
            return 0
        before = len(self.holidays())
        self.add_holidays([h.day for h in found])
        added = len(self.holidays()) - before
        self.holiday_note.setStyleSheet("")
        self.holiday_note.setText(self.tr("%n new day(s) added from the calendar.", "", added))
        return added

    # -- load and collect -------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        for day, edit in self.edits.items():
            edit.setText(spans_text(settings.working_hours.get(day, [])))
        self.holiday_list.clear()
        self.add_holidays([date.fromisoformat(d) for d in settings.holidays])

    def collect(self) -> dict[str, Any]:
        hours: dict[str, list[list[str]]] = {}
        for day, edit in self.edits.items():
            text = edit.text().strip()
            if text:
                spans = self._spans(day, text)
                if spans is not None:
                    hours[day] = spans
        if any(label.text() for label in self.day_errors.values()):
            raise SettingsError(self.tr("Correct the working hours marked above."), "working_hours")
        return {"working_hours": hours, "holidays": tuple(self.holidays())}

    def _spans(self, day: str, text: str) -> list[list[str]] | None:
        """`09:00–12:00, 13:00–17:00` as spans, or None after marking the day."""
        spans = []
        for part in text.split(","):
            match = _SPAN.match(part)
            if not match:
                self._mark(day, self.tr("Write hours like 09:00–17:00."))
                return None
            start, end = (t.zfill(5) for t in match.groups())
            if end <= start:
                self._mark(day, self.tr("{end} is not after {start}: the hours end before "
                                        "they start.").format(start=start, end=end))
                return None
            spans.append([start, end])
        return spans

    def _mark(self, day: str, message: str) -> None:
        self.edits[day].setStyleSheet("border: 1px solid #b3261e")
        self.day_errors[day].setText(message)
        self.day_errors[day].show()

    def clear_errors(self) -> None:
        super().clear_errors()
        for day, edit in self.edits.items():
            edit.setStyleSheet("")
            self.day_errors[day].setText("")
            self.day_errors[day].hide()
