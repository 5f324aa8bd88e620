"""A throw-away PostgreSQL server for the tests: initdb in a temp dir, a free loopback port,
password (scram) over TCP, stopped and deleted afterwards, also when the tests fail.

initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user
(`runuser -u postgres --`) on a temp dir that user owns; as anyone else they run as that user.
Nothing here reuses a server left running: every session starts its own.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path

SERVER_USER = "postgres"  # who runs the server when the tests run as root
ADMIN = "promptly_admin"  # the superuser initdb creates
START_TRIES = 3  # a free port can be taken by someone else before the server binds it
# A server that only lives for one test session need not survive a crash.
FAST = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        " -c max_connections=200")


def bin_dir() -> Path | None:
    """The newest installed server's binaries (Debian: /usr/lib/postgresql/VERSION/bin)."""
    found = [Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin") if Path(p, "initdb").exists()]
    found.sort(key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.name)] or [0])
    return found[-1] if found else None


def missing() -> str | None:
    """Why no server can be started here, or None."""
    if bin_dir() is None:
        return ("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); "
                "`make test` as root installs the Debian package postgresql")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no `{SERVER_USER}` user to run PostgreSQL as"
    if importlib.util.find_spec("psycopg") is None:
        return "psycopg is not installed (`make test` installs Promptly's dependencies)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    root: Path  # owned by the server's user: data/, the socket, the log
    bin: Path
    port: int
    password: str

    def __post_init__(self) -> None:
        self._names = count(1)
        self._conn = None  # the admin connection, kept: each new one costs a scram handshake

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{ADMIN}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        return subprocess.run(command, cwd=self.root, capture_output=True, text=True, timeout=60)

    def _admin(self, statement: str) -> None:
        import psycopg

        if self._conn is None:
            self._conn = psycopg.connect(self.url("postgres", driver="postgresql"), autocommit=True)
        self._conn.execute(statement)

    def create_database(self, template: str = "template0") -> str:
        """A new database, a copy of `template` (which nobody may be connected to); its name."""
        name = f"test_{next(self._names)}"
        # copying the files is ~3x faster than through the WAL for a database this small
        strategy = " STRATEGY FILE_COPY" if int(self.bin.parent.name.split(".")[0]) >= 15 else ""
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')
        return name

    def drop_database(self, name: str) -> None:
        # FORCE: a test may leave a connection open; it must not leave the database behind
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def start(self) -> subprocess.CompletedProcess:
        """Start on `port` (again, after `stop`: the same data, the same address)."""
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 {FAST}"
        return self._run("pg_ctl", "-D", "data", "-l", str(self.log), "-o", options,
                         "-w", "-t", "30", "start")

    def stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._run("pg_ctl", "-D", "data", "-m", "fast", "-w", "stop")


def _prepare(root: Path, password: str) -> None:
    (root / "pwfile").write_text(password + "\n")
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVER_USER)
        for path in (root, root / "pwfile"):
            os.chown(path, user.pw_uid, user.pw_gid)
    os.chmod(root, 0o700)
    os.chmod(root / "pwfile", 0o600)


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """Start a fresh server; stop it and delete its files when the block ends, however it ends."""
    reason = missing()
    if reason:
        raise RuntimeError(reason)
    root = Path(tempfile.mkdtemp(prefix="promptly-pg-"))
    server = PostgresServer(root, bin_dir(), 0, secrets.token_hex(16))
    started = False
    try:
        _prepare(root, server.password)
        done = server._run("initdb", "-D", "data", "-U", ADMIN, "--pwfile", "pwfile",
                           "--auth", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync")
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        for _ in range(START_TRIES):
            server.port = _free_port()
            done = server.start()
            started = done.returncode == 0
            if started:
                break
        if not started:
            log = server.log.read_text(errors="replace")[-2000:] if server.log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr.strip()}\n{log}")
        yield server
    finally:
        try:
            if started:
                server.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)
