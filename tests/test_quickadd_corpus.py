"""A corpus of quick-add lines with what each must mean, at a fixed "now" in a fixed time zone.

Each row reads: the line, then `direction counterpart: title | local needed-by time | eta local
promised time | #tags | priority | repeat | hint: <the words a hint is about>` (a `?` after the
direction marks the default direction; `-` no time wanted; the eta part only when a promise was
given; a hint when the words were read one way of several or left in the title), or `error: <the
word the error names>`. DST sections show the UTC offset too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import pytest

from app.policy.calendar import WorkingCalendar
from app.quickadd import ParseError, ParseResult, parse

UTC = timezone.utc
KNOWN_PEOPLE = ("Dana", "Sam", "Dana Smith")


@dataclass(frozen=True)
class Section:
    name: str
    tz: str
    now: str  # local wall time
    rows: list[tuple[str, str]]
    holidays: tuple[date, ...] = ()
    offsets: bool = False  # show the UTC offset: across DST the wall time alone hides the hour
    calendar: WorkingCalendar = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "calendar", WorkingCalendar(tz=self.tz, holidays=self.holidays))

    @property
    def now_utc(self) -> datetime:
        return datetime.fromisoformat(self.now).replace(tzinfo=self.calendar.tz).astimezone(UTC)


def describe(result: ParseResult, section: Section) -> str:
    parts = [f"{result.direction.value}{'' if result.direction_explicit else '?'} "
             f"{result.counterpart}: {result.title}"]
    def local(moment: datetime) -> str:
        return moment.astimezone(section.calendar.tz).strftime(
            "%a %Y-%m-%d %H:%M" + ("%z" if section.offsets else ""))

    parts.append(local(result.needed_by) if result.needed_by else "-")
    if result.promised_at:
        parts.append("eta " + local(result.promised_at))
    if result.tags:
        parts.append(" ".join("#" + t for t in result.tags))
    if result.priority:
        parts.append(result.priority.label)
    if result.recurrence:
        parts.append(result.recurrence)
    parts.extend(f"hint: {hint.text}" for hint in result.hints)
    return " | ".join(parts)


FRIDAY_AFTERNOON = Section("Friday afternoon, Berlin", "Europe/Berlin", "2026-11-27 16:00", [
    # the examples
    ("from @dana: repair invoice by fri 3pm #billing", "received Dana: repair invoice | Fri 2026-12-04 15:00 | #billing"),
    ("to @sam review contract eod !", "made Sam: review contract | Fri 2026-11-27 17:00 | high"),
    ("@lee asked for Q3 numbers tomorrow 10am", "received Lee: Q3 numbers | Sat 2026-11-28 10:00"),
    ("ask @kim for the badge form in 2h", "made Kim: the badge form | Fri 2026-11-27 18:00"),
    ("from @ari: sign-off by next monday 9am !!!", "received Ari: sign-off | Mon 2026-11-30 09:00 | urgent"),
    ("to @jo: weekly report every mon 9am", "made Jo: weekly report | Mon 2026-11-30 09:00 | every mon 09:00"),
    ('from @dana: "by friday" is in the title', "received Dana: by friday is in the title | -"),
    ('from @dana: "by fri', "received Dana: by fri | -"),  # an unclosed quote runs to the end
    # weekdays: today while its time is ahead, else next week
    ("from @dana: repair invoice by fri 5pm", "received Dana: repair invoice | Fri 2026-11-27 17:00"),
    ("from @dana: repair invoice by fri", "received Dana: repair invoice | Fri 2026-11-27 17:00"),
    ("from @dana: repair invoice fri", "received Dana: repair invoice | Fri 2026-11-27 17:00"),
    ("from @lee budget due mon", "received Lee: budget | Mon 2026-11-30 17:00"),
    ("from @lee budget due by tue 11am", "received Lee: budget | Tue 2026-12-01 11:00"),
    ("from @lee budget until wed", "received Lee: budget | Wed 2026-12-02 17:00"),
    ("from @lee budget before thursday 8am", "received Lee: budget | Thu 2026-12-03 08:00"),
    ("from @lee budget on sat", "received Lee: budget | Sat 2026-11-28 17:00"),
    ("from @lee budget by sun 10am", "received Lee: budget | Sun 2026-11-29 10:00"),
    ("from @lee budget by this friday 5pm", "received Lee: budget | Fri 2026-11-27 17:00"),
    ("from @lee budget at 9am on monday", "received Lee: budget | Mon 2026-11-30 09:00"),
    ("from @lee budget fri evening", "received Lee: budget | Fri 2026-11-27 17:00"),
    # tomorrow on a Friday is Saturday, at the usual end of the day
    ("to @sam: slides tomorrow", "made Sam: slides | Sat 2026-11-28 17:00"),
    ("to @sam: slides by tomorrow 9am", "made Sam: slides | Sat 2026-11-28 09:00"),
    ("to @sam: slides by tmrw noon", "made Sam: slides | Sat 2026-11-28 12:00"),
    ("from @lee budget by day after tomorrow", "received Lee: budget | Sun 2026-11-29 17:00"),
    ("from @lee budget tomorrow morning", "received Lee: budget | Sat 2026-11-28 09:00"),
    ("from @lee budget 3pm tomorrow", "received Lee: budget | Sat 2026-11-28 15:00"),
    # times of day: a past one means tomorrow
    ("@lee: budget by 3pm", "received? Lee: budget | Sat 2026-11-28 15:00"),
    ("@lee: budget by 4:30pm", "received? Lee: budget | Fri 2026-11-27 16:30"),
    ("@lee: budget by 17:30", "received? Lee: budget | Fri 2026-11-27 17:30"),
    ("@lee: budget at noon", "received? Lee: budget | Sat 2026-11-28 12:00"),
    ("@lee: budget by midnight", "received? Lee: budget | Fri 2026-11-27 23:59"),
    ("to @sam: x by 3 pm", "made Sam: x | Sat 2026-11-28 15:00"),
    ("to @sam: x by 12:30 p.m.", "made Sam: x | Sat 2026-11-28 12:30"),
    ("to @sam: x by 12am", "made Sam: x | Sat 2026-11-28 00:00"),
    ("to @sam: x by 12pm", "made Sam: x | Sat 2026-11-28 12:00"),
    ("to @sam: x BY FRI 3PM", "made Sam: x | Fri 2026-12-04 15:00"),
    ("to @sam: x by friday, 3pm", "made Sam: x | Fri 2026-12-04 15:00"),
    ("to @sam: x by Friday.", "made Sam: x | Fri 2026-11-27 17:00"),
    ("to @sam: 3 copies 5", "made Sam: 3 copies 5 | -"),  # a bare number is not a time
    ("to @sam: 3 copies by 5", "made Sam: 3 copies | Fri 2026-11-27 17:00 | hint: by 5"),  # unless by leads
    # direction words and arrows
    ("< @lee budget eow", "received Lee: budget | Fri 2026-11-27 17:00"),
    ("> @lee budget eow", "made Lee: budget | Fri 2026-11-27 17:00"),
    ("<@lee budget in 90 minutes", "received Lee: budget | Fri 2026-11-27 17:30"),
    (">@lee budget within 30 min", "made Lee: budget | Fri 2026-11-27 16:30"),
    ("review contract to @sam", "made Sam: review contract | -"),
    ("repair invoice from @dana by fri", "received Dana: repair invoice | Fri 2026-11-27 17:00"),
    ("@dana @sam x", "received? Dana: @sam x | -"),  # the first person named, unless a direction word marks another
    ("from @sam to @dana x", "received Sam: @dana x | -"),
    ("to @sam cc @lee the summary", "made Sam: cc @lee the summary | -"),
    ("@dana asked me to check the logs", "received Dana: check the logs | -"),
    ("@dana asked about the logs", "received Dana: the logs | -"),
    ("for @kim: order toner", "made Kim: order toner | -"),
    ("ask @kim to sign the form", "made Kim: sign the form | -"),
    ("@kim - order toner eod", "received? Kim: order toner | Fri 2026-11-27 17:00"),
    ("ask @kim: order toner in 15m", "made Kim: order toner | Fri 2026-11-27 16:15"),
    # relative
    ("from @lee budget in an hour", "received Lee: budget | Fri 2026-11-27 17:00"),
    ("from @lee budget in half an hour", "received Lee: budget | Fri 2026-11-27 16:30"),
    ("from @lee budget in 1h30", "received Lee: budget | Fri 2026-11-27 17:30"),
    ("from @lee budget in 2 days", "received Lee: budget | Sun 2026-11-29 16:00"),
    ("from @lee budget in 1 week", "received Lee: budget | Fri 2026-12-04 16:00"),
    ("to @sam: x in 1.5 hours", "made Sam: x | Fri 2026-11-27 17:30"),
    ("to @sam: x in 2 weeks at 10am", "made Sam: x | Fri 2026-12-11 10:00"),
    ("from @lee budget in 2 working hours", "received Lee: budget | Mon 2026-11-30 10:00"),
    # business words
    ("from @lee budget by next working day", "received Lee: budget | Mon 2026-11-30 17:00"),
    ("from @lee budget next business day 10am", "received Lee: budget | Mon 2026-11-30 10:00"),
    ("from @lee budget by next week", "received Lee: budget | Fri 2026-12-04 17:00"),
    ("from @lee budget this week", "received Lee: budget | Fri 2026-11-27 17:00"),
    ("from @lee budget by end of day", "received Lee: budget | Fri 2026-11-27 17:00"),
    ("from @lee budget by end of the week", "received Lee: budget | Fri 2026-11-27 17:00"),
    ("from @lee budget by close of business", "received Lee: budget | Fri 2026-11-27 17:00"),
    ("from @lee budget eod mon", "received Lee: budget | Mon 2026-11-30 17:00"),
    ("from @lee budget by mon eod", "received Lee: budget | Mon 2026-11-30 17:00"),
    # calendar dates
    ("from @lee budget by dec 1", "received Lee: budget | Tue 2026-12-01 17:00"),
    ("from @lee budget by 1 dec", "received Lee: budget | Tue 2026-12-01 17:00"),
    ("from @lee budget by december 1st", "received Lee: budget | Tue 2026-12-01 17:00"),
    ("from @lee budget by 3rd of december 2pm", "received Lee: budget | Thu 2026-12-03 14:00"),
    ("from @lee budget by dec 1 2027", "received Lee: budget | Wed 2027-12-01 17:00"),
    ("to @sam: x by Dec 1st, 2027", "made Sam: x | Wed 2027-12-01 17:00"),
    ("from @lee budget by 2026-12-01 14:00", "received Lee: budget | Tue 2026-12-01 14:00"),
    ("from @lee budget by 2026-12-01", "received Lee: budget | Tue 2026-12-01 17:00"),
    ("from @lee budget by 2026-12-01T08:30", "received Lee: budget | Tue 2026-12-01 08:30"),
    ("from @lee budget by nov 20", "received Lee: budget | Sat 2027-11-20 17:00"),  # passed this year
    ("from @lee budget by jan 2", "received Lee: budget | Sat 2027-01-02 17:00"),
    # repeats
    ("from @lee budget every day", "received Lee: budget | Fri 2026-11-27 17:00 | every day 17:00"),
    ("from @lee standup notes every weekday 9:30am", "received Lee: standup notes | Mon 2026-11-30 09:30 | every weekday 09:30"),
    ("from @lee timesheet every fri 4pm", "received Lee: timesheet | Fri 2026-12-04 16:00 | every fri 16:00"),
    ("from @lee report every mon and thu at 10am", "received Lee: report | Mon 2026-11-30 10:00 | every mon,thu 10:00"),
    ("from @lee report every tue, thu 8am", "received Lee: report | Tue 2026-12-01 08:00 | every tue,thu 08:00"),
    ("from @lee report every morning", "received Lee: report | Mon 2026-11-30 09:00 | every weekday 09:00"),
    ("to @sam: x every day at noon", "made Sam: x | Sat 2026-11-28 12:00 | every day 12:00"),
    ("from @lee report every working day at 5pm", "received Lee: report | Fri 2026-11-27 17:00 | every weekday 17:00"),
    # which date phrase wins: the one after by/at/on, else the last
    ("from @dana: tuesday meeting notes tomorrow", "received Dana: tuesday meeting notes | Sat 2026-11-28 17:00"),
    ("from @dana: call at 3pm about the tuesday meeting", "received Dana: call about the tuesday meeting | Sat 2026-11-28 15:00"),
    # tags, priority, people
    ("from @dana: fix bug #123 by fri", "received Dana: fix bug #123 | Fri 2026-11-27 17:00"),
    ("from @dana fix #Billing #urgent-ish bug", "received Dana: fix bug | - | #billing #urgent-ish"),
    ("from @dana fix it #ops #OPS", "received Dana: fix it | - | #ops"),
    ("from @dana: fix the thing !!", "received Dana: fix the thing | - | highest"),
    ("from @dana: fix the thing !!!!", "received Dana: fix the thing | - | urgent"),
    ("from @dana: fix the thing ! !!", "received Dana: fix the thing | - | highest"),
    ("from @DANA: fix the thing", "received Dana: fix the thing | -"),
    ("from @sAm: fix the thing", "received Sam: fix the thing | -"),
    ("to @mary-jane: invoice", "made Mary-Jane: invoice | -"),
    ("to @o'neil: invoice", "made O'Neil: invoice | -"),
    ("to @McKay: invoice", "made McKay: invoice | -"),
    ("to @zoë: Prüfung ✅ by fri", "made Zoë: Prüfung ✅ | Fri 2026-11-27 17:00"),
    ("to @李: 报告 by dec 1", "made 李: 报告 | Tue 2026-12-01 17:00"),
    ("@lee 🎉 party supplies eod", "received? Lee: 🎉 party supplies | Fri 2026-11-27 17:00"),
    ("@lee.k: badge", "received? Lee.K: badge | -"),
    # words that only look like dates stay in the title
    ("from @dana: send it by email", "received Dana: send it by email | -"),
    ("from @dana: at home please", "received Dana: at home please | -"),
    ("from @dana: put it in 2 boxes", "received Dana: put it in 2 boxes | -"),
    ("from @dana: check every detail", "received Dana: check every detail | -"),
    ("from @dana: may need the form", "received Dana: may need the form | -"),
    ("from @dana: ratio 16:9 slides", "received Dana: ratio 16:9 slides | -"),
    # errors name the word
    ("from @dana: repair invoice by fridya", "error: fridya"),
    ("from @dana: invoice by tomorow", "error: tomorow"),
    ("from @dana: invoice by thrusday", "error: thrusday"),
    ("from @dana: invoice by 2020-01-01", "error: 2020-01-01"),
    ("from @dana: invoice by dec 1 2020", "error: dec 1 2020"),
    ("from @dana: invoice yesterday", "error: yesterday"),
    ("from @dana: invoice by last monday", "error: last monday"),
    ("from @dana: invoice by today 3pm", "error: today 3pm"),
    ("from @dana: invoice by today", "received Dana: invoice | Fri 2026-11-27 17:00"),
    ("from @dana: invoice by feb 30", "error: feb 30"),
    ("from @dana: invoice by 13pm", "error: 13pm"),
    ("from @dana: invoice by 25:00", "error: 25:00"),
    ("from @dana: invoice by dec", "error: dec"),
    ("from @dana: invoice by 2026-13-45", "error: 2026-13-45"),
    ("from @dana: invoice in 2 hourz", "error: hourz"),
    ("from @dana: invoice in 99999999 days", "error: in 99999999 days"),
    ("from @dana: invoice in 999999999h", "error: in 999999999h"),
    ("from @dana: invoice every month", "error: every month"),
    ("to @sam meeting every week", "error: every week"),
    ("from @dana: invoice every fridday", "error: fridday"),
    ("from @dana by fri 3pm", "error: None"),  # only a date: no title
    ("to @sam !", "error: None"),
    ("repair invoice by fri", "error: None"),  # nobody named
    ("from: repair invoice", "error: None"),
    ("from @ repair invoice", "error: @"),
    ("@", "error: @"),
    ('"unclosed quote by fri @dana', "error: None"),
    ("", "error: None"),
    ("   ", "error: None"),
    ("from @dana: tab\there", "error: '\\t'"),
    ("from @dana: line\nbreak", "error: '\\n'"),
    ("from @dana: bell\x07", "error: '\\x07'"),
])

MONDAY_MORNING = Section("Monday morning, Berlin", "Europe/Berlin", "2026-11-23 10:00", [
    ("from @dana: report by 3pm", "received Dana: report | Mon 2026-11-23 15:00"),
    ("from @dana: report by 9am", "received Dana: report | Tue 2026-11-24 09:00"),
    ("from @dana: report by mon 9am", "received Dana: report | Mon 2026-11-30 09:00"),  # passed an hour ago
    ("from @dana: report by mon 11am", "received Dana: report | Mon 2026-11-23 11:00"),
    ("from @dana: report mon", "received Dana: report | Mon 2026-11-23 17:00"),
    ("from @dana: report by next mon", "received Dana: report | Mon 2026-11-30 17:00"),
    ("from @dana: report eod", "received Dana: report | Mon 2026-11-23 17:00"),
    ("from @dana: report eow", "received Dana: report | Fri 2026-11-27 17:00"),
    ("from @dana: report by tomorrow", "received Dana: report | Tue 2026-11-24 17:00"),
    ("from @dana: report in 2 working hours", "received Dana: report | Mon 2026-11-23 12:00"),
    ("from @dana: report in 8 working hours", "received Dana: report | Tue 2026-11-24 10:00"),
    ("from @dana: report every mon 9am", "received Dana: report | Mon 2026-11-30 09:00 | every mon 09:00"),
    ("from @dana: report every mon 11am", "received Dana: report | Mon 2026-11-23 11:00 | every mon 11:00"),
    ("from @dana: report every weekday", "received Dana: report | Mon 2026-11-23 17:00 | every weekday 17:00"),
    ("from @dana: report by nov 23", "received Dana: report | Mon 2026-11-23 17:00"),
    ("from @dana: report by nov 23 2026 9am", "error: nov 23 2026 9am"),
    ("from @dana: report next working day", "received Dana: report | Tue 2026-11-24 17:00"),
])

MONTH_END_EVENING = Section("Month end, after hours, Berlin", "Europe/Berlin", "2026-11-30 18:00", [
    ("to @sam: recap tomorrow", "made Sam: recap | Tue 2026-12-01 17:00"),
    ("to @sam: recap eod", "made Sam: recap | Tue 2026-12-01 17:00"),  # today's is over
    ("to @sam: recap eow", "made Sam: recap | Fri 2026-12-04 17:00"),
    ("to @sam: recap 3pm", "made Sam: recap | Tue 2026-12-01 15:00"),
    ("to @sam: recap in 30 minutes", "made Sam: recap | Mon 2026-11-30 18:30"),
])

YEAR_END = Section("New Year's Eve, Berlin", "Europe/Berlin", "2026-12-31 15:00", [
    ("to @sam: recap tomorrow", "made Sam: recap | Fri 2027-01-01 17:00"),
    ("to @sam: recap jan 2", "made Sam: recap | Sat 2027-01-02 17:00"),
    ("to @sam: recap by jan 2 10am", "made Sam: recap | Sat 2027-01-02 10:00"),
    ("to @sam: recap dec 31", "made Sam: recap | Thu 2026-12-31 17:00"),
    ("to @sam: recap dec 31 2pm", "made Sam: recap | Fri 2027-12-31 14:00"),  # next occurrence
    ("to @sam: recap dec 30", "made Sam: recap | Thu 2027-12-30 17:00"),
    ("to @sam: recap eod", "made Sam: recap | Thu 2026-12-31 17:00"),
    ("to @sam: recap eow", "made Sam: recap | Fri 2027-01-01 17:00"),
    ("to @sam: recap next week", "made Sam: recap | Fri 2027-01-08 17:00"),
    ("to @sam: recap next working day", "made Sam: recap | Fri 2027-01-01 17:00"),
    ("to @sam: recap in 2 days", "made Sam: recap | Sat 2027-01-02 15:00"),
    ("to @sam: recap by 2027-01-04 09:00", "made Sam: recap | Mon 2027-01-04 09:00"),
    ("to @sam: recap by mon", "made Sam: recap | Mon 2027-01-04 17:00"),
    ("to @sam: recap every day 9am", "made Sam: recap | Fri 2027-01-01 09:00 | every day 09:00"),
])

YEAR_END_HOLIDAY = Section("New Year's Eve with New Year's Day off", "Europe/Berlin", "2026-12-31 15:00", [
    ("to @sam: recap tomorrow", "made Sam: recap | Fri 2027-01-01 17:00"),
    ("to @sam: recap next working day", "made Sam: recap | Mon 2027-01-04 17:00"),
    ("to @sam: recap eow", "made Sam: recap | Thu 2026-12-31 17:00"),
    ("to @sam: recap jan 1 10am", "made Sam: recap | Fri 2027-01-01 10:00"),
    ("to @sam: recap every weekday 9am", "made Sam: recap | Mon 2027-01-04 09:00 | every weekday 09:00"),
], holidays=(date(2027, 1, 1),))

_DST_LINES = [
    "to @sam: x by mon 9am",
    "to @sam: x by sun 2:30am",
    "to @sam: x in 2 days",  # the same wall time
    "to @sam: x in 48h",  # the same elapsed time
    "to @sam: x by next working day",
    "to @sam: x eow",
    "to @sam: x every sun 2:30am",
]


def _dst(name: str, tz: str, now: str, expected: list[str]) -> Section:
    return Section(name, tz, now, list(zip(_DST_LINES, expected, strict=True)), offsets=True)


DST = [
    _dst("Berlin, clocks go forward on Sunday", "Europe/Berlin", "2026-03-27 16:00", [
        "made Sam: x | Mon 2026-03-30 09:00+0200",
        "made Sam: x | Sun 2026-03-29 03:30+0200",  # 02:30 does not exist: moved by the gap
        "made Sam: x | Sun 2026-03-29 16:00+0200",
        "made Sam: x | Sun 2026-03-29 17:00+0200",
        "made Sam: x | Mon 2026-03-30 17:00+0200",
        "made Sam: x | Fri 2026-03-27 17:00+0100",
        "made Sam: x | Sun 2026-03-29 03:30+0200 | every sun 02:30",
    ]),
    _dst("Berlin, clocks go back on Sunday", "Europe/Berlin", "2026-10-23 16:00", [
        "made Sam: x | Mon 2026-10-26 09:00+0100",
        "made Sam: x | Sun 2026-10-25 02:30+0200",  # 02:30 happens twice: the first
        "made Sam: x | Sun 2026-10-25 16:00+0100",
        "made Sam: x | Sun 2026-10-25 15:00+0100",
        "made Sam: x | Mon 2026-10-26 17:00+0100",
        "made Sam: x | Fri 2026-10-23 17:00+0200",
        "made Sam: x | Sun 2026-10-25 02:30+0200 | every sun 02:30",
    ]),
    _dst("New York, clocks go forward on Sunday", "America/New_York", "2026-03-06 16:00", [
        "made Sam: x | Mon 2026-03-09 09:00-0400",
        "made Sam: x | Sun 2026-03-08 03:30-0400",
        "made Sam: x | Sun 2026-03-08 16:00-0400",
        "made Sam: x | Sun 2026-03-08 17:00-0400",
        "made Sam: x | Mon 2026-03-09 17:00-0400",
        "made Sam: x | Fri 2026-03-06 17:00-0500",
        "made Sam: x | Sun 2026-03-08 03:30-0400 | every sun 02:30",
    ]),
    _dst("New York, clocks go back on Sunday", "America/New_York", "2026-10-30 16:00", [
        "made Sam: x | Mon 2026-11-02 09:00-0500",
        "made Sam: x | Sun 2026-11-01 02:30-0500",  # after the change: 02:30 happens once
        "made Sam: x | Sun 2026-11-01 16:00-0500",
        "made Sam: x | Sun 2026-11-01 15:00-0500",
        "made Sam: x | Mon 2026-11-02 17:00-0500",
        "made Sam: x | Fri 2026-10-30 17:00-0400",
        "made Sam: x | Sun 2026-11-01 02:30-0500 | every sun 02:30",
    ]),
]

# The ask and the promise: "by"/"due"/"until"/a bare date are what the asker wants; "eta" and
# "promised [for]" a promise already given. Friday 2026-11-27 16:00 in Berlin, as above.
WISHES_AND_PROMISES = Section("Wishes and promises, Friday afternoon, Berlin", "Europe/Berlin",
                              "2026-11-27 16:00", [
    ("from @ari: sign-off by next monday 9am !!!", "received Ari: sign-off | Mon 2026-11-30 09:00 | urgent"),
    ("from @dana: repair invoice by fri 3pm", "received Dana: repair invoice | Fri 2026-12-04 15:00"),
    ("from @dana: repair invoice due mon", "received Dana: repair invoice | Mon 2026-11-30 17:00"),
    ("from @dana: repair invoice due by tue 10am", "received Dana: repair invoice | Tue 2026-12-01 10:00"),
    ("from @dana: repair invoice until wed", "received Dana: repair invoice | Wed 2026-12-02 17:00"),
    ("from @dana: repair invoice till thu noon", "received Dana: repair invoice | Thu 2026-12-03 12:00"),
    ("from @dana: repair invoice before mon 8am", "received Dana: repair invoice | Mon 2026-11-30 08:00"),
    ("from @dana: repair invoice tomorrow", "received Dana: repair invoice | Sat 2026-11-28 17:00"),
    ("from @dana: repair invoice dec 3", "received Dana: repair invoice | Thu 2026-12-03 17:00"),
    ("from @dana: repair invoice in 2 days", "received Dana: repair invoice | Sun 2026-11-29 16:00"),
    ("from @dana: repair invoice eta fri 3pm", "received Dana: repair invoice | - | eta Fri 2026-12-04 15:00"),
    ("from @dana: repair invoice eta mon", "received Dana: repair invoice | - | eta Mon 2026-11-30 17:00"),
    ("from @dana: repair invoice eta tomorrow 10am", "received Dana: repair invoice | - | eta Sat 2026-11-28 10:00"),
    ("from @dana: repair invoice eta in 2h", "received Dana: repair invoice | - | eta Fri 2026-11-27 18:00"),
    ("from @dana: repair invoice eta eod", "received Dana: repair invoice | - | eta Fri 2026-11-27 17:00"),
    ("from @dana: repair invoice eta 2026-12-07 14:00", "received Dana: repair invoice | - | eta Mon 2026-12-07 14:00"),
    ("from @dana: repair invoice promised fri 3pm", "received Dana: repair invoice | - | eta Fri 2026-12-04 15:00"),
    ("from @dana: repair invoice promised for mon 9am", "received Dana: repair invoice | - | eta Mon 2026-11-30 09:00"),
    ("from @dana: repair invoice promised by tue", "received Dana: repair invoice | - | eta Tue 2026-12-01 17:00"),
    ("from @dana: repair invoice promise wed noon", "received Dana: repair invoice | - | eta Wed 2026-12-02 12:00"),
    ("to @sam: quote for the van eta mon 10am", "made Sam: quote for the van | - | eta Mon 2026-11-30 10:00"),
    ("to @sam: quote for the van promised for tomorrow", "made Sam: quote for the van | - | eta Sat 2026-11-28 17:00"),
    ("to @sam: quote for the van by mon", "made Sam: quote for the van | Mon 2026-11-30 17:00"),
    ("to @sam: quote for the van due tue 2pm", "made Sam: quote for the van | Tue 2026-12-01 14:00"),
    # both: what the asker wants and what was promised
    ("from @dana: repair invoice by mon eta fri 3pm", "received Dana: repair invoice | Mon 2026-11-30 17:00 | eta Fri 2026-12-04 15:00"),
    ("from @dana: repair invoice eta tue by mon", "received Dana: repair invoice | Mon 2026-11-30 17:00 | eta Tue 2026-12-01 17:00"),
    ("to @sam: quote due wed promised thu 9am", "made Sam: quote | Wed 2026-12-02 17:00 | eta Thu 2026-12-03 09:00"),
    ("to @sam: quote by tomorrow 10am promised for mon", "made Sam: quote | Sat 2026-11-28 10:00 | eta Mon 2026-11-30 17:00"),
    ("from @lee budget by fri 3pm eta thu #finance !", "received Lee: budget | Fri 2026-12-04 15:00 | eta Thu 2026-12-03 17:00 | #finance | high"),
    # without a time: the words stay in the title
    ("from @dana: eta unknown", "received Dana: eta unknown | -"),
    ("from @dana: the promised report", "received Dana: the promised report | -"),
    ("from @dana: promised docs by mon", "received Dana: promised docs | Mon 2026-11-30 17:00"),
    ("to @sam: the eta of the parcel", "made Sam: the eta of the parcel | -"),
    ('from @dana: "eta fri" in quotes', "received Dana: eta fri in quotes | -"),
    # mistakes name the word
    ("from @dana: invoice eta fridya", "error: fridya"),
    ("from @dana: invoice promised for tomorow", "error: tomorow"),
    ("from @dana: invoice eta yesterday", "error: yesterday"),
    ("from @dana: invoice eta 2026-11-20 10:00", "error: 2026-11-20 10:00"),
    ("from @dana: invoice by last monday", "error: last monday"),
])

# Promises across the DST weeks keep their wall time.
_DST_PROMISES = [
    ("to @sam: x eta mon 9am", "made Sam: x | - | eta Mon 2026-03-30 09:00+0200"),
    ("to @sam: x by mon 9am eta tue 9am", "made Sam: x | Mon 2026-03-30 09:00+0200 | eta Tue 2026-03-31 09:00+0200"),
    ("to @sam: x promised for sun 16:00", "made Sam: x | - | eta Sun 2026-03-29 16:00+0200"),
    ("to @sam: x eta fri", "made Sam: x | - | eta Fri 2026-03-27 17:00+0100"),
]
WISHES_AND_PROMISES_DST = Section("Wishes and promises, Berlin, clocks go forward on Sunday",
                                  "Europe/Berlin", "2026-03-27 16:00", _DST_PROMISES, offsets=True)
_DST_BACK = [
    ("to @sam: x eta mon 9am", "made Sam: x | - | eta Mon 2026-11-02 09:00-0500"),
    ("to @sam: x due sun 4pm eta mon", "made Sam: x | Sun 2026-11-01 16:00-0500 | eta Mon 2026-11-02 17:00-0500"),
    ("to @sam: x promised fri", "made Sam: x | - | eta Fri 2026-10-30 17:00-0400"),
]
WISHES_AND_PROMISES_DST_BACK = Section("Wishes and promises, New York, clocks go back on Sunday",
                                       "America/New_York", "2026-10-30 16:00", _DST_BACK,
                                       offsets=True)

# Phrases that say a time loosely: read where working hours (09:00-17:00) make one reading
# obvious, with a hint; otherwise a hint and the words stay in the title.
LOOSE_FRIDAY = Section("Loose phrases, Friday afternoon, Berlin", "Europe/Berlin", "2026-11-27 16:00", [
    ("to @sam: x by 3", "made Sam: x | Sat 2026-11-28 15:00 | hint: by 3"),
    ("to @sam: x by 10", "made Sam: x | Sat 2026-11-28 10:00 | hint: by 10"),
    ("to @sam: x by 12", "made Sam: x | Sat 2026-11-28 12:00 | hint: by 12"),
    ("to @sam: x by 7", "made Sam: x by 7 | - | hint: by 7"),  # 7am and 7pm are both outside
    ("to @sam: x at 3 tomorrow", "made Sam: x | Sat 2026-11-28 15:00 | hint: at 3"),
    ("to @sam: x tomorrow at 7", "made Sam: x at 7 | Sat 2026-11-28 17:00 | hint: at 7"),
    ("to @sam: x by 15", "made Sam: x by 15 | - | hint: by 15"),  # 15:00 or the 15th
    ("to @sam: x by 27", "made Sam: x by 27 | - | hint: by 27"),
    ("to @sam: x by 3 pm", "made Sam: x | Sat 2026-11-28 15:00"),
    ("to @sam: x by 15.30", "made Sam: x | Sat 2026-11-28 15:30"),
    ("to @sam: x by 16.45", "made Sam: x | Fri 2026-11-27 16:45"),
    ("to @sam: x at 9.15 on mon", "made Sam: x | Mon 2026-11-30 09:15"),
    ("to @sam: release 2.10 notes", "made Sam: release 2.10 notes | -"),  # no by: a version
    ("to @sam: x by 25.30", "error: 25.30"),
    ("to @sam: x this afternoon", "made Sam: x | Fri 2026-11-27 17:00"),
    ("to @sam: x tomorrow afternoon", "made Sam: x | Sat 2026-11-28 17:00"),
    ("to @sam: x by mon afternoon", "made Sam: x | Mon 2026-11-30 17:00"),
    ("to @sam: x this evening", "made Sam: x | Fri 2026-11-27 17:00"),
    ("to @sam: x this morning", "error: this morning"),  # passed
    ("to @sam: x asap", "made Sam: x | Fri 2026-11-27 17:00"),
    ("to @sam: x ASAP !", "made Sam: x | Fri 2026-11-27 17:00 | high"),
    ("to @sam: x by 12/5", "made Sam: x by 12/5 | - | hint: 12/5"),  # 12 May or December 5
    ("to @sam: x by 13/5", "made Sam: x | Thu 2027-05-13 17:00"),  # only one reading is a date
    ("to @sam: x by 5/13", "made Sam: x | Thu 2027-05-13 17:00"),
    ("to @sam: x by 12/12", "made Sam: x | Sat 2026-12-12 17:00"),
    ("to @sam: x by 13/5/2027 10am", "made Sam: x | Thu 2027-05-13 10:00"),
    ("to @sam: x by 4/3/2027", "made Sam: x by 4/3/2027 | - | hint: 4/3/2027"),
    ("to @sam: x by 31/31", "error: 31/31"),
    ("to @sam: x by the 5th", "made Sam: x | Sat 2026-12-05 17:00"),  # this month's has passed
    ("to @sam: x by the 28th", "made Sam: x | Sat 2026-11-28 17:00"),
    ("to @sam: x on the 31st", "made Sam: x | Thu 2026-12-31 17:00"),  # November has no 31st
    ("to @sam: x by the 5th 10am", "made Sam: x | Sat 2026-12-05 10:00"),
    ("to @sam: x by the 3rd of december", "made Sam: x | Thu 2026-12-03 17:00"),
    ("to @sam: the 5th draft", "made Sam: the 5th draft | -"),
    ("to @sam: x by the 45th", "made Sam: x by the 45th | -"),
    # names of several words
    ('from @"Dana Smith": invoice', "received Dana Smith: invoice | -"),
    ('from @"kim lee": invoice by fri', "received Kim Lee: invoice | Fri 2026-11-27 17:00"),
    ('<@"Kim Lee" invoice', "received Kim Lee: invoice | -"),
    ("from @Dana Smith: invoice", "received Dana Smith: invoice | -"),  # known: the whole name
    ("from @dana smith invoice", "received Dana Smith: invoice | -"),
    ("from @dana: Smith invoice", "received Dana: Smith invoice | -"),  # the colon ends the name
    ("from @Kim Lee: invoice", "received Kim: Lee: invoice | - | hint: @Kim Lee"),  # unknown: a hint
    ('from @"Dana', "error: None"),  # still typing the name
])

LOOSE_MONDAY = Section("Loose phrases, Monday morning, Berlin", "Europe/Berlin", "2026-11-23 10:00", [
    ("to @sam: x by 3", "made Sam: x | Mon 2026-11-23 15:00 | hint: by 3"),
    ("to @sam: x this afternoon", "made Sam: x | Mon 2026-11-23 17:00"),
    ("to @sam: x this morning", "error: this morning"),
    ("to @sam: x asap", "made Sam: x | Mon 2026-11-23 17:00"),
    ("to @sam: x by the 5th", "made Sam: x | Sat 2026-12-05 17:00"),
    ("to @sam: x by the 23rd", "made Sam: x | Mon 2026-11-23 17:00"),
])

LOOSE_EVENING = Section("Loose phrases, after hours, Berlin", "Europe/Berlin", "2026-11-30 18:00", [
    ("to @sam: x asap", "made Sam: x | Tue 2026-12-01 17:00"),  # today's work is over
    ("to @sam: x this afternoon", "error: this afternoon"),
])

SECTIONS = [FRIDAY_AFTERNOON, LOOSE_FRIDAY, LOOSE_MONDAY, LOOSE_EVENING, MONDAY_MORNING, MONTH_END_EVENING, YEAR_END, YEAR_END_HOLIDAY, *DST,
            WISHES_AND_PROMISES, WISHES_AND_PROMISES_DST, WISHES_AND_PROMISES_DST_BACK]
CORPUS = [(section, line, expected) for section in SECTIONS for line, expected in section.rows]


def outcome(section: Section, line: str) -> str:
    try:
        result = parse(line, now=section.now_utc, calendar=section.calendar, known_people=KNOWN_PEOPLE)
    except ParseError as error:
        assert error.message, "an error must say what to do"
        return f"error: {error.word}"
    return describe(result, section)


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 150
    wishes_and_promises = WISHES_AND_PROMISES.rows + _DST_PROMISES + _DST_BACK
    assert len(wishes_and_promises) >= 40


@pytest.mark.parametrize(("section", "line", "expected"), CORPUS,
                         ids=[f"{s.name}: {line[:50]}" for s, line, _ in CORPUS])
def test_line(section, line, expected):
    assert outcome(section, line) == expected
