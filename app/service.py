"""The core's one front door. The CLI, the tray app and the app's local socket all call these
operations; each is one committed transaction at the injected clock's "now"."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from app.clock import Clock, as_utc
from app.domain import bounds, lifecycle
from app.domain.commands import NewRequest
from app.domain.model import (
    OPEN_STATUSES,
    Direction,
    DomainError,
    EventKind,
    Person,
    PromptKind,
    Request,
    Status,
)
from app.domain.outcomes import PromiseRecord
from app.i18n import Text
from app.policy.calendar import WorkingCalendar
from app.policy.ladder import Deadline, deadline, respond_by, rungs
from app.policy.recurrence import next_occurrence
from app.scheduler import Digest, Prompt, Schedule, pending_prompts, schedule
from app.settings import Settings
from app.storage.interface import ChangeCursor, Storage

log = logging.getLogger(__name__)

PAUSE_KEY = "paused_until"
DIGESTS_KEY = "digests_fired"
TEAM_KEY = "team"


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
    def __init__(self, store: Storage, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._settings: Settings | None = None
        self._calendar: WorkingCalendar | None = None
        # how a request left out by `usable` is reported: once per request and process
        self.warn: Callable[[str], None] = log.warning
        self._reported: set[int | None] = set()

    @classmethod
    def open(cls, location: str, clock: Clock, *, create: bool = True) -> Promptly:
        """The core on the database at `location` (a file or a URL), created or upgraded first.
        `create=False`: a missing SQLite file is an error that says so."""
        from app.storage.database import open_database
        from app.storage.store import Store

        return cls(Store(open_database(location, create=create)), clock)

    def with_clock(self, clock: Clock) -> Promptly:
        """The same data at another clock: a forwarded command brings its own PROMPTLY_NOW."""
        return Promptly(self.store, clock)

    def close(self) -> None:
        self.store.close()

    def check_file(self) -> str | None:
        """None while the data file is the one opened; else what happened to it (app.storage)."""
        return self.store.check_file()

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
        self._settings, self._calendar = settings, None

    def reload(self) -> None:
        self._settings, self._calendar = None, None

    @property
    def calendar(self) -> WorkingCalendar:
        """The working-hours calendar of the settings, built once: lists ask it per request."""
        if self._calendar is None:
            self._calendar = self.settings.calendar()
        return self._calendar

    def changes_since(self, cursor: ChangeCursor | None) -> tuple[bool, ChangeCursor]:
        """Whether anyone (another process, another machine) wrote since `cursor`, and the
        cursor to ask with next; None starts watching."""
        return self.store.changes_since(cursor)

    def respond_by(self, request: Request) -> datetime:
        return respond_by(request, self.settings.ladder, self.calendar)

    def deadline(self, request: Request) -> Deadline | None:
        """What a request counts down to (app.policy.ladder.deadline), by the user's settings."""
        return deadline(request, self.settings.ladder, self.calendar)

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
        request = lifecycle.create(
            direction=new.direction, counterpart=self._counterpart(new), title=new.title, now=now,
            asked_at=new.asked_at, needed_by=new.needed_by, promised_at=new.promised_at,
            tags=list(new.tags),
            priority=new.priority, details=new.details, link=new.link, channel=new.channel,
            recurrence=new.recurrence, uid=new.uid,
        )
        return self.store.add(request)

    def _counterpart(self, new: NewRequest) -> Person:
        email = new.counterpart_email.strip().lower()
        if email:
            for person in self.store.people():
                if (person.email or "").strip().lower() == email:
                    return person
        return self.store.person_named(new.counterpart) or Person(new.counterpart, email or None)

    def add_once(self, new: NewRequest) -> Request | None:
        """Add a request from a source with stable uids (mail); None when that uid is already
        here, also when another process saved it a moment ago."""
        from sqlalchemy.exc import IntegrityError

        if new.uid is None:
            raise ValueError("add_once needs the source's uid")
        if self.store.known_uids([new.uid]):
            return None
        try:
            return self.add(new)
        except IntegrityError:
            if self.store.known_uids([new.uid]):
                return None
            raise

    def with_uid(self, uid: str) -> Request | None:
        return self.store.request_with_uid(uid)

    def answered(self, request_id: int, at: datetime, eta: datetime | None = None) -> Request | None:
        """An answer seen elsewhere (a reply by mail), at its own time. The first answer
        acknowledges; a time it names becomes the promise unless one was given already. None
        when it changes nothing: a closed request, or one answered and promised before."""
        changed = []

        def change(request: Request) -> None:
            if request.is_closed or at < request.asked_at:
                return
            when = eta if eta is not None and eta > request.asked_at else None
            if request.acknowledged_at is None:
                lifecycle.acknowledge(request, at=at, eta=when)
            elif when is not None and request.promised_at is None:
                lifecycle.promise(request, when, at=at)
            else:
                return
            changed.append(request)

        request, _ = self.store.update(request_id, change)
        return request if changed else None

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
        after = max(now, request.needed_by or now)
        follow_up = lifecycle.create(
            direction=request.direction, counterpart=request.counterpart, title=request.title,
            now=now, needed_by=next_occurrence(request.recurrence, after, self.calendar),
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

    def edit(self, request_id: int, *, promise: datetime | None = None, reason: str | None = None,
             **changes) -> Request:
        """Change fields of a request (see lifecycle.EDITABLE; `counterpart` by name) and, with
        `promise`, the promise: the first one, or a renegotiation of the one in force (with
        `reason`). One step: when any part is refused, nothing changes."""
        now = self.now()
        if isinstance(changes.get("counterpart"), str):
            name = " ".join(changes["counterpart"].split())
            changes["counterpart"] = (self.store.person_named(name) or Person(name)) if name else Person("")

        def change(request: Request) -> None:
            lifecycle.edit(request, at=now, **changes)
            if promise is not None and promise != request.promised_at:
                lifecycle.promise(request, promise, at=now, reason=reason)

        return self._change(request_id, change)

    def snooze(self, request_id: int, until: datetime, prompt: str | None = None) -> Request:
        """Snooze one prompt; without a key, the one that fired last or else the next one."""
        now = self.now()

        def change(request: Request) -> None:
            key = prompt or self._prompt_to_snooze(request)
            lifecycle.snooze(request, at=now, until=until, prompt=key)

        return self._change(request_id, change)

    def _prompt_to_snooze(self, request: Request) -> str:
        settings = self.settings
        pending = pending_prompts(request, settings.ladder, self.calendar)
        live = {p.key for p in pending}
        current = {r.key for r in rungs(request, settings.ladder, self.calendar)}
        for event in reversed(request.history):
            key = event.data.get("prompt")
            if event.kind is EventKind.PROMPTED and key in current and key not in live:
                return key
        if pending:
            return min(pending, key=lambda p: p.due_at).key
        raise DomainError(Text("request #{id} has no prompt to snooze", id=request.id))

    def dismiss(self, request_id: int, prompt: str) -> Request:
        """Set a shown prompt aside; it no longer waits in the prompt window."""
        now = self.now()
        return self._change(request_id, lambda r: lifecycle.dismiss(r, at=now, prompt=prompt))

    def record_follow_up(self, request_id: int, prompt_kind: PromptKind, how: str,
                         to: str | None = None) -> Request:
        now = self.now()
        return self._change(request_id, lambda r: lifecycle.record_follow_up(
            r, at=now, prompt_kind=prompt_kind, how=how, to=to))

    def remind(self, request_id: int, prompt_kind: PromptKind = PromptKind.NUDGE) -> Request:
        """Remind a team member in their Promptly (shared on the next sync)."""
        now = self.now()
        return self._change(request_id, lambda r: lifecycle.remind(
            r, at=now, prompt_kind=prompt_kind))

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

    # -- reading ------------------------------------------------------------------------

    def requests(self, *, direction: Direction | None = None, statuses: Iterable[Status] | None = None,
                 overdue_at: datetime | None = None, with_history: bool = True) -> list[Request]:
        """Requests in id order, the usable ones; `overdue_at`: only those whose promise, or with
        none the time wanted, is at or before it."""
        return self.usable(self.store.requests(direction=direction, statuses=statuses,
                                               overdue_at=overdue_at, with_history=with_history))

    def open_requests(self) -> list[Request]:
        """Every request not done or cancelled, with its history: what the scheduler looks at."""
        return self.usable(self.store.open_requests())

    def request_count(self) -> int:
        return self.store.count()

    def requests_for_summary(self, since: datetime, until: datetime
                             ) -> tuple[list[Request], dict[int, PromiseRecord]]:
        """What a summary of [since, until) reads: light usable requests and their promise records."""
        requests, records = self.store.requests_for_summary(since, until)
        return self.usable(requests), records

    # -- people -------------------------------------------------------------------------

    def people(self) -> list[Person]:
        return self.store.people()

    def person(self, person_id: int) -> Person:
        return self.store.person(person_id)

    def save_person(self, person: Person) -> Person:
        """Add a person (no id) or change one; names are unique regardless of case."""
        return self.store.save_person(person)

    # -- team mode (app.team): its bookkeeping, and others' events folded in --------------

    def team_state(self) -> dict | None:
        """Team mode's local bookkeeping (app.team.sync); None when not in a team."""
        return self.store.state(TEAM_KEY)

    def save_team_state(self, value: dict | None) -> None:
        self.store.set_state(TEAM_KEY, value)

    def person_named(self, name: str) -> Person | None:
        return self.store.person_named(name)

    def apply_shared(self, request_id: int, change) -> Request:
        """Fold a team member's events into a shared request (app.team.sync): `change` appends
        them and sets the state the fold gives, in one transaction."""
        return self._change(request_id, change)

    def turnaround_hint(self, direction: Direction, counterpart: str, tags: Sequence[str] = (),
                        asked_at: datetime | None = None):
        """The published turnaround of the team member I am asking (app.team.turnaround), with
        the needed-by it suggests; None outside a team or when they published none."""
        state = self.team_state()
        if not state:
            return None
        from app.team import turnaround

        return turnaround.hint(state, self.calendar, direction=direction,
                               counterpart=counterpart, tags=tags, asked_at=asked_at or self.now())

    def my_turnarounds(self) -> dict[str, float]:
        """My published turnaround times as of the last sync: tag ('' = default) -> hours."""
        from app.team import turnaround

        return turnaround.mine(self.team_state())

    def department_turnarounds(self) -> list[tuple[str, bool, dict[str, float]]]:
        """The departments whose times I see (mine, and those I supervise members of), each
        with whether I may publish them and their times as of the last sync."""
        from app.team import turnaround

        st = self.team_state()
        return [(name, editable, turnaround.published(st, department=name))
                for name, editable in turnaround.departments(st)]

    def remember_turnarounds(self, rows: list[dict]) -> None:
        """The team's published table, as the server just gave it (app.team.turnaround.publish)."""
        st = self.team_state()
        if st:
            st["turnarounds"] = rows
            self.save_team_state(st)

    def with_turnaround(self, new: NewRequest) -> NewRequest:
        """A request to a team member that names no time gets their published turnaround as
        its needed-by."""
        if new.needed_by is not None or new.promised_at is not None:
            return new
        found = self.turnaround_hint(new.direction, new.counterpart, new.tags, new.asked_at)
        if found is None:
            return new
        import dataclasses

        return dataclasses.replace(new, needed_by=found.needed_by)

    def department_totals(self, week: str) -> dict | None:
        """My department's totals for an ISO week (2026-W48) as of the last sync: requests,
        answered on time, promises kept, median turnaround vs published; None outside a team,
        without a department, or before a sync."""
        from app.team import sync

        return sync.department_totals(self, week)

    def escalation_contact(self, request_id: int) -> str | None:
        """The name an escalation in Promptly reaches (the asked member's supervisor), or None
        when the request is not with a team member who has one."""
        from app.team import sync

        boss = sync.supervisor_of(self, self.get(request_id))
        return boss["name"] if boss else None

    def escalate(self, request_id: int, note: str | None = None) -> Request:
        """Escalate in Promptly: the next sync shows the request to the asked member's supervisor
        (while it is open) with a prompt in their Promptly."""
        request = self.get(request_id)
        boss = self.escalation_contact(request_id)
        if request.direction is not Direction.MADE:
            raise DomainError(Text("request #{id} was asked of me: only the one who asked "
                                   "escalates", id=request_id))
        if boss is None:
            raise DomainError(Text("{name} has no supervisor in the team: escalate by mail "
                                   "instead", name=request.counterpart.name))
        if request.is_closed:
            raise DomainError(Text("request #{id} is closed; nothing to escalate", id=request_id))
        now = self.now()
        from app.team.sync import ESCALATE_HOW

        return self._change(request_id, lambda r: lifecycle.record_follow_up(
            r, at=now, prompt_kind=PromptKind.ESCALATE, how=ESCALATE_HOW, to=boss, note=note))

    def note(self, key: str, text: str) -> Request | None:
        """A note both parties see: on my request #`key`, or on a request escalated to me (by
        its uid), sent with the next sync. None for the latter."""
        from app.team import escalation

        st = self.team_state()
        if key.isdigit() and not escalation.names_one(st, key):
            now = self.now()
            return self._change(int(key), lambda r: lifecycle.note(r, at=now, text=text))
        escalation.queue_note(st or {}, key, text, self.now())
        self.save_team_state(st)
        return None

    def escalated_to_me(self) -> list:
        """Open requests between others escalated to me (app.team.escalation.Escalation):
        never mine, so never in my list or my figures."""
        state = self.team_state()
        if not state:
            return []  # not in a team: team mode's code is not even loaded
        from app.team import escalation

        return escalation.views(state)

    def escalation_seen(self, uid: str) -> None:
        """I have read it: no more prompt for it (it stays in "Escalated to me" while open)."""
        from app.team import escalation

        st = self.team_state()
        escalation.mark_seen(st or {}, uid)
        self.save_team_state(st)

    # -- imports and the data file ------------------------------------------------------

    def known_uids(self, uids: Iterable[str]) -> set[str]:
        """Which of these request uids are here already (an import skips them)."""
        return self.store.known_uids(uids)

    def add_many(self, requests: Iterable[Request]) -> int:
        """Requests built whole elsewhere (an import), history included, in one transaction."""
        return self.store.add_many(requests)

    @property
    def data_file(self) -> Path | None:
        """The SQLite file everything is in; None on a database server."""
        return self.store.data_file

    def backup(self) -> Path:
        """A consistent copy of the data file in backups/ beside it, named by the local time."""
        source = self.data_file
        stamp = self.now().astimezone(self.settings.zone).strftime("%Y-%m-%d_%H%M%S")
        folder = source.parent if source is not None else Path.cwd()
        return self.store.backup(folder / "backups" / f"{source.stem if source else 'promptly'}-{stamp}.db")

    # -- prompts ------------------------------------------------------------------------

    def state(self, key: str, default=None):
        """Small JSON state of the app and its sources (mail capture's progress)."""
        return self.store.state(key, default)

    def set_state(self, key: str, value) -> None:
        self.store.set_state(key, value)

    @property
    def paused_until(self) -> datetime | None:
        value = self.store.state(PAUSE_KEY)
        return datetime.fromisoformat(value) if value else None

    def pause(self, until: datetime | None) -> None:
        """Hold all prompts until `until` (None resumes). Nothing is lost: they fire after."""
        self.store.set_state(PAUSE_KEY, until.isoformat() if until else None)

    def schedule(self, now: datetime | None = None,
                 requests: Sequence[Request] | None = None) -> Schedule:
        """`requests`: what `open_requests()` gave, if the caller has just loaded it (already
        checked by `usable`: not checked again)."""
        settings = self.settings
        requests = self.open_requests() if requests is None else requests
        return schedule(
            requests, settings.ladder, self.calendar, now or self.now(),
            paused_until=self.paused_until, digests=settings.digests,
            digests_fired=frozenset(self.store.state(DIGESTS_KEY, [])),
            # what still_owed() would read again: received among the open ones
            owes_anything=any(r.direction is Direction.RECEIVED for r in requests),
        )

    def standing(self, prompt: Prompt) -> Prompt | None:
        """The prompt with its request as it is now, or None when its reason is gone: the
        request closed, or changed elsewhere (a colleague's ETA) so that this prompt no longer
        arises from it."""
        try:
            request = self.store.get(prompt.request.id)
        except DomainError:
            return None  # deleted
        if request.is_closed or prompt.key not in {
                r.key for r in rungs(request, self.settings.ladder, self.calendar)}:
            return None
        return prompt._replace(request=request)

    def fire(self, prompts: Sequence[Prompt], digests: Sequence[Digest] = (),
             superseded: Sequence[Prompt] = ()) -> None:
        """Record that these prompts were shown (and the `superseded` ones were not, but fell
        due), so that each notifies once."""
        now = self.now()
        by_request: dict[int, list[tuple[Prompt, bool]]] = {}
        for prompt, hidden in [(p, True) for p in superseded] + [(p, False) for p in prompts]:
            if prompt.shown:
                continue  # recorded when it first fired
            by_request.setdefault(prompt.request.id, []).append((prompt, hidden))

        def recorder(batch: list[tuple[Prompt, bool]]):
            def record(request: Request) -> None:
                for p, hidden in batch:
                    lifecycle.record_prompt(request, at=now, prompt=p.key, kind=p.kind,
                                            due_at=p.due_at, missed=p.missed, superseded=hidden)
            return record

        if by_request:  # prompts shown before ask for no write (and no wait for the lock)
            self.store.update_many((rid, recorder(batch)) for rid, batch in by_request.items())
        if digests:
            fired = self.store.state(DIGESTS_KEY, [])
            # keep a few weeks of keys: enough to never repeat one
            fired = (fired + [d.key for d in digests])[-60:]
            self.store.set_state(DIGESTS_KEY, fired)

    def still_owed(self) -> list[Request]:
        """Received requests not done yet, longest-waiting first (the end-of-day digest)."""
        owed = self.requests(direction=Direction.RECEIVED, statuses=OPEN_STATUSES, with_history=False)
        return sorted(owed, key=lambda r: r.asked_at)
