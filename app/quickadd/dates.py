"""Date phrases of the quick-add language.

Our small grammar finds a phrase among the words of a line and decides what it means relative to
"now" (rolling a past weekday or time to its next occurrence, refusing what cannot be meant);
parsedatetime reads the calendar dates and is the fallback for free-standing phrases given to
`parse_when`. parsedatetime is imported lazily: most keystrokes never need it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from app.clock import as_utc
from app.domain.bounds import AHEAD, instant_problem
from app.i18n import Text
from app.policy.calendar import WEEKDAYS, WorkingCalendar
from app.policy.recurrence import next_occurrence
from app.quickadd.errors import ParseError
from app.quickadd.tokens import Token, check_text, tokenize

UTC = timezone.utc

_WEEKDAY_WORDS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTH_WORDS = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTH_WORDS.update({name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)})
_MONTH_WORDS["sept"] = 9
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty-five": 45, "ninety": 90,
}
_UNITS = {
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months",
}
PREPOSITIONS = frozenset({"by", "on", "at", "until", "till", "before"})
# Words that say the time was promised rather than wished: "eta fri", "promised for fri 3pm".
PROMISE_WORDS = frozenset({"eta", "promised", "promise"})
_PROMISE_FOLLOWERS = frozenset({"for", "by", "on", "at", "until", "till"})
_SAME_DAY_WORDS = frozenset({"eod", "cob"})
# "As soon as possible" is a wish for today: the end of today's working day (eod).
_SOON_WORDS = frozenset({"asap", "a.s.a.p"})
_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening"})
_TOMORROW = frozenset({"tomorrow", "tmrw", "tmr", "tomorrow's"})
# Words a mistyped date is compared against, to name the word that did not parse.
_VOCABULARY = sorted(
    {*_WEEKDAY_WORDS, *_MONTH_NAMES, "today", "tomorrow", "yesterday", "tonight", "noon",
     "midnight", "morning", "afternoon", "evening", "minutes", "hours", "days", "weeks", "months"})
_UNIT_VOCABULARY = sorted(set(_UNITS))

_COMPACT = re.compile(r"^(\d{1,9}(?:[.,]\d{1,3})?)(m|min|mins|h|hr|hrs|d|w|wk|wks)$")
_HOURS_MINUTES = re.compile(r"^(\d{1,3})h(\d{1,2})(?:m|min)?$")
_AMOUNT = re.compile(r"^\d{1,9}(?:[.,]\d{1,3})?$")
_CLOCK_12 = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m|p\.m|a\.m\.|p\.m\.)$")
_CLOCK_24 = re.compile(r"^(\d{1,2}):(\d{2})$")
_CLOCK_DOT = re.compile(r"^(\d{1,2})\.(\d{2})$")  # "by 15.30"; only after by/at/…: "v 2.10" is no time
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_HOUR = re.compile(r"^\d{1,2}$")
_MERIDIEM = frozenset({"am", "pm", "a.m", "p.m", "a.m.", "p.m."})
_DAY_OF_MONTH = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
_YEAR = re.compile(r"^\d{4}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}")
# Messages said in more than one place (app.i18n.Text templates).
_NOT_A_TIME = "'{word}' is not a time of day; use e.g. 3pm or 15:00"
_PASSED = "'{word}' has passed; give a time ahead, e.g. tomorrow 10am"
_OUT_OF_RANGE = "'{word}' {problem}; give a time from 1970 to ten years ahead"
# Far enough for any promise; further and datetime arithmetic would overflow.
_MAX_AHEAD = AHEAD

_pdt_calendar = None


def _parsedatetime():
    """parsedatetime's calendar, imported on first use (the import costs ~20 ms)."""
    global _pdt_calendar
    if _pdt_calendar is None:
        import parsedatetime

        _pdt_calendar = parsedatetime.Calendar(
            parsedatetime.Constants(usePyICU=False), version=parsedatetime.VERSION_CONTEXT_STYLE)
    return _pdt_calendar


class Context:
    """"Now" as the calendar sees it, and the rules for phrases that reach into the past."""

    def __init__(self, now: datetime, calendar: WorkingCalendar, future: bool = True) -> None:
        self.now = as_utc(now)
        self.calendar = calendar
        self.tz = calendar.tz
        self.local_now = self.now.astimezone(self.tz)
        self.today = self.local_now.date()
        self.future = future
        spans = [s for s in calendar.hours.values() if s]
        self.usual_start = min(s[0][0] for s in spans)
        self.usual_end = max(s[-1][1] for s in spans)

    def at(self, day: date, clock: time) -> datetime:
        """A local wall time as UTC; a time in a DST gap moves forward by the gap (zoneinfo)."""
        return datetime.combine(day, clock, self.tz).astimezone(UTC)

    def end_of(self, day: date) -> datetime:
        """A date's sensible deadline: the end of its working day, else the usual end of day."""
        end = self.calendar.end_of_working_day(self.at(day, time(0)))
        if self.calendar.local(end).date() == day:
            return end
        return self.at(day, self.usual_end)

    def eod(self) -> datetime:
        # at the very end of the day, "eod" means the next working day's end
        return self.calendar.end_of_working_day(self.now + timedelta(seconds=1))

    def eow(self, moment: datetime | None = None) -> datetime:
        return self.calendar.end_of_working_week((moment or self.now) + timedelta(seconds=1))

    def next_working_morning(self) -> datetime:
        return self.calendar.next_working_day_start(self.now)

    def local_text(self, moment: datetime) -> str:
        return self.calendar.local(moment).strftime("%a %Y-%m-%d %H:%M")


class Words:
    """The normalised words of a line that the grammar may still use."""

    def __init__(self, tokens: Sequence[Token], usable: Sequence[bool] | None = None) -> None:
        self.tokens = tokens
        self.usable = usable if usable is not None else [not t.quoted for t in tokens]
        self.notes: dict[tuple[int, int], Note] = {}  # by token span: a phrase is noted once

    def note(self, message: str, i: int, end: int, read: bool) -> None:
        self.notes[(i, end)] = Note(message, i, end, read)

    def __call__(self, k: int) -> str | None:
        if 0 <= k < len(self.tokens) and self.usable[k]:
            return self.tokens[k].norm
        return None

    def __len__(self) -> int:
        return len(self.tokens)

    def text(self, i: int, end: int) -> str:
        return " ".join(t.raw for t in self.tokens[i:end])

    def error(self, message: str, i: int, end: int | None = None) -> ParseError:
        end = i + 1 if end is None else end
        return ParseError(message, self.text(i, end), self.tokens[i].start, self.tokens[end - 1].end)


@dataclass(frozen=True, slots=True)
class Note:
    """A phrase that can mean more than one thing: the preview says how it was read (`read`), or
    that its words stayed in the title and how to write it instead."""
    message: str
    start: int  # token indexes [start, end)
    end: int
    read: bool


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    end: int  # index after the phrase
    roll: str  # when its time has passed: "day", "week", "month", "year", or "never" (refuse)
    text: str


@dataclass(frozen=True, slots=True)
class Found:
    start: int  # index of the first word, preposition included
    end: int
    at: datetime
    prepositioned: bool
    promised: bool = False  # "eta …", "promised for …": a promise already given, not a wish


# -- times of day -------------------------------------------------------------------------


def _clock(words: Words, k: int, ctx: Context, after_day: bool,
           marked: bool = False) -> tuple[time, int] | None:
    """A time of day at word `k`; `marked` when by/at/… leads, which makes `3` and `15.30` times."""
    if words(k) == "at":
        k += 1
        marked = True
    word = words(k)
    if word is None:
        return None
    if word in ("noon", "midday"):
        return time(12), k + 1
    if word == "midnight":  # "by midnight" means before the day is out
        return time(23, 59), k + 1
    if after_day and word == "morning":
        return ctx.usual_start, k + 1
    if after_day and word in ("afternoon", "evening"):  # the end of the afternoon's work
        return ctx.usual_end, k + 1
    hour = minute = None
    meridiem = None
    end = k + 1
    if m := _CLOCK_12.match(word):
        hour, minute, meridiem = int(m.group(1)), int(m.group(2) or 0), m.group(3)[0]
    elif (m := _CLOCK_24.match(word) or (_CLOCK_DOT.match(word) if marked else None)) \
            or _HOUR.match(word):
        hour, minute = (int(m.group(1)), int(m.group(2))) if m else (int(word), 0)
        if words(k + 1) in _MERIDIEM:  # "3 pm", "12:30 p.m."
            meridiem, end = words(k + 1)[0], k + 2
        elif not m:
            # a bare number is not a time ("3 copies"), unless by/at leads: "by 3"
            return _bare_hour(words, k, ctx, hour) if marked else None
    else:
        return None
    if meridiem:
        if not 1 <= hour <= 12 or minute > 59:
            raise words.error(Text(_NOT_A_TIME, word=words.text(k, end)), k, end)
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    elif hour > 23 or minute > 59:
        raise words.error(Text(_NOT_A_TIME, word=words.text(k, end)), k, end)
    return time(hour, minute), end


def _bare_hour(words: Words, k: int, ctx: Context, hour: int) -> tuple[time, int] | None:
    """`by 3`: the reading within working hours when only one is (noted), else a note only."""
    first = k - 1 if words(k - 1) in PREPOSITIONS else k
    said = words.text(first, k + 1)
    if 13 <= hour <= 31:  # a time or a day of the month
        if hour <= 23:
            words.note(Text("'{word}': write {hour}:00 for a time or the {day} for a day of the month",
                            word=said, hour=hour, day=_ordinal(hour)), first, k + 1, read=False)
        else:
            words.note(Text("'{word}': write the {day} for a day of the month", word=said,
                            day=_ordinal(hour)), first, k + 1, read=False)
        return None
    if not 1 <= hour <= 12:
        return None
    am, pm = time(hour % 12), time(hour % 12 + 12)
    inside = [t for t in (am, pm) if ctx.usual_start <= t <= ctx.usual_end]
    if len(inside) == 1:
        words.note(Text("'{word}' read as {time}, within working hours; write {hour}am or {hour}pm "
                        "to be exact", word=said, time=f"{inside[0]:%H:%M}", hour=hour),
                   first, k + 1, read=True)
        return inside[0], k + 1
    words.note(Text("'{word}' — {hour} am or {hour} pm? write {hour}pm or {pm}", word=said, hour=hour,
                    pm=f"{pm:%H:%M}"), first, k + 1, read=False)
    return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# -- days ---------------------------------------------------------------------------------


def _day(words: Words, k: int, ctx: Context) -> Day | None:
    if words(k) == "on":
        k += 1
    word = words(k)
    if word is None:
        return None
    today = ctx.today
    if word == "today":
        return Day(today, k + 1, "never", words.text(k, k + 1))
    if word in _TOMORROW:
        return Day(today + timedelta(days=1), k + 1, "never", words.text(k, k + 1))
    if word == "day" and words(k + 1) == "after" and words(k + 2) in _TOMORROW:
        return Day(today + timedelta(days=2), k + 3, "never", words.text(k, k + 3))
    if word == "this" and words(k + 1) in _PARTS_OF_DAY:  # the clock reads "afternoon"
        return Day(today, k + 1, "never", words.text(k, k + 2))
    if word == "the" and words(k - 1) in PREPOSITIONS and (m := _ORDINAL.match(words(k + 1) or "")) \
            and words(k + 2) != "of" and words(k + 2) not in _MONTH_WORDS:  # "by the 5th", not "the 5th draft"
        return _day_of_month(words, k, ctx, int(m.group(1)))
    if word == "the" and words(k + 1) is not None:  # "the 3rd of december"
        day = _month_day(words, k + 1, ctx)
        return Day(day.day, day.end, day.roll, words.text(k, day.end)) if day else None
    if (m := _SLASH_DATE.match(word)):
        return _slash_date(words, k, ctx, m)
    if word == "yesterday":
        if ctx.future:
            raise words.error(Text("'yesterday' has passed; a promise needs a time ahead, "
                                   "e.g. tomorrow 10am"), k)
        return Day(today - timedelta(days=1), k + 1, "never", word)
    if word == "next" and words(k + 1) in ("working", "business", "work") and words(k + 2) == "day":
        moment = ctx.calendar.next_working_day_start(ctx.now)
        return Day(ctx.calendar.local(moment).date(), k + 3, "never", words.text(k, k + 3))
    if word in ("next", "this", "coming", "last") and words(k + 1) in _WEEKDAY_WORDS:
        return _weekday(words, k + 1, ctx, word)
    if word in _WEEKDAY_WORDS:
        return _weekday(words, k, ctx, "")
    if _ISO_DATE.match(word):
        try:
            return Day(date.fromisoformat(word), k + 1, "never", words.text(k, k + 1))
        except ValueError:
            raise words.error(Text("'{word}' is not a date; use e.g. 2026-12-01", word=words.text(k, k + 1)),
                              k) from None
    return _month_day(words, k, ctx)


def _weekday(words: Words, k: int, ctx: Context, qualifier: str) -> Day:
    weekday = _WEEKDAY_WORDS[words(k)]
    first = k - 1 if qualifier else k
    ahead = (weekday - ctx.today.weekday()) % 7
    text = words.text(first, k + 1)
    if qualifier == "next":
        return Day(ctx.today + timedelta(days=ahead or 7), k + 1, "never", text)
    if qualifier == "last":
        if ctx.future:
            raise words.error(Text("'{word}' has passed; a promise needs a time ahead", word=text),
                              first, k + 1)
        return Day(ctx.today - timedelta(days=(7 - ahead) % 7 or 7), k + 1, "never", text)
    if not ctx.future:  # "asked on mon": the latest Monday, today included
        return Day(ctx.today - timedelta(days=(7 - ahead) % 7), k + 1, "never", text)
    return Day(ctx.today + timedelta(days=ahead), k + 1, "week", text)


def _day_of_month(words: Words, k: int, ctx: Context, number: int) -> Day | None:
    """`the 5th`: this month's, or the next month's once it has passed (or this month has none)."""
    if not 1 <= number <= 31:
        return None
    day = _month_with_day(ctx.today.replace(day=1), number)
    return Day(day, k + 2, "month" if ctx.future else "never", words.text(k, k + 2))


def _month_with_day(first: date, number: int) -> date:
    """The first month from `first` (a 1st) that has day `number`."""
    for _ in range(12):
        try:
            return first.replace(day=number)
        except ValueError:
            first = (first + timedelta(days=32)).replace(day=1)
    raise AssertionError("unreachable")


def _slash_date(words: Words, k: int, ctx: Context, m: re.Match) -> Day | None:
    """`12/5`: day/month or month/day. Read when only one reading is a date (or both agree);
    otherwise noted, as no setting says which order the person writes."""
    a, b = int(m.group(1)), int(m.group(2))
    year = m.group(3)
    year = (int(year) + (2000 if len(year) == 2 else 0)) if year else ctx.today.year
    readings = set()
    for month, day_number in ((b, a), (a, b)):
        try:
            readings.add(date(year, month, day_number))
        except ValueError:
            continue
    text = words.text(k, k + 1)
    if not readings:
        raise words.error(Text("'{word}' is not a date; use e.g. dec 1 or 2026-12-01", word=text), k)
    if len(readings) > 1:
        words.note(Text("'{word}' — day/month or month/day? write {day_first} or {month_first}",
                        word=text, day_first=f"{a} {_MONTH_NAMES[b - 1][:3]}",
                        month_first=f"{_MONTH_NAMES[a - 1][:3]} {b}"),
                   k, k + 1, read=False)
        return None
    (day,) = readings
    return Day(day, k + 1, "year" if ctx.future and not m.group(3) else "never", text)


def _month_day(words: Words, k: int, ctx: Context) -> Day | None:
    """`dec 1`, `1 dec`, `december 1st, 2027`, `1st of december`: read by parsedatetime."""
    word = words(k)
    if word in _MONTH_WORDS and (m := _DAY_OF_MONTH.match(words(k + 1) or "")):
        month, day_number, end = _MONTH_WORDS[word], int(m.group(1)), k + 2
    elif (m := _DAY_OF_MONTH.match(word)):
        end = k + 1
        if words(end) == "of":
            end += 1
        if words(end) not in _MONTH_WORDS:
            return None
        month, day_number, end = _MONTH_WORDS[words(end)], int(m.group(1)), end + 1
    else:
        return None
    year = None
    if (y := words(end)) and _YEAR.match(y):
        year, end = int(y), end + 1
    text = words.text(k, end)
    canonical = f"{_MONTH_NAMES[month - 1]} {day_number} {year or ctx.today.year}"
    parsed, context = _parsedatetime().parseDT(canonical, sourceTime=datetime.combine(ctx.today, time(12)))
    if not context.hasDate or (parsed.month, parsed.day) != (month, day_number):
        raise words.error(Text("'{word}' is not a date; use e.g. dec 1 or 2026-12-01", word=text), k, end)
    if year is not None:
        return Day(parsed.date().replace(year=year), end, "never", text)
    candidate = parsed.date().replace(year=ctx.today.year)
    return Day(candidate, end, "year" if ctx.future else "never", text)


# -- whole phrases ------------------------------------------------------------------------


def _resolve(words: Words, ctx: Context, day: Day | None, clock: time | None, first: int, end: int) -> datetime:
    if day is None:
        day = Day(ctx.today, end, "day", "")
    moment = ctx.at(day.day, clock) if clock is not None else ctx.end_of(day.day)
    if not ctx.future or moment > ctx.now:
        return moment
    step = {"day": timedelta(days=1), "week": timedelta(days=7)}.get(day.roll)
    if step is not None:
        following = day.day + step
    elif day.roll == "month":
        following = _month_with_day((day.day.replace(day=1) + timedelta(days=32)).replace(day=1), day.day.day)
    elif day.roll == "year":
        following = _next_valid_year(day.day)
    else:
        raise words.error(Text("'{word}' is {moment}, which has passed; give a time ahead, "
                               "e.g. tomorrow 10am", word=words.text(first, end),
                               moment=ctx.local_text(moment)), first, end)
    return ctx.at(following, clock) if clock is not None else ctx.end_of(following)


def _next_valid_year(day: date) -> date:
    for year in range(day.year + 1, day.year + 9):
        try:
            return day.replace(year=year)
        except ValueError:  # 29 February
            continue
    raise AssertionError("unreachable")


def _amount(words: Words, k: int) -> tuple[float, str, int] | None:
    """`2h`, `90 minutes`, `an hour`, `half an hour`, `1h30`, `2 working hours`."""
    word = words(k)
    if word is None:
        return None
    if m := _COMPACT.match(word):
        return float(m.group(1).replace(",", ".")), _UNITS[m.group(2)], k + 1
    if m := _HOURS_MINUTES.match(word):
        return int(m.group(1)) * 60 + int(m.group(2)), "minutes", k + 1
    if word == "half" and words(k + 1) in ("an", "a") and words(k + 2) == "hour":
        return 30, "minutes", k + 3
    if _AMOUNT.match(word):
        amount = float(word.replace(",", "."))
    elif word in _NUMBER_WORDS:
        amount = _NUMBER_WORDS[word]
    else:
        return None
    unit_at = k + 1
    working = words(unit_at) in ("working", "business")
    if working:
        unit_at += 1
    unit = words(unit_at)
    if unit in _UNITS and (not working or _UNITS[unit] == "hours"):
        return amount, ("working hours" if working else _UNITS[unit]), unit_at + 1
    if unit and len(unit) >= 4 and difflib.get_close_matches(unit, _UNIT_VOCABULARY, 1, 0.8):
        suggestion = difflib.get_close_matches(unit, _UNIT_VOCABULARY, 1, 0.8)[0]
        raise words.error(Text("'{word}' is not a unit of time; did you mean '{suggestion}'?",
                               word=words.text(unit_at, unit_at + 1), suggestion=suggestion), unit_at)
    return None


def _after(ctx: Context, words: Words, amount: float, unit: str, k: int, first: int) -> tuple[datetime, int]:
    """`amount` units after now; days and longer keep the local wall time (or take a given one)."""
    try:
        if unit == "minutes":
            delta = timedelta(minutes=amount)
        elif unit == "hours":
            delta = timedelta(hours=amount)
        elif unit == "working hours":
            if amount * 60 > _MAX_AHEAD.total_seconds() / 60 / 4:
                raise OverflowError
            return ctx.calendar.add_working_minutes(ctx.now, amount * 60), k
        else:
            days = amount * {"days": 1, "weeks": 7, "months": 30.44}[unit]
            if days > _MAX_AHEAD.days:
                raise OverflowError
            if unit == "months":
                target = _add_months(ctx.today, int(amount))
            else:
                target = ctx.today + timedelta(days=round(days))
            found = _clock(words, k, ctx, after_day=True)
            if found:
                return ctx.at(target, found[0]), found[1]
            return ctx.at(target, ctx.local_now.time().replace(tzinfo=None)), k
        if delta > _MAX_AHEAD:
            raise OverflowError
        return ctx.now + delta, k
    except OverflowError:
        raise words.error(Text("'{word}' is too far ahead; give a time within ten years",
                               word=words.text(first, k)), first, k) from None


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _business(words: Words, k: int, ctx: Context) -> tuple[datetime, int] | None:
    word = words(k)
    phrase = [word, words(k + 1), words(k + 2), words(k + 3)]
    end = None
    if word in _SAME_DAY_WORDS:
        end = k + 1
    elif phrase[:3] == ["end", "of", "day"] or phrase[:3] == ["close", "of", "business"]:
        end = k + 3
    elif phrase[:4] == ["end", "of", "the", "day"]:
        end = k + 4
    if end is not None:
        day = _day(words, end, ctx)  # "eod fri", "end of day tomorrow"
        if day is not None:
            return _resolve(words, ctx, day, None, k, day.end), day.end
        return ctx.eod(), end
    if word in _SOON_WORDS:
        return ctx.eod(), k + 1
    if word == "eow" or phrase[:3] == ["end", "of", "week"] or phrase[:2] == ["this", "week"]:
        return ctx.eow(), k + (1 if word == "eow" else 3 if phrase[0] == "end" else 2)
    if phrase[:4] == ["end", "of", "the", "week"]:
        return ctx.eow(), k + 4
    if phrase[:2] == ["next", "week"]:
        monday = ctx.today + timedelta(days=7 - ctx.today.weekday())
        return ctx.eow(ctx.at(monday, time(0))), k + 2
    if word == "next" and phrase[1] in ("working", "business", "work") and phrase[2] == "morning":
        return ctx.next_working_morning(), k + 3
    return None


def _phrase(words: Words, k: int, ctx: Context, marked: bool = False) -> tuple[datetime, int] | None:
    """A date phrase starting exactly at word `k` (after any preposition: then `marked`)."""
    word = words(k)
    if word is None:
        return None
    if word in ("in", "within"):
        amount = _amount(words, k + 1)
        if amount is not None:
            return _after(ctx, words, amount[0], amount[1], amount[2], k)
        return None
    if found := _business(words, k, ctx):
        return found
    if _ISO_DATETIME.match(word) or (_ISO_DATE.match(word) and _CLOCK_24.match(words(k + 1) or "")):
        return _iso(words, k, ctx)
    day = _day(words, k, ctx)
    if day is not None:
        clock = _clock(words, day.end, ctx, after_day=True)
        end = clock[1] if clock else day.end
        if clock is None and words(end) in _SAME_DAY_WORDS:  # "fri eod"
            end += 1
        return _resolve(words, ctx, day, clock[0] if clock else None, k, end), end
    clock = _clock(words, k, ctx, after_day=False, marked=marked)
    if clock is not None:
        day = _day(words, clock[1], ctx)
        end = day.end if day else clock[1]
        return _resolve(words, ctx, day, clock[0], k, end), end
    return None


def _iso(words: Words, k: int, ctx: Context) -> tuple[datetime, int]:
    end = k + 1 if "t" in words(k) or len(words(k)) > 10 else k + 2
    text = words.text(k, end)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise words.error(Text("'{word}' is not a date and time; use e.g. 2026-12-01 14:00", word=text),
                          k, end) from None
    moment = moment.replace(tzinfo=ctx.tz) if moment.tzinfo is None else moment
    moment = moment.astimezone(UTC)
    if ctx.future and moment <= ctx.now:
        raise words.error(Text(_PASSED, word=text), k, end)
    return moment, end


def find_when(words: Words, k: int, ctx: Context) -> Found | None:
    """A date phrase at word `k`, with a leading `by`/`on`/`at`/`due`… (a wish) or `eta`/
    `promised [for]` (a promise); None when there is none.

    A preposition followed by a mistyped date word (`by fridya`) is an error that names the word;
    one followed by other words (`by email`) is just part of the title.
    """
    j = k
    promised = words(j) in PROMISE_WORDS
    if promised:
        j += 1
        if words(j) in _PROMISE_FOLLOWERS:
            j += 1
    else:
        if words(j) == "due":
            j += 1
        if words(j) in PREPOSITIONS:
            j += 1
    found = _phrase(words, j, ctx, marked=j > k)
    if found is None and j > k:
        _check_typo(words, j)
        return None
    if found is None:
        return None
    problem = instant_problem(found[0], ctx.now)
    if problem is not None:
        raise words.error(Text(_OUT_OF_RANGE, word=words.text(j, found[1]), problem=problem), j, found[1])
    return Found(k, found[1], found[0], j > k, promised)


def _check_typo(words: Words, k: int) -> None:
    word = words(k)
    if word is None:
        return
    if word in _MONTH_WORDS and len(word) >= 3:
        raise words.error(Text("'{word}': say which day of the month, e.g. {month} 3",
                               word=words.text(k, k + 1), month=word), k)
    if len(word) >= 4 and word not in _VOCABULARY:
        close = difflib.get_close_matches(word, _VOCABULARY, 1, 0.8)
        if close:
            raise words.error(Text("'{word}' is not a date I understand; did you mean '{suggestion}'?",
                                   word=words.text(k, k + 1), suggestion=close[0]), k)


# -- recurrence ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recurrence:
    rule: str  # normalised, e.g. "every mon 09:00"
    first: datetime
    end: int


def find_recurrence(words: Words, k: int, ctx: Context) -> Recurrence | None:
    """`every mon 9am`, `every day`, `every weekday at 8:30`, `every tue and thu`."""
    if words(k) != "every":
        return None
    j = k + 1
    word = words(j)
    if word in ("day", "daily"):
        days, j = "day", j + 1
    elif word in ("weekday", "weekdays", "workday", "workdays"):
        days, j = "weekday", j + 1
    elif word in ("working", "business", "work") and words(j + 1) == "day":
        days, j = "weekday", j + 2
    elif word == "morning":
        days, j = "weekday", j  # "every morning" is every working day at the start of work
    elif word in _WEEKDAY_WORDS:
        chosen = set()
        while words(j) in _WEEKDAY_WORDS:
            chosen.add(_WEEKDAY_WORDS[words(j)])
            if words(j + 1) in ("and", "&") and words(j + 2) in _WEEKDAY_WORDS:
                j += 2
            elif words.tokens[j].raw.endswith(",") and words(j + 1) in _WEEKDAY_WORDS:
                j += 1
            else:
                j += 1
                break
        days = ",".join(WEEKDAYS[d] for d in sorted(chosen))
    elif word in ("week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute",
                  "minutes", "other", "2", "second"):
        raise words.error(Text("'{word}' is not a repeat Promptly knows; use every day, every weekday or "
                               "every mon (several days: every mon and thu)", word=words.text(k, j + 1)),
                          k, j + 1)
    else:
        if word and len(word) >= 4 and difflib.get_close_matches(word, list(_WEEKDAY_WORDS), 1, 0.8):
            close = difflib.get_close_matches(word, list(_WEEKDAY_WORDS), 1, 0.8)[0]
            raise words.error(Text("'{word}' is not a day I understand; did you mean '{suggestion}'?",
                                   word=words.text(j, j + 1), suggestion=close), j)
        return None
    clock = _clock(words, j, ctx, after_day=True)
    if clock is not None:
        at, j = clock
    else:
        at = ctx.usual_start if word == "morning" else ctx.usual_end
        if word == "morning":
            j += 1
    rule = f"every {days} {at:%H:%M}"
    return Recurrence(rule, next_occurrence(rule, ctx.now, ctx.calendar), j)


# -- free-standing phrases ---------------------------------------------------------------


def parse_when(text: str, now: datetime, calendar: WorkingCalendar, future: bool = True) -> datetime:
    """A date phrase of the language or ISO 8601, as an aware UTC datetime.

    `future=True` (promises) rolls a past weekday or time to its next occurrence and refuses what
    can only be past; `future=False` (when something was asked) takes phrases as said.
    """
    check_text(text)
    ctx = Context(now, calendar, future)
    stripped = text.strip()
    try:
        moment = datetime.fromisoformat(stripped)
    except ValueError:
        pass
    else:
        try:
            moment = (moment.replace(tzinfo=ctx.tz) if moment.tzinfo is None else moment).astimezone(UTC)
        except OverflowError:  # the very ends of datetime's range
            raise ParseError(Text(_OUT_OF_RANGE, word=stripped, problem="is out of range"), stripped) from None
        if future and moment <= ctx.now:
            raise ParseError(Text(_PASSED, word=stripped), stripped)
        problem = instant_problem(moment, ctx.now)
        if problem is not None:
            raise ParseError(Text(_OUT_OF_RANGE, word=stripped, problem=problem), stripped)
        return moment
    words = _lone_phrase(text)
    found = find_when(words, 0, ctx)
    if found is not None and found.end == len(words):
        return found.at
    unread = [n for n in words.notes.values() if not n.read]
    if unread:  # "by 3", "12/5": say how to write it rather than guess
        raise words.error(unread[0].message, unread[0].start, unread[0].end)
    fallback = _parsedatetime_phrase(stripped, ctx)
    if fallback is not None:
        return fallback
    bad = found.end if found is not None else 0
    raise words.error(Text("'{word}' is not a date I understand; use e.g. fri 3pm, tomorrow, in 2h, eod "
                           "or 2026-12-01 14:00", word=words.text(bad, bad + 1)), bad)


def _lone_phrase(text: str) -> Words:
    tokens = tokenize(text)
    if not tokens:
        raise ParseError(Text("say when, e.g. fri 3pm, tomorrow, in 2h or 2026-12-01 14:00"), text.strip())
    return Words(tokens, [True] * len(tokens))  # quotes mean nothing in a lone phrase


def _parsedatetime_phrase(text: str, ctx: Context) -> datetime | None:
    """parsedatetime's reading of a whole phrase our grammar does not know (`a week from now`)."""
    found = _parsedatetime().nlp(text, sourceTime=ctx.local_now.replace(tzinfo=None))
    if not found or len(found) != 1:
        return None
    parsed, context, start, end, _ = found[0]
    if text[:start].strip() or text[end:].strip() or not (context.hasDate or context.hasTime):
        return None
    moment = parsed.replace(tzinfo=ctx.tz).astimezone(UTC)
    if ctx.future and moment <= ctx.now:
        raise ParseError(Text(_PASSED, word=text), text)
    problem = instant_problem(moment, ctx.now)
    if problem is not None:
        raise ParseError(Text(_OUT_OF_RANGE, word=text, problem=problem), text)
    return moment


def parse_duration(text: str, now: datetime, calendar: WorkingCalendar) -> datetime:
    """When a snooze ends: `15m`, `2 hours`, `tomorrow`, `morning`, or any date phrase."""
    check_text(text)
    ctx = Context(now, calendar)
    words = _lone_phrase(text)
    norms = [t.norm for t in words.tokens]
    if norms in (["morning"], ["next", "morning"], ["next", "working", "morning"],
                 ["next", "business", "morning"]):
        return ctx.next_working_morning()
    if norms in (["tomorrow"], ["tomorrow", "morning"]):
        return ctx.at(ctx.today + timedelta(days=1), ctx.usual_start)
    amount = _amount(words, 0)
    if amount is not None and amount[2] == len(words):
        moment, end = _after(ctx, words, amount[0], amount[1], amount[2], 0)
        if moment > ctx.now:
            return moment
        raise ParseError(Text("'{word}' ends at once; give a length like 15m or 2h", word=text.strip()),
                         text.strip())
    return parse_when(text, now, calendar)
