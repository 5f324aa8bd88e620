"""Where Promptly keeps its files, per platform conventions."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Promptly"
DB_ENV = "PROMPTLY_DB"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "promptly.db"


def database_location(explicit: str | None = None) -> str:
    """--db wins, then $PROMPTLY_DB, then the file in the user data directory."""
    return explicit or os.environ.get(DB_ENV) or str(default_database())


def resources_dir() -> Path:
    """resources/ beside the packages, or inside a frozen (PyInstaller) bundle."""
    bundle = getattr(__import__("sys"), "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"
