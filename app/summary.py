"""The personal weekly summary (PRODUCT.md "Outcomes"), computed from history.

A week is an ISO week (Monday–Sunday) in the user's time zone; the current week counts up to
now. Requests count in the week they were asked; a promise's outcome counts in the week it was
settled (`app.domain.outcomes.settle`). Whether a response was on time, and how a promise ended,
are read from the whole record as of now; what was open is a snapshot at the week's end.

`weekly_summary(core, week)` loads only what the 8-week window needs; `summarize(...)` is the
pure computation over plain requests.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.model import Direction, EventKind, Request
from app.domain.outcomes import Outcome, PromiseRecord, Settlement, settle
from app.policy.calendar import WorkingCalendar
from app.policy.ladder import Ladder, calendar_for, respond_by

UTC = timezone.utc
TREND_WEEKS = 8
CALIBRATION_MIN_PROMISES = 3
# The history `settle` and the week-end snapshot read; other kinds (prompts, snoozes) are skipped.
_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


class SummaryError(ValueError):
    """The week asked for cannot be summarised; the message says what to give instead."""


# -- weeks ------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        match = _WEEK_RE.match(text or "")
        if not match:
            raise SummaryError(f"{text!r} is not an ISO week; write it like 2026-W47")
        year, week = int(match[1]), int(match[2])
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            raise SummaryError(f"{year} has no week {week}; ISO weeks run from W01 to W52 or W53") from None
        return cls(year, week)

    @classmethod
    def of(cls, moment: datetime, zone: ZoneInfo) -> IsoWeek:
        year, week, _ = moment.astimezone(zone).isocalendar()
        return cls(year, week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    def start(self, zone: ZoneInfo) -> datetime:
        """Monday 00:00 local time, as UTC (a week across a DST change has 167 or 169 hours)."""
        return _local_midnight(self.monday, zone)

    def end(self, zone: ZoneInfo) -> datetime:
        """The next Monday 00:00 local time, as UTC (exclusive)."""
        return _local_midnight(self.monday + timedelta(days=7), zone)

    def shifted(self, weeks: int) -> IsoWeek:
        year, week, _ = (self.monday + timedelta(weeks=weeks)).isocalendar()
        return IsoWeek(year, week)


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(UTC)


# -- the figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class Promises:
    kept: int = 0
    renegotiated: int = 0
    broken: int = 0
    kept_rate: float | None = None  # (kept + renegotiated) / all three; None when none settled
    median_lateness_minutes: float | None = None  # wall minutes, broken only

    @property
    def settled(self) -> int:
        return self.kept + self.renegotiated + self.broken

    @property
    def held(self) -> int:
        return self.kept + self.renegotiated


@dataclass(frozen=True)
class Wishes:
    """Requests with a time wanted (needed_by), settled in the week: done, or the time passed
    undelivered. A wish is not a promise: this says how often what was asked for came in time."""

    delivered: int = 0  # done by the time wanted
    late: int = 0  # done after it, or not done when it passed
    rate: float | None = None  # delivered / all; None when none settled

    @property
    def settled(self) -> int:
        return self.delivered + self.late


@dataclass(frozen=True)
class Waiting:
    person: str
    count: int
    oldest_asked_at: datetime
    request_id: int  # the oldest one, which a row of the waiting list opens


@dataclass(frozen=True)
class Day:
    date: date
    received: int
    made: int
    done: int


@dataclass(frozen=True)
class PersonDay:
    """One person's share of one day: the rows of the summary's spreadsheet."""

    date: date
    person: str
    received: int
    made: int
    done: int


@dataclass(frozen=True)
class TrendPoint:
    week: str
    kept_rate: float | None  # of my promises
    on_time_rate: float | None  # of my responses
    received: int = 0
    made: int = 0


@dataclass(frozen=True)
class Calibration:
    person: str
    promises: int
    median_lateness_minutes: float  # over all settled promises; 0 for one kept


@dataclass(frozen=True)
class Summary:
    week: str
    start: date
    end: date
    as_of: datetime  # the week's end, or now for the current week
    received: int
    made: int
    responded_on_time: int
    responded_late: int
    median_response_minutes: float | None
    mine: Promises
    theirs: Promises
    delivered_when_wanted: Wishes  # what I was asked for (received)
    theirs_delivered_when_wanted: Wishes  # what I asked for (made)
    open_received: int
    open_made: int
    waiting_on_me: list[Waiting] = field(default_factory=list)
    i_wait_on: list[Waiting] = field(default_factory=list)
    by_day: list[Day] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    calibration: list[Calibration] = field(default_factory=list)
    by_day_person: list[PersonDay] = field(default_factory=list)
    # team mode: my department's totals as of the last sync (never one member's figures)
    team: dict[str, Any] | None = None

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.responded_on_time, self.responded_on_time + self.responded_late)

    @property
    def previous(self) -> TrendPoint | None:
        """The week before, for the change shown next to each figure."""
        return self.trend[-2] if len(self.trend) >= 2 else None

    def as_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


# -- the computation --------------------------------------------------------------------


@dataclass(slots=True)
class _Facts:
    """What one request contributes, worked out once for every week of the window."""

    request: Request
    settlement: Settlement | None = None
    wish_settled: datetime | None = None  # when its time wanted was met or missed
    responded: bool | None = None  # on time / late once decidable; received only
    response_minutes: float | None = None


def window(week: IsoWeek, zone: ZoneInfo, now: datetime) -> tuple[datetime, datetime]:
    """[start, end) of the 8 weeks up to `week`, ending just after now if the week is not over
    (what happened at `now` itself has happened)."""
    return week.shifted(1 - TREND_WEEKS).start(zone), min(week.end(zone), now + _INSTANT)


_INSTANT = timedelta(microseconds=1)


def summarize(
    requests: Iterable[Request],
    *,
    records: Mapping[int, PromiseRecord] | None = None,
    week: IsoWeek,
    now: datetime,
    zone: ZoneInfo,
    calendar: WorkingCalendar,
    ladder: Ladder,
) -> Summary:
    """The summary of `week` from requests that include every one asked, settled or open in
    its 8-week window (more do no harm). Outcomes and responses are judged as of `now`.
    `records`: the promise records by request id, as the store keeps them; without them each
    request's history is read."""
    weeks = [week.shifted(-i) for i in range(TREND_WEEKS - 1, -1, -1)]
    starts = [w.start(zone) for w in weeks]
    _, cutoff = window(week, zone, now)
    if cutoff <= starts[-1]:
        raise SummaryError(f"week {week} has not started yet; the current week is "
                           f"{IsoWeek.of(now, zone)}")
    bounds = starts + [cutoff]
    this_week = len(weeks) - 1

    def week_index(moment: datetime | None) -> int | None:
        """Which of the 8 weeks `moment` falls in, or None outside the window."""
        if moment is None or not bounds[0] <= moment < bounds[-1]:
            return None
        return bisect_right(bounds, moment) - 1

    asked: list[list[_Facts]] = [[] for _ in weeks]
    settled: list[list[_Facts]] = [[] for _ in weeks]
    snapshot: list[Request] = []
    completed: list[Request] = []  # completed this week, both directions
    wished: list[_Facts] = []  # wishes settled this week
    for request in requests:
        facts = _Facts(request)
        asked_in = week_index(request.asked_at)
        if asked_in is not None:
            asked[asked_in].append(facts)
            if request.direction is Direction.RECEIVED:
                _judge_response(facts, now, calendar, ladder, timed=asked_in == this_week)
        if request.original_promise is not None:
            facts.settlement = settle(request, now, records.get(request.id) if records else None)
            if facts.settlement is not None:
                settled_in = week_index(facts.settlement.settled_at)
                if settled_in is not None:
                    settled[settled_in].append(facts)
        facts.wish_settled = _wish_settled(request, now)
        if week_index(facts.wish_settled) == this_week:
            wished.append(facts)
        if request.asked_at < cutoff and _open_at(request, cutoff):
            snapshot.append(request)
        if request.completed_at is not None and starts[-1] <= request.completed_at < cutoff:
            completed.append(request)

    this = asked[-1]
    received = [f for f in this if f.request.direction is Direction.RECEIVED]
    mine_window = [f for group in settled for f in group if f.request.direction is Direction.RECEIVED]
    trend = [
        TrendPoint(
            str(w),
            _promises(settled[i], Direction.RECEIVED).kept_rate,
            _on_time_rate(asked[i]),
            sum(f.request.direction is Direction.RECEIVED for f in asked[i]),
            sum(f.request.direction is Direction.MADE for f in asked[i]),
        )
        for i, w in enumerate(weeks)
    ]
    return Summary(
        week=str(week),
        start=week.monday,
        end=week.monday + timedelta(days=6),
        as_of=min(cutoff, now),
        received=len(received),
        made=len(this) - len(received),
        responded_on_time=sum(f.responded is True for f in received),
        responded_late=sum(f.responded is False for f in received),
        median_response_minutes=_median(
            [f.response_minutes for f in received if f.response_minutes is not None]),
        mine=_promises(settled[-1], Direction.RECEIVED),
        theirs=_promises(settled[-1], Direction.MADE),
        delivered_when_wanted=_wishes(wished, Direction.RECEIVED),
        theirs_delivered_when_wanted=_wishes(wished, Direction.MADE),
        open_received=sum(r.direction is Direction.RECEIVED for r in snapshot),
        open_made=sum(r.direction is Direction.MADE for r in snapshot),
        waiting_on_me=_waiting(snapshot, Direction.RECEIVED),
        i_wait_on=_waiting(snapshot, Direction.MADE),
        by_day=_by_day(week, zone, this, completed),
        trend=trend,
        calibration=_calibration(mine_window),
        by_day_person=_by_day_person(zone, this, completed),
    )


def _judge_response(facts: _Facts, now: datetime, calendar: WorkingCalendar, ladder: Ladder,
                    timed: bool) -> None:
    """On time or late; and with `timed`, how long the answer took (only the week's median
    needs it, the trend does not)."""
    request = facts.request
    deadline = respond_by(request, ladder, calendar)
    answered = request.acknowledged_at
    if answered is not None:
        facts.responded = answered <= deadline
        if timed:
            facts.response_minutes = round(
                calendar_for(request, calendar).working_minutes_between(request.asked_at, answered), 1)
    elif deadline <= now and not (request.cancelled_at and request.cancelled_at <= deadline):
        facts.responded = False  # respond-by passed without an answer (none was owed once cancelled)


def _on_time_rate(asked: list[_Facts]) -> float | None:
    judged = [f.responded for f in asked if f.responded is not None]
    return _rate(sum(judged), len(judged))


def _promises(settled: list[_Facts], direction: Direction) -> Promises:
    outcomes = [f.settlement for f in settled if f.request.direction is direction]
    kept = sum(s.outcome is Outcome.KEPT for s in outcomes)
    renegotiated = sum(s.outcome is Outcome.RENEGOTIATED for s in outcomes)
    late = [s.lateness_minutes for s in outcomes if s.outcome is Outcome.BROKEN]
    return Promises(kept, renegotiated, len(late), _rate(kept + renegotiated, len(outcomes)),
                    _median(late))


def _wish_settled(request: Request, now: datetime) -> datetime | None:
    """When a request's time wanted was met (done) or missed (it passed undelivered); None
    while it can still be met, or when it was cancelled before it passed."""
    wanted = request.needed_by
    if wanted is None:
        return None
    if request.completed_at is not None:
        return request.completed_at if request.completed_at <= wanted else wanted
    if request.cancelled_at is not None and request.cancelled_at < wanted:
        return None
    return wanted if wanted <= now else None


def _wishes(settled: list[_Facts], direction: Direction) -> Wishes:
    judged = [f.request for f in settled if f.request.direction is direction]
    delivered = sum(r.completed_at is not None and r.completed_at <= r.needed_by for r in judged)
    return Wishes(delivered, len(judged) - delivered, _rate(delivered, len(judged)))


def _open_at(request: Request, moment: datetime) -> bool:
    """Was the request open (not done or cancelled) at `moment`? A reopened one counts as open
    again from its reopening, so the history decides when there is one."""
    if not request.history:
        end = request.completed_at or request.cancelled_at
        return end is None or end >= moment
    is_open = True
    for event in request.history:
        if event.at >= moment:
            break
        if event.kind in (EventKind.DONE, EventKind.CANCELLED):
            is_open = False
        elif event.kind is EventKind.REOPENED:
            is_open = True
    return is_open


def _waiting(snapshot: list[Request], direction: Direction) -> list[Waiting]:
    groups: dict[str, list[Request]] = {}
    for request in snapshot:
        if request.direction is direction:
            groups.setdefault(request.counterpart.name, []).append(request)
    rows = []
    for person, requests in groups.items():
        oldest = min(requests, key=lambda r: (r.asked_at, r.id or 0))
        rows.append(Waiting(person, len(requests), oldest.asked_at, oldest.id or 0))
    rows.sort(key=lambda w: (w.oldest_asked_at, w.person.casefold()))
    return rows


def _by_day(week: IsoWeek, zone: ZoneInfo, asked: list[_Facts], completed: list[Request]) -> list[Day]:
    counts = _counts(zone, asked, completed, lambda request: "")
    return [Day(d, *counts.get((d, ""), (0, 0, 0))) for d in week.days()]


def _by_day_person(zone: ZoneInfo, asked: list[_Facts], completed: list[Request]) -> list[PersonDay]:
    counts = _counts(zone, asked, completed, lambda request: request.counterpart.name)
    return [PersonDay(d, person, *counts[d, person])
            for d, person in sorted(counts, key=lambda key: (key[0], key[1].casefold(), key[1]))]


def _counts(zone: ZoneInfo, asked: list[_Facts], completed: list[Request],
            key) -> dict[tuple[date, str], tuple[int, int, int]]:
    """(received, made, done) per (local day, key(request)), for the days that have any."""
    counts: dict[tuple[date, str], list[int]] = {}
    for facts in asked:
        request = facts.request
        row = counts.setdefault((request.asked_at.astimezone(zone).date(), key(request)), [0, 0, 0])
        row[0 if request.direction is Direction.RECEIVED else 1] += 1
    for request in completed:
        counts.setdefault((request.completed_at.astimezone(zone).date(), key(request)), [0, 0, 0])[2] += 1
    return {k: tuple(v) for k, v in counts.items()}


def _calibration(mine: list[_Facts]) -> list[Calibration]:
    by_person: dict[str, list[float]] = {}
    for facts in mine:
        by_person.setdefault(facts.request.counterpart.name, []).append(facts.settlement.lateness_minutes)
    rows = [Calibration(person, len(late), _median(late))
            for person, late in by_person.items() if len(late) >= CALIBRATION_MIN_PROMISES]
    rows.sort(key=lambda c: (-c.median_lateness_minutes, c.person.casefold()))
    return rows


# -- from the core ----------------------------------------------------------------------


def weekly_summary(core, week: IsoWeek | str | None = None) -> Summary:
    """The summary of `week` (default: the current one) from the core's store and settings."""
    settings = core.settings
    zone = settings.zone
    now = core.now()
    if week is None:
        week = IsoWeek.of(now, zone)
    elif isinstance(week, str):
        week = IsoWeek.parse(week)
    start, end = window(week, zone, now)
    requests, records = core.requests_for_summary(start, end)
    result = summarize(requests, records=records, week=week, now=now, zone=zone,
                       calendar=settings.calendar(), ladder=settings.ladder)
    team = core.department_totals(str(week))
    return dataclasses.replace(result, team=team) if team else result
