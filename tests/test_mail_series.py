"""``reportdiff email --series DIR``: the newest pair once, never twice, against a real SMTP server."""

from __future__ import annotations

import asyncio
import email
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from email.policy import default as default_policy
from pathlib import Path

import pytest
from test_mail import SNAPSHOTS, Inbox, free_port, start
from test_mail import smtp_env as smtp_env  # noqa: F401 - the fixture, shared

from reportdiff.cli import run
from reportdiff.comparison import compare
from reportdiff.ingest import load
from reportdiff.mail import default_subject
from reportdiff.mail.series import read_state, settled

TO = "styrelsen@region.example"
LONG_AGO = time.time() - 3600


@pytest.fixture
def server(smtp_env):
    inbox = Inbox()
    controller = start(inbox)
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(controller.port))
    smtp_env.setenv("REPORTDIFF_SMTP_TLS", "none")
    yield inbox
    controller.stop()


def land(folder: Path, snapshot: str, name: str) -> Path:
    """A month's report lands in the folder (named unlike its date: order comes from the report)."""
    source = SNAPSHOTS / snapshot
    if not source.exists():
        pytest.skip(f"{source} is not there")
    target = folder / name
    shutil.copy(source, target)
    os.utime(target, (LONG_AGO, LONG_AGO))  # written a while ago: settled
    return target


def subjects(inbox: Inbox) -> list[str]:
    return [email.message_from_bytes(e.content, policy=default_policy)["Subject"] for e in inbox.envelopes]


def message_ids(inbox: Inbox) -> list[str]:
    return [email.message_from_bytes(e.content, policy=default_policy)["Message-ID"] for e in inbox.envelopes]


def pair_subject(old: Path, new: Path) -> str:
    return default_subject(compare(load(old), load(new)), "sv")


def send_series(folder: Path, *extra: str) -> int:
    return run(["email", "--series", str(folder), "--to", TO, "--settle", "0", *extra])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "inkommande"
    path.mkdir()
    return path


def test_three_runs_and_one_new_report_send_two_messages(server, folder, capsys) -> None:
    march = land(folder, "2025-03.md", "rapport-c.md")
    april = land(folder, "2025-04.md", "rapport-b.md")
    assert send_series(folder) == 0, capsys.readouterr().err
    assert "sent rapport-c.md → rapport-b.md to 1 recipient(s)" in capsys.readouterr().err
    assert send_series(folder) == 0
    assert "nothing new: rapport-b.md was sent" in capsys.readouterr().err
    may = land(folder, "2025-05.md", "rapport-a.md")
    assert send_series(folder) == 0
    assert "sent rapport-b.md → rapport-a.md" in capsys.readouterr().err
    assert subjects(server) == [pair_subject(march, april), pair_subject(april, may)]
    assert "mars 2025" in subjects(server)[0] and "maj 2025" in subjects(server)[1]
    assert all(str(folder) not in subject and "inkommande" not in subject for subject in subjects(server))


def test_dry_run_shows_the_message_and_changes_nothing(server, folder, tmp_path, capsys) -> None:
    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")
    target = tmp_path / "utkast.eml"
    assert send_series(folder, "--dry-run", "-o", str(target)) == 0
    err = capsys.readouterr().err
    assert f"would send mars.md → april.md to {TO}: Ändringar i " in err
    assert email.message_from_bytes(target.read_bytes(), policy=default_policy)["To"] == TO
    assert server.envelopes == [] and not list((tmp_path / "state").rglob("*.json"))
    assert send_series(folder) == 0 and len(server.envelopes) == 1  # and the real run still sends


def test_failed_send_keeps_the_message_and_the_state(smtp_env, folder, tmp_path, capsys) -> None:
    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")
    state = tmp_path / "tillstand.json"
    smtp_env.setenv("REPORTDIFF_SMTP_TLS", "none")
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(free_port()))  # nothing listens there
    assert send_series(folder, "--since-state", str(state)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "connection refused" in err and "kept in" in err
    [kept] = (tmp_path / "state" / "outbox").glob("*.eml")
    assert read_state(state).sent is None and read_state(state).pending is None
    # the server is back: the next run sends, and the kept copy of the same message leaves the outbox
    inbox = Inbox()
    controller = start(inbox)
    try:
        smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(controller.port))
        assert send_series(folder, "--since-state", str(state)) == 0, capsys.readouterr().err
    finally:
        controller.stop()
    assert len(inbox.envelopes) == 1 and read_state(state).sent.new == "april.md"
    assert not kept.exists()


def test_a_crash_between_sending_and_recording_sends_again_with_the_same_message_id(
    server, folder, smtp_env, capsys
) -> None:
    """At least once: the pair is sent again, with the Message-ID of the first, and then never again."""
    import reportdiff.mail.series as series

    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the power goes, the job is killed: after the server took the message

    with smtp_env.context() as patch:
        patch.setattr(series, "record_sent", crash)
        assert send_series(folder) == 130
    assert len(server.envelopes) == 1
    capsys.readouterr()
    assert send_series(folder) == 0
    err = capsys.readouterr().err
    assert "may have sent april.md without recording it" in err and "same Message-ID" in err
    assert len(server.envelopes) == 2 and message_ids(server)[0] == message_ids(server)[1]
    assert send_series(folder) == 0 and len(server.envelopes) == 2
    assert "nothing new" in capsys.readouterr().err


class SlowInbox(Inbox):
    """Holds each message at DATA until released, so a second run can start meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.arrived.set()
        while not self.release.is_set():
            await asyncio.sleep(0.02)
        return await super().handle_DATA(server, session, envelope)


def test_two_runs_at_once_one_sends_the_other_sees_the_lock(smtp_env, folder, tmp_path, capsys) -> None:
    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")
    inbox = SlowInbox()
    controller = start(inbox)
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(controller.port))
    smtp_env.setenv("REPORTDIFF_SMTP_TLS", "none")
    statuses: list[int] = []
    first = threading.Thread(target=lambda: statuses.append(send_series(folder)))
    try:
        first.start()
        assert inbox.arrived.wait(20), "the first run never reached the server"
        second = subprocess.run(
            [sys.executable, "-m", "reportdiff", "email", "--series", str(folder), "--to", TO, "--settle", "0"],
            capture_output=True,
            text=True,
            timeout=60,
            env=os.environ.copy(),
        )
        assert second.returncode == 0, second.stderr
        assert "another run is sending" in second.stderr and "nothing sent" in second.stderr
        assert f"process {os.getpid()}" in second.stderr  # who holds the lock
    finally:
        inbox.release.set()
        first.join(30)
        controller.stop()
    assert statuses == [0] and len(inbox.envelopes) == 1


# -- reports still being written ----------------------------------------------------------------------


def test_reports_still_being_written_are_left_for_the_next_run(folder) -> None:
    now = time.time()
    complete = folder / "Rapport april.docx"
    open_in_word = folder / "Regiondirektorens rapport maj.docx"
    fresh = folder / "juni.md"
    growing = folder / "juli.md"
    for path in (complete, open_in_word, fresh, growing):
        path.write_bytes(b"PK\x03\x04 data")
        os.utime(path, (now - 3600, now - 3600))
    (folder / "~$giondirektorens rapport maj.docx").write_bytes(b"owner")  # Word's lock file
    os.utime(fresh, (now - 30, now - 30))

    def meanwhile(seconds: float) -> None:  # while we look, a copy goes on writing (keeping the old time)
        with growing.open("ab") as handle:
            handle.write(b"more")
        os.utime(growing, (now - 3600, now - 3600))

    ready, notes = settled([complete, open_in_word, fresh, growing], settle=300, now=now, sleep=meanwhile)
    assert ready == [complete]
    assert "a lock file ~$giondirektorens rapport maj.docx is beside it" in notes[0]
    assert "juni.md: left for the next run (changed 30 s ago; settle time 300 s)" == notes[1]
    assert "juli.md" in notes[2] and "size is changing" in notes[2]


def test_the_newest_complete_pair_is_sent_and_the_open_one_next_time(server, folder, capsys) -> None:
    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")
    may = land(folder, "2025-05.md", "maj.md")
    os.utime(may, None)  # just now
    assert run(["email", "--series", str(folder), "--to", TO, "--settle", "120"]) == 0
    err = capsys.readouterr().err
    assert "maj.md: left for the next run (changed 0 s ago; settle time 120 s)" in err
    assert "sent mars.md → april.md" in err
    os.utime(may, (LONG_AGO, LONG_AGO))
    assert run(["email", "--series", str(folder), "--to", TO, "--settle", "120"]) == 0
    assert "sent april.md → maj.md" in capsys.readouterr().err
    assert len(server.envelopes) == 2


def test_one_report_is_nothing_to_send_yet(server, folder, capsys) -> None:
    land(folder, "2025-03.md", "mars.md")
    assert send_series(folder) == 0
    assert "1 complete report(s) in inkommande; nothing to send yet" in capsys.readouterr().err
    assert server.envelopes == []


def test_state_file_is_json_that_names_the_pair(server, folder, tmp_path) -> None:
    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")
    state = tmp_path / "tillstand.json"
    assert send_series(folder, "--since-state", str(state)) == 0
    data = json.loads(state.read_text(encoding="utf-8"))
    assert data["format"] == "reportdiff.trend.series-state/1" and data["pending"] is None
    assert (data["sent"]["old"], data["sent"]["new"]) == ("mars.md", "april.md")
    assert data["sent"]["message_id"] == message_ids(server)[0]
    state.write_text("{not json", encoding="utf-8")
    assert send_series(folder, "--since-state", str(state)) == 2  # a broken state file is never guessed at


def test_diff_and_check_take_the_newest_pair_too(folder, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / "cache"))
    march = land(folder, "2025-03.md", "c.md")
    april = land(folder, "2025-04.md", "b.md")
    may = land(folder, "2025-05.md", "a.md")
    out = tmp_path / "ut"
    out.mkdir()
    assert run(["diff", "--series", str(folder), "--format", "json", "-o", str(out / "series.json")]) == 1
    assert run(["diff", str(april), str(may), "--format", "json", "-o", str(out / "pair.json")]) == 1
    assert (out / "series.json").read_bytes() == (out / "pair.json").read_bytes()
    assert f"{april} → {may}" in capsys.readouterr().err
    assert run(["check", "--series", str(folder), "--format", "json", "-o", str(out / "c1.json")]) in (0, 1)
    assert run(["check", str(may), "--previous", str(april), "--format", "json", "-o", str(out / "c2.json")]) in (0, 1)
    assert (out / "c1.json").read_bytes() == (out / "c2.json").read_bytes()
    assert run(["diff", "--series", str(folder), str(march), str(april)]) == 2
    assert run(["check", "--series", str(folder), "--previous", str(march)]) == 2


def test_a_partial_delivery_is_recorded_and_not_sent_again(smtp_env, folder, tmp_path, capsys) -> None:
    """Those who got it must not get it again every 15 minutes; the refused one waits in the outbox."""

    class Refusing(Inbox):
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
            if address.startswith("fel"):
                return "550 5.1.1 No such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")
    inbox = Refusing()
    controller = start(inbox)
    try:
        smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(controller.port))
        smtp_env.setenv("REPORTDIFF_SMTP_TLS", "none")
        assert send_series(folder, "--to", "fel@region.example") == 2
        err = capsys.readouterr().err
        assert "fel@region.example (550 5.1.1 No such user)" in err and "delivered to 1 of 2" in err
        assert send_series(folder, "--to", "fel@region.example") == 0
        assert "nothing new" in capsys.readouterr().err
    finally:
        controller.stop()
    assert [envelope.rcpt_tos for envelope in inbox.envelopes] == [[TO]]
    [kept] = (tmp_path / "state" / "outbox").glob("*.eml")
    from reportdiff.mail.outbox import read_kept

    assert read_kept(kept)[1] == ["fel@region.example"]


def test_word_lock_files_are_never_taken_for_reports(folder) -> None:
    from reportdiff.trend.series import expand_paths

    land(folder, "2025-03.md", "mars.docx.md")
    (folder / "~$rs.docx.md").write_bytes(b"\x00owner")
    assert [path.name for path in expand_paths([str(folder)])] == ["mars.docx.md"]


def test_every_recipient_refused_leaves_the_state_for_the_next_run(smtp_env, folder, tmp_path, capsys) -> None:
    class RefusingAll(Inbox):
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
            return "550 5.7.1 Relaying denied"

    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")
    state = tmp_path / "tillstand.json"
    controller = start(RefusingAll())
    try:
        smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(controller.port))
        smtp_env.setenv("REPORTDIFF_SMTP_TLS", "none")
        assert send_series(folder, "--since-state", str(state)) == 2
    finally:
        controller.stop()
    err = capsys.readouterr().err
    assert f"{TO} (550 5.7.1 Relaying denied)" in err and "nothing sent" in err
    assert read_state(state).sent is None and read_state(state).pending is None


def test_quiet_runs_say_nothing_unless_they_send_or_fail(server, folder, smtp_env, capsys) -> None:
    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")
    land(folder, "2025-05.md", "maj.md")
    (folder / "~$j.md").write_bytes(b"owner")  # maj.md is open: a note that is held back
    assert send_series(folder, "--quiet") == 0
    err = capsys.readouterr().err
    assert "maj.md: left for the next run" in err and "sent mars.md → april.md" in err  # it sent: all of it
    assert send_series(folder, "--quiet") == 0
    assert capsys.readouterr().err == ""  # nothing new, nothing said
    assert send_series(folder, "--quiet", "--dry-run", "-o", os.devnull) == 0
    assert "nothing new" in capsys.readouterr().err  # a dry run always says
    (folder / "~$j.md").unlink()
    smtp_env.setenv("REPORTDIFF_SMTP_PORT", str(free_port()))
    assert send_series(folder, "--quiet") == 2
    err = capsys.readouterr().err
    assert "connection refused" in err


def test_series_settings_from_the_config_file(server, folder, tmp_path, capsys) -> None:
    """[tool.reportdiff.email] can hold the recipients, the settle time and the state file; a flag wins."""
    land(folder, "2025-03.md", "mars.md")
    land(folder, "2025-04.md", "april.md")
    state = tmp_path / "fran-filen.json"
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.reportdiff.email]\nto = "{TO}"\nsettle = 0\nsince_state = "{state}"\nretries = 0\n',
        encoding="utf-8",
    )
    assert run(["email", "--series", str(folder)]) == 0, capsys.readouterr().err
    assert read_state(state).sent.new == "april.md" and server.envelopes[0].rcpt_tos == [TO]
    other = tmp_path / "fran-flaggan.json"
    assert run(["email", "--series", str(folder), "--since-state", str(other), "--to", "b@region.example"]) == 0
    assert read_state(other).sent.new == "april.md" and server.envelopes[1].rcpt_tos == ["b@region.example"]
