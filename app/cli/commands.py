"""The commands of `promptly`. Each takes (ctx, args) and returns the exit code; app.cli.parser
lists them. Dates are read with the quick-add language, imported only by commands that read one.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from app.cli import CommandError, Context
from app.cli.render import (
    TITLE_WIDTH,
    due_text,
    event_text,
    moment,
    plain,
    summary_line,
    table,
    who,
)
from app.countdown import countdown
from app.domain.model import OPEN_STATUSES, Direction, Request, Status
from app.exchange import (
    ExchangeError,
    export as export_requests,
    export_file,
    import_file,
    iso,
    request_json,
)

Args = argparse.Namespace


def _when(ctx: Context, words: list[str], future: bool = True) -> datetime:
    from app.quickadd import parse_when

    core = ctx.core
    return parse_when(" ".join(words), now=core.now(), calendar=core.settings.calendar(), future=future)


def _to_json(ctx: Context, request: Request, history: bool = False,
             shared: set[str] | None = None) -> dict:
    core = ctx.core
    data = request_json(request, now=core.now(), zone=ctx.zone, respond_by=core.respond_by(request),
                        history=history)
    data["shared"] = request.uid in (_shared_uids(ctx) if shared is None else shared)
    return data


def _shared_uids(ctx: Context) -> set[str]:
    """Uids of the requests shared with a team (app.team), the same on both sides."""
    from app.team.sync import shared_uids

    return shared_uids(ctx.core)


def _changed(ctx: Context, request: Request, what: str) -> int:
    """The answer of every command that changes one request."""
    if ctx.json:
        ctx.emit(_to_json(ctx, request))
    else:
        core = ctx.core
        ctx.out(f"{what}: " + summary_line(request, ctx.zone, core.now(), core.deadline(request)))
    return 0


# -- adding --------------------------------------------------------------------------------


def _parse(ctx: Context, args: Args):
    from app.quickadd import parse as parse_line

    core = ctx.core
    settings = core.settings
    return parse_line(" ".join(args.text), now=core.now(), calendar=settings.calendar(),
                      default_direction=settings.default_direction,
                      known_people=[p.name for p in core.people()])


def turnaround_line(found, zone, now) -> str:
    """`Dana usually needs 48 working hours for #billing (published by Billing): wanted by
    Wed 13:00`."""
    what = f" for #{found.tag}" if found.tag else ""
    if found.department:
        what += f" (published by {plain(found.department)})"
    return (f"{plain(found.member)} usually needs {found.hours:g} working hours{what}: "
            f"wanted by {moment(found.needed_by, zone, now)} unless the line names a time")


def add(ctx: Context, args: Args) -> int:
    result = _parse(ctx, args)
    asked_at = _when(ctx, args.asked_at, future=False) if args.asked_at else None
    core = ctx.core
    request = core.add(core.with_turnaround(result.to_new_request(asked_at=asked_at)))
    if ctx.json:
        ctx.emit(_to_json(ctx, request))
        return 0
    _changed(ctx, request, "Saved")
    for hint in result.hints:  # "by 3" read as 15:00, or left in the title
        ctx.out(f"Note: {plain(hint.message)}")
    if not result.counterpart_known:
        ctx.out(f"{plain(request.counterpart.name)} is new: added to your people.")
    return 0


def parse(ctx: Context, args: Args) -> int:
    result = _parse(ctx, args)
    if ctx.json:
        ctx.emit(result.to_json())
        return 0
    core, zone = ctx.core, ctx.zone
    now = core.now()
    rows = [
        ("direction", f"{result.direction.value} ("
                      + ("I owe them" if result.direction is Direction.RECEIVED else "they owe me") + ")"),
        ("counterpart", plain(result.counterpart) + ("" if result.counterpart_known else " (new)")),
        ("title", plain(result.title)),
        ("wanted by", f"{moment(result.needed_by, zone, now)} ({countdown(result.needed_by, now)})"
                      if result.needed_by else "no time given"),
        ("promised", f"{moment(result.promised_at, zone, now)} ({countdown(result.promised_at, now)})"
                     if result.promised_at else "not yet: nobody promised"),
        ("tags", " ".join("#" + plain(t) for t in result.tags) or "none"),
        ("priority", result.priority.label),
    ]
    if result.recurrence:
        rows.append(("repeats", plain(result.recurrence)))
    rows.extend(("note", plain(hint.message)) for hint in result.hints)
    found = core.turnaround_hint(result.direction, result.counterpart, result.tags)
    if found is not None:
        rows.append(("turnaround", turnaround_line(found, zone, now)))
    for label, value in rows:
        ctx.out(f"{label:<12}{value}")
    ctx.out("Nothing saved; `promptly add …` saves it.")
    return 0


# -- looking -------------------------------------------------------------------------------

def list_(ctx: Context, args: Args) -> int:
    core = ctx.core
    now = core.now()
    which = args.which or "open"
    direction = Direction(args.direction) if args.direction else None
    statuses = {"open": OPEN_STATUSES, "overdue": OPEN_STATUSES, "done": (Status.DONE,),
                "all": None}[which]
    requests = core.requests(direction=direction, statuses=statuses, with_history=False,
                             overdue_at=now if which == "overdue" else None)
    deadlines = {r.id: core.deadline(r) for r in requests}
    requests.sort(key=lambda r: _urgency(r, deadlines[r.id]))
    if ctx.json:
        shared = _shared_uids(ctx)
        ctx.emit([_to_json(ctx, r, shared=shared) for r in requests])
        return 0
    if not requests:
        kind = "" if which == "all" else f"{which} "
        ctx.out(f"No {kind}requests" + (f" {args.direction} by you." if direction else "."))
        return 0
    zone = ctx.zone
    rows = []
    for r in requests:
        due = deadlines[r.id]
        if due is not None:
            when, left = due_text(due, zone, now), countdown(due.at, now)
        elif r.is_closed:
            ended = r.completed_at or r.cancelled_at
            when, left = f"{r.status.value} {moment(ended, zone, now)}" if ended else "", ""
        else:
            when, left = "no time given", ""
        rows.append((f"#{r.id}", plain(who(r), 24), plain(r.title, TITLE_WIDTH), r.status_word(now),
                     r.priority.label if r.priority else "", when, left))
    ctx.out(table(("ID", "WHO", "TITLE", "STATUS", "PRIORITY", "DUE", "COUNTDOWN"), rows))
    overdue = sum(r.is_overdue(now) for r in requests)
    ctx.out(f"\n{len(requests)} request{'s' if len(requests) != 1 else ''}"
            + (f", {overdue} overdue" if overdue and which != "overdue" else ""))
    return 0


def _urgency(request: Request, due) -> tuple:
    """Most urgent first: open ones by what they count down to (urgent first at the same
    time), then open ones with no time, then closed ones, the latest ended first."""
    if request.is_closed:
        ended = request.completed_at or request.cancelled_at
        return (2, -(ended.timestamp() if ended else 0), request.id)
    if due is None:
        return (1, 0, request.id)
    return (0, due.at.timestamp(), -int(request.priority), request.id)


def show(ctx: Context, args: Args) -> int:
    core = ctx.core
    request = core.get_usable(args.id)
    if ctx.json:
        ctx.emit(_to_json(ctx, request, history=True))
        return 0
    now, zone = core.now(), ctx.zone
    respond_by = core.respond_by(request)

    def at(value: datetime | None) -> str:
        return moment(value, zone, now) if value else "—"

    ctx.out(f"#{request.id} {who(request)}: {plain(request.title)}")
    status = request.status_word(now)
    due = core.deadline(request)
    if due is not None:
        status += f", {due_text(due, zone, now)} ({countdown(due.at, now)})"
    rows = [("status", status), ("asked", at(request.asked_at)),
            ("wanted by", at(request.needed_by)),
            ("reply by", at(respond_by)), ("answered", at(request.acknowledged_at)),
            ("promised", at(request.promised_at))]
    if request.original_promise and request.original_promise != request.promised_at:
        rows.append(("first promise", at(request.original_promise)))
    if request.completed_at:
        rows.append(("done", at(request.completed_at)))
    if request.cancelled_at:
        rows.append(("cancelled", at(request.cancelled_at)))
    if request.uid in _shared_uids(ctx):
        rows.append(("shared", "yes, with the team"))
    rows += [("tags", " ".join("#" + plain(t) for t in request.tags) or "none"),
             ("priority", request.priority.label)]
    for label, value in (("details", request.details), ("link", request.link),
                         ("channel", request.channel), ("repeats", request.recurrence or ""),
                         ("email", request.counterpart.email or "")):
        if value:
            rows.append((label, plain(value)))
    for label, value in rows:
        ctx.out(f"  {label:<14}{value}")
    ctx.out("history")
    for event in request.history:
        ctx.out(f"  {at(event.at):<18}{event_text(event, zone, now)}")
    return 0


def due(ctx: Context, args: Args) -> int:
    core = ctx.core
    now, zone = core.now(), ctx.zone
    schedule = core.schedule()
    if ctx.json:
        ctx.emit({
            "prompts": [{"kind": p.kind.value, "key": p.key, "request_id": p.request.id,
                         "counterpart": p.request.counterpart.name, "title": p.request.title,
                         "due_at": iso(p.due_at, zone), "missed": p.missed, "shown": p.shown}
                        for p in schedule.due],
            "digests": [{"kind": d.kind, "key": d.key, "due_at": iso(d.due_at, zone),
                         "missed": d.missed} for d in schedule.digests],
            "next_wake": iso(schedule.next_wake, zone),
            "paused_until": iso(core.paused_until, zone),
        })
        return 0
    if not schedule.due and not schedule.digests:
        ctx.out("Nothing is due now.")
    rows = [(p.kind.value.replace("_", " "), f"#{p.request.id}", plain(who(p.request), 24),
             plain(p.request.title, TITLE_WIDTH),
             f"since {moment(p.due_at, zone, now)}" + (" (missed)" if p.missed else "")
             + (" (shown, waiting)" if p.shown else ""))
            for p in schedule.due]
    rows += [(d.kind.replace("_", " ") + " digest", "", "", "",
              f"since {moment(d.due_at, zone, now)}" + (" (missed)" if d.missed else ""))
             for d in schedule.digests]
    if rows:
        ctx.out(table(("PROMPT", "ID", "WHO", "TITLE", "DUE"), rows))
    if schedule.next_wake is not None:
        ctx.out(f"Next prompt {moment(schedule.next_wake, zone, now)} ({countdown(schedule.next_wake, now)}).")
    ctx.out("(Only shown: the tray app will still prompt for these.)")
    return 0


# -- changing ------------------------------------------------------------------------------


def ack(ctx: Context, args: Args) -> int:
    eta = _when(ctx, args.eta) if args.eta else None
    request = ctx.core.acknowledge(args.id, eta=eta, accept=args.accept)
    return _changed(ctx, request, "Promised" if eta or args.accept else "Acknowledged")


def promise(ctx: Context, args: Args) -> int:
    when = _when(ctx, args.when)
    reason = " ".join(args.reason) if args.reason else None
    return _changed(ctx, ctx.core.promise(args.id, when, reason=reason), "Promised")


def done(ctx: Context, args: Args) -> int:
    return _changed(ctx, ctx.core.done(args.id), "Done")


def cancel(ctx: Context, args: Args) -> int:
    reason = " ".join(args.reason) if args.reason else None
    return _changed(ctx, ctx.core.cancel(args.id, reason=reason), "Cancelled")


def reopen(ctx: Context, args: Args) -> int:
    return _changed(ctx, ctx.core.reopen(args.id), "Reopened")


def snooze(ctx: Context, args: Args) -> int:
    from app.quickadd import parse_duration

    core = ctx.core
    until = parse_duration(" ".join(args.duration), now=core.now(), calendar=core.settings.calendar())
    request = core.snooze(args.id, until)
    if ctx.json:
        data = _to_json(ctx, request)
        data["snoozed_until"] = iso(until, ctx.zone)
        ctx.emit(data)
        return 0
    now = core.now()
    ctx.out(f"Snoozed until {moment(until, ctx.zone, now)} ({countdown(until, now)}): "
            + summary_line(request, ctx.zone, now, core.deadline(request)))
    return 0


# -- exchanging ----------------------------------------------------------------------------


def export(ctx: Context, args: Args) -> int:
    core = ctx.core
    if not args.output:
        count = export_requests(core, args.format, ctx.stdout)
        return 0
    target = ctx.path(args.output)
    try:
        count = export_file(core, args.format, target)
    except ExchangeError as exc:
        raise CommandError(str(exc)) from None
    what = "open promise" if args.format == "ics" else "request"
    if ctx.json:
        ctx.emit({"file": str(target), "format": args.format, "count": count})
    else:
        ctx.out(f"Exported {count} {what}{'s' if count != 1 else ''} to {target}")
    return 0


def import_(ctx: Context, args: Args) -> int:
    source = ctx.path(args.file)
    try:
        report = import_file(ctx.core, source)
    except ExchangeError as exc:
        raise CommandError(str(exc)) from None
    if ctx.json:
        ctx.emit({"imported": [r.id for r in report.imported],
                  "skipped": [{"line": line, "uid": r.uid, "title": r.title} for line, r in report.skipped],
                  "guarded_lines": report.guarded})
        return 0
    count = len(report.imported)
    ids = f" (#{report.imported[0].id}–#{report.imported[-1].id})" if count > 1 else \
        f" (#{report.imported[0].id})" if count else ""
    ctx.out(f"Imported {count} request{'s' if count != 1 else ''}{ids} from {source}.")
    if report.guarded:
        lines = ", ".join(str(line) for line in report.guarded[:10])
        ctx.out(f"Kept as written: a leading ' on line{'s' if len(report.guarded) > 1 else ''} "
                f"{lines}{' …' if len(report.guarded) > 10 else ''} (a CSV export adds it so that "
                "spreadsheets show such text instead of running it as a formula).")
    if report.skipped:
        ctx.out(f"Skipped {len(report.skipped)} already in this database:")
        for line, r in report.skipped[:10]:
            ctx.out(f"  line {line}: {who(r)}: {plain(r.title, TITLE_WIDTH)}")
        if len(report.skipped) > 10:
            ctx.out(f"  … and {len(report.skipped) - 10} more")
    return 0
