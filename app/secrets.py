"""Secrets (the SMTP password) live only in the OS keyring, through `keyring`.

There is no plaintext fallback: when no keyring backend works, or the keyring is locked, callers
learn it from `state()` or from `SecretsUnavailable`, say so plainly, and ask for the secret each
time it is needed. Nothing here logs or returns a secret except `get`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

SERVICE = "Promptly"

log = logging.getLogger(__name__)


class KeyringStatus(str, Enum):
    READY = "ready"
    MISSING = "missing"  # no backend works on this system
    LOCKED = "locked"  # a backend exists but refused to open (locked, or unlock cancelled)
    FAILED = "failed"  # the backend answered with some other error


@dataclass(frozen=True)
class KeyringState:
    status: KeyringStatus
    backend: str = ""
    detail: str = ""

    @property
    def usable(self) -> bool:
        return self.status is KeyringStatus.READY


class SecretsUnavailable(Exception):
    """The keyring cannot store or return secrets now; `state` says why."""

    def __init__(self, state: KeyringState) -> None:
        self.state = state
        super().__init__(_explain(state))


def _explain(state: KeyringState) -> str:
    if state.status is KeyringStatus.MISSING:
        return ("no system keyring is available, so passwords cannot be saved; "
                "Promptly will ask for the password each time")
    if state.status is KeyringStatus.LOCKED:
        return ("the system keyring is locked; unlock it (log in to your desktop session) "
                "or Promptly will ask for the password each time")
    return f"the system keyring failed ({state.detail}); Promptly will ask for the password each time"


def _state_from(exc: Exception, backend: str) -> KeyringState:
    from keyring.errors import InitError, KeyringLocked, NoKeyringError

    if isinstance(exc, NoKeyringError):
        return KeyringState(KeyringStatus.MISSING, backend, str(exc))
    if isinstance(exc, (KeyringLocked, InitError)):
        return KeyringState(KeyringStatus.LOCKED, backend, str(exc))
    # secretstorage reports a locked collection or a dismissed prompt with its own classes
    name = type(exc).__name__
    if "Locked" in name or "Dismissed" in name:
        return KeyringState(KeyringStatus.LOCKED, backend, str(exc))
    return KeyringState(KeyringStatus.FAILED, backend, f"{name}: {exc}")


class Secrets:
    """The keyring under one service name. Each call reaches the backend afresh, so a keyring
    unlocked after start-up is used without a restart."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    @staticmethod
    def _backend():
        import keyring  # lazy: choosing a backend talks to D-Bus and costs start-up time

        return keyring.get_keyring()

    def _call(self, operation):
        try:
            backend = self._backend()
        except Exception as exc:  # a broken backend configuration is "no keyring", not a crash
            raise SecretsUnavailable(_state_from(exc, "")) from None
        name = type(backend).__module__ + "." + type(backend).__name__
        try:
            return operation(backend)
        except Exception as exc:
            state = _state_from(exc, name)
            log.info("keyring %s: %s", name, state.status.value)  # never the secret
            raise SecretsUnavailable(state) from None

    def state(self) -> KeyringState:
        """Whether secrets can be stored now, found by reading a key that need not exist."""
        try:
            self._call(lambda backend: backend.get_password(self.service, "promptly-probe"))
        except SecretsUnavailable as exc:
            return exc.state
        return KeyringState(KeyringStatus.READY, type(self._backend()).__name__)

    def get(self, account: str) -> str | None:
        return self._call(lambda backend: backend.get_password(self.service, account))

    def set(self, account: str, secret: str) -> None:
        if not secret:
            raise ValueError("an empty password is not stored; clear it instead")
        self._call(lambda backend: backend.set_password(self.service, account, secret))

    def delete(self, account: str) -> None:
        from keyring.errors import PasswordDeleteError

        def remove(backend) -> None:
            try:
                backend.delete_password(self.service, account)
            except PasswordDeleteError:
                pass  # nothing stored: already gone

        self._call(remove)
