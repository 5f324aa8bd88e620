"""Running the real `promptly` command in a subprocess, for the CLI tests and the benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def promptly_command() -> list[str]:
    """The installed console script of this venv, else the module."""
    script = Path(sys.executable).with_name("promptly")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui"]


def private_runtime_dir(path: Path) -> Path:
    """An XDG_RUNTIME_DIR platformdirs accepts: owned by us, mode 0700 (else it falls back to the
    shared default, where a real tray app may listen)."""
    path.mkdir(mode=0o700, exist_ok=True)
    path.chmod(0o700)
    return path


def isolated_env(runtime_dir: Path, **extra: str) -> dict[str, str]:
    """The caller's environment minus anything that would reach a real database or tray app."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROMPTLY_")}
    env.update(XDG_RUNTIME_DIR=str(runtime_dir), TZ="Europe/Berlin")
    env.pop("QT_QPA_PLATFORM", None)
    env.update(extra)
    return env


def run_promptly(args: list[str], env: dict[str, str], cwd: Path | None = None,
                 timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(promptly_command() + args, env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
