"""Editing through the core: the person by name, the direction, the wish and the promise in one
step, each change in the history; a refused part changes nothing (a real SQLite file)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.domain.commands import NewRequest
from app.domain.model import Direction, DomainError, EventKind, Person, Status

UTC = timezone.utc
MON_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_person_direction_wish_and_promise_change_and_are_each_recorded(core):
    core.save_person(Person("Dana Smith", "dana@example.com"))
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "invoice",
                                  promised_at=MON_9 + timedelta(days=1)))
    wish, promise = MON_9 + timedelta(hours=5), MON_9 + timedelta(days=2)
    edited = core.edit(request.id, counterpart="dana  smith", direction=Direction.MADE,
                       needed_by=wish, promise=promise, reason="the supplier is late")
    assert edited.counterpart.name == "Dana Smith"
    assert edited.counterpart.email == "dana@example.com"  # the known person, not a new one
    assert (edited.direction, edited.needed_by, edited.promised_at) == (Direction.MADE, wish, promise)
    stored = core.get(request.id)
    edit, renegotiation = stored.history[-2:]
    assert edit.kind is EventKind.EDITED
    assert edit.data["changes"] == {"counterpart": "Dana Smith", "direction": "made",
                                    "needed_by": wish.isoformat()}
    assert renegotiation.kind is EventKind.RENEGOTIATED  # the promise goes the promise's way
    assert renegotiation.data["reason"] == "the supplier is late"
    assert stored.original_promise == MON_9 + timedelta(days=1)


def test_a_first_promise_from_the_edit_is_a_promise(core):
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "invoice"))
    edited = core.edit(request.id, promise=MON_9 + timedelta(days=1))
    assert edited.status is Status.PROMISED
    assert edited.history[-1].kind is EventKind.PROMISED


def test_a_new_person_is_added_to_the_people(core):
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "invoice"))
    core.edit(request.id, counterpart="Kim Lee")
    assert core.get(request.id).counterpart.name == "Kim Lee"
    assert "Kim Lee" in [p.name for p in core.people()]


def test_a_refused_promise_changes_nothing_else_either(core):
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "invoice"))
    with pytest.raises(DomainError):
        core.edit(request.id, counterpart="Sam", title="renamed", promise=MON_9 - timedelta(days=1))
    stored = core.get(request.id)
    assert (stored.counterpart.name, stored.title, stored.promised_at) == ("Dana", "invoice", None)
    assert [e.kind for e in stored.history] == [EventKind.CREATED]


def test_nobody_is_refused(core):
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "invoice"))
    with pytest.raises(DomainError, match="counterpart"):
        core.edit(request.id, counterpart="   ")
