"""Sending a follow-up by SMTP. Qt-free: the prompt window, the settings dialog's test message
and the CLI all go through `send`.

The password is a parameter, never a setting: it comes from the keyring (app/secrets.py) or
from the person, each time. Failures become `MailError`s that say what happened and what to do;
the caller keeps the draft.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import asdict, dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr
from typing import Any, Protocol

from app.domain.model import PromptKind

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class MailError(Exception):
    """Sending failed; the message says why and what to do. The draft is kept."""


class MailSettingsError(MailError, ValueError):
    """The mail settings cannot be used (a reason per field)."""


class AuthenticationFailed(MailError):
    pass


class ServerUnreachable(MailError):
    pass


class RecipientRefused(MailError):
    """The server refused some recipients; `sent` is the message if the others got it."""

    def __init__(self, message: str, refused: dict[str, str], sent: EmailMessage | None = None) -> None:
        super().__init__(message)
        self.refused = refused
        self.sent = sent


class PasswordNeeded(MailError):
    """The account has a user name but no password was given."""


class Outgoing(Protocol):
    """What `send` needs of a draft (app.drafts.Draft has it)."""

    to: str
    to_name: str
    cc: str
    cc_name: str
    subject: str
    body: str


@dataclass(frozen=True)
class Message:
    """A message that is not a prompt's draft, such as the settings' test message."""

    to: str
    subject: str
    body: str
    to_name: str = ""
    cc: str = ""
    cc_name: str = ""


def valid_address(address: str) -> bool:
    name, parsed = parseaddr(address)
    local, _, domain = parsed.rpartition("@")
    return bool(local) and "." in domain and parsed == address.strip() and " " not in parsed


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    from_address: str = ""
    from_name: str = ""
    timeout: int = 20  # seconds before an unreachable server is reported

    @classmethod
    def from_dict(cls, data: dict[str, Any] | MailSettings | None) -> MailSettings:
        if isinstance(data, MailSettings):
            return data
        data = dict(data or {})
        if "password" in data:
            raise MailSettingsError("mail: a password is never stored in the settings; "
                                    "it belongs in the system keyring")
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise MailSettingsError(f"mail: unknown setting {', '.join(sorted(unknown))}")
        try:
            data["port"] = int(data.get("port", 587))
            data["timeout"] = int(data.get("timeout", 20))
        except (TypeError, ValueError):
            raise MailSettingsError("mail: the port must be a whole number such as 587") from None
        settings = cls(**{k: v.strip() if isinstance(v, str) else v for k, v in data.items()})
        settings.validate()
        return settings

    def validate(self) -> None:
        if not 1 <= self.port <= 65535:
            raise MailSettingsError(f"mail: port {self.port} is not a port; use 1 to 65535 (587 for STARTTLS)")
        if self.security not in SECURITY:
            raise MailSettingsError(f"mail: security must be one of {', '.join(SECURITY)}")
        if not 1 <= self.timeout <= 600:
            raise MailSettingsError("mail: the timeout must be 1 to 600 seconds")
        if self.from_address and not valid_address(self.from_address):
            raise MailSettingsError(f"mail: {self.from_address!r} is not an e-mail address like kim@example.org")
        if any(c in self.host for c in " /:@"):
            raise MailSettingsError(f"mail: {self.host!r} is not a server name like smtp.example.org")
        if self.host and not self.from_address:
            raise MailSettingsError("mail: give the from-address the messages are sent from")
        if self.from_address and not self.host:
            raise MailSettingsError("mail: give the SMTP server (host) that sends the messages")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def configured(self) -> bool:
        return bool(self.host and self.from_address)

    @property
    def keyring_account(self) -> str:
        """The keyring entry of this account's password: one per user and server."""
        return f"smtp:{self.user}@{self.host}:{self.port}"


def _address(address: str, name: str = "") -> Address:
    try:
        return Address(display_name=name, addr_spec=address)
    except (ValueError, IndexError):
        raise MailError(f"{address!r} is not an e-mail address; correct it under Settings → People") from None


def compose(draft: Outgoing, mail: MailSettings, at: datetime | None = None) -> EmailMessage:
    if not draft.to:
        who = draft.to_name or "the recipient"
        raise MailError(f"{who} has no e-mail address; add one under Settings → People, then send again")
    message = EmailMessage()
    message["From"] = _address(mail.from_address, mail.from_name)
    message["To"] = _address(draft.to, draft.to_name)
    if draft.cc:
        message["Cc"] = _address(draft.cc, draft.cc_name)
    message["Subject"] = draft.subject
    if at is not None:
        message["Date"] = format_datetime(at)
    message["Message-ID"] = make_msgid(domain=mail.from_address.rpartition("@")[2])
    message.set_content(draft.body)  # utf-8, transfer-encoded as needed
    return message


def send(draft: Outgoing, mail: MailSettings | dict[str, Any], password: str | None,
         *, at: datetime | None = None) -> EmailMessage:
    """Send one message; returns it as sent. Raises a MailError that says what went wrong."""
    mail = MailSettings.from_dict(mail)
    if not mail.configured:
        raise MailSettingsError("mail is not set up; enter the SMTP server and from-address in Settings → Mail")
    if mail.user and not password:
        raise PasswordNeeded(f"the mail server needs the password of {mail.user}")
    message = compose(draft, mail, at)
    where = f"{mail.host}:{mail.port}"
    context = ssl.create_default_context()
    try:
        if mail.security == "ssl":
            smtp = smtplib.SMTP_SSL(mail.host, mail.port, timeout=mail.timeout, context=context)
        else:
            smtp = smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout)
        with smtp:
            if mail.security == "starttls":
                smtp.starttls(context=context)
            if mail.user:
                _login(smtp, mail.user, password or "")
            refused = smtp.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise AuthenticationFailed(
            f"{mail.host} refused the user name or password of {mail.user} ({_reply(exc)}); "
            "check them in Settings → Mail") from None
    except smtplib.SMTPNotSupportedError:
        if mail.security == "starttls":
            raise MailError(f"{mail.host} does not offer STARTTLS; choose SSL or ask your "
                            "administrator which security the server uses") from None
        raise MailError(f"{mail.host} does not accept a login without encryption; "
                        "choose STARTTLS or SSL in Settings → Mail") from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = {addr: _reply(err) for addr, err in exc.recipients.items()}
        raise RecipientRefused(f"{mail.host} refused {_list(refused)}; check the address under "
                               "Settings → People", refused) from None
    except smtplib.SMTPSenderRefused as exc:
        raise MailError(f"{mail.host} refused the sender {mail.from_address} ({_reply(exc)}); "
                        "check the from-address in Settings → Mail") from None
    except ssl.SSLError as exc:
        raise MailError(f"the secure connection to {where} failed ({exc.reason or exc}); "
                        "check the security setting (STARTTLS or SSL) and the port") from None
    except smtplib.SMTPServerDisconnected:
        raise ServerUnreachable(f"{where} closed the connection; check the port and the security "
                                "setting, then try again") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"{mail.host} refused the message ({_reply(exc)})") from None
    except (socket.gaierror, socket.herror):
        raise ServerUnreachable(f"the mail server {mail.host} is unknown; check its name in "
                                "Settings → Mail and your network") from None
    except TimeoutError:
        raise ServerUnreachable(f"{where} did not answer within {mail.timeout} s; check the "
                                "host, the port and your network") from None
    except OSError as exc:
        raise ServerUnreachable(f"cannot reach the mail server {where} ({exc.strerror or exc}); "
                                "check the host, the port and your network") from None
    if refused:
        refused = {addr: _reply(err) for addr, err in refused.items()}
        raise RecipientRefused(f"sent, but {mail.host} refused {_list(refused)}; check the address "
                               "under Settings → People", refused, message)
    return message


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib encodes credentials as ASCII; AUTH PLAIN is UTF-8 (RFC 4616), so a password
    such as "Grüße" is sent that way instead of failing with an encoding error."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    import base64

    smtp.ehlo_or_helo_if_needed()
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", "PLAIN " + token)
    if code == 235:
        return
    if code in (454, 534, 535):
        raise smtplib.SMTPAuthenticationError(code, reply)
    raise smtplib.SMTPResponseException(code, reply)


def _reply(exc_or_pair) -> str:
    code, text = (exc_or_pair.smtp_code, exc_or_pair.smtp_error) if hasattr(exc_or_pair, "smtp_code") \
        else exc_or_pair
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


def _list(refused: dict[str, str]) -> str:
    return "; ".join(f"{addr} ({why})" for addr, why in refused.items())


def recipients(message: EmailMessage) -> list[str]:
    return [addr for _, addr in getaddresses(message.get_all("To", []) + message.get_all("Cc", []))]


def follow_up_kind(draft_kind: str) -> PromptKind:
    """The prompt a sent draft answers; a renegotiation answers the promise that is due."""
    try:
        return PromptKind(draft_kind)
    except ValueError:
        return PromptKind.DUE_SOON


def record_sent(core, request_id: int, prompt_kind: PromptKind, message: EmailMessage,
                refused: dict[str, str] | None = None) -> None:
    """History of a sent follow-up: to whom it went (a refused copy is left out)."""
    accepted = [a for a in recipients(message) if a not in (refused or {})]
    core.record_follow_up(request_id, prompt_kind, how="sent", to=", ".join(accepted))


def send_follow_up(core, request_id: int, draft: Outgoing, password: str | None,
                   prompt_kind: PromptKind | None = None) -> EmailMessage:
    """Send a prompt's draft and record it in the request's history (how="sent").

    Nothing is recorded when sending fails, so the follow-up can be retried.
    """
    kind = prompt_kind or follow_up_kind(getattr(draft, "kind", ""))
    try:
        message = send(draft, core.settings.mail, password, at=core.now())
    except RecipientRefused as exc:
        if exc.sent is not None:  # the others got it: that is a follow-up made
            record_sent(core, request_id, kind, exc.sent, exc.refused)
        raise
    record_sent(core, request_id, kind, message)
    return message
