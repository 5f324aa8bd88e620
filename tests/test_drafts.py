"""Drafted messages: the right people, the request named with when it was asked, and a mailto:
URL that survives Unicode and '&'."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from app.domain import lifecycle
from app.domain.model import Direction, Person, PromptKind
from app.drafts import KINDS, RENEGOTIATE, DraftError, draft, kinds_for, suggested_kind
from app.policy.calendar import WorkingCalendar

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
CAL = WorkingCalendar(tz="UTC")
KIM = Person("Kim Baker", "kim@example.com", id=1)
DANA = Person("Dana Holm", "dana@example.com", escalation_contact_id=1, id=2)
PEOPLE = {1: KIM, 2: DANA}


def request(direction=Direction.MADE, title="Repair invoice 4711", promised=None, person=DANA):
    return lifecycle.create(direction=direction, counterpart=person, title=title, now=NOW,
                            promised_at=promised)


def mailto_parts(url: str):
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_names_the_request_and_when_it_was_asked(kind):
    r = request(Direction.MADE if kind in ("nudge", "escalate", "check_in") else Direction.RECEIVED,
                promised=NOW + timedelta(days=4, hours=6))
    d = draft(kind, r, PEOPLE, NOW, CAL)
    assert "Repair invoice 4711" in d.body
    assert "Mon 23 Nov 09:00" in d.body
    assert d.subject and "$" not in d.subject + d.body


def test_nudge_goes_to_the_counterpart():
    d = draft(PromptKind.NUDGE, request(), PEOPLE, NOW, CAL)
    assert (d.to, d.to_name, d.cc) == ("dana@example.com", "Dana Holm", "")
    assert d.body.startswith("Hello Dana,")


def test_escalation_goes_to_the_contact_with_the_counterpart_in_copy():
    d = draft(PromptKind.ESCALATE, request(), PEOPLE, NOW, CAL)
    assert (d.to, d.cc) == ("kim@example.com", "dana@example.com")
    assert d.body.startswith("Hello Kim,")
    assert "Dana Holm" in d.body


def test_escalation_without_a_contact_leaves_the_recipient_for_the_user():
    d = draft(PromptKind.ESCALATE, request(person=Person("Sam", "sam@example.com", id=3)),
              PEOPLE, NOW, CAL)
    assert (d.to, d.cc) == ("", "sam@example.com")
    assert "[supervisor]" in d.body


def test_check_in_mentions_the_promise_and_renegotiation_the_new_time():
    r = request(Direction.RECEIVED, promised=NOW + timedelta(days=4, hours=6))
    d = draft(RENEGOTIATE, r, PEOPLE, NOW, CAL, new_time=NOW + timedelta(days=7, hours=3))
    assert "Fri 27 Nov 15:00" in d.body and "Mon 30 Nov 12:00" in d.body


def test_unknown_times_are_left_for_the_user_to_fill():
    d = draft(PromptKind.RESPOND, request(Direction.RECEIVED), PEOPLE, NOW, CAL)
    assert "[time]" in d.body


def test_settings_override_the_template_and_typos_stay_visible():
    d = draft("nudge", request(), PEOPLE, NOW, CAL,
              {"nudge": "Subject: ping $title\nHi $first_name, $nonsense?"})
    assert d.subject == "ping Repair invoice 4711"
    assert d.body == "Hi Dana, $nonsense?\n"


def test_unknown_kind_is_refused_with_the_known_ones():
    with pytest.raises(DraftError, match="nudge"):
        draft("shout", request(), PEOPLE, NOW, CAL)


def test_mailto_round_trips_unicode_ampersand_and_line_breaks():
    r = request(title="Café & crème: 50% <b>off</b> ?x=1#frag")
    d = draft(PromptKind.ESCALATE, r, PEOPLE, NOW, CAL)
    to, query = mailto_parts(d.mailto())
    assert to == "kim@example.com"
    assert query["cc"] == ["dana@example.com"]
    assert query["subject"] == [d.subject]
    assert query["body"] == [d.body.replace("\n", "\r\n")]
    assert "Café & crème" in query["subject"][0]


def test_suggested_kind_follows_the_state():
    assert suggested_kind(request(), NOW) == "nudge"
    received = request(Direction.RECEIVED)
    assert suggested_kind(received, NOW) == "respond"
    lifecycle.acknowledge(received, at=NOW, eta=NOW + timedelta(hours=2))
    assert suggested_kind(received, NOW) == RENEGOTIATE
    assert suggested_kind(received, NOW + timedelta(hours=3)) == "overdue"
    made = request()
    lifecycle.acknowledge(made, at=NOW, eta=NOW + timedelta(hours=2))
    assert suggested_kind(made, NOW) == "check_in"
    assert kinds_for(Direction.MADE)[0] == "nudge"
