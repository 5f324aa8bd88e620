"""The IMAP side of capture, on imapclient: log in, find the folders, read flags and messages by UID."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable, Iterable
from datetime import date

from app.capture.account import (
    AuthenticationFailed,
    CaptureError,
    CaptureSettings,
    ServerUnreachable,
)

# The sender's own words come first; a deadline further down is not looked for.
TEXT_BYTES = 32 * 1024
_KEY_FIELDS = "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID FROM DATE SUBJECT)]"
_CHUNK = 200  # UIDs per FETCH

# The step that logs in, replaceable: a password today; XOAUTH2 (Microsoft 365, Gmail) would
# be another function of the client, e.g. `lambda c: c.oauth2_login(user, token)`.
Login = Callable[[object], None]


def password_login(user: str, password: str) -> Login:
    def login(client) -> None:
        client.login(user, password)

    return login


def _errors():
    from imapclient.exceptions import IMAPClientError, LoginError

    return IMAPClientError, LoginError


def connect(settings: CaptureSettings, login: Login, *, ssl_context: ssl.SSLContext | None = None
            ) -> Mailbox:
    """A logged-in mailbox, or a CaptureError that says what to do."""
    from imapclient import IMAPClient

    imap_error, login_error = _errors()
    where = f"{settings.host}:{settings.port}"
    context = ssl_context or ssl.create_default_context()
    try:
        client = IMAPClient(settings.host, port=settings.port, ssl=settings.security == "ssl",
                            ssl_context=context, timeout=settings.timeout)
    except ssl.SSLError as exc:
        raise ServerUnreachable(f"the secure connection to {where} failed ({exc.reason or exc}); "
                                "check the port and the security setting") from None
    except (OSError, imap_error) as exc:
        raise ServerUnreachable(f"cannot reach the mail server {where} ({_reason(exc)}); check the "
                                "server name and port, and that you are online") from None
    try:
        if settings.security == "starttls":
            client.starttls(context)
        login(client)
    except login_error:
        _close(client)
        raise AuthenticationFailed(
            f"the mail server {settings.host} refused the user name {settings.user!r} or its "
            "password; check both (Gmail and Microsoft 365 need an app password)") from None
    except ssl.SSLError as exc:
        _close(client)
        raise ServerUnreachable(f"STARTTLS with {where} failed ({exc.reason or exc})") from None
    except (OSError, imap_error) as exc:
        _close(client)
        raise ServerUnreachable(f"the mail server {where} broke off the login ({_reason(exc)})") from None
    return Mailbox(client, settings)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout):
        return "no answer in time"
    return str(exc) or type(exc).__name__


def _close(client) -> None:
    try:
        client.logout()
    except Exception:  # already gone: nothing to close
        try:
            client.shutdown()
        except Exception:
            pass


class Mailbox:
    """One logged-in connection. Reads only: flags are never changed, mail never marked read."""

    def __init__(self, client, settings: CaptureSettings) -> None:
        self.client = client
        self.settings = settings
        self.selected: str | None = None
        self.validity: int | None = None

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        _close(self.client)

    def folders(self) -> tuple[str, str | None]:
        """The Inbox and the Sent folder: as configured, else the one the server marks \\Sent."""
        from imapclient.imapclient import SENT

        sent = self.settings.sent or self.client.find_special_folder(SENT)
        return self.settings.inbox or "INBOX", sent

    def folder_names(self) -> list[str]:
        return [name for _flags, _sep, name in self.client.list_folders()]

    def select(self, folder: str) -> int:
        """Select read-only (nothing is marked read); the folder's UIDVALIDITY."""
        if self.selected == folder and self.validity is not None:
            return self.validity
        info = self.client.select_folder(folder, readonly=True)
        self.selected, self.validity = folder, int(info[b"UIDVALIDITY"])
        return self.validity

    def flagged(self) -> list[int]:
        return sorted(self.client.search(["FLAGGED"]))

    def after(self, uid: int) -> list[int]:
        return sorted(u for u in self.client.search(["UID", f"{uid + 1}:*"]) if u > uid)

    def since(self, day: date) -> list[int]:
        return sorted(self.client.search(["SINCE", day]))

    def answering(self, message_id: str) -> list[int]:
        """Messages of the selected folder that answer the one with this Message-ID."""
        return sorted(self.client.search(["OR", "HEADER", "In-Reply-To", message_id,
                                          "HEADER", "References", message_id]))

    def keys(self, uids: Iterable[int]) -> dict[int, bytes]:
        """The few headers that identify each message."""
        return self._fetch(uids, _KEY_FIELDS)

    def headers(self, uids: Iterable[int]) -> dict[int, bytes]:
        return self._fetch(uids, "BODY.PEEK[HEADER]")

    def messages(self, uids: Iterable[int]) -> dict[int, bytes]:
        """The header and the start of the body of each message, without marking it read."""
        uids = list(uids)
        heads = self._fetch(uids, "BODY.PEEK[HEADER]")
        texts = self._fetch(uids, f"BODY.PEEK[TEXT]<0.{TEXT_BYTES}>")
        return {uid: heads[uid] + texts.get(uid, b"") for uid in heads}

    def _fetch(self, uids: Iterable[int], item: str) -> dict[int, bytes]:
        uids = list(uids)
        found: dict[int, bytes] = {}
        for start in range(0, len(uids), _CHUNK):
            answer = self.client.fetch(uids[start:start + _CHUNK], [item])
            for uid, data in answer.items():
                for key, value in data.items():
                    if key.startswith(b"BODY[") and isinstance(value, bytes):
                        found[uid] = value
        return found


def network_errors() -> tuple[type[BaseException], ...]:
    """What a connection that goes away mid-pass raises."""
    imap_error, _ = _errors()
    return (OSError, imap_error)


__all__ = ["CaptureError", "Login", "Mailbox", "connect", "network_errors", "password_login"]
