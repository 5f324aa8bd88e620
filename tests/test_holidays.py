"""Importing a holiday calendar (.ics) into the working-hours calendar."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from app.holidays import Holiday, HolidayImportError, import_ics, merged, read_ics
from app.settings import Settings

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example Corp//Holidays//EN
BEGIN:VEVENT
UID:1@example.org
DTSTART;VALUE=DATE:20261225
DTEND;VALUE=DATE:20261227
SUMMARY:Weihnachten
END:VEVENT
BEGIN:VEVENT
UID:2@example.org
DTSTART;VALUE=DATE:20260501
SUMMARY:Tag der Arbeit
RRULE:FREQ=YEARLY
EXDATE;VALUE=DATE:20270501
END:VEVENT
BEGIN:VEVENT
UID:3@example.org
DTSTART:20261103T140000Z
DTEND:20261103T150000Z
SUMMARY:Company meeting
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n")


def test_all_day_events_become_one_holiday_per_day_and_recurrences_expand():
    holidays = read_ics(CALENDAR, until=date(2028, 12, 31))

    assert holidays == [
        Holiday(date(2026, 5, 1), "Tag der Arbeit"),
        Holiday(date(2026, 11, 3), "Company meeting"),
        Holiday(date(2026, 12, 25), "Weihnachten"),
        Holiday(date(2026, 12, 26), "Weihnachten"),  # DTEND is exclusive
        Holiday(date(2028, 5, 1), "Tag der Arbeit"),  # 2027 is excluded
    ]


def test_imported_days_merge_into_the_settings_and_are_valid(tmp_path):
    path = tmp_path / "feiertage.ics"
    path.write_text(CALENDAR, encoding="utf-8")

    days = merged(("2026-12-25", "2026-01-01"), import_ics(path, until=date(2026, 12, 31)))

    assert days == ("2026-01-01", "2026-05-01", "2026-11-03", "2026-12-25", "2026-12-26")
    calendar = Settings(timezone="UTC", holidays=days).calendar()
    assert calendar.is_working(datetime(2026, 12, 24, 10, tzinfo=timezone.utc))  # a Thursday
    assert not calendar.is_working(datetime(2026, 12, 25, 10, tzinfo=timezone.utc))


def test_a_file_that_is_not_a_calendar_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "notes.ics"
    path.write_text("just some notes\n")
    with pytest.raises(HolidayImportError, match="not an iCalendar"):
        import_ics(path, until=date(2027, 1, 1))


def test_an_empty_calendar_is_refused(tmp_path):
    path = tmp_path / "empty.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n")
    with pytest.raises(HolidayImportError, match="holds no events"):
        import_ics(path, until=date(2027, 1, 1))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(HolidayImportError, match="cannot read .*gone.ics"):
        import_ics(tmp_path / "gone.ics", until=date(2027, 1, 1))
