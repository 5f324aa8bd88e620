"""Command-line start-up, measured as a whole process: `promptly list --overdue` on a
20,000-request database (2,000 open) with no app running, the same command served by a running
app over the local socket, and `promptly parse`."""

from __future__ import annotations

import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from tests.bench import taskwarrior
from tests.bench.dataset import NOW, copy_of_large_database
from tests.bench.figures import Figure
from tests.cli.proc import isolated_env, private_runtime_dir, promptly_command

RUNS = 5


def _whole_process_ms(args: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(RUNS + 1):  # the first run warms the OS file cache and the .pyc files
        start = time.perf_counter()
        done = subprocess.run(promptly_command() + args, env=env, capture_output=True, text=True)
        samples.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            raise RuntimeError(f"promptly {' '.join(args)} failed: {done.stderr.strip()}")
    return statistics.median(samples[1:])


def _serve(listener: socket.socket, db_path: Path) -> None:
    """A stand-in for the tray app's server: app.cli.server.answer on a core kept open."""
    from app.cli.server import answer
    from app.clock import SystemClock
    from app.service import Promptly

    core = Promptly.open(str(db_path), SystemClock())
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            break
        with connection:
            connection.sendall(answer(connection.makefile("rb").readline(), core=core,
                                          location=str(db_path)))
    core.close()


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="promptly-bench-cli-") as tmp:
        tmp_path = Path(tmp)
        db = copy_of_large_database(tmp_path / "promptly.db")
        runtime = private_runtime_dir(tmp_path / "run")
        env = isolated_env(runtime, PROMPTLY_NOW=NOW.isoformat(), PROMPTLY_DB=str(db))
        listing = _whole_process_ms(["list", "--overdue"], env)
        parsing = _whole_process_ms(["parse", "from @dana: repair invoice by fri 3pm #billing"], env)

        from app import ipc

        socket_file = runtime / "Promptly" / ipc.SOCKET_NAME
        socket_file.parent.mkdir(mode=0o700, exist_ok=True)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(socket_file))
        listener.listen()
        server = threading.Thread(target=_serve, args=(listener, db), daemon=True)
        server.start()
        try:
            served = _whole_process_ms(["list", "--overdue"], env)
        finally:
            listener.shutdown(socket.SHUT_RDWR)
            listener.close()
            server.join(timeout=10)
        figures = [
            Figure("promptly list --overdue, 20,000 requests (own db), median of 5", listing, 450),
            Figure("promptly list --overdue, served by the running app", served, 100),
            Figure("promptly parse (quick-add line), whole process", parsing, 600),
        ]
        if taskwarrior.available() is None:
            print("  Taskwarrior is not installed (Debian's taskwarrior; as root the bench installs "
                  "it): the ratios below are not measured")
            return figures
        peer = taskwarrior.overdue_ms(taskwarrior.prepared(tmp_path / "taskwarrior"))
    print(f"  peer: task overdue (Taskwarrior 2.6, 20,000 tasks), median of 5: {peer:.1f} ms")
    return figures + [
        Figure("list --overdue cold / task overdue (same run)", listing / peer, 2.5, "x"),
        Figure("list --overdue served / task overdue (same run)", served / peer, 0.5, "x"),
    ]
