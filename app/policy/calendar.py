"""Business-time arithmetic over a working-hours calendar.

Working intervals are computed per local date (cached) and handled as POSIX seconds, so
that minutes add up in real elapsed time across both DST transitions, and the scheduler can
ask thousands of questions cheaply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

UTC = timezone.utc
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Looking further than this for a working minute means the calendar has none.
_SEARCH_DAYS = 800

Interval = tuple[float, float]


class CalendarError(ValueError):
    """The working-hours calendar is not usable; the message says how to fix it."""


def default_hours() -> dict[int, list[tuple[time, time]]]:
    return {day: [(time(9), time(17))] for day in range(5)}


class WorkingCalendar:
    def __init__(
        self,
        hours: Mapping[int, Sequence[tuple[time, time]]] | None = None,
        holidays: Iterable[date] = (),
        tz: str | ZoneInfo = "UTC",
    ) -> None:
        self.hours = {d: sorted(v) for d, v in (default_hours() if hours is None else hours).items() if v}
        self.holidays = frozenset(holidays)
        self.tz = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
        self._days: dict[int, tuple[Interval, ...]] = {}
        self._ordinals: dict[int, int] = {}
        self._validate()

    def _validate(self) -> None:
        if not self.hours:
            raise CalendarError("working hours must include at least one day")
        for day, spans in self.hours.items():
            if day not in range(7):
                raise CalendarError(f"unknown weekday {day}")
            previous_end: time | None = None
            for start, end in spans:
                if end <= start:
                    raise CalendarError(
                        f"working hours on {WEEKDAYS[day].title()} end ({end:%H:%M}) "
                        f"before they start ({start:%H:%M})"
                    )
                if previous_end is not None and start < previous_end:
                    raise CalendarError(f"working hours on {WEEKDAYS[day].title()} overlap")
                previous_end = end

    # -- the intervals ------------------------------------------------------------------

    def _intervals(self, ordinal: int) -> tuple[Interval, ...]:
        spans = self._days.get(ordinal)
        if spans is None:
            day = date.fromordinal(ordinal)
            spans = ()
            if day not in self.holidays:
                spans = tuple(
                    (
                        datetime.combine(day, start, self.tz).timestamp(),
                        datetime.combine(day, end, self.tz).timestamp(),
                    )
                    for start, end in self.hours.get(day.weekday(), ())
                )
            self._days[ordinal] = spans
        return spans

    def _ordinal(self, ts: float) -> int:
        # Every UTC offset is a multiple of 15 minutes, so a local date is constant per quarter hour.
        quarter = int(ts // 900)
        ordinal = self._ordinals.get(quarter)
        if ordinal is None:
            ordinal = self._ordinals[quarter] = datetime.fromtimestamp(quarter * 900, self.tz).toordinal()
        return ordinal

    def _scan(self, ts: float):
        """Working intervals that end at or after `ts`, in order."""
        ordinal = self._ordinal(ts)
        for ordinal in range(ordinal, ordinal + _SEARCH_DAYS):
            for start, end in self._intervals(ordinal):
                if end >= ts:
                    yield start, end
        raise CalendarError(f"no working time within {_SEARCH_DAYS} days; check working hours and holidays")

    @staticmethod
    def _at(ts: float) -> datetime:
        return datetime.fromtimestamp(ts, UTC)

    # -- questions ----------------------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def is_working(self, moment: datetime) -> bool:
        ts = moment.timestamp()
        return any(s <= ts <= e for s, e in self._intervals(self._ordinal(ts)))

    def next_working_minute(self, moment: datetime) -> datetime:
        """`moment` itself when inside working hours (ends included), else the next start."""
        ts = moment.timestamp()
        ordinal = self._ordinal(ts)
        for start, end in self._intervals(ordinal):  # the common case: today
            if end >= ts:
                return moment if start <= ts else self._at(start)
        start, _ = next(self._scan(ts))
        return moment if start <= ts else self._at(start)

    def add_working_minutes(self, moment: datetime, minutes: float) -> datetime:
        if minutes < 0:
            raise ValueError("working minutes to add must not be negative")
        ts = moment.timestamp()
        remaining = minutes * 60.0
        for start, end in self._scan(ts):
            begin = max(start, ts)
            if remaining <= end - begin:
                return self._at(begin + remaining)
            remaining -= end - begin
        raise AssertionError("unreachable")  # _scan raises when it runs out

    def working_minutes_between(self, start: datetime, end: datetime) -> float:
        """Working minutes in [start, end]; negative when end is before start."""
        if end < start:
            return -self.working_minutes_between(end, start)
        a, b = start.timestamp(), end.timestamp()
        total = 0.0
        for ordinal in range(self._ordinal(a), self._ordinal(b) + 1):
            for s, e in self._intervals(ordinal):
                total += max(0.0, min(e, b) - max(s, a))
        return total / 60.0

    def end_of_working_day(self, moment: datetime) -> datetime:
        """End of the working day `moment` falls in, or of the next one if today's is over."""
        ts = moment.timestamp()
        for start, end in self._scan(ts):
            ordinal = self._ordinal(start)
            return self._at(self._intervals(ordinal)[-1][1])
        raise AssertionError("unreachable")

    def next_working_day_start(self, moment: datetime) -> datetime:
        """Start of the first working day after the local date of `moment`."""
        ordinal = self._ordinal(moment.timestamp()) + 1
        for ordinal in range(ordinal, ordinal + _SEARCH_DAYS):
            spans = self._intervals(ordinal)
            if spans:
                return self._at(spans[0][0])
        raise CalendarError(f"no working day within {_SEARCH_DAYS} days; check working hours and holidays")

    def end_of_working_week(self, moment: datetime) -> datetime:
        """End of the last working day of the ISO week of `moment`; next week's if it is over."""
        ts = moment.timestamp()
        local_day = datetime.fromtimestamp(ts, self.tz).date()
        monday = local_day.toordinal() - local_day.weekday()
        for week_start in range(monday, monday + _SEARCH_DAYS, 7):
            for ordinal in range(week_start + 6, week_start - 1, -1):
                spans = self._intervals(ordinal)
                if spans:
                    if spans[-1][1] >= ts:
                        return self._at(spans[-1][1])
                    break
        raise CalendarError(f"no working day within {_SEARCH_DAYS} days; check working hours and holidays")

    def working_day_ends(self, start: datetime, end: datetime) -> list[datetime]:
        """Ends of the working days whose end falls in [start, end]."""
        a, b = start.timestamp(), end.timestamp()
        result = []
        for ordinal in range(self._ordinal(a), self._ordinal(b) + 1):
            spans = self._intervals(ordinal)
            if spans and a <= spans[-1][1] <= b:
                result.append(self._at(spans[-1][1]))
        return result

    def is_last_working_day_of_week(self, moment: datetime) -> bool:
        local_day = self.local(moment).date()
        ordinal = local_day.toordinal()
        return bool(self._intervals(ordinal)) and not any(
            self._intervals(o) for o in range(ordinal + 1, ordinal + 7 - local_day.weekday())
        )


class AlwaysOpen(WorkingCalendar):
    """Urgent requests ignore working hours: every minute is a working minute."""

    def __init__(self, tz: str | ZoneInfo = "UTC") -> None:
        super().__init__({d: [(time(0), time(23, 59, 59, 999999))] for d in range(7)}, (), tz)

    def next_working_minute(self, moment: datetime) -> datetime:
        return moment

    def add_working_minutes(self, moment: datetime, minutes: float) -> datetime:
        if minutes < 0:
            raise ValueError("working minutes to add must not be negative")
        return moment + timedelta(minutes=minutes)

    def working_minutes_between(self, start: datetime, end: datetime) -> float:
        return (end - start).total_seconds() / 60.0
