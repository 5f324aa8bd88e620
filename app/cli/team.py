"""`promptly team …` and `promptly sync`: team mode from the command line (app.team)."""

from __future__ import annotations

import argparse
import sys

from app.cli import CommandError, Context

Args = argparse.Namespace
ACTIONS = ("init", "add-member", "remove-member", "join", "status", "members")


def _need(args: Args, *names: str) -> None:
    usage = {"init": "team init URL", "add-member": "team add-member URL LOGIN --name NAME "
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
        changed = server.init(args.url)
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
    raise CommandError(f"unknown team command {action!r}; use one of {', '.join(ACTIONS)}")


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
