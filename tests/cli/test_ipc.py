"""The local socket: a running app serves the command; another database or no app means the
command line opens the database itself."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from datetime import datetime

import pytest

from app import ipc
from app.cli.server import answer
from app.clock import SystemClock
from app.service import Promptly
from tests.cli.conftest import NOW
from tests.cli.proc import isolated_env

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="AF_UNIX sockets only")


class FakeApp:
    """What the tray app does with its QLocalServer, with a plain socket and a thread."""

    def __init__(self, path, db_path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(path))
        self.listener.listen()
        self.db_path = db_path
        self.requests: list[dict] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        # SQLite connections stay in the thread that made them
        core = Promptly.open(str(self.db_path), SystemClock())
        try:
            while True:
                try:
                    connection, _ = self.listener.accept()
                except OSError:
                    return
                with connection:
                    line = connection.makefile("rb").readline()
                    self.requests.append(json.loads(line))
                    connection.sendall(answer(line, core=core, location=str(self.db_path)))
        finally:
            core.close()

    def stop(self) -> None:
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close alone does not
        except OSError:
            pass
        self.listener.close()
        self.thread.join(timeout=10)


@pytest.fixture
def app(cli, monkeypatch):
    cli.add("from @dana: repair invoice by fri 3pm")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(cli.runtime))
    path = ipc.socket_path()
    assert path.is_relative_to(cli.runtime)  # never the real app's socket
    server = FakeApp(path, cli.db)
    yield server
    server.stop()
    path.unlink(missing_ok=True)


def test_the_running_app_serves_the_command(cli, app, tmp_path):
    done = cli.ok("done", "1", now="2026-11-23T10:00:00+01:00", cwd=tmp_path)
    assert done.out.startswith("Done: #1 I owe Dana")
    assert app.requests == [{"argv": ["done", "1"], "cwd": str(tmp_path), "db": str(cli.db.resolve()),
                             "env": {"PROMPTLY_NOW": "2026-11-23T10:00:00+01:00"}}]
    completed = cli.ok("show", "1", "--json").json["completed_at"]
    assert datetime.fromisoformat(completed) == datetime.fromisoformat("2026-11-23T10:00:00+01:00")

    refused = cli("done", "1")  # errors travel back as they are, exit code included
    assert refused.code == 1 and refused.err == "promptly: error: request #1 is already done\n"

    # a forwarded command never loads the database code in the client
    env = isolated_env(cli.runtime, PROMPTLY_NOW=NOW, PROMPTLY_DB=str(cli.db))
    probe = subprocess.run([sys.executable, "-c", "import sys; from app.cli import main; code = main(['list', "
                            "'--all']); print('CODE', code, 'sqlalchemy' in sys.modules)"],
                           env=env, capture_output=True, text=True, timeout=60)
    assert "CODE 0 False" in probe.stdout, probe.stderr
    assert "#1" in probe.stdout


def test_another_database_is_declined_and_served_locally(cli, app, tmp_path):
    other = tmp_path / "other.db"
    added = cli.ok("add", "--json", "to @sam: contract", db=other).json
    assert added["id"] == 1
    assert len(app.requests) == 1 and app.requests[0]["db"] == str(other)
    assert [r["counterpart"] for r in cli.ok("list", "--json").json] == ["Dana"]  # the app's db untouched
    assert [r["counterpart"] for r in cli.ok("list", "--json", db=other).json] == ["Sam"]


def test_a_stale_socket_falls_back_to_the_database(cli, app):
    app.stop()  # the socket file stays behind, as after a crash
    assert ipc.socket_path().exists()
    assert [r["id"] for r in cli.ok("list", "--json").json] == [1]
    assert app.requests == []


def test_answer_rejects_malformed_lines(cli, tmp_path):
    reply = json.loads(answer(b"not json\n", core=None, location=str(cli.db)))
    assert reply["exit"] == 2 and "malformed" in reply["stderr"]
