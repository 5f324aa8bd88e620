"""The keyring wrapper: secrets go to a keyring or nowhere, and an unusable keyring says why.

The real Secret Service is exercised in tests/desktop/test_keyring.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringLocked

from app.secrets import KeyringStatus, Secrets, SecretsUnavailable

ROOT = Path(__file__).resolve().parent.parent


class MemoryKeyring(KeyringBackend):
    """A backend in memory: stands in for a working OS keyring."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class LockedKeyring(MemoryKeyring):
    def get_password(self, service, username):
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service, username, password):
        raise KeyringLocked("Failed to unlock the collection!")


@pytest.fixture
def use_backend():
    before = keyring.get_keyring()

    def use(backend):
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(before)


def test_a_working_keyring_stores_returns_and_forgets_a_password(use_backend):
    backend = use_backend(MemoryKeyring())
    secrets = Secrets()

    secrets.set("smtp:kim@smtp.example.org:587", "Grüße 123")

    assert secrets.state().status is KeyringStatus.READY
    assert secrets.get("smtp:kim@smtp.example.org:587") == "Grüße 123"
    assert backend.entries == {("Promptly", "smtp:kim@smtp.example.org:587"): "Grüße 123"}
    secrets.delete("smtp:kim@smtp.example.org:587")
    secrets.delete("smtp:kim@smtp.example.org:587")  # deleting twice is not an error
    assert secrets.get("smtp:kim@smtp.example.org:587") is None


def test_an_empty_password_is_not_stored(use_backend):
    use_backend(MemoryKeyring())
    with pytest.raises(ValueError, match="empty password"):
        Secrets().set("smtp:kim@host:587", "")


def test_no_backend_is_reported_plainly_and_nothing_is_stored(use_backend):
    use_backend(fail.Keyring())
    secrets = Secrets()

    state = secrets.state()

    assert state.status is KeyringStatus.MISSING and not state.usable
    with pytest.raises(SecretsUnavailable, match="no system keyring is available.*ask for the password each time"):
        secrets.set("smtp:kim@host:587", "s3cret")
    with pytest.raises(SecretsUnavailable):
        secrets.get("smtp:kim@host:587")


def test_a_locked_keyring_is_reported_as_locked(use_backend):
    use_backend(LockedKeyring())
    secrets = Secrets()

    assert secrets.state().status is KeyringStatus.LOCKED
    with pytest.raises(SecretsUnavailable, match="keyring is locked") as caught:
        secrets.set("smtp:kim@host:587", "s3cret")
    assert "s3cret" not in str(caught.value)


def test_the_fail_backend_chosen_by_environment_shows_the_clear_state(tmp_path):
    """As a user without any keyring meets it: a fresh process, backend chosen by keyring itself."""
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", HOME=str(tmp_path))
    code = ("import json; from app.secrets import Secrets; s = Secrets().state(); "
            "print(json.dumps([s.status.value, s.usable]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == ["missing", False]
