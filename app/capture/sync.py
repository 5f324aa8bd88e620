"""One capture pass: flagged mail becomes requests and answers acknowledge them, one write each."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from app.capture.account import CaptureError, CaptureSettings
from app.capture.imap import Login, Mailbox, connect, network_errors
from app.capture.message import Mail, clamp_ask, parse, person_name, read, request_uid
from app.domain.bounds import keepable
from app.domain.model import Direction, DomainError, Request
from app.domain.commands import NewRequest
from app.service import Promptly

log = logging.getLogger(__name__)

CHANNEL = "mail"
STATE_KEY = "capture.folders"  # {account: {folder: [uidvalidity, last uid read for answers]}}
# How far back a folder seen for the first time, or renumbered by the server, is read for answers.
LOOKBACK = timedelta(days=14)
TITLE_LENGTH = 200


@dataclass
class Outcome:
    captured: list[Request] = field(default_factory=list)
    acknowledged: list[Request] = field(default_factory=list)
    # messages that would have counted but may not: automatic replies, bounces, an answer from
    # someone other than the one asked, mail without a sender
    skipped: int = 0

    def to_json(self) -> dict:
        return {"captured": [r.id for r in self.captured],
                "acknowledged": [r.id for r in self.acknowledged], "skipped": self.skipped}


class Pass:
    def __init__(self, core: Promptly, settings: CaptureSettings, mailbox: Mailbox,
                 on_written: Callable[[Request], None] | None = None) -> None:
        self.core = core
        self.settings = settings
        self.mailbox = mailbox
        self.on_written = on_written or (lambda request: None)
        self.outcome = Outcome()
        self.now = core.now()
        self.calendar = core.calendar
        self.me = settings.my_addresses

    def run(self) -> Outcome:
        inbox, sent = self.mailbox.folders()
        self._flagged(inbox, Direction.RECEIVED, answers_in=sent)
        if sent:
            self._flagged(sent, Direction.MADE, answers_in=inbox)
            self._new_mail(sent, answers_to=Direction.RECEIVED)
        self._new_mail(inbox, answers_to=Direction.MADE, direct=self.settings.capture_direct)
        return self.outcome

    # -- flagged mail ---------------------------------------------------------------------

    def _flagged(self, folder: str, direction: Direction, answers_in: str | None) -> None:
        self.mailbox.select(folder)
        uids = self.mailbox.flagged()
        keys = {uid: read(parse(raw)).uid for uid, raw in self.mailbox.keys(uids).items()}
        known = self.core.known_uids(list(keys.values()))
        for uid in uids:  # one at a time: each is read, then written, before the next
            if uid in keys and keys[uid] not in known:
                self.mailbox.select(folder)
                raw = self.mailbox.messages([uid]).get(uid)
                if raw is not None:  # expunged meanwhile
                    self._capture(read(parse(raw)), direction, answers_in)

    def _capture(self, mail: Mail, direction: Direction, answers_in: str | None) -> None:
        if mail.ignored:
            log.info("mail capture: skipped %s (%s)", mail.key, mail.ignored)
            self.outcome.skipped += 1
            return
        person = mail.sender if direction is Direction.RECEIVED else (mail.to[0] if mail.to else None)
        if person is None or (direction is Direction.RECEIVED and person.email in self.me):
            self.outcome.skipped += 1
            return
        asked_at = clamp_ask(mail.date, self.now)
        needed_by = mail.deadline(self.calendar, self.now)
        new = NewRequest(  # a mail's text is anybody's: made to keep the rules quick add keeps
            direction=direction, counterpart=keepable(person_name(person), "counterpart"),
            counterpart_email=keepable(person.email, "email"), title=_title(mail),
            asked_at=asked_at, needed_by=needed_by if needed_by and needed_by > asked_at else None,
            details=keepable("\n".join(mail.texts[1:4]), "details"), link=keepable(mail.key, "link"),
            channel=CHANNEL, uid=mail.uid)
        try:
            request = self.core.add_once(new)
        except DomainError as exc:
            log.warning("mail capture: %s not captured: %s", mail.key, exc)
            self.outcome.skipped += 1
            return
        if request is None:  # captured already, by another pass
            return
        self.outcome.captured.append(request)
        self.on_written(request)
        if answers_in and not mail.key.endswith("@promptly.invalid>"):
            self._earlier_answers(request, answers_in)

    def _earlier_answers(self, request: Request, folder: str) -> None:
        """Answers already in the mailbox when the message was flagged."""
        self.mailbox.select(folder)
        for uid, raw in sorted(self.mailbox.messages(self.mailbox.answering(request.link)).items()):
            self._answer(read(parse(raw)), request)

    # -- new mail: answers, and direct mail from colleagues -------------------------------

    def _new_mail(self, folder: str, answers_to: Direction, direct: bool = False) -> None:
        validity = self.mailbox.select(folder)
        progress = self.core.state(STATE_KEY, {}) or {}
        seen = progress.get(self.settings.account_key, {}).get(folder)
        if seen and seen[0] == validity:
            last = seen[1]
            uids = self.mailbox.after(last)
        else:  # new, or renumbered: read a while back; what was captured is known by Message-ID
            last = 0
            uids = self.mailbox.since((self.now - LOOKBACK).date())
        try:
            for uid, raw in sorted(self.mailbox.headers(uids).items()):
                self._new_message(uid, read(parse(raw)), folder, answers_to, direct)
                last = max(last, uid)
        finally:  # up to the last message handled in full, also when the server went away
            self._save_progress(folder, validity, last)

    def _save_progress(self, folder: str, validity: int, last: int) -> None:
        progress = self.core.state(STATE_KEY, {}) or {}
        progress.setdefault(self.settings.account_key, {})[folder] = [validity, last]
        self.core.set_state(STATE_KEY, progress)

    def _new_message(self, uid: int, mail: Mail, folder: str, answers_to: Direction,
                     direct: bool) -> None:
        answered = self._captured(mail.references, answers_to)
        if answered:
            if mail.ignored:
                self.outcome.skipped += 1
                return
            self.mailbox.select(folder)  # an earlier answer may have been looked for elsewhere
            full = read(parse(self.mailbox.messages([uid])[uid]))
            for request in answered:
                self._answer(full, request)
            return
        if direct and self._is_direct(mail):
            if self.core.known_uids([mail.uid]):
                return
            self.mailbox.select(folder)
            self._capture(read(parse(self.mailbox.messages([uid])[uid])), Direction.RECEIVED, None)

    def _captured(self, references: list[str], direction: Direction) -> list[Request]:
        uids = {request_uid(ref): ref for ref in references[:50]}
        found = []
        for uid in self.core.known_uids(list(uids)):
            request = self.core.with_uid(uid)
            if request is not None and request.direction is direction and request.channel == CHANNEL:
                found.append(request)
        return found

    def _answer(self, mail: Mail, request: Request) -> None:
        if mail.ignored:
            self.outcome.skipped += 1
            return
        if request.direction is Direction.MADE:  # their answer counts, not a colleague's aside
            theirs = (request.counterpart.email or "").lower()
            if mail.sender is None or (theirs and mail.sender.email != theirs):
                self.outcome.skipped += 1
                return
        eta = mail.eta(self.calendar, self.now)
        changed = self.core.answered(request.id, clamp_ask(mail.date, self.now), eta)
        if changed is None:  # answered before: not news, and not a message passed over
            return
        self.outcome.acknowledged.append(changed)
        self.on_written(changed)

    def _is_direct(self, mail: Mail) -> bool:
        """Mail from a colleague to me (not only in Cc), not from a list, not automatic."""
        if mail.ignored or mail.listed or mail.sender is None or not self.me:
            return False
        domain = mail.sender.email.rpartition("@")[2]
        if domain not in self.settings.domains or mail.sender.email in self.me:
            return False
        return any(a.email in self.me for a in mail.to)


def _title(mail: Mail) -> str:
    title = keepable(mail.title or next(iter(mail.texts[1:2]), ""), "title").strip()
    return (title or "(no subject)")[:TITLE_LENGTH]


def sync(core: Promptly, settings: CaptureSettings, login: Login, *, ssl_context=None,
         on_written: Callable[[Request], None] | None = None) -> Outcome:
    """One pass over the mailbox. A server that goes away mid-pass leaves every message either
    captured in full or not at all; the next pass goes on from there."""
    mailbox = connect(settings, login, ssl_context=ssl_context)
    work = Pass(core, settings, mailbox, on_written)
    try:
        return work.run()
    except network_errors() as exc:
        saved = len(work.outcome.captured) + len(work.outcome.acknowledged)
        raise CaptureError(
            f"the mail server {settings.host} went away during the pass ({exc or type(exc).__name__}); "
            f"{saved} change(s) made before that are saved, and the next pass goes on from there"
        ) from None
    finally:
        mailbox.close()


LAST_PASS_KEY = "capture.last_pass"


def capture_once(core: Promptly, settings: CaptureSettings, env, secrets=None, *,
                 ssl_context=None, on_written: Callable[[Request], None] | None = None) -> Outcome:
    """A pass with the password from the environment or the keyring; what it did (or why it
    failed) is kept for `promptly mail status` and the settings page."""
    from app.capture.account import password
    from app.capture.imap import password_login

    started = core.now()
    try:
        login = password_login(settings.user, password(settings, env, secrets))
        outcome = sync(core, settings, login, ssl_context=ssl_context, on_written=on_written)
    except CaptureError as exc:
        core.set_state(LAST_PASS_KEY, {"at": started.isoformat(), "error": str(exc)})
        raise
    core.set_state(LAST_PASS_KEY, {"at": started.isoformat(), **{
        k: len(v) if isinstance(v, list) else v for k, v in outcome.to_json().items()}})
    return outcome
