"""The IDLE watchers against the real Dovecot: a flag set elsewhere is a request within seconds."""

from __future__ import annotations

import time

from app.capture.account import PASSWORD_ENV
from app.capture.imap import password_login
from app.capture.sync import capture_once
from app.capture.watcher import MailWatch
from app.service import Promptly
from app.storage.database import open_database
from app.storage.store import Store


def eventually(check, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def start_watch(mailbox, berlin_core, db_path, problems, **options):
    settings = mailbox.settings()
    worker_core = Promptly(Store(open_database(str(db_path))), berlin_core.clock)

    def run_pass():
        capture_once(worker_core, settings, {PASSWORD_ENV: mailbox.password})

    watch = MailWatch(settings, lambda: password_login(settings.user, mailbox.password), run_pass,
                      problems.append, **options)
    watch.start()
    return watch, worker_core


def test_a_flag_set_in_another_client_is_captured_within_seconds(mailbox, berlin_core, db_path):
    mailbox.put("01-dana-invoice")
    mailbox.put("07-sent-sam-quote", "Sent")
    problems: list = []
    # renewed every half second here, so that the test sees IDLE re-issued several times
    watch, worker_core = start_watch(mailbox, berlin_core, db_path, problems, renew=0.5)
    try:
        assert eventually(lambda: worker_core.state("capture.last_pass") is not None)
        assert "error" not in worker_core.state("capture.last_pass")
        assert berlin_core.store.count() == 0
        time.sleep(1.5)

        started = time.monotonic()
        mailbox.flag("01-dana-invoice")
        assert eventually(lambda: berlin_core.store.count() == 1, 5.0)
        assert time.monotonic() - started < 5.0

        mailbox.flag("07-sent-sam-quote", folder="Sent")
        assert eventually(lambda: berlin_core.store.count() == 2, 5.0)
        titles = sorted(r.title for r in berlin_core.store.requests())
        assert titles == ["Quote for the van", "Repair invoice"]
        mailbox.put("19-kim-answers-dana-eta", "Sent")  # a reply arrives: acknowledged
        assert eventually(lambda: any(r.acknowledged_at for r in berlin_core.store.requests()))
    finally:
        watch.stop()
        worker_core.store.db.dispose()
    assert all(not t.is_alive() for t in watch.threads) or watch.threads == []
    assert [p for p in problems if p] == []


def test_the_watchers_reconnect_after_the_server_went_away(mailbox, berlin_core, db_path,
                                                         imap_server):
    mailbox.put("02-sam-contract")
    problems: list = []
    watch, worker_core = start_watch(mailbox, berlin_core, db_path, problems, backoff=(0.2, 0.5))
    try:
        assert eventually(lambda: worker_core.state("capture.last_pass") is not None)
        imap_server.stop()
        assert eventually(lambda: any(p for p in problems))
        assert any("dropped" in p or "cannot reach" in p for p in problems if p)
        imap_server.start()
        assert eventually(lambda: problems and problems[-1] is None)  # watching again
        mailbox.flag("02-sam-contract")
        assert eventually(lambda: berlin_core.store.count() == 1, 8.0)
    finally:
        watch.stop()
        worker_core.store.db.dispose()
        if not imap_server.running:
            imap_server.start()
