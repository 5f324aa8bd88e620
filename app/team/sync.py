# Sync: push this store's shared events, pull the team's, fold them into local requests.
"""The local side of team mode, on the core's front door (app.service.Promptly).

Local bookkeeping lives in the store's small state (key `team`): the server address (no
password), this member's login, a random id of this store (`origin`), the team's member list,
the last pulled sequence number, the last local event id already pushed, and the uids of the
shared requests. Local events get stable uids derived from (origin, local event id), so pushing
again after a lost answer sends the same uids and the server keeps one of each. Events pulled
from others carry their uid and author in `data["team"]`; they are never pushed back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.bounds import MAX_TAGS, keepable
from app.domain.model import TEAM, Direction, Event, EventKind, Person, Priority, Request
from app.team import escalation, server
from app.team.fold import SHARED_FIELDS, SHARED_KINDS, FoldState, SharedEvent, fold

ESCALATE_HOW = "promptly"  # an escalation recorded so: it reaches the supervisor's Promptly
_NS = uuid.UUID("6f1c7d2e-5a8b-4c3d-9e0f-2a1b3c4d5e6f")


class NotJoined(server.TeamError):
    pass


@dataclass
class SyncResult:
    pushed: int
    pulled: int
    new_requests: int
    received: list[server.ServerEvent] = field(default_factory=list)  # others' events pulled


def state(core) -> dict[str, Any]:
    found = core.team_state()
    if not found:
        raise NotJoined("this Promptly is not in a team; join one with `promptly team join URL`")
    return dict(found)


def joined(core) -> bool:
    return bool(core.team_state())


def _password(address: server.Address) -> str | None:
    """The keyring's password for this member, or None to let libpq find one."""
    import os

    from app.secrets import Secrets, SecretsUnavailable

    if any(os.environ.get(k) for k in ("PGPASSWORD", "PGPASSFILE", "PGSERVICE")):
        return None  # libpq's own mechanisms, for scripts and tests
    try:
        return Secrets().get(_secret_name(address))
    except SecretsUnavailable:  # no keyring: libpq's ~/.pgpass may still have it
        return None


def _secret_name(address: server.Address) -> str:
    return f"team:{address.user}@{address.server}"


def save_password(url: str, password: str) -> None:
    from app.secrets import Secrets

    Secrets().set(_secret_name(server.Address.parse(url)), password)


def forget_password(url: str) -> None:
    from app.secrets import Secrets

    Secrets().delete(_secret_name(server.Address.parse(url)))


def _connect(url: str, password: str | None = None):
    """`password`: one given for this run (no keyring); else the keyring's or libpq's."""
    if password is None:
        password = _password(server.Address.parse(url))
    conn = server.connect(url, password=password, autocommit=True)
    try:
        server.check_version(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def fetch_members(url: str, password: str | None = None) -> list[server.Member]:
    """The team on that server, as this member sees it: a connection test."""
    with _connect(url, password) as conn:
        return server.members(conn)


def join(core, url: str, password: str | None = None,
         team: list[server.Member] | None = None) -> server.Member:
    """`team`: the members fetched already (off the GUI thread); else fetched here."""
    address = server.Address.parse(url)
    if team is None:
        team = fetch_members(url, password)
    me = _me(team, address)
    current = core.team_state()
    if current and (current["server"], current["member"]) != (address.server, address.user):
        raise server.TeamError(f"this Promptly is in the team on {current['server']} as "
                               f"{current['member']} already")
    if not current:
        core.save_team_state({
            "server": address.server, "url": url, "member": address.user,  # no password in it
            "origin": uuid.uuid4().hex, "last_seq": 0, "pushed_upto": 0, "shared": {},
            "members": [m.to_json() for m in team], "last_sync": None})
    return me


def _me(team: list[server.Member], address: server.Address) -> server.Member:
    me = next((m for m in team if m.login == address.user), None)
    if me is None or not me.active:
        raise server.TeamError(f"{address.user} is not a member of the team on {address.server}")
    return me


@dataclass
class JoinPreview:
    """What joining would do with my requests, before anything is sent."""
    shared: list[Request]  # open, done and cancelled, with their history: both parties see them
    personal: list[Request]  # with anyone else: stay on this computer


def join_preview(core, url: str, team: list[server.Member]) -> JoinPreview:
    """All my requests split by the rule the first sync pushes by (`_parties`), for the members
    fetched already (off the GUI thread). TeamError when the login is not an active member."""
    me = _me(team, server.Address.parse(url))
    members = [m.to_json() for m in team]
    preview = JoinPreview([], [])
    for request in core.requests(with_history=False):
        shared = _parties(members, me.login, {}, request) is not None  # nothing shared yet
        (preview.shared if shared else preview.personal).append(request)
    return preview


def leave(core) -> None:
    """Out of the team on this machine: shared requests stay here as personal ones."""
    state(core)
    core.save_team_state(None)


def teammates(core) -> list[dict]:
    """The other active members, as last synced (login, name, email, supervisor…); [] when
    not in a team."""
    found = core.team_state()
    if not found:
        return []
    return [m for m in found["members"] if m["active"] and m["login"] != found["member"]]


def teammate(core, name: str) -> dict | None:
    """The member a counterpart's name (or login) stands for: a request with them is shared."""
    found = core.team_state()
    return _member_for(found["members"], name, found["member"]) if found else None


def _parties(team: list[dict], me: str, shared: dict, request: Request) -> dict | None:
    """The one rule of what the team shares, whatever the request's status: {"requester",
    "asked"} of a request shared already, or of one whose counterpart is another active member;
    None for a request that stays on this computer."""
    if request.uid in shared:
        return shared[request.uid]
    other = _member_for(team, request.counterpart.name, me)
    if other is None:
        return None
    mine = request.direction is Direction.MADE
    return {"requester": me if mine else other["login"], "asked": other["login"] if mine else me}


def _member_for(team: list[dict], name: str, me: str) -> dict | None:
    key = name.strip().casefold().lstrip("@")
    for m in team:
        if m["active"] and m["login"] != me and key in (m["login"].casefold(), m["name"].casefold()):
            return m
    return None


def event_uid(origin: str, event: Event) -> str:
    return uuid.uuid5(_NS, f"{origin}:{event.id}").hex


def _is_mine(event: Event) -> bool:
    return not event.from_team


def _shared_data(event: Event) -> dict[str, Any]:
    if event.kind is EventKind.EDITED:  # the shared fields' new values only: who it was with before stays here
        return {"changes": {k: v for k, v in event.data.get("changes", {}).items() if k in SHARED_FIELDS}}
    return dict(event.data)


def _outgoing(core, st: dict) -> tuple[list, list, list, dict, int]:
    """What to push: new shared requests, unpushed events of shared requests, escalations."""
    me, origin, upto = st["member"], st["origin"], st["pushed_upto"]
    shared = dict(st["shared"])
    new_requests, events, escalations = [], [], []
    newest = upto
    team = st["members"]
    for request in core.requests(with_history=True):
        newest = max([newest, *(e.id or 0 for e in request.history)])
        parties = _parties(team, me, shared, request)
        if parties is None:
            continue  # someone outside the team: stays local
        is_new = request.uid not in shared
        if is_new:
            shared[request.uid] = parties
            new_requests.append(server.SharedRequest(
                request.uid, parties["requester"], parties["asked"], request.title,
                list(request.tags), int(request.priority), request.asked_at, request.needed_by))
        for event in request.history:
            if event.kind not in SHARED_KINDS or not _is_mine(event):
                continue
            if not is_new and (event.id or 0) <= upto:
                continue
            data = _shared_data(event)
            if event.kind is EventKind.EDITED and not data["changes"]:
                continue  # only personal fields changed: nothing to tell, not even when
            events.append(server.ServerEvent(0, event_uid(origin, event), request.uid, me,
                                             event.kind.value, event.at, data))
            if event.kind is EventKind.ESCALATED and event.data.get("how") == ESCALATE_HOW:
                if parties["requester"] == me:
                    boss = next((m["supervisor"] for m in team if m["login"] == parties["asked"]), None)
                    if boss:
                        escalations.append((request.uid, boss))
    return new_requests, events, escalations, shared, newest


def supervisor_of(core, request: Request) -> dict | None:
    """The team member an escalation of my request reaches: the asked member's supervisor."""
    st = core.team_state()
    if not st or request.direction is not Direction.MADE:
        return None
    other = _member_for(st["members"], request.counterpart.name, st["member"])
    if other is None or not other.get("supervisor"):
        return None
    return next((m for m in st["members"] if m["login"] == other["supervisor"] and m["active"]),
                None)


def pending_push(core) -> int:
    st = state(core)
    return len(_outgoing(core, st)[1])


def sync(core, password: str | None = None) -> SyncResult:
    """Push, then pull until nothing is left. Unreachable: server.Unreachable, nothing lost."""
    import psycopg

    try:
        return _sync(core, password)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise server.TeamError(f"the team server refused a change: {exc}") from None
    except psycopg.OperationalError:
        raise server.Unreachable("lost the team server during the sync; nothing is lost, the "
                                 "next `promptly sync` sends it") from None


def _sync(core, password: str | None) -> SyncResult:
    st = state(core)
    received: list[server.ServerEvent] = []
    with _connect(st["url"], password) as conn:
        team = server.members(conn)
        st["members"] = [m.to_json() for m in team]
        me = next((m for m in team if m.login == st["member"]), None)
        if me is None or not me.active:
            raise server.TeamError(f"{st['member']} has been removed from the team")
        new_requests, events, escalations, shared, newest = _outgoing(core, st)
        server.push(conn, new_requests, events, escalations)
        # committed on the server: record it, so a crash now resends only uids it has
        st["shared"], st["pushed_upto"] = shared, newest
        core.save_team_state(st)
        pulled = created = 0
        while True:
            batch = server.pull(conn, st["last_seq"])
            if not batch:
                break
            created += _apply(core, conn, st, batch)
            received += [e for e in batch if e.author != st["member"]]
            pulled = len(received)
            st["last_seq"] = batch[-1].seq
            core.save_team_state(st)
        # escalated to me: my notes go out, then the open ones are read afresh (RLS hides
        # those closed since, so they leave my list)
        escalation.push_notes(conn, st)
        escalation.refresh(conn, st)
        st["turnarounds"] = [t.to_json() for t in server.turnarounds(conn)]  # for quick add
        st["department_totals"] = _department_weeks(core, conn)  # for the weekly summary
        core.save_team_state(st)
    st["last_sync"] = core.now().isoformat()
    # No bump of pushed_upto past what was pushed: events pulled here are others' (never sent,
    # see _is_mine), and a change made meanwhile by the tray app's own thread must still go.
    core.save_team_state(st)
    return SyncResult(len(events), pulled, created, received)


def _department_weeks(core, conn) -> dict[str, dict]:
    """My department's totals for the last two weeks (the summary shows them offline and
    without a round trip). The server serves only weeks that have ended in the team's zone, and
    their figures never change after: this week has none yet."""
    from app.summary import IsoWeek

    now = core.now()
    this = IsoWeek.of(now, core.settings.zone)
    weeks = {}
    for week in (this.shifted(-2), this.shifted(-1)):
        totals = server.department_totals(conn, week.monday)
        if totals is not None:
            weeks[str(week)] = {**totals, "as_of": now.isoformat()}
    return weeks


def department_totals(core, week: str) -> dict | None:
    """My department's totals for an ISO week as of the last sync; None if unknown."""
    found = core.team_state()
    return (found or {}).get("department_totals", {}).get(week)


def _apply(core, conn, st: dict, batch: list[server.ServerEvent]) -> int:
    """Fold others' events into the local requests; a request new here is created."""
    me, team = st["member"], st["members"]
    theirs = [e for e in batch if e.author != me]
    if not theirs:
        return 0
    by_uid = {r.uid: r for r in core.requests(with_history=True)}
    rows = server.shared_requests(conn, {e.request_uid for e in theirs})
    created = 0
    for request_uid in dict.fromkeys(e.request_uid for e in theirs):
        row = rows.get(request_uid)
        if row is None or me not in (row.requester, row.asked):
            continue  # escalated to me: visible on the server, not mine to keep locally
        incoming = [e for e in theirs if e.request_uid == request_uid]
        local = by_uid.get(request_uid)
        st["shared"][request_uid] = {"requester": row.requester, "asked": row.asked}
        if local is None:
            local = _new_local(core, row, me, team,
                               next((e for e in incoming if e.kind == "created"), None))
            created += 1
        known = {e.data[TEAM].get("uid") for e in local.history if e.from_team}
        fresh = [e for e in incoming if e.uid not in known]
        if not fresh:
            continue

        def apply(request: Request, fresh=fresh, row=row) -> None:
            for e in fresh:
                if e.kind == "created":
                    continue  # the local request stands for it
                data = dict(e.data)
                data[TEAM] = {"uid": e.uid, "author": e.author, "seq": e.seq,
                              "name": _name(team, e.author)}
                request.history.append(Event(EventKind(e.kind), e.at, data))
            _refold(request, row, st["origin"], me)

        core.apply_shared(local.id, apply)
    return created


def _name(team: list[dict], login: str) -> str:
    return next((m["name"] for m in team if m["login"] == login), login)


def _new_local(core, row: server.SharedRequest, me: str, team: list[dict],
               created: server.ServerEvent | None) -> Request:
    other = row.requester if row.asked == me else row.asked
    name = keepable(_name(team, other), "counterpart")
    person = core.person_named(name) or Person(name)
    request = Request(
        direction=Direction.RECEIVED if row.asked == me else Direction.MADE,
        counterpart=person, title=keepable(row.title, "title"), asked_at=row.asked_at,
        tags=_keepable_tags(row.tags),
        priority=Priority(row.priority), needed_by=row.needed_by, uid=row.uid)
    request.history.append(Event(EventKind.CREATED, row.asked_at, {
        "asked_at": row.asked_at.isoformat(),
        **({"needed_by": row.needed_by.isoformat()} if row.needed_by else {}),
        TEAM: {"uid": created.uid if created else None, "author": other,
               "seq": created.seq if created else None}}))
    core.add_many([request])
    return request


def _refold(request: Request, row: server.SharedRequest, origin: str, me: str) -> None:
    events = []
    for e in request.history:
        if e.kind not in SHARED_KINDS or e.kind is EventKind.CREATED:
            continue
        if e.from_team:
            info = e.data[TEAM]
            if "uid" not in info:
                continue
            events.append(SharedEvent(info["uid"], info["author"], e.kind, e.at, e.data))
        else:
            events.append(SharedEvent(event_uid(origin, e), me, e.kind, e.at, e.data))
    base = FoldState(row.title, list(row.tags), Priority(row.priority), row.needed_by)
    s = fold(base, events)
    for name in ("title", "tags", "priority", "needed_by", "status", "acknowledged_at",
                 "promised_at", "original_promise", "completed_at", "cancelled_at"):
        setattr(request, name, getattr(s, name))
    # the server takes any text a member writes with plain SQL: kept here by the local rules
    request.title, request.tags = keepable(request.title, "title"), _keepable_tags(request.tags)


def _keepable_tags(tags) -> list[str]:
    return [tag for tag in ("-".join(keepable(t, "tag").split()) for t in tags[:MAX_TAGS]) if tag]


def shared_uids(core) -> set[str]:
    found = core.team_state()
    return set(found["shared"]) if found else set()


def status(core) -> dict[str, Any]:
    st = state(core)
    return {"server": st["server"], "member": st["member"], "last_sync": st["last_sync"],
            "pending_push": pending_push(core)}


def last_sync(st: dict) -> datetime | None:
    return datetime.fromisoformat(st["last_sync"]) if st.get("last_sync") else None


def listen(core, password: str | None = None):
    """A connection that hears cues (see `server.wait_for_cue`); the caller closes it."""
    conn = _connect(state(core)["url"], password)
    server.listen(conn)
    return conn


def watch(core, every: float, *, listen: bool = True, stop=None, sleep=None) -> int:
    """Sync, then wait for a cue (LISTEN) or at most `every` seconds, and again, until
    `stop(received, rounds)` says so (None: until interrupted). Without `listen` (behind a
    transaction pooler, where LISTEN does not work) it only polls. Returns the events received."""
    import time

    sleep = sleep or time.sleep
    st = state(core)
    received = rounds = 0
    cue = None
    try:
        if listen:
            cue = _connect(st["url"])
            server.listen(cue)
        while True:
            received += sync(core).pulled
            rounds += 1
            if stop is not None and stop(received, rounds):
                return received
            if cue is not None:
                server.wait_for_cue(cue, every)
            else:
                sleep(every)
    finally:
        if cue is not None:
            cue.close()
