"""Properties of the quick-add language over arbitrary and half-typed lines (Hypothesis)."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.policy.calendar import WorkingCalendar
from app.quickadd import ParseError, parse, parse_duration, parse_when

UTC = timezone.utc
CALENDARS = [WorkingCalendar(tz=tz) for tz in ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC")]
# Words of the language, so that lines are often almost right; mixed with arbitrary text.
WORDS = [
    "from", "to", "ask", "for", "<", ">", "@dana", "@Sam", "<@lee", "@zoë:", "asked", "me", "by", "on",
    "at", "due", "until", "in", "within", "fri", "friday", "mon", "next", "this", "last", "3pm", "9am",
    "15:00", "13pm", "25:00", "noon", "midnight", "tomorrow", "today", "yesterday", "eod", "eow", "end",
    "of", "the", "day", "week", "working", "business", "morning", "every", "weekday", "and", "2h", "90",
    "minutes", "an", "hour", "half", "dec", "1", "31st", "feb", "30", "2026-12-01", "2020-01-01",
    "2026-12-01T08:30", "2027", "#billing", "#1", "!", "!!", "!!!", '"', "fridya", "invoice", "review",
    "🎉", "李", ":", "-", "3", "7", "12", "15.30", "12/5", "13/5", "the", "5th", "31st", "asap",
    "afternoon", '@"Dana Smith"', '@"kim', "Smith",
]
lines = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=14).map(" ".join)
moments = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC))
calendars = st.sampled_from(CALENDARS)
PROPERTY = settings(max_examples=int(os.environ.get("QUICKADD_EXAMPLES", 400)), deadline=int(os.environ.get("QUICKADD_DEADLINE_MS", 0)) or None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=st.one_of(st.text(max_size=80), lines), now=moments, calendar=calendars)
def test_parse_raises_only_parse_errors_and_never_promises_the_past(text, now, calendar):
    try:
        result = parse(text, now=now, calendar=calendar)
    except ParseError as error:
        assert error.message
        return
    assert result.title and result.counterpart
    assert result.promised_at is None or result.promised_at >= now
    for piece in result.pieces:
        assert text[piece.start:piece.end] == piece.text
    for hint in result.hints:
        assert hint.message and text[hint.start:hint.end] == hint.text
    spans = sorted((p.start, p.end) for p in result.pieces)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), "pieces overlap"


@PROPERTY
@given(text=lines, now=moments, calendar=calendars, data=st.data())
def test_dropped_pieces_keep_their_words_in_the_title(text, now, calendar, data):
    try:
        first = parse(text, now=now, calendar=calendar)
    except ParseError:
        return
    droppable = [p for p in first.pieces if p.kind != "who"]
    if not droppable:
        return
    dropped = data.draw(st.lists(st.sampled_from(droppable), min_size=1, unique=True))
    result = parse(text, now=now, calendar=calendar, literal=frozenset(p.id for p in dropped))
    words = result.title.split()
    for piece in dropped:
        assert " ".join(piece.text.split()) in " ".join(words)
    assert not any(p.start == d.start and p.kind == d.kind for p in result.pieces for d in dropped)


@PROPERTY
@given(text=st.one_of(st.text(max_size=40), lines), now=moments, calendar=calendars,
       future=st.booleans())
@example(text="«", now=datetime(2026, 1, 1, tzinfo=UTC), calendar=CALENDARS[0], future=True)
def test_parse_when_and_parse_duration_raise_only_parse_errors(text, now, calendar, future):
    try:
        moment = parse_when(text, now=now, calendar=calendar, future=future)
    except ParseError:
        pass
    else:
        assert moment.tzinfo is not None
        assert not future or moment >= now
    try:
        moment = parse_duration(text, now=now, calendar=calendar)
    except ParseError:
        pass
    else:
        assert moment > now


@PROPERTY
@given(number=st.integers(min_value=1, max_value=31), lead=st.sampled_from(["by", "at", "until"]),
       now=moments, calendar=calendars)
def test_a_bare_number_after_by_is_read_with_a_hint_or_left_with_one(number, lead, now, calendar):
    """`by 3`: never silently a time, never silently left in the title."""
    try:
        result = parse(f"to @sam: report {lead} {number}", now=now, calendar=calendar)
    except ParseError as error:  # only a time beyond the bounds
        assert error.message
        return
    assert [hint.text for hint in result.hints] == [f"{lead} {number}"]
    read = result.needed_by is not None
    assert read == (result.title == "report")
    if read:
        local = result.needed_by.astimezone(calendar.tz)
        assert local.hour % 12 == number % 12 and local.minute == 0


@PROPERTY
@given(day=st.integers(min_value=1, max_value=12), month=st.integers(min_value=1, max_value=12),
       now=moments, calendar=calendars)
def test_a_slash_date_is_read_only_when_both_orders_agree(day, month, now, calendar):
    try:
        result = parse(f"to @sam: report by {day}/{month}", now=now, calendar=calendar)
    except ParseError as error:
        assert error.message
        return
    if day == month:
        assert result.needed_by is not None and not result.hints
    else:
        assert result.needed_by is None and [h.text for h in result.hints] == [f"{day}/{month}"]
