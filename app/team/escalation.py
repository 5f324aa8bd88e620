# Escalated to me: the supervisor's side of a request between two others.
"""A request escalated to me is neither made nor received by me: it is not one of my requests,
so it never enters my list, my prompts' ladder or my weekly figures. Its copy lives in the team
bookkeeping (the store's `team` state, key `escalated`): the request as the server shows it,
what has happened since it was asked, and whether I have seen it. Each sync reads the open ones
afresh; one closed since is no longer visible to me (row-level security) and leaves the list.

My notes on it wait in the state (key `notes`) until a sync sends them; both parties see them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain import bounds
from app.domain.model import DomainError
from app.i18n import Text
from app.team import server

# what happened since, in the order the parties did it; the request's creation is its header
STORY_KINDS = ("acknowledged", "promised", "renegotiated", "done", "cancelled", "reopened",
               "edited", "escalated", "note")


@dataclass(frozen=True)
class Happening:
    at: datetime
    who: str  # a display name
    kind: str
    to: datetime | None = None  # promised / renegotiated
    text: str = ""  # a note, a reason, or the escalation's note


@dataclass(frozen=True)
class Escalation:
    """Who asked whom for what, when, and what has happened since."""

    uid: str
    requester: str
    asked: str
    title: str
    asked_at: datetime
    needed_by: datetime | None
    escalated_at: datetime | None
    story: tuple[Happening, ...]
    seen: bool

    @property
    def promised_at(self) -> datetime | None:
        promises = [h.to for h in self.story if h.to is not None]
        return promises[-1] if promises else None

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid, "requester": self.requester, "asked": self.asked,
            "title": self.title, "asked_at": self.asked_at.isoformat(),
            "needed_by": self.needed_by.isoformat() if self.needed_by else None,
            "escalated_at": self.escalated_at.isoformat() if self.escalated_at else None,
            "promised_at": self.promised_at.isoformat() if self.promised_at else None,
            "seen": self.seen,
            "since": [{"at": h.at.isoformat(), "who": h.who, "kind": h.kind,
                       **({"to": h.to.isoformat()} if h.to else {}),
                       **({"text": h.text} if h.text else {})} for h in self.story]}

    def summary(self) -> str:
        """One plain line: `Sam asked Dana: the invoice`."""
        return f"{self.requester} asked {self.asked}: {self.title}"


def _name(team: list[dict], login: str) -> str:
    return next((m["name"] for m in team if m["login"] == login), login)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def refresh(conn, st: dict) -> None:
    """Read the open requests escalated to me; keep what I had seen, drop what closed."""
    before = st.get("escalated", {})
    found: dict[str, dict] = {}
    for row, events in server.escalated_to_me(conn):
        if st["member"] in (row.requester, row.asked):
            continue  # my own request: it is in my list already
        found[row.uid] = {
            "requester": row.requester, "asked": row.asked, "title": row.title,
            "asked_at": row.asked_at.isoformat(),
            "needed_by": row.needed_by.isoformat() if row.needed_by else None,
            "events": [{"at": e.at.isoformat(), "author": e.author, "kind": e.kind,
                        "data": e.data} for e in events if e.kind in STORY_KINDS],
            "seen": before.get(row.uid, {}).get("seen", False)}
    st["escalated"] = found


def views(st: dict | None) -> list[Escalation]:
    if not st:
        return []
    team = st["members"]
    pending = st.get("notes", [])
    result = []
    for uid, item in st.get("escalated", {}).items():
        story = [_happening(team, e["at"], e["author"], e["kind"], e["data"])
                 for e in item["events"]]
        story += [_happening(team, n["at"], st["member"], "note", {"text": n["text"]})
                  for n in pending if n["request_uid"] == uid]
        story.sort(key=lambda h: h.at)
        escalated = [h.at for h in story if h.kind == "escalated"]
        result.append(Escalation(
            uid, _name(team, item["requester"]), _name(team, item["asked"]), item["title"],
            datetime.fromisoformat(item["asked_at"]), _time(item["needed_by"]),
            escalated[-1] if escalated else None, tuple(story), item["seen"]))
    return sorted(result, key=lambda e: (e.escalated_at or e.asked_at, e.uid))


def _happening(team: list[dict], at: str, author: str, kind: str, data: dict) -> Happening:
    text = str(data.get("text") or data.get("reason") or data.get("note") or "")
    to = _time(data.get("to")) if kind in ("promised", "renegotiated") else None
    return Happening(datetime.fromisoformat(at), _name(team, author), kind, to, text)


def _uid(st: dict, key: str) -> str:
    """The uid of an escalated request by its uid or a unique start of it (6 characters or more)."""
    items = st.get("escalated", {})
    matches = [key] if key in items else [u for u in items if len(key) >= 6 and u.startswith(key)]
    if len(matches) != 1:
        raise DomainError(Text("no request escalated to you has the id {uid}", uid=key))
    return matches[0]


def names_one(st: dict | None, key: str) -> bool:
    """Does `key` name a request escalated to me (a uid may start with digits only)?"""
    try:
        _uid(st or {}, key)
    except DomainError:
        return False
    return True


def mark_seen(st: dict, key: str) -> None:
    st["escalated"][_uid(st, key)]["seen"] = True


def queue_note(st: dict, uid: str, text: str, at: datetime) -> None:
    """My note on a request escalated to me; the next sync sends it."""
    text = text.strip()
    if not text:
        raise DomainError("the note is empty; write what you want to say")
    bounds.check_text("the note", text, field="note")
    full = _uid(st, uid)
    st.setdefault("notes", []).append({"uid": uuid.uuid4().hex, "request_uid": full,
                                       "at": at.isoformat(), "text": text})


def push_notes(conn, st: dict) -> None:
    """Send my waiting notes; one on a request closed since is refused and dropped (it could
    never be sent: the request is no longer mine to see)."""
    import psycopg

    for n in st.get("notes", []):
        event = server.ServerEvent(0, n["uid"], n["request_uid"], st["member"], "note",
                                   datetime.fromisoformat(n["at"]), {"text": n["text"]})
        try:  # sent again after a lost answer, the server keeps one (by uid)
            server.add_note(conn, event)
        except psycopg.errors.InsufficientPrivilege:
            continue
    st["notes"] = []
