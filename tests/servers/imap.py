"""A real Dovecot IMAP server for tests, in a temp dir on a free loopback port.

Runs as root only (Dovecot drops to its own users); `unavailable()` says why it cannot run, and
the fixtures skip with that. Any user name logs in with PASSWORD (a static passdb: no file to
reload while the server runs), so each test takes a user of its own: one server, no shared
mailbox.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from datetime import datetime
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
PASSWORD = "s3cret-pass"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/mail/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
}}
"""


def unavailable() -> str | None:
    """Why Dovecot cannot run here, or None."""
    if os.geteuid() != 0:
        return "the IMAP tests run Dovecot, which needs root here (run `make test` as root)"
    if not Path(DOVECOT).exists():
        return "Dovecot is not installed (Debian package dovecot-imapd; `make test` installs it as root)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ImapServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.host = "127.0.0.1"
        self.config = root / "dovecot.conf"
        self.running = False

    def start(self) -> None:
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)
        shutil.chown(self.root / "mail", "dovecot", "dovecot")
        self.config.write_text(CONFIG.format(root=self.root, port=self.port, password=PASSWORD))
        # Dovecot forks into the background: no pipes, or waiting for them would never end
        with open(self.root / "start.log", "ab") as log:
            subprocess.run([DOVECOT, "-c", str(self.config)], check=True, stdin=subprocess.DEVNULL,
                           stdout=log, stderr=log, timeout=30)
        self.running = True
        self._wait(up=True)

    def stop(self) -> None:
        """Stop the server and end its sessions, as a server that goes away would."""
        if not self.running:
            return
        children = self._processes()
        subprocess.run([DOVECOT, "-c", str(self.config), "stop"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        self.running = False
        for pid in children:  # an open IMAP session outlives the master otherwise
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._wait(up=False)

    def _processes(self) -> list[int]:
        """The master's descendants: this server's processes and no others."""
        try:
            master = int((self.root / "run" / "master.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return []
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents[int(stat.parent.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        found, frontier = [], [master]
        while frontier:
            parent = frontier.pop()
            children = [pid for pid, ppid in parents.items() if ppid == parent]
            found += children
            frontier += children
        return found

    def _wait(self, up: bool) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5) as s:
                    if up and s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                if not up:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"Dovecot did not {'start' if up else 'stop'}; see {self.root}/dovecot.log")

    def client(self, user: str):
        from imapclient import IMAPClient

        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(user, PASSWORD)
        return client

    def append(self, user: str, folder: str, message: bytes, flags=(), when: datetime | None = None) -> None:
        with self.client(user) as client:
            client.append(folder, message, flags=flags, msg_time=when)

    def set_flag(self, user: str, folder: str, message_id: str, flag: bytes, on: bool = True) -> None:
        with self.client(user) as client:
            client.select_folder(folder)
            uids = client.search(["HEADER", "Message-ID", message_id])
            (client.add_flags if on else client.remove_flags)(uids, [flag])

    def reset_uids(self, user: str) -> None:
        """What a server migration does: every folder gets a new UIDVALIDITY and new UIDs."""
        self.stop()
        time.sleep(1.1)  # Dovecot takes the UIDVALIDITY from the clock's seconds
        for path in (self.root / "mail" / user).rglob("*"):
            if path.name.startswith(("dovecot-uidlist", "dovecot.index", "dovecot.list.index")):
                path.unlink()
        self.start()
