"""The Turnaround settings page publishes to the real team server, off the GUI thread, and
appears only in a team: my own times, and my department's where I supervise its members."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableWidgetItem

from PySide6.QtWidgets import QAbstractItemView

from app.team import server, sync
from tests.team.test_escalation_ui import people  # noqa: F401  (fixture)
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)
from ui.controller import Controller
from ui.settings.dialog import SettingsDialog

pytestmark = pytest.mark.postgresql


def test_the_page_publishes_my_turnaround_to_the_team(qtbot, people, team):
    kim = people["kim"]
    dialog = SettingsDialog(Controller(kim))
    qtbot.addWidget(dialog)
    page = dialog.page("turnaround").mine
    page.add_button.click()
    page.table.setItem(0, 1, QTableWidgetItem("8"))  # the default
    page.add_button.click()
    page.table.setItem(1, 0, QTableWidgetItem("#Billing"))
    page.table.setItem(1, 1, QTableWidgetItem("abc"))
    page.publish_button.click()
    assert "Row 2" in page.note.text()  # refused here: nothing sent
    page.table.setItem(1, 1, QTableWidgetItem("48"))
    page.publish_button.click()
    qtbot.waitUntil(lambda: page.note.text() == "Published to your team.", timeout=10_000)
    assert kim.my_turnarounds() == {"": 8, "billing": 48}
    page.table.removeRow(1)
    page.publish_button.click()
    qtbot.waitUntil(lambda: page.publish_button.isEnabled(), timeout=10_000)
    with server.connect(team.admin_url(), allow_password=True) as conn:
        rows = conn.execute("SELECT tag, hours FROM promptly_team.turnarounds").fetchall()
    assert [(tag, float(hours)) for tag, hours in rows] == [("", 8.0)]


def test_no_turnaround_page_outside_a_team(qtbot, controller):
    dialog = SettingsDialog(controller)
    qtbot.addWidget(dialog)
    assert "turnaround" not in [p.key for p in dialog.all_pages()]


def _page(qtbot, core):
    dialog = SettingsDialog(Controller(core))
    qtbot.addWidget(dialog)
    return dialog.page("turnaround")


def test_a_supervisor_publishes_the_departments_times_and_a_member_reads_them(qtbot, people,
                                                                              team):
    kim, sam, lee = people["kim"], people["sam"], people["lee"]
    page = _page(qtbot, kim)  # Kim supervises Dana, who is in Billing
    editor = page.department
    assert page.department_heading.text() == "Department: Billing"
    assert "You may publish them" in page.department_intro.text()
    assert not editor.publish_button.isHidden() and page.department_choice.isHidden()
    page.mine.add_button.click()  # her own, typed and not published yet
    page.mine.table.setItem(0, 1, QTableWidgetItem("6"))
    editor.add_button.click()
    editor.table.setItem(0, 0, QTableWidgetItem("IT"))
    editor.table.setItem(0, 1, QTableWidgetItem("4"))
    editor.publish_button.click()
    qtbot.waitUntil(lambda: editor.note.text() == "Published to your team.", timeout=10_000)
    assert page.mine.table.item(0, 1).text() == "6"  # still there to publish
    with server.connect(team.admin_url(), allow_password=True) as conn:
        rows = conn.execute("SELECT department, tag, hours"
                            " FROM promptly_team.department_turnarounds").fetchall()
    assert [(d, tag, float(hours)) for d, tag, hours in rows] == [("Billing", "it", 4.0)]
    assert kim.my_turnarounds() == {}  # her own times are another table

    sync.sync(sam)  # Sam is in Billing: he reads them, and cannot change them here
    page = _page(qtbot, sam)
    editor = page.department
    assert [editor.table.item(0, c).text() for c in (0, 1)] == ["it", "4"]
    assert editor.publish_button.isHidden() and editor.add_button.isHidden()
    assert editor.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert "you can read them here" in page.department_intro.text()
    # were the page to offer it (an old copy of the directory), the server still refuses
    page.departments = [("Billing", True, {"it": 4})]
    page._show_department()
    editor.table.setItem(0, 1, QTableWidgetItem("1"))
    editor.publish_button.click()
    qtbot.waitUntil(lambda: editor.publish_button.isEnabled(), timeout=10_000)
    assert editor.note.text() == ("Not published: only a supervisor of a member of Billing may "
                                  "publish its turnaround times")

    page = _page(qtbot, lee)  # no department, supervises nobody: no department section
    assert page.department.isHidden() and page.department_intro.isHidden()


def test_a_publish_that_ends_after_the_dialog_closed_ends_quietly(qtbot, people, team,
                                                                   monkeypatch):
    import threading

    import psycopg
    import shiboken6

    kim = people["kim"]
    login = kim.team_state()["member"]
    dialog = SettingsDialog(Controller(kim))
    page = dialog.page("turnaround").mine
    page.add_button.click()
    page.table.setItem(0, 1, QTableWidgetItem("8"))
    failures = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    with psycopg.connect(team.admin_url()) as admin:  # the server is slow: the table is locked
        admin.execute("LOCK TABLE promptly_team.turnarounds IN ACCESS EXCLUSIVE MODE")
        page.publish_button.click()
        qtbot.waitUntil(lambda: team.waits_for_lock(login), timeout=10_000)
        shiboken6.delete(dialog)  # closed while the publish waits
    worker = next(t for t in threading.enumerate() if t.name == "publish-turnaround")
    worker.join(timeout=10)
    assert not worker.is_alive() and failures == []  # its answer finds nobody, and says nothing
    with server.connect(team.admin_url(), allow_password=True) as conn:  # and nothing is lost
        rows = conn.execute("SELECT login, hours FROM promptly_team.turnarounds").fetchall()
    assert [(who, float(hours)) for who, hours in rows] == [(login, 8.0)]
