"""The weekly summary as text (for "Copy as text"), CSV and a one-page PDF report.

The words go through Qt's translations (context "SummaryExport"); person names are plain text
(escaped in the PDF's HTML). The CSV is a table for a spreadsheet: its column names are data keys;
the team's totals, when there are any, are a second small table in a file beside it.
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from app.countdown import span
from app.spreadsheet import safe_cell
from app.summary import Promises, Summary, Wishes
from ui.wording import WORDS, moment_text


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("SummaryExport", text, None, n)


def percent(rate: float | None) -> str:
    return "–" if rate is None else _tr("{0} %").format(round(rate * 100))


def duration(minutes: float | None) -> str:
    return "–" if minutes is None else span(round(minutes) * 60, WORDS)


def lateness(minutes: float) -> str:
    return _tr("on time") if round(minutes) <= 0 else _tr("{0} late").format(duration(minutes))


def week_title(s: Summary) -> str:
    """`Week 48 · 23 Nov – 29 Nov 2026`."""
    return _tr("Week {week} · {start} – {end}").format(
        week=int(s.week.split("W")[1]), start=s.start.strftime("%d %b"), end=s.end.strftime("%d %b %Y"))


def promises_text(p: Promises) -> str:
    """`Kept 11 of 13 · 85 %`: kept and renegotiated count as held."""
    if not p.settled:
        return _tr("No promise settled")
    return _tr("Kept {held} of {settled} · {rate}").format(held=p.held, settled=p.settled,
                                                          rate=percent(p.kept_rate))


def wishes_text(w: Wishes) -> str:
    """`3 of 4 · 75 %`: done by the time the asker wanted (a wish, not a promise)."""
    if not w.settled:
        return _tr("No time wanted came")
    return _tr("{delivered} of {settled} · {rate}").format(
        delivered=w.delivered, settled=w.settled, rate=percent(w.rate))


def team_section(team: dict) -> tuple[str, list[str]]:
    """My department's totals as of the last sync (server-side totals, never one member's
    figures): a heading and one figure a line. The window joins them into one line."""
    def hours(value: float | None) -> str:
        return "–" if value is None else _tr("{0} h").format(f"{value:g}")

    heading = _tr("Team {department} ({members} members, as of the last sync)").format(
        department=team["department"], members=team["members"])
    return heading, [
        _tr("%n requests", team["requests"]),
        _tr("{0} answered on time").format(team["answered_on_time"]),
        _tr("promises kept {kept} of {promised}").format(kept=team["promises_kept"],
                                                        promised=team["promised"]),
        _tr("median turnaround {median} (published {published})").format(
            median=hours(team["median_hours"]), published=hours(team["published_hours"])),
    ]


def team_line(team: dict) -> str:
    """`Team Billing (4 members, as of the last sync): 12 requests · 9 answered on time · …`"""
    heading, figures = team_section(team)
    return f"{heading}: {' · '.join(figures)}"


def report_sections(s: Summary, zone: ZoneInfo) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(label, value)]) for the text and PDF reports. Names are user text: plain."""
    def breakdown(p: Promises) -> str:
        text = _tr("kept {0}, renegotiated {1}, broken {2}").format(p.kept, p.renegotiated, p.broken)
        if p.median_lateness_minutes is not None:
            text += _tr(" · broken ones a median {0} late").format(duration(p.median_lateness_minutes))
        return text

    def waiting(rows) -> list[tuple[str, str]]:
        return [(w.person, _tr("{0} · since {1}").format(w.count, moment_text(w.oldest_asked_at, zone)))
                for w in rows] or [(_tr("nobody"), "")]

    team = []  # in a team with a department: its totals, after the cards as in the window
    if s.team:
        heading, figures = team_section(s.team)
        team = [(heading, [("", figure) for figure in figures])]
    return [
        (_tr("Requests"), [
            (_tr("Received"), str(s.received)),
            (_tr("Made"), str(s.made)),
            (_tr("Answered on time"), _tr("{0} of {1} · {2}").format(
                s.responded_on_time, s.responded_on_time + s.responded_late, percent(s.on_time_rate))),
            (_tr("Median time to answer"), duration(s.median_response_minutes)),
            (_tr("Open at the end of the week"), _tr("{0} received, {1} made").format(
                s.open_received, s.open_made)),
        ]),
        (_tr("Promises"), [
            (_tr("Mine"), promises_text(s.mine)),
            ("", breakdown(s.mine)),
            (_tr("Theirs"), promises_text(s.theirs)),
            ("", breakdown(s.theirs)),
        ]),
        (_tr("Delivered when wanted"), [
            (_tr("By me"), wishes_text(s.delivered_when_wanted)),
            (_tr("To me"), wishes_text(s.theirs_delivered_when_wanted)),
        ]),
        *team,
        (_tr("Waiting on me (requests, oldest since)"), waiting(s.waiting_on_me)),
        (_tr("I wait on (requests, oldest since)"), waiting(s.i_wait_on)),
        (_tr("By day (received / made / done)"), [
            (d.date.strftime("%a %d %b"), f"{d.received} / {d.made} / {d.done}") for d in s.by_day]),
        (_tr("Trend (kept / answered on time)"), [
            (t.week, f"{percent(t.kept_rate)} / {percent(t.on_time_rate)}") for t in s.trend]),
        (_tr("Calibration of my promises, 8 weeks (settled, median)"), [
            (c.person, f"{c.promises} · {lateness(c.median_lateness_minutes)}") for c in s.calibration]
            or [(_tr("nobody with 3 settled promises yet"), "")]),
    ]


def as_text(s: Summary, zone: ZoneInfo) -> str:
    lines = [week_title(s)]
    for heading, rows in report_sections(s, zone):
        lines += ["", heading]
        lines += [f"  {label}: {value}" if label and value else f"  {label or value}"
                  for label, value in rows]
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("week", "date", "weekday", "person", "received", "made", "done")
# the department's totals (app.team.server.department_totals, as of the last sync), one row a week
TEAM_CSV_COLUMNS = ("week", "department", "members", "requests", "answered", "answered_on_time",
                    "promised", "promises_kept", "median_hours", "published_hours", "as_of")


def as_csv(s: Summary) -> str:
    """The day table: one row per day and person (received, made, done), and a row with an empty
    person for a day with nothing, so every day of the week is there. Column names are data keys;
    names that a spreadsheet would run as a formula stay text.

    Only that table: every row has a date and three whole numbers, so a script or a spreadsheet
    reads the file whole with typed columns. The department's totals are one week's figures of
    other shapes (no day, no person); they are a table of their own (`team_csv`, exported on its
    own), not in here as extra rows or columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    busy = {row.date for row in s.by_day_person}
    rows = [(row.date, row.person, row.received, row.made, row.done) for row in s.by_day_person]
    rows += [(day.date, "", 0, 0, 0) for day in s.by_day if day.date not in busy]
    for day, person, received, made, done in sorted(rows, key=lambda r: r[0]):
        writer.writerow([s.week, day.isoformat(), day.strftime("%a"), safe_cell(person), received, made, done])
    return out.getvalue()


def team_csv(s: Summary) -> str | None:
    """The department's totals as a table of their own: a header of data keys and one row (an
    unknown median or published time is an empty cell); None without them. Every cell is
    spreadsheet-safe: the department's name is the server's text."""
    if not s.team:
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TEAM_CSV_COLUMNS)
    values = {**s.team, "week": s.week}
    writer.writerow([safe_cell("" if values.get(key) is None else str(values[key]))
                     for key in TEAM_CSV_COLUMNS])
    return out.getvalue()


def write_csv(s: Summary, path: str | Path) -> None:
    Path(path).write_text(as_csv(s), encoding="utf-8")


def write_team_csv(s: Summary, path: str | Path) -> None:
    """The department's totals (`team_csv`); only offered when the summary has them."""
    Path(path).write_text(team_csv(s) or "", encoding="utf-8")


def report_html(s: Summary, zone: ZoneInfo, charts: list[QImage]) -> tuple[str, dict[str, QImage]]:
    """The PDF's HTML, with the charts as named images for the document's resources."""
    images = {f"chart{i}.png": image for i, image in enumerate(charts)}
    parts = [f"<h2>{html.escape(week_title(s))}</h2>"]
    sections = report_sections(s, zone)
    # numbers left, charts right: the page stays one page
    parts.append('<table width="100%" cellspacing="0" cellpadding="0"><tr><td width="52%" valign="top">')
    for heading, rows in sections:
        parts.append(f"<h4 style='margin-top:8px;margin-bottom:2px'>{html.escape(heading)}</h4>"
                     "<table cellspacing='0' cellpadding='1'>")
        for label, value in rows:
            parts.append(f"<tr><td style='color:#555;padding-right:8px'>{html.escape(label)}</td>"
                         f"<td>{html.escape(value)}</td></tr>")
        parts.append("</table>")
    parts.append('</td><td width="48%" valign="top">')
    for name in images:
        parts.append(f'<p><img src="{name}" width="330"></p>')
    parts.append("</td></tr></table>")
    return "".join(parts), images


def write_pdf(s: Summary, zone: ZoneInfo, path: str | Path, charts: list[QImage]) -> None:
    """A tidy one-page A4 report: the numbers and the charts as images."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(14, 14, 14, 14), QPageLayout.Unit.Millimeter))
    writer.setResolution(96)
    writer.setTitle(week_title(s))
    writer.setCreator("Promptly")
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-size: 9pt; } h2 { font-size: 14pt; }")
    markup, images = report_html(s, zone, charts)
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(markup)
    painter = QPainter(writer)
    try:
        page = writer.pageLayout().paintRectPixels(writer.resolution())
        document.setPageSize(QSizeF(page.width(), page.height()))
        document.setTextWidth(page.width())
        # one page: shrink to fit if a long waiting list would spill over
        scale = min(1.0, page.height() / max(document.size().height(), 1.0))
        painter.scale(scale, scale)
        document.drawContents(painter)
    finally:
        painter.end()

