"""Notifications on a real notification server (dunst on a private D-Bus): a prompt's
notification is shown once, literally, and withdrawn when the prompt is settled."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

from tests.desktop.conftest import Desktop

pytestmark = pytest.mark.desktop
ROOT = Path(__file__).resolve().parents[2]
TITLE = "it's <b>\"urgent\"</b> & 'quoted' \\ [1]"

SCRIPT = textwrap.dedent("""
    import json, subprocess, sys, time
    from datetime import datetime, timezone
    from app.domain.commands import NewRequest
    from app.domain.model import Direction, PromptKind
    from app.notifier import NotifierChain
    from app.scheduler import Prompt
    from app.service import Promptly
    from tests.conftest import FakeClock
    import ui.notifier
    from ui.notifier import Announcer, FreedesktopNotifier

    # dunst 1.9 cannot clear its history: a name of its own keeps this out of the tray app's test
    ui.notifier.APP_NAME = "Promptly notification test"

    def displayed():
        return int(subprocess.run(["dunstctl", "count", "displayed"], capture_output=True,
                                  text=True).stdout or 0)

    now = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
    core = Promptly.open(sys.argv[1], FakeClock(now))
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", sys.argv[2]))
    prompt = Prompt(PromptKind.RESPOND, request, "respond@x", now)
    announcer = Announcer(NotifierChain([FreedesktopNotifier()]))
    used = announcer.announce([prompt], [], now=now, zone=timezone.utc, style="native")
    time.sleep(0.5)
    shown = displayed()
    announcer.withdraw([prompt])
    time.sleep(0.5)
    print(json.dumps({"used": used, "shown": shown, "after": displayed()}))
""")



def test_a_settled_prompt_takes_its_notification_with_it(desktop: Desktop, tmp_path):
    desktop.clear_notifications()
    done = desktop.run(sys.executable, "-c", SCRIPT, str(tmp_path / "p.db"), TITLE,
                       env={"QT_QPA_PLATFORM": "offscreen"}, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result == {"used": "freedesktop", "shown": 1, "after": 0}
    [shown] = [n for n in desktop.notifications() if n.get("appname") == "Promptly notification test"]
    assert shown["summary"] == TITLE  # plain text: markup, quotes and backslashes kept
