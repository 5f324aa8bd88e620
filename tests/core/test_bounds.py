"""The bounds at the domain's door (app/domain/bounds.py): instants from 1970 to ten years ahead,
text without control characters or direction overrides and within a length, checked by every
lifecycle operation before it changes anything."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import bounds, lifecycle
from app.domain.model import Direction, DomainError, EventKind, Person, Status

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
FAR = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
ANCIENT = datetime(1, 1, 1, tzinfo=UTC)


def new(**fields):
    values = dict(direction=Direction.RECEIVED, counterpart=Person("Dana"), title="repair invoice",
                  now=NOW)
    values.update(fields)
    return lifecycle.create(**values)


@pytest.mark.parametrize("field, value, words", [
    ("needed_by", FAR, "needed_by 9999-12-31 23:59 UTC is more than ten years ahead"),
    ("promised_at", NOW + timedelta(days=3661), "more than ten years ahead"),
    ("asked_at", ANCIENT, "asked_at 0001-01-01 00:00 UTC is before 1970"),
    ("asked_at", datetime(1969, 12, 31, tzinfo=UTC), "before 1970"),
])
def test_a_time_outside_the_window_is_refused_naming_the_field(field, value, words):
    with pytest.raises(DomainError, match=words):
        new(**{field: value})


def test_the_window_reaches_ten_years_ahead():
    assert new(needed_by=NOW + timedelta(days=3650)).needed_by == NOW + timedelta(days=3650)
    assert new(asked_at=datetime(1970, 1, 1, tzinfo=UTC)).asked_at.year == 1970


@pytest.mark.parametrize("operation", [
    lambda r: lifecycle.promise(r, FAR, at=NOW),
    lambda r: lifecycle.acknowledge(r, at=NOW, eta=FAR),
    lambda r: lifecycle.snooze(r, at=NOW, until=FAR, prompt="respond@x"),
    lambda r: lifecycle.edit(r, at=NOW, needed_by=FAR),
])
def test_every_operation_refuses_a_far_time_and_changes_nothing(operation):
    request = new()
    with pytest.raises(DomainError, match="ten years ahead"):
        operation(request)
    assert request.status is Status.OPEN and len(request.history) == 1
    assert request.needed_by is None and request.promised_at is None


@pytest.mark.parametrize("text, words", [
    ("repair\x00invoice", "contains a control character \\(U\\+0000\\)"),
    ("repair\ninvoice", "contains a line break"),
    ("repair\r invoice", "contains a line break"),
    ("invoice \u202egpj.exe", "contains a text direction control \\(U\\+202E\\)"),
    ("\u2066isolated", "contains a text direction control"),
    ("x" * 501, "is 501 characters long; keep it to 500"),
])
def test_a_title_with_what_no_field_may_hold_is_refused(text, words):
    with pytest.raises(DomainError, match="title " + words):
        new(title=text)


def test_every_text_field_is_held_to_the_rules():
    with pytest.raises(DomainError, match="counterpart contains a control character"):
        new(counterpart=Person("Da\x07na"))
    with pytest.raises(DomainError, match="counterpart is 201 characters"):
        new(counterpart=Person("D" * 201))
    with pytest.raises(DomainError, match="tag 'a b' must be one word"):
        new(tags=["a b"])
    with pytest.raises(DomainError, match="51 tags"):
        new(tags=[f"t{i}" for i in range(51)])
    with pytest.raises(DomainError, match="link contains"):
        new(link="https://example.org/\x1b[31m")
    request = new(details="line one\nline two\twith a tab")  # details may run over lines
    with pytest.raises(DomainError, match="details contains a text direction control"):
        lifecycle.edit(request, at=NOW, details="\u202dreversed")
    with pytest.raises(DomainError, match="reason is 1,001 characters"):
        lifecycle.cancel(request, at=NOW, reason="r" * 1001)
    assert request.status is Status.OPEN


def test_letters_of_every_script_and_emoji_pass():
    title = "Rechnung für Zoë · 請求書 · فاتورة · 👩\u200d👩\u200d👧 🎉"
    assert new(title=title, counterpart=Person("李")).title == title


def test_a_stored_row_outside_the_window_is_named_with_its_field():
    request = new(needed_by=NOW + timedelta(days=2))
    assert bounds.unusable(request, NOW) is None
    request.needed_by = FAR
    assert bounds.unusable(request, NOW) == (
        "needed_by", "needed_by 9999-12-31 23:59 UTC is more than ten years ahead "
                     "(after 2036-11-30 09:00 UTC)")


def test_setting_aside_drops_wishes_and_promises_and_moves_the_ask_keeping_the_old_values():
    request = new(needed_by=NOW + timedelta(days=2))
    lifecycle.promise(request, NOW + timedelta(days=1), at=NOW)
    request.needed_by, request.promised_at, request.asked_at = FAR, FAR, ANCIENT
    later = NOW + timedelta(hours=1)
    assert lifecycle.set_aside(request, at=later)
    assert bounds.unusable(request, later) is None
    assert (request.needed_by, request.promised_at, request.asked_at) == (None, None, NOW)
    assert request.status is Status.ACKNOWLEDGED
    edit = request.history[-1]
    assert edit.kind is EventKind.EDITED and edit.at == later
    assert edit.data["set_aside"] == {"asked_at": "0001-01-01T00:00:00+00:00",
                                      "needed_by": "9999-12-31T23:59:00+00:00",
                                      "promised_at": "9999-12-31T23:59:00+00:00"}
    assert not lifecycle.set_aside(request, at=later)  # nothing left to put right


def test_a_snooze_out_of_range_ends_when_set_aside():
    request = new()
    request.history.append(lifecycle.Event(EventKind.SNOOZED, NOW, {"prompt": "respond@x",
                                                                      "until": FAR.isoformat()}))
    assert bounds.unusable(request, NOW)[0] == "snooze:respond@x"
    lifecycle.set_aside(request, at=NOW)
    assert bounds.unusable(request, NOW) is None
    assert bounds.live_snoozes(request) == {"respond@x": NOW}


def test_a_person_saved_from_settings_is_held_to_the_same_rules(store):
    with pytest.raises(DomainError, match="counterpart contains a text direction control"):
        store.save_person(Person("Eve\u202eevE"))
    with pytest.raises(DomainError, match="email is 321 characters"):
        store.save_person(Person("Eve", "e" * 321))
    assert store.people() == []


@given(st.text(), st.sampled_from(sorted(bounds.LIMITS)))
def test_text_from_outside_is_made_keepable(text, field):
    kept = bounds.keepable(text, field)
    bounds.check_text(field, kept)  # passes the rules it was made for
    assert len(kept) <= bounds.LIMITS[field]
