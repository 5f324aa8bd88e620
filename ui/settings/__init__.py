"""The settings dialog and its pages: one small widget per page, composed by ui.settings.dialog."""

from ui.settings.dialog import SettingsDialog

__all__ = ["SettingsDialog"]
