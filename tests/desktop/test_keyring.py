"""The real Secret Service (gnome-keyring) in a private D-Bus session stores the mail password.

Each test starts its own `dbus-run-session` with HOME in a temporary folder, so the developer's
real keyring is never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.desktop

ROOT = Path(__file__).resolve().parents[2]
NEEDED = ("dbus-run-session", "gnome-keyring-daemon")
missing = [tool for tool in NEEDED if shutil.which(tool) is None]
if missing:
    pytest.skip(f"needs {', '.join(missing)} (make desktop-deps)", allow_module_level=True)

STORE = """
import json, sys
from app.secrets import Secrets
s = Secrets()
s.set(sys.argv[1], sys.argv[2])
print(json.dumps(s.state().status.value))
"""
READ = """
import json, sys
from app.secrets import Secrets
print(json.dumps(Secrets().get(sys.argv[1])))
"""
TRY = """
import json, sys
from app.secrets import Secrets, SecretsUnavailable
try:
    Secrets().set(sys.argv[1], sys.argv[2])
    print(json.dumps(["stored", ""]))
except SecretsUnavailable as exc:
    print(json.dumps([exc.state.status.value, str(exc)]))
"""


def in_session(tmp_path: Path, keyring_start: str, *scripts: tuple[str, ...]) -> list:
    """Run Python snippets one after another in one fresh D-Bus session; their JSON answers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "GNOME_KEYRING", "DISPLAY"))}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_RUNTIME_DIR=str(tmp_path / "run"), PYTHONPATH=str(ROOT))
    env.pop("PYTHON_KEYRING_BACKEND", None)
    (tmp_path / "run").mkdir(mode=0o700)
    steps = [keyring_start]
    for index, (code, *args) in enumerate(scripts):
        path = tmp_path / f"step{index}.py"
        path.write_text(code)
        steps.append(" ".join([sys.executable, str(path), *(f"'{a}'" for a in args)]))
    result = subprocess.run(["dbus-run-session", "--", "sh", "-c", "; ".join(steps)], env=env,
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(answers) == len(scripts), result.stderr
    return answers


UNLOCKED = "echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1"
NEVER_UNLOCKED = "gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1"


def test_the_secret_service_stores_the_password_and_another_process_reads_it(tmp_path):
    account = "smtp:kim@smtp.example.org:587"

    stored, read, other = in_session(tmp_path, UNLOCKED, (STORE, account, "Grüße 42"), (READ, account),
                                     (READ, "smtp:lee@smtp.example.org:587"))

    assert stored == "ready"
    assert read == "Grüße 42"
    assert other is None
    # gnome-keyring keeps it encrypted: the password is not in plain text in its files
    for file in (tmp_path / "data").rglob("*"):
        if file.is_file():
            assert b"Gr\xc3\xbc\xc3\x9fe 42" not in file.read_bytes()


def test_a_keyring_that_cannot_be_unlocked_says_so_and_stores_nothing(tmp_path):
    """No login password and no display for the unlock prompt: the prompt is dismissed."""
    ((status, message),) = in_session(tmp_path, NEVER_UNLOCKED, (TRY, "smtp:kim@h:587", "s3cret"))

    assert status == "locked"
    assert "keyring is locked" in message and "ask for the password each time" in message
