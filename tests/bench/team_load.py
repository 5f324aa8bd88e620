"""Team-mode load simulation (not a test, not timed in the suite):

    .venv/bin/python -m tests.bench.team_load [--members 200] [--seconds 60] [--every 3]

Starts its own throw-away PostgreSQL server on loopback (tests/servers/postgres.py), creates a
team of N members (N <= 200), and runs each member as a thread with its own login connection:
every ~`every` seconds (jittered) a member asks a random colleague for something, or answers
one of the requests it was asked, pushing through app.team.server.push, then pulls "events
after N" through RLS, as `promptly sync` does. Prints push/pull latency p50/p99, the server's
CPU time, and the largest tables. Bounded: at most 200 members and 600 seconds.
"""

from __future__ import annotations

import argparse
import random
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

from app.team import server
from tests.servers.postgres import ADMIN, running_postgres

MAX_MEMBERS, MAX_SECONDS = 200, 600
START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def _cpu_ticks(pids: list[int]) -> dict[int, int]:
    ticks = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone: its last sample stands
            continue
        # utime, stime, and the exited children's (the postmaster's reaped backends)
        ticks[pid] = sum(int(f) for f in fields[11:15])
    return ticks


def _server_pids(admin: str) -> list[int]:
    """Every server process: the members' backends and the background workers."""
    with server.connect(admin, allow_password=True, autocommit=True) as conn:
        return [row[0] for row in conn.execute("SELECT pid FROM pg_stat_activity")]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def simulate(members: int, seconds: float, every: float) -> None:
    members, seconds = min(members, MAX_MEMBERS), min(seconds, MAX_SECONDS)
    with running_postgres() as pg:
        database = pg.create_database()
        admin = f"postgresql://{ADMIN}:{quote(pg.password)}@127.0.0.1:{pg.port}/{database}"
        server.init(admin)
        tag = uuid.uuid4().hex[:4]
        logins = [f"m{tag}_{i}" for i in range(members)]
        for i, login in enumerate(logins):
            server.add_member(admin, login, name=f"Member {i}", password=f"pw-{login}-load",
                              supervisor=logins[i // 10] if i >= 10 else None)
        connects: list[float] = []
        pushes: list[float] = []
        pulls: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + seconds
        ready = threading.Barrier(members + 1)

        def member(index: int) -> None:
            # like `promptly sync`: connect, push, pull, disconnect (200 members holding a
            # connection each would need 200 server processes; see the README's figures)
            me = logins[index]
            url = f"postgresql://{me}@127.0.0.1:{pg.port}/{database}"
            rnd = random.Random(index)
            last_seq, owed, clock = 0, [], START
            try:
                ready.wait(120)
                while time.monotonic() < stop:
                    time.sleep(rnd.uniform(0.5, 1.5) * every)
                    clock += timedelta(minutes=1)
                    t0 = time.perf_counter()
                    with server.connect(url, password=f"pw-{me}-load", autocommit=True) as conn:
                        t1 = time.perf_counter()
                        if owed and rnd.random() < 0.5:
                            uid = owed.pop(rnd.randrange(len(owed)))
                            kind = rnd.choice(["promised", "done"])
                            server.push(conn, [], [server.ServerEvent(
                                0, uuid.uuid4().hex, uid, me, kind, clock,
                                {"to": (clock + timedelta(days=1)).isoformat()})])
                        else:
                            other = logins[(index + rnd.randrange(1, members)) % members]
                            uid = uuid.uuid4().hex
                            server.push(conn, [server.SharedRequest(
                                uid, me, other, "report", ["load"], 0, clock, None)],
                                [server.ServerEvent(0, uuid.uuid4().hex, uid, me, "created",
                                                    clock, {})])
                        t2 = time.perf_counter()
                        batch = server.pull(conn, last_seq)
                        while batch:
                            for e in batch:
                                if e.kind == "created" and e.author != me:
                                    owed.append(e.request_uid)
                            last_seq = batch[-1].seq
                            batch = server.pull(conn, last_seq)
                        t3 = time.perf_counter()
                    with lock:
                        connects.append(t1 - t0)
                        pushes.append(t2 - t1)
                        pulls.append(t3 - t2)
            except Exception as exc:  # noqa: BLE001 - counted and shown, not fatal to the run
                with lock:
                    errors.append(f"{me}: {exc}")

        threads = [threading.Thread(target=member, args=(i,), daemon=True) for i in range(members)]
        for t in threads:
            t.start()
        ready.wait(120)
        postmaster = int((pg.root / "data" / "postmaster.pid").read_text().split()[0])
        pids = sorted({postmaster, *_server_pids(admin)})
        first, last, wall0 = _cpu_ticks(pids), {}, time.monotonic()
        while time.monotonic() < stop:  # sampled while the backends live: they exit at the end
            last.update(_cpu_ticks(pids))
            time.sleep(0.5)
        for t in threads:
            t.join(seconds + 60)
        time.sleep(1)  # the last backends exit and are reaped
        last.update(_cpu_ticks(pids))
        cpu = sum(last.get(pid, ticks) - ticks for pid, ticks in first.items()) / 100
        wall = time.monotonic() - wall0
        with server.connect(admin, allow_password=True, autocommit=True) as conn:
            conn.execute("ANALYZE")
            sizes = conn.execute(
                "SELECT c.relname, pg_total_relation_size(c.oid), c.reltuples::bigint"
                " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = 'promptly_team' AND c.relkind = 'r'"
                " ORDER BY 2 DESC").fetchall()
            events = conn.execute("SELECT count(*) FROM promptly_team.events").fetchone()[0]
        print(f"members {members}, {wall:.0f} s, one action every ~{every:g} s each")
        print(f"actions {len(pushes)} ({len(pushes) / wall:.1f}/s), events {events}, "
              f"errors {len(errors)}")
        print(f"connect p50 {_percentile(connects, .5):5.1f} ms   p99 {_percentile(connects, .99):7.1f} ms")
        print(f"push  p50 {_percentile(pushes, .5):7.1f} ms   p99 {_percentile(pushes, .99):7.1f} ms")
        print(f"pull  p50 {_percentile(pulls, .5):7.1f} ms   p99 {_percentile(pulls, .99):7.1f} ms")
        print(f"server CPU {cpu:.1f} s over {wall:.0f} s ({100 * cpu / wall:.0f}% of one core)")
        for name, size, rows in sizes:
            print(f"  {name:12} {size / 1024:9.0f} kB  ~{max(rows, 0)} rows")
        for line in errors[:5]:
            print("error:", line)
        if errors:
            raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--every", type=float, default=3.0)
    args = parser.parse_args()
    simulate(args.members, args.seconds, args.every)


if __name__ == "__main__":
    main()
