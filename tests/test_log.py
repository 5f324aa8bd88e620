"""The log: one rotating file, set up once; Promptly's own records from INFO, others from WARNING."""

from __future__ import annotations

import logging

from app import log as app_log


def test_records_go_to_one_file_once_however_often_it_is_configured(log_folder):
    path = app_log.configure(log_folder)
    assert app_log.configure(log_folder) == path == app_log.log_file()

    logging.getLogger("app.service").info("opened %s", "promptly.db")
    logging.getLogger("sqlalchemy.engine").info("SELECT 1")  # a library's chatter stays out
    logging.getLogger("sqlalchemy.pool").warning("pool exhausted")

    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 3)[-1] for line in lines] == [
        "app.service: opened promptly.db", "sqlalchemy.pool: pool exhausted"]


def test_another_folder_moves_the_file(log_folder, tmp_path):
    moved = app_log.configure(tmp_path / "elsewhere")
    logging.getLogger("ui.tray").warning("no system tray")
    assert moved.read_text(encoding="utf-8").endswith("ui.tray: no system tray\n")
    assert not (log_folder / app_log.LOG_NAME).exists()
