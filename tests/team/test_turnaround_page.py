"""The Turnaround settings page publishes to the real team server, off the GUI thread, and
appears only in a team."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableWidgetItem

from app.team import server
from tests.team.test_escalation_ui import people  # noqa: F401  (fixture)
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)
from ui.controller import Controller
from ui.settings.dialog import SettingsDialog

pytestmark = pytest.mark.postgresql


def test_the_page_publishes_my_turnaround_to_the_team(qtbot, people, team):
    kim = people["kim"]
    dialog = SettingsDialog(Controller(kim))
    qtbot.addWidget(dialog)
    page = dialog.page("turnaround")
    page.add_button.click()
    page.table.setItem(0, 1, QTableWidgetItem("8"))  # the default
    page.add_button.click()
    page.table.setItem(1, 0, QTableWidgetItem("#Billing"))
    page.table.setItem(1, 1, QTableWidgetItem("abc"))
    page.publish()
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
