"""`promptly team …` and `promptly sync`: team mode from the command line (app.team)."""

from __future__ import annotations

import argparse
import sys

from app.cli import CommandError, Context

Args = argparse.Namespace
from app.cli.parser import ACTIONS


def _need(args: Args, *names: str) -> None:
    usage = {"init": "team init URL [--zone ZONE]", "add-member": "team add-member URL LOGIN --name NAME "
             "[--email E] [--supervisor LOGIN] [--department D] --password-stdin",
             "remove-member": "team remove-member URL LOGIN", "join": "team join URL"}
    for name in names:
        if not getattr(args, name):
            raise CommandError(f"missing {name.upper()}: promptly {usage[args.action]}")


def team(ctx: Context, args: Args) -> int:
    from app.team import server, sync

    try:
        return _team(ctx, args, server, sync)
    except server.TeamError as exc:
        raise CommandError(str(exc)) from None


def _read_password(ctx: Context) -> str:
    stdin = getattr(ctx, "stdin", None) or sys.stdin
    password = stdin.readline().rstrip("\r\n")
    if not password:
        raise CommandError("no password on the standard input")
    return password


def _team(ctx: Context, args: Args, server, sync) -> int:
    action = args.action
    if action == "init":
        _need(args, "url")
        changed = server.init(args.url, zone=args.zone)
        ctx.out("Team schema created or upgraded." if changed else "Team schema is up to date.")
        return 0
    if action == "add-member":
        _need(args, "url", "login")
        if not args.name:
            raise CommandError("missing --name NAME: the member's display name")
        if not args.password_stdin:
            raise CommandError("give the password on the standard input with --password-stdin")
        server.add_member(args.url, args.login, name=args.name, email=args.email,
                          supervisor=args.supervisor, department=args.department,
                          password=_read_password(ctx))
        ctx.out(f"Added {args.login} ({args.name}).")
        return 0
    if action == "remove-member":
        _need(args, "url", "login")
        server.remove_member(args.url, args.login)
        ctx.out(f"Removed {args.login}; their history stays.")
        return 0
    if action == "join":
        _need(args, "url")
        if args.password_stdin:
            sync.save_password(args.url, _read_password(ctx))
        me = sync.join(ctx.core, args.url)
        ctx.out(f"Joined the team as {me.login} ({me.name}); `promptly sync` shares requests "
                "with team members.")
        return 0
    if action == "status":
        status = sync.status(ctx.core)
        if ctx.json:
            ctx.emit(status)
        else:
            for key in ("server", "member", "last_sync", "pending_push"):
                ctx.out(f"{key.replace('_', ' ')}: {status[key] if status[key] is not None else 'never'}")
        return 0
    if action == "members":
        core = ctx.core
        st = sync.state(core)
        try:
            with sync._connect(st["url"]) as conn:
                team = [m.to_json() for m in server.members(conn)]
        except server.Unreachable:
            team = st["members"]  # offline: the list as of the last sync
        if ctx.json:
            ctx.emit(team)
        else:
            from app.cli.render import plain, table

            ctx.out(table(("login", "name", "email", "supervisor", "active"), [
                (m["login"], plain(m["name"]), plain(m["email"] or ""), m["supervisor"] or "",
                 "yes" if m["active"] else "removed") for m in team]))
        return 0
    if action == "escalated":
        found = ctx.core.escalated_to_me()
        if ctx.json:
            ctx.emit([e.to_json() for e in found])
        elif not found:
            ctx.out("Nothing is escalated to you.")
        else:
            _print_escalations(ctx, found)
        return 0
    if action == "seen":
        if not args.url:
            raise CommandError("missing UID: promptly team seen UID (see `promptly team escalated`)")
        ctx.core.escalation_seen(args.url)
        ctx.out("Seen; it stays under Escalated to me until it is closed.")
        return 0
    if action == "turnaround":
        return _turnaround(ctx, args, server, sync)
    raise CommandError(f"unknown team command {action!r}; use one of {', '.join(ACTIONS)}")


def _print_escalations(ctx: Context, found: list) -> None:
    from app.cli.render import moment, plain

    now, zone = ctx.core.now(), ctx.zone
    for e in found:
        ctx.out(f"{e.uid[:8]}  {plain(e.requester)} asked {plain(e.asked)}: {plain(e.title)}"
                f" (asked {moment(e.asked_at, zone, now)}){'' if e.seen else '  [new]'}")
        for h in e.story:
            to = f" {moment(h.to, zone, now)}" if h.to else ""
            text = f": {plain(h.text)}" if h.text else ""
            ctx.out(f"    {moment(h.at, zone, now)}  {plain(h.who)} {h.kind}{to}{text}")


def _parse_turnaround(items: list[str]) -> dict[str, float | None]:
    """`billing=48 it=4 default=8`; 0 or '-' withdraws."""
    result: dict[str, float | None] = {}
    for item in items:
        tag, sep, hours = item.partition("=")
        tag = tag.strip().lstrip("#").lower()
        if not sep or not tag:
            raise CommandError(f"{item!r} is not TAG=HOURS like billing=48 or default=8")
        if hours.strip() in ("-", "0"):
            value = None
        else:
            try:
                value = float(hours.strip().rstrip("h").strip())
            except ValueError:
                raise CommandError(f"{item!r}: {hours!r} is not a number of working hours") from None
            if not 0 < value <= 2000:
                raise CommandError(f"{item!r}: give between 0 and 2000 working hours")
        result["" if tag == "default" else tag] = value
    return result


def _department(name: str, team: list) -> str:
    """The department `name` stands for, as the team directory spells it."""
    known = sorted({m.department for m in team if m.department})
    found = next((d for d in known if d.casefold() == name.strip().casefold()), None)
    if found is None:
        raise CommandError(f"there is no department {name!r} in the team"
                           + (f"; there are {', '.join(known)}" if known else ""))
    return found


def _turnaround(ctx: Context, args: Args, server, sync) -> int:
    core = ctx.core
    st = sync.state(core)
    changes = _parse_turnaround(args.turnaround or [])
    if args.department and not changes:
        raise CommandError("--department goes with --set: promptly team turnaround "
                           "--department D --set default=16 billing=48")
    with sync._connect(st["url"]) as conn:
        if changes:
            department = (_department(args.department, server.members(conn))
                          if args.department else None)
            server.publish_turnaround(conn, changes, department)
        rows = server.turnarounds(conn, measured=True)
    core.remember_turnarounds([t.to_json() for t in rows])
    names = {m["login"]: m["name"] for m in st["members"]}
    if ctx.json:
        ctx.emit([{**t.to_json(), "name": t.department or names.get(t.login, t.login)}
                  for t in rows])
        return 0
    if not rows:
        ctx.out("Nobody has published a turnaround yet: "
                "`promptly team turnaround --set default=8 billing=48`.")
        return 0
    from app.cli.render import plain, table

    def hours(value: float | None) -> str:
        return "—" if value is None else f"{value:g} h"

    tables, measured = [], f"measured ({server.MEASURED_WEEKS} weeks)"
    for heading, found in (("member", [t for t in rows if t.department is None]),
                           ("department", [t for t in rows if t.department is not None])):
        if found:
            tables.append(table((heading, "tag", "published", measured, "settled"), [
                (plain(t.department or names.get(t.login, t.login)), t.tag or "default",
                 hours(t.hours),
                 hours(round(t.median_hours, 1) if t.median_hours is not None else None),
                 str(t.settled)) for t in found]))
    ctx.out("\n\n".join(tables))
    return 0


def sync_(ctx: Context, args: Args) -> int:
    from app.team import server, sync

    try:
        result = sync.sync(ctx.core)
    except server.TeamError as exc:
        raise CommandError(str(exc)) from None
    if ctx.json:
        ctx.emit({"pushed": result.pushed, "pulled": result.pulled,
                  "new_requests": result.new_requests})
    else:
        ctx.out(f"Synced: {result.pushed} sent, {result.pulled} received, "
                f"{result.new_requests} new requests.")
    return 0


def escalate(ctx: Context, args: Args) -> int:
    from app.cli.commands import _changed

    note = " ".join(args.note) if args.note else None
    core = ctx.core
    request = core.escalate(args.id, note=note)
    return _changed(ctx, request, f"Escalated to {core.escalation_contact(args.id)} "
                                  "(sent with the next sync)")


def note(ctx: Context, args: Args) -> int:
    from app.cli.commands import _changed

    request = ctx.core.note(args.key, " ".join(args.text))
    if request is not None:
        return _changed(ctx, request, "Noted")
    if ctx.json:
        ctx.emit({"noted": args.key})
    else:
        ctx.out("Noted; the next `promptly sync` sends it.")
    return 0
