"""The schedule in docs/email-schedule.md works as written: its command, run twice, sends one message."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from test_mail import SNAPSHOTS, Inbox, start

pytest.importorskip("aiosmtpd", reason="aiosmtpd is a dev dependency: pip install -e .[dev]")

DOC = Path(__file__).resolve().parent.parent / "docs" / "email-schedule.md"


def fenced(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def documented_commands() -> tuple[list[str], list[str], Path, dict]:
    """The cron line's and the service's command (arguments after the program), the working
    directory they run in, and the documented reportdiff.toml."""
    [cron] = fenced("cron")
    line = next(line for line in cron.splitlines() if line.strip() and not line.startswith("#"))
    fields = line.split(None, 5)
    assert len(fields) == 6, f"a cron line has five time fields and a command: {line!r}"
    workdir, command = re.fullmatch(r"cd (\S+) && (.+)", fields[5]).groups()
    cron_argv = shlex.split(command)
    service = next(block for block in fenced("ini") if "ExecStart=" in block)
    exec_start = re.search(r"^ExecStart=(.+)$", service, re.MULTILINE).group(1)
    service_dir = re.search(r"^WorkingDirectory=(.+)$", service, re.MULTILINE).group(1)
    service_argv = shlex.split(exec_start)
    assert Path(service_argv[0]).name == cron_argv[0] == "reportdiff"
    assert service_argv[1:] == cron_argv[1:] and service_dir == workdir  # the two ways run the same command
    [toml] = fenced("toml")
    return cron_argv[1:], service_argv[1:], Path(workdir), tomllib.loads(toml)


def test_the_timer_unit_is_valid_calendar() -> None:
    timer = next(block for block in fenced("ini") if "[Timer]" in block)
    calendar = re.search(r"^OnCalendar=(.+)$", timer, re.MULTILINE).group(1)
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    result = subprocess.run([analyze, "calendar", calendar], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_the_documented_command_twice_sends_one_message(tmp_path: Path) -> None:
    arguments, _, workdir, config = documented_commands()
    folder_argument = arguments[arguments.index("--series") + 1]
    # the documented working directory, made here, with two reports landed an hour ago
    root = tmp_path / workdir.relative_to(workdir.anchor)
    (root / folder_argument).mkdir(parents=True)
    for name in ("2025-04.md", "2025-05.md"):
        if not (SNAPSHOTS / name).exists():
            pytest.skip(f"snapshots/{name} is not there")
        target = root / folder_argument / name
        shutil.copy(SNAPSHOTS / name, target)
        os.utime(target, (time.time() - 3600, time.time() - 3600))
    inbox = Inbox()
    controller = start(inbox)
    try:
        email = dict(config["email"], host="127.0.0.1", port=controller.port, tls="none")  # the test's server
        lines = [
            "[email]",
            *(f"{key} = {value!r}" if isinstance(value, int) else f'{key} = "{value}"' for key, value in email.items()),
        ]
        (root / "reportdiff.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        environment = {key: value for key, value in os.environ.items() if not key.startswith("REPORTDIFF_")} | {
            "REPORTDIFF_STATE_DIR": str(tmp_path / "state"),
            "REPORTDIFF_CACHE_DIR": str(tmp_path / "cache"),
        }
        runs = [
            subprocess.run(
                [sys.executable, "-m", "reportdiff", *arguments],
                cwd=root,
                env=environment,
                capture_output=True,
                text=True,
                timeout=120,
            )
            for _ in range(2)
        ]
    finally:
        controller.stop()
    assert [run.returncode for run in runs] == [0, 0], [run.stderr for run in runs]
    assert "sent 2025-04.md → 2025-05.md" in runs[0].stderr
    assert runs[1].stderr == "" if "--quiet" in arguments else "nothing new" in runs[1].stderr
    assert len(inbox.envelopes) == 1
    assert inbox.envelopes[0].rcpt_tos == [arguments[arguments.index("--to") + 1]]
