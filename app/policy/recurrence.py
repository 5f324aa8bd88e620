"""Repeating requests: when the next occurrence of a rule like "every mon,thu 09:00" falls."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from app.clock import as_utc
from app.domain.model import DomainError
from app.policy.calendar import WEEKDAYS, WorkingCalendar

UTC = timezone.utc
_DAY = "(?:mon|tue|wed|thu|fri|sat|sun)"
RULE = re.compile(rf"^every (day|weekday|{_DAY}(?:,{_DAY})*) (\d{{2}}):(\d{{2}})$")
_SEARCH_DAYS = 800  # further than any rule needs; a rule with no day in reach is refused


class RecurrenceError(DomainError):
    """A repeat rule Promptly cannot follow; the message names it."""


def next_occurrence(rule: str, after: datetime, calendar: WorkingCalendar) -> datetime:
    """The first time a normalised rule ("every mon 09:00") falls strictly after `after`."""
    match = RULE.match(rule)
    if not match:
        raise RecurrenceError(f"'{rule}' is not a repeat Promptly knows; use e.g. every mon 09:00")
    after = as_utc(after)
    days, clock = match.group(1), time(int(match.group(2)), int(match.group(3)))
    wanted = None if days in ("day", "weekday") else {WEEKDAYS.index(d) for d in days.split(",")}
    today = calendar.local(after).date()
    for offset in range(_SEARCH_DAYS):
        day = today + timedelta(days=offset)
        if wanted is not None and day.weekday() not in wanted:
            continue
        if days == "weekday" and not _is_working_day(calendar, day):
            continue
        moment = datetime.combine(day, clock, calendar.tz).astimezone(UTC)
        if moment > after:
            return moment
    raise RecurrenceError(f"'{rule}' never falls on a working day; check the working hours")


def _is_working_day(calendar: WorkingCalendar, day: date) -> bool:
    midnight = datetime.combine(day, time(0), calendar.tz)
    return calendar.local(calendar.end_of_working_day(midnight)).date() == day
