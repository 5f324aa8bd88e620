"""A SQLite database file seen from outside SQLite: whether Promptly may open it, whether it is
still the file Promptly opened, and a copy of what a lost one held.

SQLite keeps an open file by its descriptor. Deleted or replaced under a running Promptly, the
old file lives on unseen while its `-wal` still sits beside the path, where the next program to
open the path would start a new database over it and truncate that log, or read it as part of
the file now there. So Promptly notices (`FileGuard`), stops writing, saves a recovery copy from
the file it still holds, moves its own log and index aside (renamed, never deleted: SQLite keeps
using them through its descriptors), and never opens a path whose main file is missing while a
`-wal` or `-shm` is there.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

SIDE_FILES = ("-wal", "-shm")


class FileError(Exception):
    """The file cannot be used as it is; the message says what happened and what to do."""


class FileLost(FileError):
    """The database file was deleted or replaced while this process had it open."""


class Identity(NamedTuple):
    device: int
    inode: int


def identity(path: Path) -> Identity | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return Identity(info.st_dev, info.st_ino)


def side_files(path: Path) -> list[Path]:
    return [side for side in (path.with_name(path.name + s) for s in SIDE_FILES) if side.exists()]


def check_can_open(path: Path, *, create: bool) -> None:
    """Refuse, before SQLite touches anything, a path it could only harm or would fail on
    with a misleading message."""
    if path.is_dir():
        raise FileError(f"{path} is a folder, not a database file; give the path of a file")
    folder = path.parent
    if not path.exists():
        left = side_files(path)
        if left:
            names = " and ".join(p.name for p in left)
            raise FileError(
                f"{path} is missing, but its {names} {'are' if len(left) > 1 else 'is'} still "
                "there: the file was deleted or moved while a program had it open, and a new "
                "database here would discard the changes in that log. Quit every program using "
                "it (a running Promptly saves a recovery copy beside it), then put the database "
                f"back, or move {names} to another folder before starting afresh")
        if not create:
            raise FileError(f"there is no Promptly database at {path}; check the path given "
                            "with --db or PROMPTLY_DB (`promptly add …` or the tray app creates "
                            "one)")
        if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
            raise FileError(_denied(f"cannot create {path.name} in {folder}", folder))
        return
    if not os.access(path, os.R_OK | os.W_OK):
        raise FileError(_denied(f"cannot read and write {path}", path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileError(_denied(f"cannot write in the folder {folder}, where SQLite keeps the "
                                f"database's -wal and -shm files beside {path.name}", folder))


def _denied(what: str, target: Path) -> str:
    fix = "u+rwx" if target.is_dir() else "u+rw"
    return (f"permission denied: Promptly {what}. The database itself is not at fault; give your "
            f"user that permission (`chmod {fix} {target}`), or choose another file with --db")


class FileGuard:
    """Holds the database file open and notices when the path stops naming it.

    Its own connection (the anchor) keeps the opened file and its log alive whatever happens to
    the path, and is what a recovery copy is read from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._anchor = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True,
                                       check_same_thread=False)
        self.identity = identity(path)
        self.lost: str | None = None  # why writing stopped, once it has
        self.recovery: Path | None = None
        self.moved_aside: list[Path] = []
        self._sides: dict[Path, Identity] = {}
        self._lock = threading.Lock()
        self.hold()

    def hold(self) -> None:
        """Read once, so the anchor has the file's log open (a connection that first reads after
        the file was unlinked gets only a disk I/O error), and note which log is ours. Again once
        the file is set up."""
        self._anchor.execute("SELECT count(*) FROM sqlite_master").fetchone()
        self._sides = {side: identity(side) for side in side_files(self.path)}

    def check(self) -> str | None:
        """None while the path names the opened file; else what happened to it (kept)."""
        if self.lost is None:
            now = identity(self.path)
            if now != self.identity:
                self.lost = "deleted" if now is None else "replaced by another file"
        return self.lost

    def ensure_writable(self) -> None:
        """Called as each write (and each new connection) begins: nothing goes to a lost file."""
        if self.check() is not None:
            raise FileLost(self.message())

    def save_recovery_copy(self, clock: datetime | None = None) -> Path:
        """A consistent copy of what the opened file holds, beside the path (once). Our log is
        moved aside first, so no program starting meanwhile pairs it with another file."""
        with self._lock:
            if self.recovery is None:
                stamp = (clock or datetime.now()).strftime("%Y%m%d-%H%M%S")
                if not self.moved_aside:
                    self._move_log_aside(stamp)
                target = self.path.with_name(f"{self.path.stem}.recovered-{stamp}{self.path.suffix}")
                # written under another name, then renamed: the copy appears whole or not at all
                partial = target.with_name(f".{target.name}.partial")
                _remove_partial(partial)  # one a crash left: never whole, nobody's data
                try:
                    # created ours alone: what it holds is never readable by others, not even briefly
                    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                    copy = sqlite3.connect(partial)
                    try:
                        self._anchor.backup(copy)
                        copy.execute("PRAGMA journal_mode=DELETE")  # one file, to move as it is
                    finally:
                        copy.close()
                    os.rename(partial, target)
                except BaseException:
                    _remove_partial(partial)  # half a copy is nobody's data
                    raise
                self.recovery = target
            return self.recovery

    def _move_log_aside(self, stamp: str) -> None:
        """Our -wal and -shm away from the path, so that nothing pairs them with another file
        there; only those still ours (a new file's own log stays)."""
        for side, ours in self._sides.items():
            if ours is not None and identity(side) == ours:
                target = side.with_name(f"{side.name}.lost-{stamp}")
                os.rename(side, target)
                self.moved_aside.append(target)

    def message(self) -> str:
        """What happened and what to do, for a person."""
        what = self.lost or "lost"
        text = (f"the database file {self.path} was {what} while Promptly had it open, so "
                "Promptly writes nothing more to it")
        if self.recovery is None:
            return text + "; quit Promptly and start it again to go on"
        if what == "deleted":
            return (text + f". Everything it held is saved in {self.recovery}: quit Promptly, "
                    f"move that file to {self.path}, and start Promptly again")
        return (text + f". Everything it held is saved in {self.recovery}; quit Promptly, then "
                f"start it with --db {self.recovery} to go on with it, or keep the new "
                f"{self.path.name}")

    def close(self) -> None:
        self._anchor.close()


def _remove_partial(partial: Path) -> None:
    for leftover in (partial, *(partial.with_name(partial.name + s) for s in SIDE_FILES)):
        if leftover.is_file():
            leftover.unlink()
