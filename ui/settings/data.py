"""Data: the one file everything is in, its folder, and a back-up taken while Promptly runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from app.paths import database_location
from app.storage.database import DatabaseError
from ui.controller import Controller
from ui.settings.page import SettingsPage, note, plain


class DataPage(SettingsPage):
    key = "data"

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller, self.tr("Data"), self.tr("Everything Promptly knows is in one file."))
        data_file = self.core.data_file
        self.path = plain(str(data_file) if data_file else database_location())
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box.addWidget(self.path)
        row = QHBoxLayout()
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        for button in (self.open_folder_button, self.backup_button):
            button.setEnabled(data_file is not None)
            row.addWidget(button)
        row.addStretch(1)
        self.box.addLayout(row)
        self.note = plain()
        self.note.setObjectName("backupNote")
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box.addWidget(self.note)
        self.finish()

    def back_up(self) -> Path | None:
        try:
            target = self.core.backup()
        except (DatabaseError, OSError) as exc:
            note(self.note, self.tr("The back-up failed: {reason}").format(reason=str(exc)), ok=False)
            return None
        note(self.note, self.tr("Backed up to {path}").format(path=str(target)), ok=True)
        return target

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.core.data_file.parent)))
