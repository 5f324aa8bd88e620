"""The weekly summary window on the week of tests/test_summary.py (W48 2026, now Mon 30 Nov 10:00)."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

from app.summary import IsoWeek, weekly_summary
from tests.test_summary import w48  # noqa: F401  (fixture)
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)
from ui.summary_export import CSV_COLUMNS, as_csv, report_html
from ui.summary_window import SummaryWindow


def make(qtbot, controller, week=None):
    window = SummaryWindow(controller)
    qtbot.addWidget(window)
    window.show_week(week)
    qtbot.waitExposed(window)
    return window


def test_cards_show_the_week_and_the_change_against_the_last(qtbot, controller, w48):
    window = make(qtbot, controller, "2026-W48")
    assert window.week == IsoWeek(2026, 48)
    assert window.title.text() == "Week 48 · 23 Nov – 29 Nov 2026"
    mine = window.cards["mine"]
    # 2 of 5 held (40 %); W47 held 1 of 1 (100 %): down 60 points
    assert (mine.value.text(), mine.change.text()) == ("Kept 2 of 5 · 40 %", "▼ 60 pts vs last week")
    # 5 of 6 answered on time (83 %) against 2 of 2 in W47
    on_time = window.cards["on_time"]
    assert (on_time.value.text(), on_time.change.text()) == ("5 of 6 · 83 %", "▼ 17 pts vs last week")
    assert window.cards["response"].value.text() == "25 min"
    assert window.cards["received"].change.text() == "▲ 5 vs last week"  # 7 against 2
    assert window.cards["open"].value.text() == "3 owed · 1 awaited"
    people = [window.waiting_on_me.topLevelItem(i).text(0) for i in range(window.waiting_on_me.topLevelItemCount())]
    assert people == ["Kim", "Sam", "Dana"]
    # the per-day chart: three bar sets of seven days, received first
    bars = window.day_chart.chart().series()[0].barSets()
    assert [bars[0].at(i) for i in range(7)] == [2, 1, 2, 1, 1, 0, 0]
    assert "Dana (3) on time" in window.calibration.text()


def test_weeks_are_navigated_with_buttons_and_keys(qtbot, controller, w48):
    window = make(qtbot, controller)
    assert window.week == IsoWeek(2026, 49) and window.title.text().startswith("This week")
    assert not window.next_button.isEnabled() and not window.today_button.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.week == IsoWeek(2026, 47) and window.summary.received == 2
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.week == IsoWeek(2026, 48) and window.next_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.week == IsoWeek(2026, 49)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # no future weeks
    assert window.week == IsoWeek(2026, 49) and window.message.isHidden()
    window.previous_button.click()
    assert window.week == IsoWeek(2026, 48)


def test_a_waiting_row_opens_its_oldest_request(qtbot, controller, w48):
    window = make(qtbot, controller, "2026-W48")
    with qtbot.waitSignal(window.open_request) as opened:
        window.waiting_on_me.itemActivated.emit(window.waiting_on_me.topLevelItem(0), 0)
    assert opened.args == [w48["k0"]]


def test_the_window_remembers_its_geometry(qtbot, controller, w48):
    window = make(qtbot, controller)
    window.resize(window.minimumSizeHint().width(), 540)  # the offscreen screen is small
    size = window.size()
    window.close()
    again = make(qtbot, controller)
    assert again.size() == size and size.height() == 540  # not the first-time 760


def test_a_change_elsewhere_refreshes_the_open_week(qtbot, controller, core, w48):
    window = make(qtbot, controller, "2026-W48")
    controller.attempt(core.done, w48["r6"])  # Sam's expense report, done now (W49)
    # done in W49: W48's figures stay as they were (it was open at the end of W48)
    assert window.summary.open_received == 3 and window.summary.mine.broken == 3
    window.show_week("2026-W49")
    controller.attempt(core.done, w48["k0"])
    assert window.summary.by_day[0].done == 2  # both done on Monday 30 Nov


def test_copy_csv_and_a_one_page_pdf(qtbot, controller, core, w48, tmp_path):
    window = make(qtbot, controller, "2026-W48")
    window.copy_text()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Week 48 · 23 Nov – 29 Nov 2026\n")
    assert "  Mine: Kept 2 of 5 · 40 %" in text and "  Kim: 1 · since Thu 19 Nov 10:00" in text
    assert window.export_csv(str(tmp_path / "week.csv")) == str(tmp_path / "week.csv")
    assert (tmp_path / "week.csv").read_text(encoding="utf-8").splitlines()[0] == \
        "week,date,weekday,person,received,made,done"
    pdf = tmp_path / "week.pdf"
    assert window.export_pdf(str(pdf)) == str(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    image = QImage(str(pages[0]))
    dark = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if QImage.pixelColor(image, x, y).lightness() < 128)
    assert dark > 200  # text and charts (grabbed at the window's size), not a blank page


def test_an_unwritable_export_says_so(qtbot, controller, w48, tmp_path):
    window = make(qtbot, controller, "2026-W48")
    assert window.export_csv(str(tmp_path / "missing" / "week.csv")) is None
    assert "Could not write" in controller.errors[-1] and "Choose another folder" in controller.errors[-1]


def test_names_stay_plain_text_in_every_export(core, clock, w48):
    from app.domain.model import Direction
    from app.domain.commands import NewRequest

    core.add(NewRequest(Direction.RECEIVED, "<b>Lee</b>", "odd name"))
    summary = weekly_summary(core, "2026-W49")
    markup, _ = report_html(summary, core.settings.zone, [])
    assert "&lt;b&gt;Lee&lt;/b&gt;" in markup and "<b>Lee" not in markup
    assert "<b>Lee</b>" in as_csv(summary)


def test_the_window_module_and_charts_are_not_loaded_at_app_start():
    root = Path(__file__).resolve().parents[2]
    code = ("import sys, ui.application, ui.tray; "
            "print(any(m in sys.modules for m in ('ui.summary_window', 'PySide6.QtCharts')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_names_a_spreadsheet_would_run_stay_text_in_the_csv(core, clock, w48):
    from app.domain.model import Direction
    from app.domain.commands import NewRequest

    for name in ('=HYPERLINK("http://evil.example","x")', "+Eve", "-Eve", "@Eve"):
        core.add(NewRequest(Direction.RECEIVED, name, "odd name"))
    people = [row["person"] for row in csv.DictReader(io.StringIO(as_csv(weekly_summary(core, "2026-W49"))))
              if row["person"]]
    assert not [name for name in people if name[:1] in "=+-@"]
    assert sorted(name for name in people if name.startswith("'")) == ["'+Eve", "'-Eve", "'=HYPERLINK(\"http://evil.example\",\"x\")", "'@Eve"]


def test_the_charts_show_every_day_label_whole_and_room_above_100_percent(qtbot, controller, w48):
    from ui.summary_window import RATE_AXIS_TOP

    window = make(qtbot, controller, "2026-W48")
    days = next(a for a in window.day_chart.chart().axes() if hasattr(a, "categories"))
    assert len(days.categories()) == 7 and not days.truncateLabels()
    assert all("…" not in label for label in days.categories())
    rates = next(a for a in window.trend_chart.chart().axes() if hasattr(a, "tickInterval"))
    assert rates.max() == RATE_AXIS_TOP > 100  # a dot at 100 % is drawn whole


def test_the_csv_is_a_table_with_a_row_per_day_and_person(core, w48):
    """Read as a spreadsheet reads it: the same columns on every row, numbers that add up."""
    summary = weekly_summary(core, "2026-W48")
    rows = list(csv.DictReader(io.StringIO(as_csv(summary))))
    assert {len(row) for row in rows} == {7}
    assert sorted({row["date"] for row in rows}) == [d.date.isoformat() for d in summary.by_day]
    for day in summary.by_day:
        of_day = [row for row in rows if row["date"] == day.date.isoformat()]
        assert sum(int(row["received"]) for row in of_day) == day.received
        assert sum(int(row["made"]) for row in of_day) == day.made
        assert sum(int(row["done"]) for row in of_day) == day.done
    people = [(row["date"], row["person"]) for row in rows if row["person"]]
    assert people and len(people) == len(set(people))  # one row per day and person
    assert rows[0]["week"] == "2026-W48" and rows[0]["weekday"] == "Mon"


def test_an_export_names_the_file_and_the_dialog_starts_in_documents(qtbot, controller, w48, tmp_path,
                                                                     monkeypatch):
    from ui import files

    asked = []
    monkeypatch.setattr(files.QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, start, filters: (asked.append(start) or
                                                                           str(tmp_path / "w.csv"), "")))
    window = make(qtbot, controller, "2026-W48")
    assert window.export_csv() == str(tmp_path / "w.csv")
    assert asked == [str(files.documents_folder() / "promptly-2026-W48.csv")]
    assert str(tmp_path / "w.csv") in window.export_note.text()
def test_the_team_section_shows_the_departments_totals_only_in_a_team(qtbot, controller, core,
                                                                       w48):
    window = make(qtbot, controller, "2026-W48")
    assert window.team_label.isHidden()  # not in a team
    # as a sync leaves it: the department's totals, computed on the server
    core.save_team_state({"member": "sam", "members": [], "department_totals": {"2026-W48": {
        "department": "Billing", "members": 4, "requests": 12, "answered": 11,
        "answered_on_time": 9, "promised": 7, "promises_kept": 5, "median_hours": 6.5,
        "published_hours": 8.0, "as_of": "2026-11-27T17:00:00+00:00"}}})
    window.show_week("2026-W48")
    assert window.team_label.text() == (
        "Team Billing (4 members, as of the last sync): 12 requests · 9 answered on time · "
        "promises kept 5 of 7 · median turnaround 6.5 h (published 8 h)")
    window.show_week("2026-W47")  # no totals known for that week
    assert window.team_label.isHidden()


BILLING = {"department": "Billing", "members": 4, "requests": 12, "answered": 11,
           "answered_on_time": 9, "promised": 7, "promises_kept": 5, "median_hours": 6.5,
           "published_hours": 8.0, "as_of": "2026-11-27T17:00:00+00:00"}
BILLING_LINES = ["Team Billing (4 members, as of the last sync)", "12 requests",
                 "9 answered on time", "promises kept 5 of 7",
                 "median turnaround 6.5 h (published 8 h)"]


def _pdf_text(path: Path) -> str:
    """The PDF's words as a reader's copy and paste gives them, lines joined."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(done.stdout.split())


def _typed_day_rows(path: Path) -> list[dict]:
    """The day table as a script reads it: every row through csv.DictReader, each column
    converted to its type (an error here is a row a script would fail on)."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames) == CSV_COLUMNS
        return [{**row, "date": date.fromisoformat(row["date"]), "received": int(row["received"]),
                 "made": int(row["made"]), "done": int(row["done"])} for row in reader]


def test_the_exports_carry_the_team_section_and_the_csv_stays_a_typed_day_table(
        qtbot, controller, core, w48, tmp_path):
    """Text and PDF in the window's words; the CSV's day table as without a team (a script reads
    every row with its types), the team's totals in a table of their own, exported on its own."""
    core.save_team_state({"member": "sam", "members": [],
                          "department_totals": {"2026-W48": BILLING}})
    window = make(qtbot, controller, "2026-W48")
    assert window.team_label.text() == ": ".join([BILLING_LINES[0], " · ".join(BILLING_LINES[1:])])
    window.copy_text()
    assert "\n\n" + "\n  ".join(BILLING_LINES) + "\n\n" in QGuiApplication.clipboard().text()

    day_table = Path(window.export_csv(str(tmp_path / "week.csv")))
    assert window.export_note.text() == f"Saved {day_table}"
    assert window.team_csv_button.isVisibleTo(window)  # the team's table: exported on its own
    team_table = Path(window.export_team_csv(str(tmp_path / "week-team.csv")))
    assert window.export_note.text() == f"Saved {team_table}"
    assert sorted(tmp_path.glob("*.csv")) == [team_table, day_table]
    days = _typed_day_rows(day_table)  # every row a day's, with its types: no team line in it
    assert {row["week"] for row in days} == {"2026-W48"}
    alone = dataclasses.replace(window.summary, team=None)
    assert day_table.read_text(encoding="utf-8") == as_csv(alone)  # as it is outside a team
    assert len(days) >= 7
    with team_table.open(encoding="utf-8", newline="") as file:
        teams = list(csv.DictReader(file))
    assert teams == [{"week": "2026-W48", "department": "Billing", "members": "4",
                      "requests": "12", "answered": "11", "answered_on_time": "9",
                      "promised": "7", "promises_kept": "5", "median_hours": "6.5",
                      "published_hours": "8.0", "as_of": "2026-11-27T17:00:00+00:00"}]

    text = _pdf_text(Path(window.export_pdf(str(tmp_path / "week.pdf"))))
    assert " ".join(BILLING_LINES) in text
    # after the cards' figures and before the waiting lists, as in the window
    assert text.index("Delivered when wanted") < text.index("Team Billing") < text.index("Waiting on me")


def test_without_department_totals_the_exports_say_nothing_of_a_team(qtbot, controller, core, w48,
                                                                    tmp_path):
    # in a team, but the last sync brought no totals for this week (no department, one too
    # small, or not synced since): the window shows no section, and neither does an export
    core.save_team_state({"member": "sam", "members": [],
                          "department_totals": {"2026-W49": BILLING}})
    window = make(qtbot, controller, "2026-W48")
    assert window.team_label.isHidden()
    rows = _typed_day_rows(Path(window.export_csv(str(tmp_path / "week.csv"))))
    assert {row["week"] for row in rows} == {"2026-W48"}
    assert window.export_note.text() == f"Saved {tmp_path / 'week.csv'}"
    assert not window.team_csv_button.isVisibleTo(window)
    assert window.export_team_csv(str(tmp_path / "week-team.csv")) is None
    assert not (tmp_path / "week-team.csv").exists()
    assert "Team" not in window.report_text()
    text = _pdf_text(Path(window.export_pdf(str(tmp_path / "week.pdf"))))
    assert "Team" not in text and "Billing" not in text
    assert "Delivered when wanted" in text  # the PDF's text is read at all


def test_team_cells_a_spreadsheet_would_run_stay_text(core, w48):
    """The department's name is the server's text."""
    from app.spreadsheet import FORMULA_STARTS
    from ui.summary_export import team_csv

    core.save_team_state({"member": "sam", "members": [], "department_totals": {"2026-W48": {
        **BILLING, "department": '=HYPERLINK("http://evil.example","x")'}}})
    rows = list(csv.DictReader(io.StringIO(team_csv(weekly_summary(core, "2026-W48")))))
    assert rows[0]["department"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert not [cell for row in rows for cell in row.values() if cell.startswith(FORMULA_STARTS)]
