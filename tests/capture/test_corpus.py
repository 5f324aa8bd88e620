"""The message rules over the corpus in tests/data/mail: what each message must mean."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.capture.message import clean_subject, parse, read, request_uid
from app.settings import Settings

CORPUS = Path(__file__).parent.parent / "data" / "mail"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
CALENDAR = Settings(timezone="Europe/Berlin").calendar()


def load(name: str):
    return read(parse((CORPUS / f"{name}.eml").read_bytes()))


def test_the_corpus_is_large_enough_and_complete():
    assert len(EXPECTED) >= 30
    assert sorted(p.stem for p in CORPUS.glob("*.eml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "capture" in e))
def test_captured_messages_read_as_their_request(name):
    expected = EXPECTED[name]
    mail = load(name)
    assert mail.ignored is None
    assert mail.title == expected["title"]
    person = mail.sender if expected["capture"] == "received" else mail.to[0]
    from app.capture.message import person_name

    assert person_name(person) == expected["counterpart"]
    assert person.email == expected["email"]
    deadline = mail.deadline(CALENDAR, NOW)
    wanted = expected["needed_by"]
    assert deadline == (datetime.fromisoformat(wanted) if wanted else None), mail.texts


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "ignored" in e))
def test_automatic_replies_and_bounces_are_recognised(name):
    assert load(name).ignored == EXPECTED[name]["ignored"]


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "list" in e))
def test_list_and_bulk_mail_is_recognised(name):
    assert load(name).listed is EXPECTED[name]["list"]


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "answers" in e))
def test_answers_name_the_message_they_answer(name):
    expected = EXPECTED[name]
    mail = load(name)
    original = load(expected["answers"])
    assert original.key in mail.references
    if "eta" in expected:
        eta = mail.eta(CALENDAR, NOW)
        assert eta == (datetime.fromisoformat(expected["eta"]) if expected["eta"] else None)


def test_non_answers_and_originals_reference_nothing_captured():
    assert load("01-dana-invoice").references == []


@pytest.mark.parametrize("subject, title", [
    ("Re: Re: invoice", "invoice"), ("AW: WG: Rechnung", "Rechnung"), ("TR: RE: devis", "devis"),
    ("Fwd: FW: slides", "slides"), ("Re[2]: budget", "budget"), ("Regarding the move", "Regarding the move"),
    ("  Re:   spaced   out  ", "spaced out"), ("Re:", ""),
])
def test_reply_and_forward_prefixes_go(subject, title):
    assert clean_subject(subject) == title


def test_a_message_without_message_id_has_a_stable_key():
    first, again = load("31-no-message-id"), load("31-no-message-id")
    assert first.key == again.key and first.key.endswith("@promptly.invalid>")
    assert first.uid == request_uid(first.key) and len(first.uid) <= 64


def test_a_bounce_is_a_bounce_before_it_is_an_automatic_reply():
    assert load("12-bounce").ignored == "bounce"


def test_a_message_opens_by_its_id_where_the_platform_has_a_way():
    from app.capture.message import message_url

    assert message_url("<abc.1@mail.example.com>", "linux") == "mid:abc.1@mail.example.com"
    assert message_url("<abc.1@mail.example.com>", "darwin") == "message:%3Cabc.1@mail.example.com%3E"
    assert message_url(load("31-no-message-id").key, "linux") is None  # made up: no client knows it
