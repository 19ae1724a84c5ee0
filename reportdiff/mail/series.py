"""``reportdiff email --series DIR``: send the newest pair of a folder once, and never twice.

A run (meant for cron or a systemd timer):

1. takes a lock beside the state file; a second run at the same time sees it and sends nothing;
2. leaves out reports still being written (:func:`settled`): a Word lock file ``~$…`` beside it,
   changed less than the settle time ago, or a size that changes while we look;
3. orders the rest by the reports' own dates (as ``trend`` does) and takes the newest two;
4. sends nothing when the state file says the newest was sent already;
5. records *pending* in the state file, sends, then records *sent*.

Delivery is at least once. SMTP cannot make it exactly once: the run can stop after the server
took the message and before the state file says so. Then the next run finds the pending record
and sends the same pair again, with the same Message-ID (see
:func:`reportdiff.render.email_message.stable_message_id`), so mail clients can drop the duplicate.
Recording first and sending after (at most once) would lose the month's message instead, silently.
A send that fails keeps the message in the outbox and leaves the state as it was, so the next run
tries again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import IO, Any

from reportdiff.errors import ConfigError, InputError

STATE_FORMAT = "reportdiff.trend.series-state/1"
DEFAULT_SETTLE = 300.0  # seconds: a report changed more recently than this is left for the next run
SIZE_WATCH = 1.0  # seconds between two looks at the sizes


@dataclass(slots=True)
class PairRecord:
    """Which pair a message was (or is being) sent for."""

    old: str  # file names, not paths
    new: str
    old_key: str  # content keys (sha256 of the bytes + reader version)
    new_key: str
    message_id: str
    subject: str
    at: str  # UTC, ISO 8601
    undelivered: list[str] = field(default_factory=list)  # refused or deferred; kept in the outbox


@dataclass(slots=True)
class SeriesState:
    sent: PairRecord | None = None
    pending: PairRecord | None = None  # written before sending; cleared when the send is recorded


# -- still being written? ---------------------------------------------------------------------------


def settled(
    paths: Sequence[Path],
    settle: float = DEFAULT_SETTLE,
    now: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[list[Path], list[str]]:
    """The reports that are complete, and a note for each one left for the next run.

    ``settle`` 0 turns off the age and size rules (the lock-file rule stays).
    """
    notes: dict[Path, str] = {}
    for path in paths:
        lock = _lock_file_of(path)
        if lock is not None:
            notes[path] = f"{path.name}: left for the next run (a lock file {lock.name} is beside it: still open)"
    if settle > 0:
        now = time.time() if now is None else now
        first = {path: _look(path) for path in paths if path not in notes}
        for path, (_, mtime) in first.items():
            if now - mtime < settle:
                age = max(0.0, now - mtime)
                notes[path] = f"{path.name}: left for the next run (changed {age:.0f} s ago; settle time {settle:g} s)"
        watched = [path for path in first if path not in notes]
        if watched:
            sleep(min(SIZE_WATCH, settle))
            for path in watched:
                if _look(path) != first[path]:
                    notes[path] = f"{path.name}: left for the next run (its size is changing: still being written)"
    return [path for path in paths if path not in notes], [notes[path] for path in paths if path in notes]


def _look(path: Path) -> tuple[int, float]:
    try:
        stat = path.stat()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    return stat.st_size, stat.st_mtime


def _lock_file_of(path: Path) -> Path | None:
    """Word's ``~$…`` owner file (the name, its first characters replaced) or LibreOffice's ``.~lock.…#``."""
    try:
        siblings = list(path.parent.iterdir())
    except OSError:
        return None
    for sibling in siblings:
        name = sibling.name
        if name == f".~lock.{path.name}#":
            return sibling
        if name.startswith("~$") and len(name) > 2 and path.name.endswith(name[2:]) and len(name) >= len(path.name):
            return sibling
    return None


# -- the state file and its lock --------------------------------------------------------------------


def default_state_path(folder: Path, to: Sequence[str], cc: Sequence[str]) -> Path:
    """One state file per folder and list of recipients, in the user's state folder."""
    from reportdiff.mail.settings import state_folder

    resolved = str(folder.resolve())
    digest = hashlib.sha256(json.dumps([resolved, sorted(to), sorted(cc)]).encode()).hexdigest()[:16]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", folder.resolve().name).strip("-")[:40] or "folder"
    return state_folder() / "series" / f"{slug}-{digest}.json"


def read_state(path: Path) -> SeriesState:
    if not path.exists():
        return SeriesState()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != STATE_FORMAT:
            raise ValueError(f"not {STATE_FORMAT}")
        return SeriesState(
            sent=PairRecord(**data["sent"]) if data.get("sent") else None,
            pending=PairRecord(**data["pending"]) if data.get("pending") else None,
        )
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as error:
        raise ConfigError(f"{path}: cannot read the state file ({error}); move it away to start afresh") from None


def write_state(path: Path, state: SeriesState) -> None:
    """Written atomically (a temporary file and a rename): a crash leaves the old state or the new."""
    from reportdiff.render.output import write_output

    data: dict[str, Any] = {"format": STATE_FORMAT}
    data["sent"] = asdict(state.sent) if state.sent else None
    data["pending"] = asdict(state.pending) if state.pending else None
    _make_folder(path.parent)
    write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", str(path))


@contextmanager
def state_lock(state_path: Path) -> Iterator[str | None]:
    """Hold ``<state>.lock`` for the run; yields None when held, or who holds it (another run)."""
    lock_path = state_path.with_name(state_path.name + ".lock")
    _make_folder(lock_path.parent)
    try:
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole run
    except OSError as error:
        raise ConfigError(f"{lock_path}: cannot open the lock file ({error.strerror or error})") from None
    try:
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            yield f"{lock_path} is held by {holder}"
            return
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()} since {_now()}\n")
        handle.flush()
        yield None
    finally:
        handle.close()  # closing releases the lock


def _try_lock(handle: IO[str]) -> bool:
    handle.seek(0)  # msvcrt locks bytes from the current position: every run must lock the same byte
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # Windows only
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(f"{folder}: cannot create the state folder ({error.strerror or error})") from None


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def pair_record(old: Any, new: Any, message: EmailMessage) -> PairRecord:
    """``old``/``new`` are :class:`reportdiff.trend.series.LoadedReport`."""
    return PairRecord(
        old=Path(old.report.source).name,
        new=Path(new.report.source).name,
        old_key=old.key,
        new_key=new.key,
        message_id=str(message["Message-ID"]),
        subject=str(message["Subject"]),
        at=_now(),
    )


# -- one run ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class SeriesJob:
    """What ``reportdiff email --series`` was asked to do."""

    folder: Path
    to: Sequence[str]
    cc: Sequence[str] = ()
    subject: str | None = None
    link: str | None = None
    lang: str = "auto"  # "auto", "sv" or "en"
    state_path: Path | None = None  # None: default_state_path()
    settle: float = DEFAULT_SETTLE
    dry_run: bool = False
    output: str | None = None  # with dry_run: where the .eml goes (None: stdout)
    quiet: bool = False  # say nothing when nothing is sent
    rules: Callable[[], Any] = lambda: None  # the summary's rules (classify.Rules), read when a pair is sent


def send_series(
    job: SeriesJob,
    settings: Any,
    echo: Callable[[str], None],
    before_send: Callable[[], None] = lambda: None,
) -> None:
    """One scheduled run: send the newest settled pair unless it was sent already. Says what it did.

    With ``job.quiet`` a run that sends nothing says nothing (cron mails whatever a job prints);
    a run that sends, or fails, says everything.
    """
    from reportdiff.trend.series import expand_paths

    held: list[str] = []
    holding = job.quiet and not job.dry_run

    def say(line: str) -> None:
        (held.append if holding else echo)(line)

    def sending() -> None:
        nonlocal holding
        holding = False
        for line in held:
            echo(line)
        held.clear()
        before_send()

    try:
        paths = expand_paths([str(job.folder)])
        state_path = job.state_path or default_state_path(job.folder, job.to, job.cc)
        if job.dry_run:
            _run(job, paths, state_path, settings, say, sending)
            return
        with state_lock(state_path) as holder:
            if holder is not None:
                say(f"another run is sending: {holder}; nothing sent")
                return
            _run(job, paths, state_path, settings, say, sending)
    except BaseException:
        for line in held:  # what led up to a failure belongs with it
            echo(line)
        raise


def _run(
    job: SeriesJob,
    paths: list[Path],
    state_path: Path,
    settings: Any,
    echo: Callable[[str], None],
    before_send: Callable[[], None],
) -> None:
    """The run under the state lock: pick the pair, skip it if sent, build, send or keep, record.

    Over 60 lines: the steps share the lock, the state and the messages to ``echo``, and the order
    (record only after a delivery) is the point; see docs/email-schedule.md.
    """
    from reportdiff.comparison import compare
    from reportdiff.errors import SendError
    from reportdiff.mail.outbox import PartialDelivery, deliver
    from reportdiff.render.email_message import build_message
    from reportdiff.render.labels import detect_lang
    from reportdiff.render.options import RenderOptions
    from reportdiff.render.output import write_output
    from reportdiff.trend.cache import ReportCache
    from reportdiff.trend.series import newest_pair

    state = read_state(state_path)
    ready, notes = settled(paths, job.settle)
    for note in notes:
        echo(note)
    if len(ready) < 2:
        echo(f"{len(ready)} complete report(s) in {job.folder.name or job.folder}; nothing to send yet")
        return
    old, new, warnings = newest_pair(ready, ReportCache())
    for warning in warnings:
        echo(f"warning: {warning}")
    name_old, name_new = Path(old.report.source).name, Path(new.report.source).name
    if state.sent is not None and state.sent.new_key == new.key:
        echo(f"nothing new: {name_new} was sent {state.sent.at} ({state.sent.old} → {state.sent.new}); nothing sent")
        return
    reports = (old.report, new.report)
    lang = detect_lang(*reports) if job.lang == "auto" else job.lang
    diff = compare(reports[0], reports[1], rules=job.rules())
    message = build_message(
        diff, RenderOptions(lang=lang, full_report_link=job.link), job.to, settings.sender, job.cc, job.subject
    )
    record = pair_record(old, new, message)
    if job.dry_run:
        echo(f"would send {name_old} → {name_new} to {', '.join([*job.to, *job.cc])}: {record.subject}")
        write_output(message.as_bytes(), job.output)
        return
    if state.pending is not None and state.pending.new_key == new.key:
        same = state.pending.message_id == record.message_id
        echo(
            f"a run that began {state.pending.at} may have sent {name_new} without recording it; sending again "
            + (
                f"with the same Message-ID {record.message_id}, so mail clients can drop a duplicate"
                if same
                else f"as a new message {record.message_id} (subject, recipients or link differ from that run's)"
            )
        )
    settings.require_host()
    before_send()
    write_state(state_path, SeriesState(sent=state.sent, pending=record))
    try:
        delivery = deliver(message, settings)
    except PartialDelivery as error:
        # Some have it: sending the pair again would reach them twice. The others wait in the outbox.
        record.undelivered = error.delivery.undelivered()
        record_sent(state_path, record)
        raise
    except SendError:
        write_state(state_path, state)  # nobody has it: as it was, so the next run tries again
        raise
    # A crash or Ctrl-C inside deliver() leaves the pending record: the next run sends again.
    record_sent(state_path, record)
    echo(f"sent {name_old} → {name_new} to {len(delivery.accepted)} recipient(s) via {settings.host}")


def record_sent(state_path: Path, record: PairRecord) -> None:
    """The last step of a run: after it, the next run knows this pair was sent."""
    write_state(state_path, SeriesState(sent=record, pending=None))
