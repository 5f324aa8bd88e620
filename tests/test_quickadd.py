"""The quick-add API around the corpus: pieces and dropping them, people, the direction default,
JSON and NewRequest, the CLI's date and snooze phrases, and limits on what a line may hold."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from app.domain.model import Direction, Priority
from app.policy.calendar import WorkingCalendar
from app.quickadd import MAX_LENGTH, ParseError, parse, parse_duration, parse_when

UTC = timezone.utc
BERLIN = WorkingCalendar(tz="Europe/Berlin")
FRIDAY_4PM = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday 16:00 in Berlin
MONDAY_10AM = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def local(text: str, calendar: WorkingCalendar = BERLIN) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=calendar.tz).astimezone(UTC)


def at_friday(text: str, **options):
    return parse(text, now=FRIDAY_4PM, calendar=BERLIN, **options)


# -- pieces ---------------------------------------------------------------------------------


def test_each_recognised_part_is_a_piece_with_its_span():
    text = "from @dana: repair invoice by fri 3pm #billing !"
    result = at_friday(text)
    assert [(p.kind, p.text) for p in result.pieces] == [
        ("direction", "from"), ("who", "@dana"), ("wanted", "by fri 3pm"), ("tag", "#billing"),
        ("priority", "!"),
    ]
    for piece in result.pieces:
        assert text[piece.start:piece.end] == piece.text
    assert result.pieces[2].value == result.needed_by
    assert result.promised_at is None  # what Dana wants is not a promise
    assert result.pieces[1].value == "Dana"


def test_a_repeat_is_a_piece_and_sets_the_first_time_wanted():
    result = at_friday("to @jo: weekly report every mon 9am")
    repeat = next(p for p in result.pieces if p.kind == "recurrence")
    assert (repeat.text, repeat.value) == ("every mon 9am", "every mon 09:00")
    assert (result.needed_by, result.promised_at) == (local("2026-11-30 09:00"), None)


def test_a_promise_already_given_is_its_own_piece():
    text = "from @dana: repair invoice by mon eta fri 3pm"
    result = at_friday(text)
    pieces = {p.kind: p for p in result.pieces}
    assert (pieces["wanted"].text, pieces["promise"].text) == ("by mon", "eta fri 3pm")
    assert (result.needed_by, result.promised_at) == (local("2026-11-30 17:00"), local("2026-12-04 15:00"))
    dropped = at_friday(text, literal=frozenset({pieces["promise"].id}))
    assert (dropped.title, dropped.promised_at) == ("repair invoice eta fri 3pm", None)


def test_dropping_the_date_keeps_its_words_in_the_title():
    text = "from @dana: repair invoice by fri 3pm #billing"
    when = next(p for p in at_friday(text).pieces if p.kind == "wanted")
    result = at_friday(text, literal=frozenset({when.start}))
    assert (result.title, result.needed_by, result.tags) == ("repair invoice by fri 3pm", None, ["billing"])
    assert [p.kind for p in result.pieces] == ["direction", "who", "tag"]


def test_pieces_can_be_dropped_by_id():
    text = "to @sam review contract eod !"
    pieces = {p.kind: p for p in at_friday(text).pieces}
    result = at_friday(text, literal=frozenset({pieces["priority"].id, pieces["direction"].id}))
    assert result.title == "to review contract !"
    assert result.priority is Priority.NORMAL
    assert result.direction_explicit is False
    assert result.needed_by == local("2026-11-27 17:00")


def test_dropping_a_date_reveals_the_other_one_and_that_can_be_dropped_too():
    text = "from @dana: call at 3pm about the tuesday meeting"
    first = at_friday(text)
    at_3pm = next(p for p in first.pieces if p.kind == "wanted")
    second = at_friday(text, literal=frozenset({at_3pm.start}))
    tuesday = next(p for p in second.pieces if p.kind == "wanted")
    assert tuesday.text == "tuesday"
    assert second.needed_by == local("2026-12-01 17:00")
    third = at_friday(text, literal=frozenset({at_3pm.start, tuesday.start}))
    assert (third.title, third.needed_by) == ("call at 3pm about the tuesday meeting", None)


def test_dropping_an_asked_phrase_keeps_it_in_the_title():
    text = "@lee asked for Q3 numbers tomorrow 10am"
    asked = next(p for p in at_friday(text).pieces if p.kind == "direction")
    result = at_friday(text, literal=frozenset({asked.start}), default_direction=Direction.MADE)
    assert (result.title, result.direction, result.direction_explicit) == (
        "asked for Q3 numbers", Direction.MADE, False)


def test_dropping_the_person_leaves_nobody_named():
    text = "from @dana: repair invoice"
    who = next(p for p in at_friday(text).pieces if p.kind == "who")
    with pytest.raises(ParseError, match="say who"):
        at_friday(text, literal=frozenset({who.start}))


# -- people and direction -------------------------------------------------------------------


def test_known_people_keep_their_spelling_and_new_ones_are_capitalised():
    known = ("Dana", "van der Berg")
    assert at_friday("from @DANA: x", known_people=known).counterpart == "Dana"
    assert at_friday("from @dana: x", known_people=known).counterpart_known is True
    new = at_friday("from @zoë: x", known_people=known)
    assert (new.counterpart, new.counterpart_known) == ("Zoë", False)
    assert at_friday("from @李: x").counterpart == "李"


def test_the_default_direction_applies_and_is_shown_as_implicit():
    result = at_friday("@lee budget", default_direction=Direction.MADE)
    assert (result.direction, result.direction_explicit) == (Direction.MADE, False)
    assert not any(p.kind == "direction" for p in result.pieces)
    result = at_friday("from @lee budget", default_direction=Direction.MADE)
    assert (result.direction, result.direction_explicit) == (Direction.RECEIVED, True)


# -- what leaves the parser -----------------------------------------------------------------


def test_json_has_the_local_time_with_its_offset():
    assert at_friday("to @sam review contract eod ! #legal").to_json() == {
        "direction": "made", "counterpart": "Sam", "title": "review contract",
        "needed_by": "2026-11-27T17:00:00+01:00", "promised_at": None, "tags": ["legal"],
        "priority": "high", "recurrence": None, "hints": [],
    }
    assert at_friday("to @sam review contract by 3").to_json()["hints"] == [
        "'by 3' read as 15:00, within working hours; write 3am or 3pm to be exact"]
    assert at_friday("to @sam review contract eta mon").to_json()["promised_at"] == \
        "2026-11-30T17:00:00+01:00"


def test_a_parsed_line_is_saved_by_the_core(core, clock):
    clock.set(FRIDAY_4PM)
    result = parse("from @dana: repair invoice by fri 3pm #billing !!!", now=clock.now(),
                   calendar=core.settings.calendar())
    saved = core.add(result.to_new_request())
    again = core.get(saved.id)
    assert (again.direction, again.counterpart.name, again.title) == (Direction.RECEIVED, "Dana", "repair invoice")
    assert (again.needed_by, again.promised_at, again.tags, again.priority) == (
        datetime(2026, 12, 4, 15, 0, tzinfo=UTC), None, ["billing"], Priority.URGENT)
    assert again.status_word(clock.now()) == "needs reply"


def test_a_promise_already_given_is_saved_as_answered(core, clock):
    clock.set(FRIDAY_4PM)
    result = parse("to @sam: quote for the van by mon promised fri 3pm", now=clock.now(),
                   calendar=core.settings.calendar())
    saved = core.get(core.add(result.to_new_request()).id)
    assert (saved.needed_by, saved.promised_at, saved.original_promise, saved.acknowledged_at) == (
        datetime(2026, 11, 30, 17, 0, tzinfo=UTC), datetime(2026, 12, 4, 15, 0, tzinfo=UTC),
        datetime(2026, 12, 4, 15, 0, tzinfo=UTC), FRIDAY_4PM)
    assert saved.status_word(clock.now()) == "promised"


def test_a_repeat_is_saved_with_its_rule(core, clock):
    clock.set(FRIDAY_4PM)
    result = parse("to @jo: weekly report every mon 9am", now=clock.now(), calendar=core.settings.calendar())
    saved = core.get(core.add(result.to_new_request()).id)
    assert (saved.recurrence, saved.needed_by) == ("every mon 09:00", datetime(2026, 11, 30, 9, 0, tzinfo=UTC))


# -- limits ---------------------------------------------------------------------------------


def test_a_very_long_line_is_refused_with_the_limit():
    with pytest.raises(ParseError, match=str(MAX_LENGTH)):
        at_friday("from @dana: " + "x" * 10_000)
    assert at_friday("from @dana: " + "x" * (MAX_LENGTH - 20)).title == "x" * (MAX_LENGTH - 20)


@pytest.mark.parametrize("char", ["\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\u2028"])
def test_control_characters_are_refused(char):
    with pytest.raises(ParseError, match="control character") as error:
        at_friday(f"from @dana: a{char}b")
    assert error.value.start == len("from @dana: a")


def test_emoji_sequences_are_fine_in_titles():
    family = "👩\u200d👩\u200d👧"  # joined by zero-width joiners, which are not control characters
    assert at_friday(f"from @dana: gift for {family} 🎉").title == f"gift for {family} 🎉"


def test_errors_locate_the_word():
    text = "from @dana: invoice by fridya"
    with pytest.raises(ParseError) as error:
        at_friday(text)
    assert text[error.value.start:error.value.end] == "fridya"
    assert isinstance(error.value, ValueError)


# -- parse_when (CLI --eta, promise WHEN, --asked-at) ---------------------------------------


@pytest.mark.parametrize(("phrase", "expected"), [
    ("fri 3pm", "2026-12-04 15:00"),
    ("by fri 3pm", "2026-12-04 15:00"),
    ("tomorrow", "2026-11-28 17:00"),
    ("eod", "2026-11-27 17:00"),
    ("in 90 minutes", "2026-11-27 17:30"),
    ("2026-12-01 14:00", "2026-12-01 14:00"),
    ("2026-12-01T14:00", "2026-12-01 14:00"),
    ("dec 1", "2026-12-01 17:00"),
    ("noon", "2026-11-28 12:00"),
    # beyond our grammar: parsedatetime's reading of the whole phrase
    ("two weeks from today", "2026-12-11 09:00"),
    ("tonight", "2026-11-27 21:00"),
])
def test_parse_when_reads_phrases_and_iso(phrase, expected):
    assert parse_when(phrase, now=FRIDAY_4PM, calendar=BERLIN) == local(expected)


def test_parse_when_keeps_an_explicit_offset():
    assert parse_when("2026-12-01T14:00:00+00:00", now=FRIDAY_4PM, calendar=BERLIN) == datetime(
        2026, 12, 1, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(("phrase", "word"), [
    ("fridya", "fridya"), ("2020-01-01", "2020-01-01"), ("yesterday", "yesterday"),
    ("fri 3pm please", "please"), ("soonish", "soonish"), ("2020-01-01T10:00", "2020-01-01T10:00"),
])
def test_parse_when_refuses_what_is_not_a_future_time(phrase, word):
    with pytest.raises(ParseError) as error:
        parse_when(phrase, now=FRIDAY_4PM, calendar=BERLIN)
    assert error.value.word == word


@pytest.mark.parametrize(("phrase", "expected"), [
    ("9:10", "2026-11-27 09:10"),  # "she asked me at 9:10": this morning
    ("yesterday 3pm", "2026-11-26 15:00"),
    ("mon 9am", "2026-11-23 09:00"),  # the latest Monday
    ("fri 9am", "2026-11-27 09:00"),  # today
    ("last fri", "2026-11-20 17:00"),
    ("2026-11-01 08:00", "2026-11-01 08:00"),
])
def test_parse_when_for_the_past(phrase, expected):
    assert parse_when(phrase, now=FRIDAY_4PM, calendar=BERLIN, future=False) == local(expected)


# -- parse_duration (snooze) ----------------------------------------------------------------


@pytest.mark.parametrize(("phrase", "expected"), [
    ("15m", "2026-11-27 16:15"),
    ("15 min", "2026-11-27 16:15"),
    ("1h", "2026-11-27 17:00"),
    ("2 hours", "2026-11-27 18:00"),
    ("in 2 hours", "2026-11-27 18:00"),
    ("90 minutes", "2026-11-27 17:30"),
    ("tomorrow", "2026-11-28 09:00"),
    ("morning", "2026-11-30 09:00"),
    ("next working morning", "2026-11-30 09:00"),
    ("mon 10am", "2026-11-30 10:00"),
    ("eod", "2026-11-27 17:00"),
])
def test_parse_duration(phrase, expected):
    assert parse_duration(phrase, now=FRIDAY_4PM, calendar=BERLIN) == local(expected)


@pytest.mark.parametrize("phrase", ["0m", "", "soon", "15 parsecs"])
def test_parse_duration_refuses_what_is_not_ahead(phrase):
    with pytest.raises(ParseError):
        parse_duration(phrase, now=FRIDAY_4PM, calendar=BERLIN)


def test_business_words_follow_the_calendar():
    two_days = WorkingCalendar({0: [(time(8), time(12))], 1: [(time(8), time(16))]},
                               holidays=[date(2026, 11, 24)], tz="Europe/Berlin")
    monday_afternoon = local("2026-11-23 13:00")
    # Tuesday is a holiday: the next working day is next Monday, ending at noon
    assert parse_when("eod", now=monday_afternoon, calendar=two_days) == local("2026-11-30 12:00")
    assert parse_when("next working day", now=monday_afternoon, calendar=two_days) == local("2026-11-30 12:00")
    assert parse_duration("morning", now=monday_afternoon, calendar=two_days) == local("2026-11-30 08:00")
    # a date with no working hours ends at the latest usual end of day
    assert parse_when("wed", now=monday_afternoon, calendar=two_days) == local("2026-11-25 16:00")


def test_dropping_an_arrow_keeps_the_person_and_the_arrow_in_the_title():
    text = "<@lee budget"
    arrow = next(p for p in at_friday(text).pieces if p.kind == "direction")
    result = at_friday(text, literal=frozenset({arrow.id}), default_direction=Direction.MADE)
    assert (result.counterpart, result.title, result.direction) == ("Lee", "< budget", Direction.MADE)
    who = next(p for p in result.pieces if p.kind == "who")
    assert who.text == "@lee"
