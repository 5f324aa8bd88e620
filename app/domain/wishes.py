"""Telling a wish from a promise in records written before Promptly kept them apart.

Up to schema 0002 a time typed with a request ("by fri 3pm") was stored as a promise, although
only the asker wanted it. The rule that separates them, used by the 0003 migration and by
imports of exports written then:

1. The time a request is needed by is the last one its history records (the `needed_by` of its
   creation or of an edit), if any.
2. Its first promise was a wish when it was recorded with the request itself (at the instant of
   its creation, before any answer) and no acknowledgement at that instant gave it as an ETA;
   or when no event records the promise being given at all. Then:
   - the wish becomes the needed-by, and its promise event goes into the creation's record;
   - the first move of that "promise" after it becomes the original promise (somebody then
     answered with a time), and later moves stay renegotiations;
   - with no such move, nobody promised anything: promised_at and original_promise are cleared.
3. A promise given is an answer: a request with a promise and no answer time is answered when
   the promise was given. The status is derived again: promised, acknowledged or open (done and
   cancelled stay).
"""

from __future__ import annotations

from datetime import datetime

from app.domain.model import Event, EventKind, Request, Status


def separate_wish(request: Request) -> bool:
    """Apply the rule to a request loaded with its whole history; True when it changed."""
    before = _state(request)
    history = request.history
    recorded = _recorded_wish(history)
    if recorded is not None:
        request.needed_by = recorded
    wish = _wish_event(request)
    if wish is not None:
        _drop_wish(request, wish)
    elif request.original_promise is not None and not any(
            e.kind in (EventKind.PROMISED, EventKind.RENEGOTIATED) for e in history):
        request.needed_by = request.needed_by or request.original_promise
        request.promised_at = request.original_promise = None
    if request.promised_at is not None and request.acknowledged_at is None:
        given = next((e.at for e in history if e.kind is EventKind.PROMISED), None)
        request.acknowledged_at = given
    if not request.is_closed:
        request.status = (Status.PROMISED if request.promised_at else
                          Status.ACKNOWLEDGED if request.acknowledged_at else Status.OPEN)
    return _state(request) != before


def _state(request: Request) -> tuple:
    return (request.needed_by, request.promised_at, request.original_promise,
            request.acknowledged_at, request.status,
            tuple((e.id, e.kind, tuple(sorted(e.data.items(), key=str))) for e in request.history))


def _recorded_wish(history: list[Event]) -> datetime | None:
    found: datetime | None = None
    for event in history:
        if event.kind is EventKind.CREATED and event.data.get("needed_by"):
            found = datetime.fromisoformat(event.data["needed_by"])
        elif event.kind is EventKind.EDITED and "needed_by" in event.data.get("changes", {}):
            value = event.data["changes"]["needed_by"]
            found = datetime.fromisoformat(value) if value else None
    return found


def _wish_event(request: Request) -> Event | None:
    """The first promise event, when it was a wish recorded with the request."""
    created = next((e for e in request.history if e.kind is EventKind.CREATED), None)
    if created is None:
        return None
    for event in request.history:
        if event.kind is EventKind.ACKNOWLEDGED and event.at <= created.at:
            return None  # answered at creation: "Dana promised it for Friday"
        if event.kind is EventKind.RENEGOTIATED:
            return None
        if event.kind is EventKind.PROMISED:
            return event if event.at == created.at else None
    return None


def _drop_wish(request: Request, wish: Event) -> None:
    history = request.history
    created = next(e for e in history if e.kind is EventKind.CREATED)
    wanted = datetime.fromisoformat(wish.data["to"])
    created.data = {**created.data, "needed_by": wanted.isoformat()}
    request.needed_by = wanted
    history.remove(wish)
    moves = [e for e in history if e.kind is EventKind.RENEGOTIATED]
    if not moves:
        request.promised_at = request.original_promise = None
        return
    first = moves[0]
    first.kind = EventKind.PROMISED
    first.data = {k: v for k, v in (("to", first.data["to"]), ("reason", first.data.get("reason")))
                  if v is not None}
    request.original_promise = datetime.fromisoformat(first.data["to"])
