"""Promptly's log: one rotating file in the platform's log folder, set up once by the tray app."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app.paths import log_dir

LOG_NAME = "promptly.log"
MAX_BYTES = 1024 * 1024  # a few months of warnings; a bug's traceback is a few KiB
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_handler: RotatingFileHandler | None = None


def configure(folder: Path | None = None) -> Path:
    """Send log records to `folder`/promptly.log (default: the platform's log folder).

    Promptly's own loggers (app.*, ui.*) record from INFO, other libraries from WARNING.
    Calling it again with the same folder changes nothing; with another, the file moves.
    """
    global _handler
    path = (folder or log_dir()) / LOG_NAME
    if _handler is not None:
        if Path(_handler.baseFilename) == path.resolve():
            return path
        reset()
    path.parent.mkdir(parents=True, exist_ok=True)
    _handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                                   delay=True)  # no file until there is something to say
    _handler.setFormatter(logging.Formatter(FORMAT))
    logging.getLogger().addHandler(_handler)
    for name in ("app", "ui"):
        logging.getLogger(name).setLevel(logging.INFO)
    return path


def log_file() -> Path:
    """The file records go to, set up in the default folder if nobody did yet."""
    return Path(_handler.baseFilename) if _handler is not None else configure()


def reset() -> None:
    """Stop writing to the file (tests, or before `configure` moves it)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
