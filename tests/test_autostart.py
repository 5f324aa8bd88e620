"""The login item on each platform: written, recognised, removed."""

from __future__ import annotations

import plistlib
import shutil
import subprocess

import pytest

from app.autostart import APP_ID, RUN_KEY, Autostart, AutostartError, desktop_exec

COMMAND = ["/opt/Promptly Apps/promptly", "--from-login"]


def test_the_xdg_entry_is_written_in_xdg_config_home_and_removed(tmp_path):
    autostart = Autostart("linux", {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path)})
    assert not autostart.enabled()

    autostart.set(True, COMMAND)

    entry = tmp_path / "cfg" / "autostart" / f"{APP_ID}.desktop"
    assert autostart.path() == entry and autostart.enabled()
    text = entry.read_text()
    assert 'Exec="/opt/Promptly Apps/promptly" --from-login' in text
    autostart.set(False)
    assert not entry.exists() and not autostart.enabled()
    autostart.disable()  # removing twice is fine


def test_without_xdg_config_home_the_entry_goes_to_dot_config(tmp_path):
    autostart = Autostart("linux", {"HOME": str(tmp_path)})
    assert autostart.path() == tmp_path / ".config" / "autostart" / f"{APP_ID}.desktop"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="needs desktop-file-utils")
def test_the_xdg_entry_passes_desktop_file_validate(tmp_path):
    autostart = Autostart("linux", {"XDG_CONFIG_HOME": str(tmp_path)})
    autostart.enable(["/usr/bin/python3", "-m", "app", "it's $HOME 100%"])

    result = subprocess.run(["desktop-file-validate", str(autostart.path())], capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_exec_quoting_follows_the_desktop_entry_spec():
    assert desktop_exec(["/usr/bin/promptly"]) == "/usr/bin/promptly"
    # quoted: space; inside quotes " ` $ \ get a backslash; then string escaping doubles it
    assert desktop_exec(['/a b/p', 'x"y', "$HOME", "50%"]) == r'"/a b/p" "x\\"y" "\\$HOME" 50%%'


def test_an_unwritable_folder_is_reported_with_its_path(tmp_path):
    blocker = tmp_path / "cfg"
    blocker.write_text("a file where the folder should be")
    autostart = Autostart("linux", {"XDG_CONFIG_HOME": str(blocker)})
    with pytest.raises(AutostartError, match="cannot write the login item .*cfg/autostart"):
        autostart.enable(COMMAND)


def test_the_macos_launch_agent_runs_at_load(tmp_path):
    autostart = Autostart("darwin", {"HOME": str(tmp_path)})

    autostart.enable(COMMAND)

    path = tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent == {"Label": APP_ID, "ProgramArguments": COMMAND, "RunAtLoad": True,
                     "ProcessType": "Interactive"}
    assert autostart.enabled()
    autostart.disable()
    assert not path.exists()


class Registry:
    """The part of `winreg` the Run key needs, over a dict (winreg exists only on Windows)."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self):
        self.keys: dict[tuple[str, str], dict[str, tuple[int, str]]] = {}

    class _Key:
        def __init__(self, values):
            self.values = values

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def CreateKey(self, root, path):
        return self._Key(self.keys.setdefault((root, path), {}))

    def OpenKey(self, root, path, reserved=0, access=0):
        if (root, path) not in self.keys:
            raise FileNotFoundError(path)
        return self._Key(self.keys[(root, path)])

    def SetValueEx(self, key, name, reserved, kind, value):
        key.values[name] = (kind, value)

    def QueryValueEx(self, key, name):
        if name not in key.values:
            raise FileNotFoundError(name)
        kind, value = key.values[name]
        return value, kind

    def DeleteValue(self, key, name):
        if name not in key.values:
            raise FileNotFoundError(name)
        del key.values[name]


def test_the_windows_run_value_holds_a_quoted_command_line():
    registry = Registry()
    autostart = Autostart("win32", {}, registry=registry)
    assert not autostart.enabled()

    autostart.enable([r"C:\Program Files\Promptly\Promptly.exe"])

    assert registry.keys[("HKCU", RUN_KEY)]["Promptly"] == (1, r'"C:\Program Files\Promptly\Promptly.exe"')
    assert autostart.enabled()
    assert autostart.location().startswith("HKEY_CURRENT_USER\\Software\\Microsoft")
    autostart.disable()
    autostart.disable()
    assert not autostart.enabled()
