"""`promptly mail setup|sync|status`: mail capture from the command line."""

from __future__ import annotations

import argparse

from app.capture.account import (
    DEFAULT_PORTS,
    PASSWORD_ENV,
    CaptureError,
    CaptureSettings,
    split_host,
)
from app.cli import CommandError, Context
from app.cli.render import moment, summary_line

_SETUP_ONLY = ("imap", "user", "security", "domain", "address")


def mail(ctx: Context, args: argparse.Namespace) -> int:
    if args.action != "setup":
        given = [f"--{n}" for n in _SETUP_ONLY if getattr(args, n)] + (
            ["--capture-direct"] if args.capture_direct else [])
        if given:
            raise CommandError(f"{', '.join(given)} go with `promptly mail setup`, not {args.action}")
    return {"setup": setup, "sync": sync, "status": status}[args.action](ctx, args)


def setup(ctx: Context, args: argparse.Namespace) -> int:
    if not args.imap or not args.user:
        raise CommandError("mail setup needs --imap HOST[:PORT] and --user USER")
    host, port = split_host(args.imap)
    security = args.security or "ssl"
    account = CaptureSettings.from_dict(dict(
        host=host, port=port or DEFAULT_PORTS[security], security=security, user=args.user,
        address=args.address or "", domains=args.domain or [], capture_direct=args.capture_direct))
    core = ctx.core
    core.save_settings(core.settings.with_changes(mail_capture=account.to_dict()))
    if ctx.json:
        ctx.emit(account.to_dict())
    else:
        ctx.out(f"Mail capture: {account.user} on {account.host}:{account.port} ({account.security}).")
        ctx.out(f"The password is not stored here: save it under Settings → Mail capture (system "
                f"keyring), or set {PASSWORD_ENV} for `promptly mail sync`.")
    return 0


def _account(ctx: Context) -> CaptureSettings:
    account = ctx.core.settings.capture_settings()
    if not account.configured:
        raise CommandError("mail capture is not set up; run `promptly mail setup --imap HOST "
                           "--user USER` first")
    return account


def sync(ctx: Context, args: argparse.Namespace) -> int:
    from app.capture.sync import capture_once
    from app.secrets import Secrets

    core = ctx.core
    account = _account(ctx)
    try:
        outcome = capture_once(core, account, ctx.env or {}, Secrets())
    except CaptureError as exc:
        raise CommandError(str(exc)) from None
    if ctx.json:
        ctx.emit(outcome.to_json())
        return 0
    zone, now = ctx.zone, core.now()
    if not outcome.captured and not outcome.acknowledged:
        ctx.out("Nothing new in the mailbox.")
    for title, requests in (("Captured", outcome.captured), ("Acknowledged", outcome.acknowledged)):
        if requests:
            ctx.out(f"{title} {len(requests)}:")
        for request in requests:
            ctx.out("  " + summary_line(core.get(request.id), zone, now, core.deadline(request)))
    if outcome.skipped:
        ctx.out(f"Skipped {outcome.skipped} (automatic replies, bounces, or answers from someone "
                "other than the one asked).")
    return 0


def status(ctx: Context, args: argparse.Namespace) -> int:
    from app.capture.sync import LAST_PASS_KEY

    core = ctx.core
    account = core.settings.capture_settings()
    last = core.state(LAST_PASS_KEY)
    env = ctx.env or {}
    data = {
        "configured": account.configured, "host": account.host, "port": account.port,
        "security": account.security, "user": account.user, "domains": list(account.domains),
        "capture_direct": account.capture_direct,
        "password": "environment" if env.get(PASSWORD_ENV) else "keyring",
        "last_pass": last,
    }
    if ctx.json:
        ctx.emit(data)
        return 0
    if not account.configured:
        ctx.out("Mail capture is not set up: `promptly mail setup --imap HOST --user USER`.")
        return 0
    ctx.out(f"Mailbox: {account.user} on {account.host}:{account.port} ({account.security})")
    domains = ", ".join(account.domains) or "none"
    ctx.out(f"Direct mail from colleagues: {'on' if account.capture_direct else 'off'} "
            f"(company domains: {domains})")
    ctx.out("Password: " + (f"from {PASSWORD_ENV}" if env.get(PASSWORD_ENV)
                            else "from the system keyring"))
    if not last:
        ctx.out("Last pass: none yet (`promptly mail sync`)")
        return 0
    from datetime import datetime

    when = moment(datetime.fromisoformat(last["at"]), ctx.zone, core.now())
    if last.get("error"):
        ctx.out(f"Last pass: {when}, failed: {last['error']}")
    else:
        ctx.out(f"Last pass: {when}: {last['captured']} captured, {last['acknowledged']} "
                f"acknowledged, {last['skipped']} skipped")
    return 0
