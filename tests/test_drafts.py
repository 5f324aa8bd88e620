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


def request(direction=Direction.MADE, title="Repair invoice 4711", promised=None, person=DANA,
            wanted=None):
    return lifecycle.create(direction=direction, counterpart=person, title=title, now=NOW,
                            promised_at=promised, needed_by=wanted)


def mailto_parts(url: str):
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_names_the_request_and_when_it_was_asked(kind):
    r = request(Direction.MADE if kind in ("nudge", "escalate", "check_in") else Direction.RECEIVED,
                promised=NOW + timedelta(days=4, hours=6))
    d = draft(kind, r, PEOPLE, NOW + timedelta(days=1), CAL)
    assert "Repair invoice 4711" in d.body
    assert "yesterday at 09:00" in d.body
    assert d.subject and "$" not in d.subject + d.body
    assert "Repair invoice 4711" in d.subject


def test_times_read_as_people_write_them():
    r = request(Direction.RECEIVED)
    later = {NOW + timedelta(hours=2): "this morning", NOW + timedelta(days=1): "yesterday at 09:00",
             NOW + timedelta(days=3): "on Monday", NOW + timedelta(days=10): "on 23 November"}
    for now, words in later.items():
        assert f'"Repair invoice 4711" {words}.' in draft("respond", r, PEOPLE, now, CAL).body


def test_the_reply_subject_reads_as_a_mail_subject_with_the_eta():
    r = request(Direction.RECEIVED, promised=NOW + timedelta(days=4, hours=6))
    d = draft("respond", r, PEOPLE, NOW, CAL)
    assert d.subject == "Re: Repair invoice 4711 — ETA Friday 15:00"
    assert "by Friday 15:00." in d.body


def test_a_draft_never_claims_a_promise_nobody_gave():
    wish = request(Direction.MADE, wanted=NOW + timedelta(hours=8))
    for kind in ("check_in", "nudge", "escalate"):
        d = draft(kind, wish, PEOPLE, NOW + timedelta(hours=9), CAL)
        assert "promise" not in d.body.lower(), d.body
        assert "needed by 17:00 today" not in d.body  # the wish's time is past: it reads as past
    check_in = draft("check_in", wish, PEOPLE, NOW + timedelta(hours=1), CAL)
    assert "which I needed by 17:00 today" in check_in.body
    promised = request(Direction.MADE, promised=NOW + timedelta(hours=8))
    assert "you kindly promised for 17:00 today" in draft("check_in", promised, PEOPLE,
                                                         NOW + timedelta(hours=1), CAL).body


def test_drafts_are_signed_with_my_name():
    d = draft("nudge", request(), PEOPLE, NOW, CAL, signature="Sam Lee")
    assert d.body.endswith("Best regards\nSam Lee\n")
    assert draft("nudge", request(), PEOPLE, NOW, CAL).body.endswith("Best regards\n")


def test_a_late_answer_apologises():
    r = request(Direction.RECEIVED, wanted=NOW + timedelta(days=1))
    respond_by = NOW + timedelta(hours=1)
    late = draft("respond", r, PEOPLE, NOW + timedelta(hours=3), CAL, respond_by=respond_by)
    assert late.body.startswith("Hello Dana,\n\nSorry for the late answer. Thanks")
    on_time = draft("respond", r, PEOPLE, NOW + timedelta(minutes=30), CAL, respond_by=respond_by)
    assert "Sorry" not in on_time.body
    # accepting their time: the ETA is the time they want
    assert on_time.subject == "Re: Repair invoice 4711 — ETA 09:00 tomorrow"


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
    assert "Friday 15:00" in d.body and "Monday 30 November 12:00" in d.body


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
