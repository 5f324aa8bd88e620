"""A real Dovecot for the whole session, a mailbox of its own for each test, a core in Berlin."""

from __future__ import annotations

import email.utils
import itertools
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.capture.account import CaptureSettings
from app.capture.imap import password_login
from app.capture.sync import sync
from app.service import Promptly
from app.settings import Settings
from tests.conftest import FakeClock
from tests.servers.imap import PASSWORD, ImapServer, unavailable

CORPUS = Path(__file__).parent.parent / "data" / "mail"
ME = "kim.baker@example.com"
_users = itertools.count(1)


@pytest.fixture(scope="session")
def imap_server():
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    # not under pytest's temp dirs: those are private to root, and Dovecot's users must read it
    root = Path(tempfile.mkdtemp(prefix="promptly-dovecot-"))
    server = ImapServer(root)
    try:
        server.start()
        yield server
    finally:  # also when a test failed or the session was interrupted
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def corpus(name: str) -> bytes:
    return (CORPUS / f"{name}.eml").read_bytes()


@dataclass
class Mailbox:
    server: ImapServer
    user: str
    password: str

    def put(self, name: str, folder: str = "INBOX", flagged: bool = False) -> None:
        """A corpus message, with its flag and its Date as the server's arrival time."""
        data = corpus(name)
        date = email.message_from_bytes(data)["Date"]
        when = email.utils.parsedate_to_datetime(date) if date else None
        self.server.append(self.user, folder, data, flags=[b"\\Flagged"] if flagged else [],
                           when=when)

    def flag(self, name: str, on: bool = True, folder: str = "INBOX") -> None:
        self.server.set_flag(self.user, folder, f"<{name}@mail.example.com>", b"\\Flagged", on)

    def settings(self, **changes) -> CaptureSettings:
        values = dict(host=self.server.host, port=self.server.port, security="none",
                      user=self.user, address=ME, timeout=10)
        values.update(changes)
        return CaptureSettings.from_dict(values)


@pytest.fixture
def mailbox(imap_server) -> Mailbox:
    return Mailbox(imap_server, f"kim{next(_users)}", PASSWORD)


@pytest.fixture
def berlin_core(store):
    store.save_settings(Settings(timezone="Europe/Berlin"))
    return Promptly(store, FakeClock(datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc)))


@pytest.fixture
def run_pass(berlin_core, mailbox):
    def run(**changes):
        settings = mailbox.settings(**changes)
        return sync(berlin_core, settings, password_login(settings.user, mailbox.password))

    return run
