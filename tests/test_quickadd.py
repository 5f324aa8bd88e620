"""The quick-add language on the issue's own examples; the full corpus is in test_quickadd_corpus."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from app.domain.model import Direction, Priority
from app.policy.calendar import WorkingCalendar
from app.quickadd import ParseError, parse

UTC = timezone.utc
BERLIN = WorkingCalendar(tz="Europe/Berlin")
FRIDAY_4PM = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday 16:00 in Berlin


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN.tz).astimezone(UTC)


def test_the_issue_examples():
    r = parse("from @dana: repair invoice by fri 3pm #billing", now=FRIDAY_4PM, calendar=BERLIN)
    assert (r.direction, r.counterpart, r.title, r.tags) == (Direction.RECEIVED, "Dana", "repair invoice", ["billing"])
    assert r.promised_at == local("2026-12-04 15:00")  # today's 3pm has passed: next Friday

    r = parse("to @sam review contract eod !", now=FRIDAY_4PM, calendar=BERLIN)
    assert (r.direction, r.priority, r.promised_at) == (Direction.MADE, Priority.HIGH, local("2026-11-27 17:00"))

    r = parse('from @dana: "by friday" is in the title', now=FRIDAY_4PM, calendar=BERLIN)
    assert (r.title, r.promised_at) == ("by friday is in the title", None)


def test_a_misspelt_date_names_the_word():
    with pytest.raises(ParseError) as error:
        parse("from @dana: invoice by fridya", now=FRIDAY_4PM, calendar=BERLIN)
    assert error.value.word == "fridya"
    assert "fridya" in str(error.value)
