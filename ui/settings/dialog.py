"""The settings dialog: one window over the settings the core and the CLI share, composed of
small pages (ui/settings/*.py), each with load(settings) and collect().

OK and Apply collect every page into one new `Settings`; a value a page or the core refuses is
shown beside its field, on its page, and nothing is saved. People are saved one by one on their
page, because they live in their own table.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, QSize, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QStackedWidget, QVBoxLayout, QWidget

from app.autostart import Autostart, AutostartError
from app.secrets import Secrets
from app.settings import Settings, SettingsError
from ui.controller import Controller
from ui.dialogs import close_keys
from ui.placement import fit_on_screen, restore_geometry, save_geometry, scrolling
from ui.settings.capture import CapturePage
from ui.settings.data import DataPage
from ui.settings.general import GeneralPage
from ui.settings.hours import HoursPage
from ui.settings.mail import MailPage
from ui.settings.messages import MessagesPage
from ui.settings.page import SettingsPage
from ui.settings.people import PeoplePage
from ui.settings.prompts import PromptsPage
from ui.settings.team import TeamPage
from ui.settings.turnaround import TurnaroundPage

# Which page shows each setting, and its refusals.
GEOMETRY_KEY = "settings/geometry"
FIELD_PAGES = {
    "general": ("default_direction", "notification_style", "end_of_day_digest", "weekly_summary_prompt",
                "global_shortcut", "autostart", "timezone"),
    "hours": ("working_hours", "holidays"),
    "prompts": ("ladder",),
    "templates": ("your_name", "templates"),
    "mail": ("mail",),
    "capture": ("mail_capture",),
}


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None, *,
                 autostart: Autostart | None = None, secrets: Secrets | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.core = controller.core
        self.autostart = autostart or Autostart()
        self.setWindowTitle(self.tr("Promptly Settings"))
        self.general = GeneralPage(controller, self.autostart)
        self.hours = HoursPage(controller)
        self.prompts = PromptsPage(controller)
        self.people = PeoplePage(controller)
        self.messages = MessagesPage(controller)
        self.mail = MailPage(controller, secrets or Secrets(), save=self.apply)
        self.capture = CapturePage(controller, self.mail.secrets)
        self.team = TeamPage(controller, self.mail.secrets)
        self.data = DataPage(controller)
        # team mode only: what I publish to my team
        self.turnaround = TurnaroundPage(controller) if self.core.team_state() else None

        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        self.nav.setSpacing(3)
        self.pages = QStackedWidget()
        for page in self.all_pages():
            self.pages.addWidget(page)
            self.nav.addItem(page.title)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(scrolling(self.pages), 1)  # a page taller than a small screen scrolls
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Apply)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        layout.addWidget(self.buttons)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        close_keys(self, self.reject, escape=False)  # Esc: QDialog's own reject
        restore_geometry(self, QSettings("Promptly", "Promptly"), GEOMETRY_KEY, QSize(780, 560))
        self.load(self.core.settings)

    def all_pages(self) -> tuple[SettingsPage, ...]:
        team = (self.turnaround,) if self.turnaround is not None else ()
        return (self.general, self.hours, self.prompts, self.people, self.messages, self.mail, self.capture,
                self.team, *team, self.data)

    def page(self, key: str) -> SettingsPage:
        return next(p for p in self.all_pages() if p.key == key)

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(self.page(key)))

    def current_page(self) -> SettingsPage:
        return self.pages.currentWidget()

    # -- load, collect, save ----------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        for page in self.all_pages():
            page.load(settings)
            page.clear_errors()

    def refuse(self, field: str | None, message: str) -> None:
        """Show why beside the field, on its page (General when no one field is at fault)."""
        key = next((k for k, owned in FIELD_PAGES.items() if field in owned), "general")
        self.page(key).show_error(field, message)
        self.show_page(key)

    def collect(self) -> Settings | None:
        """A whole new Settings from the pages, or None after showing why not."""
        changes: dict[str, Any] = {}
        for page in self.all_pages():
            page.clear_errors()
        try:
            for page in self.all_pages():
                changes.update(page.collect())
            return self.core.settings.with_changes(**changes)
        except SettingsError as exc:
            self.refuse(exc.field, str(exc))
            return None

    def apply(self) -> bool:
        """Save everything, or nothing: the login item and the settings change together."""
        settings = self.collect()
        if settings is None:
            return False
        was_on = self.autostart.enabled()
        try:
            if settings.autostart != was_on:
                self.autostart.set(settings.autostart)
        except AutostartError as exc:
            self.refuse("autostart", str(exc))
            return False
        outcome = self.controller.attempt(self.core.save_settings, settings)
        if not outcome.ok:
            if settings.autostart != was_on:
                self.autostart.set(was_on)
            self.refuse(getattr(outcome.error, "field", None), outcome.message)
            return False
        self.saved.emit()
        return True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        fit_on_screen(self)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        save_geometry(self, QSettings("Promptly", "Promptly"), GEOMETRY_KEY)
        super().hideEvent(event)

    def accept(self) -> None:
        if self.apply():
            super().accept()
