"""Taskwarrior 2.6, the peer for whole-process command figures: the same number of tasks as the
benchmark database holds requests (most completed, the open ones with due dates, some passed),
and `task overdue` timed in the same run as `promptly list --overdue`.

As root with apt it installs Debian's `taskwarrior` when missing; otherwise the figure says so.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.bench.dataset import TITLES


def available() -> str | None:
    """The `task` binary, installing it first where that is possible; None when it is not."""
    found = shutil.which("task")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "taskwarrior"],
                   env=env, capture_output=True)
    return shutil.which("task")


def prepared(folder: Path, total: int = 20_000, open_: int = 2_000) -> dict[str, str]:
    """A Taskwarrior data folder like the benchmark database; the environment to run `task` in."""
    folder.mkdir(parents=True, exist_ok=True)
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nverbose=nothing\n"
                  "gc=off\nrecurrence=off\nhooks=off\n")
    env = dict(os.environ, TASKRC=str(rc), TZ="UTC")
    rng = random.Random(7)
    stamp = "%Y%m%dT%H%M%SZ"
    now = datetime.now(timezone.utc)  # Taskwarrior reads the system clock; Promptly runs at NOW
    tasks = []
    for i in range(total):
        entry = now - timedelta(days=rng.uniform(2, 365) if i >= open_ else rng.uniform(0, 3))
        due = entry + timedelta(hours=rng.uniform(1, 96))
        task = {"uuid": f"00000000-0000-4000-8000-{i:012d}", "description": rng.choice(TITLES),
                "entry": entry.strftime(stamp), "due": due.strftime(stamp),
                "status": "pending" if i < open_ else "completed"}
        if i >= open_:
            task["end"] = (due - timedelta(hours=1)).strftime(stamp)
        tasks.append(task)
    source = folder / "tasks.json"
    source.write_text(json.dumps(tasks))
    subprocess.run(["task", "import", str(source)], env=env, capture_output=True, check=True)
    return env


def overdue_once_ms(env: dict[str, str]) -> float:
    """Wall time of one `task overdue`."""
    start = time.perf_counter()
    subprocess.run(["task", "overdue"], env=env, capture_output=True)
    return (time.perf_counter() - start) * 1000


def overdue_ms(env: dict[str, str], runs: int = 5) -> float:
    """Median wall time of `task overdue` (the first run warms the caches and is dropped)."""
    samples = [overdue_once_ms(env) for _ in range(runs + 1)]
    return statistics.median(samples[1:])
