"""General: the quick-add default, how prompts appear, digests, shortcut, autostart, time zone."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QKeySequenceEdit, QPushButton

from app.autostart import Autostart
from app.domain.model import Direction
from app.settings import Settings, local_timezone_name
from ui import global_shortcut
from ui.controller import Controller
from ui.settings.page import SettingsPage, plain


class GeneralPage(SettingsPage):
    key = "general"

    def __init__(self, controller: Controller, autostart: Autostart) -> None:
        super().__init__(controller, self.tr("General"))
        self.autostart = autostart
        form = QFormLayout()
        self.box.addLayout(form)
        self.direction_box = QComboBox()
        self.direction_box.addItem(self.tr("Received: I owe someone"), Direction.RECEIVED.value)
        self.direction_box.addItem(self.tr("Made: someone owes me"), Direction.MADE.value)
        form.addRow(self.tr("Quick add assumes"), self.direction_box)
        self.style_box = QComboBox()
        self.style_box.addItem(self.tr("Desktop notification and prompt window"), "native")
        self.style_box.addItem(self.tr("Prompt window only"), "window")
        form.addRow(self.tr("Prompts appear as"), self.style_box)
        self.digest_check = QCheckBox(self.tr("At the end of each working day, list what I still owe"))
        self.weekly_check = QCheckBox(self.tr("At the end of the working week, offer the weekly summary"))
        form.addRow(self.tr("Digests"), self.digest_check)
        form.addRow("", self.weekly_check)
        self.shortcut_edit = QKeySequenceEdit()
        self.shortcut_edit.setMaximumSequenceLength(1)
        clear = QPushButton(self.tr("None"))
        clear.clicked.connect(self.shortcut_edit.clear)
        row = QHBoxLayout()
        row.addWidget(self.shortcut_edit, 1)
        row.addWidget(clear)
        form.addRow(self.tr("Quick-add shortcut"), row)
        self.shortcut_note = plain()
        form.addRow("", self.shortcut_note)
        self.autostart_check = QCheckBox(self.tr("Start Promptly when I log in"))
        self.autostart_check.setToolTip(self.autostart.location())
        form.addRow(self.tr("Autostart"), self.autostart_check)
        form.addRow("", self.field_error("autostart"))
        self.zone_box = QComboBox()
        self.zone_box.setEditable(True)
        self.zone_box.addItem(self.tr("System time zone ({zone})").format(zone=local_timezone_name()), "")
        for name in sorted(available_timezones()):
            if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
                self.zone_box.addItem(name, name)
        form.addRow(self.tr("Time zone"), self.zone_box)
        form.addRow("", self.field_error("timezone"))
        self.finish()

    def load(self, settings: Settings) -> None:
        self.direction_box.setCurrentIndex(self.direction_box.findData(settings.default_direction.value))
        self.style_box.setCurrentIndex(max(self.style_box.findData(settings.notification_style), 0))
        self.digest_check.setChecked(settings.end_of_day_digest)
        self.weekly_check.setChecked(settings.weekly_summary_prompt)
        self.shortcut_edit.setKeySequence(QKeySequence(settings.global_shortcut))
        self.shortcut_note.setText(self.shortcut_text(global_shortcut.status()))
        self.autostart_check.setChecked(self.autostart.enabled())
        index = self.zone_box.findData(settings.timezone)
        if index < 0:
            self.zone_box.addItem(settings.timezone, settings.timezone)
            index = self.zone_box.count() - 1
        self.zone_box.setCurrentIndex(index)

    def shortcut_text(self, status: str) -> str:
        """Whether the key works everywhere, and if not, how the desktop can do it."""
        bind = self.tr("To open quick add from anywhere, bind a key to the command “promptly quick-add” "
                       "in your desktop's keyboard settings.")
        if status == global_shortcut.GRABBED:
            return self.tr("The key opens quick add from any program while Promptly runs.")
        if status == global_shortcut.TAKEN:
            return self.tr("Another program already uses this key. Choose another one.") + " " + bind
        if status == global_shortcut.ASKING:
            return self.tr("Promptly asked the desktop for this key; the desktop may ask you to "
                           "confirm it.")
        if status == global_shortcut.UNSUPPORTED:
            return self.tr("This desktop does not let Promptly listen for a key in other programs "
                           "(X11 does, and Wayland desktops with the global shortcuts portal).") + " " + bind
        return bind

    def zone(self) -> str:
        """The chosen zone's name, or a name typed into the box; "" for the system's."""
        box = self.zone_box
        if box.currentText() == box.itemText(box.currentIndex()):
            return box.currentData() or ""
        return box.currentText().strip()

    def collect(self) -> dict[str, Any]:
        return {
            "default_direction": Direction(self.direction_box.currentData()),
            "notification_style": self.style_box.currentData(),
            "end_of_day_digest": self.digest_check.isChecked(),
            "weekly_summary_prompt": self.weekly_check.isChecked(),
            "global_shortcut": self.shortcut_edit.keySequence().toString(QKeySequence.SequenceFormat.PortableText),
            "autostart": self.autostart_check.isChecked(),
            "timezone": self.zone(),
        }
