"""Watching the mailbox: IMAP IDLE per folder, and one worker that runs a pass when told to."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable

from app.capture.account import AuthenticationFailed, CaptureError, CaptureSettings
from app.capture.imap import Login, connect, network_errors

log = logging.getLogger(__name__)

# RFC 2177: a server may end an IDLE after 29 minutes; renew well before that.
IDLE_RENEW = 24 * 60.0
BACKOFF = (2.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0)
# A refused password is not retried quickly: servers lock accounts that keep failing.
REFUSED_WAIT = 15 * 60.0
_CHECK = 1.0  # seconds per IDLE wait, so that stop() is heard within a second


class Watcher:
    """One connection IDLE on one folder ("inbox" or "sent": found after each login). Calls
    `on_change()` after each (re)connection and whenever the server reports a change."""

    def __init__(self, settings: CaptureSettings, login: Callable[[], Login], which: str,
                 on_change: Callable[[], None],
                 on_problem: Callable[[str | None], None] = lambda message: None,
                 renew: float = IDLE_RENEW, backoff: tuple[float, ...] = BACKOFF) -> None:
        self.settings = settings
        self.login = login  # asked at each connection: the password may change meanwhile
        self.which = which
        self.on_change = on_change
        self.on_problem = on_problem
        self.renew = renew
        self.backoff = backoff
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        failures = 0
        while not self.stopped:
            try:
                mailbox = connect(self.settings, self.login())
            except AuthenticationFailed as exc:
                self.on_problem(str(exc))
                self._stop.wait(REFUSED_WAIT)
                continue
            except CaptureError as exc:
                self.on_problem(str(exc))
                self._stop.wait(self.backoff[min(failures, len(self.backoff) - 1)])
                failures += 1
                continue
            try:
                inbox, sent = mailbox.folders()
                folder = inbox if self.which == "inbox" else sent
                if folder is None:
                    self.on_problem("the mail server names no Sent folder; choose it in Settings")
                    return
                mailbox.select(folder)
                failures = 0
                self.on_problem(None)
                self.on_change()  # whatever happened while nobody watched
                self._idle(mailbox.client)
            except network_errors() as exc:
                self.on_problem(f"the connection to {self.settings.host} dropped ({exc}); "
                                "reconnecting")
                self._stop.wait(self.backoff[min(failures, len(self.backoff) - 1)])
                failures += 1
            finally:
                mailbox.close()

    def _idle(self, client) -> None:
        client.idle()
        since = time.monotonic()
        try:
            while not self.stopped:
                changed = bool(client.idle_check(timeout=_CHECK))
                if not changed and _closed(client.socket()):
                    raise ConnectionError("the server closed the connection")
                if changed or time.monotonic() - since > self.renew:
                    # what arrives while IDLE ends comes with the answer to DONE: keep it too
                    _text, late = client.idle_done()
                    if changed or late:
                        log.debug("mail capture: %s changed", self.which)
                        self.on_change()
                    client.idle()
                    since = time.monotonic()
        finally:
            if self.stopped:
                client.idle_done()


def _closed(sock) -> bool:
    """imapclient's idle_check returns nothing, as if all were quiet, when the server hung up."""
    timeout = sock.gettimeout()
    sock.settimeout(0)  # a socket with a timeout would wait for data instead of answering now
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:
        return True
    finally:
        sock.settimeout(timeout)


class Worker:
    """Runs one pass at a time on its own thread; pokes while a pass runs make one more pass."""

    def __init__(self, run_pass: Callable[[], None]) -> None:
        self.run_pass = run_pass
        self._wanted = threading.Event()
        self._stop = threading.Event()

    def poke(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stop.set()
        self._wanted.set()

    def run(self) -> None:
        while True:
            self._wanted.wait()
            if self._stop.is_set():
                return
            self._wanted.clear()
            try:
                self.run_pass()
            except Exception:  # a failed pass must not end the watching; the next poke retries
                log.exception("mail capture: the pass failed")


class MailWatch:
    """The Inbox and Sent watchers and the worker, each on a daemon thread."""

    def __init__(self, settings: CaptureSettings, login: Callable[[], Login],
                 run_pass: Callable[[], None],
                 on_problem: Callable[[str | None], None] = lambda message: None,
                 **watcher_options) -> None:
        self.worker = Worker(run_pass)
        self.watchers = [Watcher(settings, login, which, self.worker.poke, on_problem,
                                 **watcher_options) for which in ("inbox", "sent")]
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        for name, target in [("mail-capture-pass", self.worker.run)] + [
                (f"mail-capture-{w.which}", w.run) for w in self.watchers]:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        self.worker.stop()
        for watcher in self.watchers:
            watcher.stop()
        for thread in self.threads:
            thread.join(timeout)
        self.threads = []
