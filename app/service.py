"""The core's one front door. The CLI, the tray app and the app's local socket all call these
operations; each is one committed transaction at the injected clock's "now"."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from app.clock import Clock, as_utc
from app.domain import bounds, lifecycle
from app.domain.model import (
    OPEN_STATUSES,
    Direction,
    DomainError,
    EventKind,
    Person,
    Priority,
    PromptKind,
    Request,
)
from app.policy.ladder import Deadline, deadline, respond_by, rungs
from app.scheduler import Digest, Prompt, Schedule, pending_prompts, schedule
from app.settings import Settings
from app.storage.store import Store

log = logging.getLogger(__name__)

PAUSE_KEY = "paused_until"
DIGESTS_KEY = "digests_fired"


@dataclass(frozen=True)
class NewRequest:
    """What a user asked to save: from the quick-add language, a dialog or an import."""

    direction: Direction
    counterpart: str
    title: str
    promised_at: datetime | None = None  # a promise already given
    needed_by: datetime | None = None  # the asker's wish
    asked_at: datetime | None = None
    tags: Sequence[str] = ()
    priority: Priority = Priority.NORMAL
    recurrence: str | None = None
    details: str = ""
    link: str = ""
    channel: str = ""


def unusable_message(request: Request, problem: tuple[str, str]) -> str:
    """What to tell about a request left out by `Promptly.usable`, and how to put it right."""
    what, why = problem
    if what == "history":
        return (f"request #{request.id} has a time in its history Promptly cannot read ({why}); "
                "it is left out of prompts, lists and exports until that entry is corrected")
    return (f"request #{request.id} has a date Promptly cannot use: {why}; fix it with "
            f"`promptly promise {request.id} WHEN` or `promptly cancel {request.id}` "
            "(the old date stays in its history)")


class Promptly:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._settings: Settings | None = None
        # how a request left out by `usable` is reported: once per request and process
        self.warn: Callable[[str], None] = log.warning
        self._reported: set[int | None] = set()

    def now(self) -> datetime:
        return as_utc(self.clock.now())

    # -- settings -----------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = self.store.settings()
        return self._settings

    def save_settings(self, settings: Settings) -> None:
        self.store.save_settings(settings)
        self._settings = settings

    def reload(self) -> None:
        self._settings = None

    def respond_by(self, request: Request) -> datetime:
        return respond_by(request, self.settings.ladder, self.settings.calendar())

    def deadline(self, request: Request) -> Deadline | None:
        """What a request counts down to (app.policy.ladder.deadline), by the user's settings."""
        return deadline(request, self.settings.ladder, self.settings.calendar())

    def usable(self, requests: Iterable[Request]) -> list[Request]:
        """The requests Promptly can compute with. Any other (a date outside bounds, written by
        an older version or by hand) is left out and reported once, so that one bad row never
        stops the prompts, lists, summaries and exports of all the others."""
        now = self.now()
        kept = []
        for request in requests:
            problem = bounds.unusable(request, now)
            if problem is None:
                kept.append(request)
            elif request.id not in self._reported:
                self._reported.add(request.id)
                self.warn(unusable_message(request, problem))
        return kept

    def get_usable(self, request_id: int) -> Request:
        """One request to show: a DomainError saying how to fix it when it cannot be used."""
        request = self.get(request_id)
        problem = bounds.unusable(request, self.now())
        if problem is not None:
            raise DomainError(unusable_message(request, problem))
        return request

    # -- the lifecycle ------------------------------------------------------------------

    def add(self, new: NewRequest) -> Request:
        now = self.now()
        person = self.store.person_named(new.counterpart) or Person(new.counterpart)
        request = lifecycle.create(
            direction=new.direction, counterpart=person, title=new.title, now=now,
            asked_at=new.asked_at, needed_by=new.needed_by, promised_at=new.promised_at,
            tags=list(new.tags),
            priority=new.priority, details=new.details, link=new.link, channel=new.channel,
            recurrence=new.recurrence,
        )
        return self.store.add(request)

    def get(self, request_id: int) -> Request:
        return self.store.get(request_id)

    def acknowledge(self, request_id: int, eta: datetime | None = None,
                    accept: bool = False) -> Request:
        """Answer: with an ETA, by accepting their time (`accept`), or with neither."""
        now = self.now()
        return self._change(request_id,
                            lambda r: lifecycle.acknowledge(r, at=now, eta=eta, accept=accept))

    def promise(self, request_id: int, when: datetime, reason: str | None = None) -> Request:
        now = self.now()
        return self._change(request_id, lambda r: lifecycle.promise(r, when, at=now, reason=reason))

    def done(self, request_id: int) -> Request:
        """Complete a request; a recurring one is followed by its next occurrence."""
        now = self.now()
        request = self._change(request_id, lambda r: lifecycle.complete(r, at=now))
        if request.recurrence:
            self._repeat(request, now)
        return request

    def _repeat(self, request: Request, now: datetime) -> Request:
        from app.quickadd import next_occurrence  # the date grammar is needed only here

        after = max(now, request.needed_by or now)
        follow_up = lifecycle.create(
            direction=request.direction, counterpart=request.counterpart, title=request.title,
            now=now, needed_by=next_occurrence(request.recurrence, after, self.settings.calendar()),
            tags=list(request.tags), priority=request.priority, details=request.details,
            link=request.link, channel=request.channel, recurrence=request.recurrence,
        )
        return self.store.add(follow_up)

    def cancel(self, request_id: int, reason: str | None = None) -> Request:
        now = self.now()
        return self._change(request_id, lambda r: lifecycle.cancel(r, at=now, reason=reason))

    def reopen(self, request_id: int) -> Request:
        now = self.now()
        return self._change(request_id, lambda r: lifecycle.reopen(r, at=now))

    def edit(self, request_id: int, **changes) -> Request:
        now = self.now()
        return self._change(request_id, lambda r: lifecycle.edit(r, at=now, **changes))

    def snooze(self, request_id: int, until: datetime, prompt: str | None = None) -> Request:
        """Snooze one prompt; without a key, the one that fired last or else the next one."""
        now = self.now()

        def change(request: Request) -> None:
            key = prompt or self._prompt_to_snooze(request)
            lifecycle.snooze(request, at=now, until=until, prompt=key)

        return self._change(request_id, change)

    def _prompt_to_snooze(self, request: Request) -> str:
        settings = self.settings
        pending = pending_prompts(request, settings.ladder, settings.calendar())
        live = {p.key for p in pending}
        current = {r.key for r in rungs(request, settings.ladder, settings.calendar())}
        for event in reversed(request.history):
            key = event.data.get("prompt")
            if event.kind is EventKind.PROMPTED and key in current and key not in live:
                return key
        if pending:
            return min(pending, key=lambda p: p.due_at).key
        raise DomainError(f"request #{request.id} has no prompt to snooze")

    def record_follow_up(self, request_id: int, prompt_kind: PromptKind, how: str,
                         to: str | None = None) -> Request:
        now = self.now()
        return self._change(request_id, lambda r: lifecycle.record_follow_up(
            r, at=now, prompt_kind=prompt_kind, how=how, to=to))

    def _change(self, request_id: int, operation) -> Request:
        now = self.now()

        def change(request: Request) -> None:
            # a date outside bounds is set aside first (kept in the history): any change fixes it
            if bounds.unusable(request, now) is not None:
                lifecycle.set_aside(request, at=now)
            operation(request)

        request, _ = self.store.update(request_id, change)
        self._reported.discard(request_id)
        return request

    # -- prompts ------------------------------------------------------------------------

    @property
    def paused_until(self) -> datetime | None:
        value = self.store.state(PAUSE_KEY)
        return datetime.fromisoformat(value) if value else None

    def pause(self, until: datetime | None) -> None:
        """Hold all prompts until `until` (None resumes). Nothing is lost: they fire after."""
        self.store.set_state(PAUSE_KEY, until.isoformat() if until else None)

    def schedule(self, now: datetime | None = None,
                 requests: Sequence[Request] | None = None) -> Schedule:
        """`requests`: the open requests with history, if the caller has just loaded them."""
        settings = self.settings
        return schedule(
            self.usable(self.store.open_requests() if requests is None else requests),
            settings.ladder, settings.calendar(), now or self.now(),
            paused_until=self.paused_until, digests=settings.digests,
            digests_fired=frozenset(self.store.state(DIGESTS_KEY, [])),
        )

    def fire(self, prompts: Sequence[Prompt], digests: Sequence[Digest] = ()) -> None:
        """Record that these prompts were shown, so that each fires once."""
        now = self.now()
        by_request: dict[int, list[Prompt]] = {}
        for prompt in prompts:
            by_request.setdefault(prompt.request.id, []).append(prompt)

        def recorder(batch: list[Prompt]):
            def record(request: Request) -> None:
                for p in batch:
                    lifecycle.record_prompt(request, at=now, prompt=p.key, kind=p.kind,
                                            due_at=p.due_at, missed=p.missed)
            return record

        self.store.update_many((rid, recorder(batch)) for rid, batch in by_request.items())
        if digests:
            fired = self.store.state(DIGESTS_KEY, [])
            # keep a few weeks of keys: enough to never repeat one
            fired = (fired + [d.key for d in digests])[-60:]
            self.store.set_state(DIGESTS_KEY, fired)

    def still_owed(self) -> list[Request]:
        """Received requests not done yet, longest-waiting first (the end-of-day digest)."""
        owed = self.usable(self.store.requests(direction=Direction.RECEIVED,
                                               statuses=OPEN_STATUSES, with_history=False))
        return sorted(owed, key=lambda r: r.asked_at)
