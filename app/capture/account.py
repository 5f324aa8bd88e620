"""The mail-capture account: which mailbox, how to reach it, and what counts; never a password."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

SECURITY = ("ssl", "starttls", "none")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}
# Without TLS the password would cross the network in the clear: only this machine may listen.
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
PASSWORD_ENV = "PROMPTLY_MAIL_PASSWORD"
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class CaptureError(Exception):
    """Capture could not run; the message says what happened and what to do."""


class CaptureSettingsError(CaptureError, ValueError):
    """The account cannot be used as configured."""


class AuthenticationFailed(CaptureError):
    pass


class ServerUnreachable(CaptureError):
    pass


class PasswordNeeded(CaptureError):
    pass


def split_host(text: str) -> tuple[str, int | None]:
    """`imap.example.com:993` → ("imap.example.com", 993); `[::1]:143` for IPv6."""
    text = text.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest.removeprefix(":") or None
    elif text.count(":") == 1:
        host, port = text.split(":")
    else:
        host, port = text, None
    if port is None:
        return host, None
    try:
        return host, int(port)
    except ValueError:
        raise CaptureSettingsError(f"mail capture: {port!r} is not a port like 993") from None


@dataclass(frozen=True)
class CaptureSettings:
    host: str = ""
    port: int = 993
    security: str = "ssl"
    user: str = ""
    address: str = ""  # my address, for "me in To:"; empty: the user name when it is one
    domains: tuple[str, ...] = ()  # the company's: direct mail from these may be captured
    capture_direct: bool = False
    inbox: str = ""  # empty: INBOX
    sent: str = ""  # empty: the folder the server marks \Sent
    timeout: int = 30
    enabled: bool = True

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | CaptureSettings | None) -> CaptureSettings:
        if isinstance(data, CaptureSettings):
            return data
        data = dict(data or {})
        if "password" in data:
            raise CaptureSettingsError("mail capture: a password is never stored in the settings; "
                                       "it belongs in the system keyring")
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise CaptureSettingsError(f"mail capture: unknown setting {', '.join(sorted(unknown))}")
        try:
            for name in ("port", "timeout"):
                if name in data:
                    data[name] = int(data[name])
        except (TypeError, ValueError):
            raise CaptureSettingsError("mail capture: the port must be a whole number such as 993") from None
        for name in ("host", "security", "user", "address", "inbox", "sent"):
            if name in data:
                data[name] = str(data[name] or "").strip()
        data["domains"] = tuple(d.strip().lower().lstrip("@") for d in data.get("domains", ()) if d.strip())
        for flag in ("capture_direct", "enabled"):
            if flag in data:
                data[flag] = bool(data[flag])
        settings = cls(**data)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.security not in SECURITY:
            raise CaptureSettingsError(f"mail capture: security must be one of {', '.join(SECURITY)}")
        if not 1 <= self.port <= 65535:
            raise CaptureSettingsError(f"mail capture: port {self.port} is not a port; use 1 to 65535 "
                                       "(993 for SSL, 143 for STARTTLS)")
        if not 5 <= self.timeout <= 600:
            raise CaptureSettingsError("mail capture: the timeout must be 5 to 600 seconds")
        if any(c in self.host for c in " /@") or (":" in self.host and self.host != "::1"):
            raise CaptureSettingsError(f"mail capture: {self.host!r} is not a server name like "
                                       "imap.example.com")
        if self.host and not self.user:
            raise CaptureSettingsError("mail capture: give the user name of the mailbox")
        if self.security == "none" and self.host and self.host not in LOOPBACK:
            raise CaptureSettingsError(
                f"mail capture: without SSL or STARTTLS the password would cross the network in "
                f"clear text; {self.host} is not this machine, so use --security ssl or starttls")
        for domain in self.domains:
            if not _DOMAIN.match(domain):
                raise CaptureSettingsError(f"mail capture: {domain!r} is not a domain like example.com")
        if self.address and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", self.address):
            raise CaptureSettingsError(f"mail capture: {self.address!r} is not an e-mail address")
        if self.capture_direct and not self.domains:
            raise CaptureSettingsError("mail capture: direct mail from colleagues needs the company's "
                                       "domains (--domain example.com)")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["domains"] = list(self.domains)
        return data

    @property
    def configured(self) -> bool:
        return bool(self.host and self.user)

    @property
    def keyring_account(self) -> str:
        """The keyring entry of this mailbox's password: one per user and server."""
        return f"imap:{self.user}@{self.host}:{self.port}"

    @property
    def my_addresses(self) -> frozenset[str]:
        found = {self.address.lower()} if self.address else set()
        if "@" in self.user:
            found.add(self.user.lower())
        return frozenset(found)

    @property
    def account_key(self) -> str:
        """Names this mailbox in capture's progress, so another account starts afresh."""
        return f"{self.user}@{self.host}:{self.port}"


def password(settings: CaptureSettings, env: Mapping[str, str], secrets=None) -> str:
    """The mailbox password: PROMPTLY_MAIL_PASSWORD (scripts, tests) or the keyring."""
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    if secrets is not None:
        from app.secrets import SecretsUnavailable

        try:
            found = secrets.get(settings.keyring_account)
        except SecretsUnavailable as exc:
            raise PasswordNeeded(f"the mailbox password cannot be read: {exc}; set "
                                 f"{PASSWORD_ENV} for this command") from None
        if found:
            return found
    raise PasswordNeeded(f"no password for {settings.user} on {settings.host}: save it under "
                         f"Settings → Mail capture (it goes to the system keyring), or set "
                         f"{PASSWORD_ENV} for this command")

