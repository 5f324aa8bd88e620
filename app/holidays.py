"""Holidays from an iCalendar (.ics) file, such as a public-holiday calendar a company publishes.

Every all-day event becomes one holiday per day it covers; yearly (or other) recurrences are
expanded up to `until`. Timed events are read by their start date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

MAX_DAYS_PER_EVENT = 31  # a "holiday" longer than a month is a mistake in the file, not a break


class HolidayImportError(ValueError):
    """The file is not a usable calendar; the message says why."""


@dataclass(frozen=True, order=True)
class Holiday:
    day: date
    name: str = ""


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def read_ics(data: bytes | str, *, until: date) -> list[Holiday]:
    """The holidays in an .ics calendar, sorted, recurrences expanded up to `until`."""
    import icalendar
    from dateutil.rrule import rrulestr

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError) as exc:
        raise HolidayImportError(f"this is not an iCalendar (.ics) file: {exc}") from None
    found: set[Holiday] = set()
    for event in calendar.walk("VEVENT"):
        start = event.get("DTSTART")
        if start is None:
            continue
        first = _day(start.dt)
        end = event.get("DTEND")
        if end is not None:
            span = (_day(end.dt) - first).days
        elif event.get("DURATION") is not None:
            span = event.get("DURATION").dt.days
        else:
            span = 1
        span = min(max(span, 1), MAX_DAYS_PER_EVENT)
        name = str(event.get("SUMMARY", "")).strip()
        starts = [first]
        rule = event.get("RRULE")
        if rule is not None:
            try:
                recurrence = rrulestr(rule.to_ical().decode(), dtstart=datetime.combine(first, datetime.min.time()),
                                      ignoretz=True)
                starts = [moment.date() for moment in
                          recurrence.between(datetime.combine(first, datetime.min.time()),
                                             datetime.combine(until, datetime.min.time()), inc=True)]
            except (ValueError, TypeError) as exc:
                raise HolidayImportError(f"the repeat rule of {name or 'an event'} cannot be read: {exc}") from None
        excluded = set()
        for exdate in _as_list(event.get("EXDATE")):
            excluded.update(_day(d.dt) for d in exdate.dts)
        for begin in starts:
            if begin in excluded or begin > until:
                continue
            for offset in range(span):
                found.add(Holiday(begin + timedelta(days=offset), name))
    return sorted(found)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def import_ics(path: str | Path, *, until: date) -> list[Holiday]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HolidayImportError(f"cannot read {path}: {exc.strerror or exc}") from None
    holidays = read_ics(data, until=until)
    if not holidays:
        raise HolidayImportError(f"{path.name} holds no events; choose a holiday calendar (.ics)")
    return holidays


def merged(existing: tuple[str, ...] | list[str], new: list[Holiday]) -> tuple[str, ...]:
    """Settings.holidays with the new days added: ISO dates, sorted, each once."""
    return tuple(sorted(set(existing) | {h.day.isoformat() for h in new}))
