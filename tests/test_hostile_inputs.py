"""Hostile inputs through the real CLI: a correct result or a one-line error, in bounded time and memory.

Each input of the corpus (tests/hostile.py) goes through every command that reads a report, each
in its own process with a time-out. Whatever the input, the process must

- exit 0 or 1 with sane output, or exit 2 with exactly one ``reportdiff: error: ...`` line;
- never print a traceback, never hang (CPU time and wall time are bounded), never use more than
  ``MAX_PEAK_MB`` of memory (max RSS of that very process, from ``os.wait4``);
- leave its input untouched (content hash and mtime before and after);
- never leave a half-written output file behind.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import hostile
from tests.hostile import Outcome, fingerprint, run_cli

MAX_CPU_SECONDS = 20.0
MAX_WALL_SECONDS = 200.0  # generous: the CI machine may be shared; CPU time is the real bound
MAX_PEAK_MB = 1024.0
# 100 000 Markdown headings: linear, but markdown-it alone needs ~10 s for them (outline, text, check);
# diff is over the bounds, see test_hundred_thousand_headings_within_the_common_bound.
SLOW_CPU_SECONDS = 60.0

ERROR = {2}
RESULT = {0, 1}
EITHER = {0, 1, 2}

# (maker, the statuses allowed for the one-file commands, a note on what a correct result is)
CORPUS: list[tuple[Callable[[Path], Path], set[int], str]] = [
    (hostile.empty, ERROR, "empty file: 'the file is empty'"),
    (hostile.whitespace_only, ERROR, "only whitespace"),
    (hostile.binary, ERROR, "binary: 'not a text report'"),
    (hostile.nul_bytes, EITHER, "a few NULs in text: read it or refuse it, never crash"),
    (hostile.sparse_200mb, ERROR, "200 MB: refused by size before reading"),
    (hostile.one_megabyte_line, RESULT, "1 MB on one line"),
    (hostile.one_megabyte_word, RESULT, "1 MB without a space"),
    (hostile.many_headings, RESULT, "100 000 Markdown headings (CPU bound: SLOW_CPU_SECONDS)"),
    (hostile.many_headings_text, RESULT, "100 000 heading-like lines of plain text"),
    (hostile.deep_headings, RESULT, "###### right after #, 5 000 times"),
    (hostile.nested_lists, RESULT, "lists nested 1000 deep"),
    (hostile.nested_quotes, RESULT, "blockquotes nested 1000 deep"),
    (hostile.nested_brackets, RESULT, "20 000 nested brackets and emphasis markers"),
    (hostile.encoded("utf-8"), RESULT, "Swedish letters come out right"),
    (hostile.encoded("utf-8-bom"), RESULT, "Swedish letters come out right"),
    (hostile.encoded("utf-16-le-bom"), RESULT, "Swedish letters come out right"),
    (hostile.encoded("utf-16-be-bom"), RESULT, "Swedish letters come out right"),
    (hostile.encoded("cp1252"), RESULT, "Swedish letters come out right"),
    (hostile.encoded("cp1252-crlf"), RESULT, "Swedish letters come out right"),
    (hostile.encoded("latin-1"), RESULT, "Swedish letters come out right"),
    (hostile.encoded("cp850"), RESULT, "readable, no crash (letters: see test_legacy_codepages)"),
    (hostile.encoded("mac-roman"), RESULT, "readable, no crash (letters: see test_legacy_codepages)"),
    (hostile.mixed_line_endings, RESULT, "\\r\\n, \\r and \\n in one file"),
    (hostile.stray_boms, RESULT, "BOM at the start and U+FEFF inside"),
    (hostile.ansi_escapes, RESULT, "terminal escapes are data, never sent to the terminal"),
    (hostile.rich_markup, RESULT, "rich markup is shown literally"),
    (hostile.html_injection, RESULT, "HTML/JS is escaped"),
    (hostile.bidi_and_controls, RESULT, "bidi overrides and control characters"),
    (hostile.pdf_named_text, ERROR, "named .pdf, holds text"),
    (hostile.docx_named_text, ERROR, "named .docx, holds text"),
    (hostile.pdf_header_only, ERROR, "a PDF header and nothing else"),
    (hostile.pdf_garbage, ERROR, "a PDF header and garbage"),
    (hostile.real_pdf, RESULT, "a real PDF (control case)"),
    (hostile.truncated_pdf, EITHER, "half a PDF: pdfium may recover pages, or refuse"),
    (hostile.encrypted_pdf, ERROR, "encrypted PDF: 'password'"),
    (hostile.real_docx, RESULT, "a real DOCX (control case)"),
    (hostile.truncated_docx, ERROR, "half a DOCX"),
    (hostile.docx_without_document, ERROR, "a ZIP without word/document.xml"),
    (hostile.docx_broken_xml, ERROR, "document.xml cut off mid-tag"),
    (hostile.docx_corrupt_member, ERROR, "document.xml's deflate stream damaged"),
    (hostile.zip_bomb, ERROR, "300 MB of spaces in a DOCX"),
    (hostile.billion_laughs, ERROR, "entity expansion in document.xml"),
    (hostile.directory, ERROR, "a directory"),
    (hostile.missing, ERROR, "no such file"),
    (hostile.symlink_loop, ERROR, "a symlink loop"),
    (hostile.dangling_symlink, ERROR, "a symlink to nothing"),
    (hostile.unreadable, ERROR, "no read permission"),
    (hostile.fifo, ERROR, "a named pipe without a writer: refused at once, never a hang"),
    (hostile.dev_zero, ERROR, "/dev/zero: a device, refused before reading"),
    (hostile.dev_null, ERROR, "/dev/null: a device, refused before reading"),
]


def one_file_commands(path: str) -> list[list[str]]:
    return [
        ["outline", path],
        ["outline", path, "--format", "json"],
        ["text", path],
        ["figures", path],
        ["check", path],
        ["diff", "good.md", path, "--color", "never", "--no-pager"],
        ["diff", path, "good.md", "--format", "json"],
    ]


def assert_well_behaved(outcome: Outcome, allowed: set[int], max_cpu: float = MAX_CPU_SECONDS) -> None:
    """The contract every run must keep, whatever its input."""
    context = outcome.describe()
    assert outcome.status is not None, f"hung (killed after {outcome.wall:.0f} s): {context}"
    assert outcome.cpu < max_cpu and outcome.wall < MAX_WALL_SECONDS, f"too slow: {context}"
    assert outcome.peak_mb < MAX_PEAK_MB, f"too much memory: {context}"
    assert "Traceback" not in outcome.stderr, f"traceback: {context}"
    assert outcome.status in allowed, f"unexpected status: {context}"
    lines = outcome.stderr_lines
    assert all(line.startswith("reportdiff: ") for line in lines), f"stray stderr: {context}"
    errors = [line for line in lines if line.startswith("reportdiff: error:")]
    if outcome.status == 2:
        assert len(errors) == 1, f"want exactly one error line: {context}"
        assert len(errors[0]) < 400, f"error line too long: {context}"
    else:
        assert not errors, context
        if outcome.argv[0] != "check" and "-o" not in outcome.argv:
            assert outcome.stdout.strip(), f"no output: {context}"


def run_all(commands: list[list[str]], folder: Path, **kwargs) -> list[Outcome]:  # type: ignore[no-untyped-def]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda argv: run_cli(argv, folder, **kwargs), commands))


def _name(case: tuple[Callable[[Path], Path], set[int], str]) -> str:
    return case[0].__name__


@pytest.mark.parametrize("case", CORPUS, ids=_name)
def test_corpus(case: tuple[Callable[[Path], Path], set[int], str], tmp_path: Path) -> None:
    maker, allowed, _note = case
    if maker is hostile.unreadable and not hostile.can_drop_root_reading():
        pytest.skip("running as root without setpriv: a file without read permission is still readable")
    hostile.good_report(tmp_path)
    path = maker(tmp_path)
    before = fingerprint(path)
    commands = one_file_commands(str(path))
    if maker is hostile.many_headings:  # diff on it is over the bounds: the xfail test below
        commands = [argv for argv in commands if argv[0] != "diff"]
    outcomes = run_all(commands, tmp_path, timeout=MAX_WALL_SECONDS + 5, unprivileged=maker is hostile.unreadable)
    max_cpu = SLOW_CPU_SECONDS if maker is hostile.many_headings else MAX_CPU_SECONDS
    for outcome in outcomes:
        # check may exit 1 (an error finding) on a readable input; the others follow ``allowed``
        assert_well_behaved(outcome, allowed if allowed != RESULT or outcome.argv[0] != "check" else EITHER, max_cpu)
    if path.exists() and path.is_file():
        assert fingerprint(path) == before, "the input file was modified"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert not leftovers


@pytest.mark.xfail(
    strict=True,
    reason="100 000 Markdown headings: diff --format json needs ~24 s CPU and ~1.4 GB (markdown-it "
    "~9 s, alignment and diff ~4 s, the JSON of 100 000 section pairs ~10 s and most of the memory)",
)
def test_hundred_thousand_headings_within_the_common_bound(tmp_path: Path) -> None:
    hostile.good_report(tmp_path)
    path = hostile.many_headings(tmp_path)
    outcome = run_cli(["diff", "good.md", str(path), "--format", "json"], tmp_path)
    assert_well_behaved(outcome, RESULT)


def _text_of(path: Path, tmp_path: Path) -> str:
    outcome = run_cli(["text", str(path)], tmp_path)
    assert_well_behaved(outcome, RESULT)
    return outcome.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252", "cp1252-crlf", "latin-1"]
)
def test_swedish_letters_survive_every_encoding(encoding: str, tmp_path: Path) -> None:
    text = _text_of(hostile.encoded(encoding)(tmp_path), tmp_path)
    assert hostile.SWEDISH_LINE in text
    assert "\ufeff" not in text and "\r" not in text


@pytest.mark.parametrize("encoding", ["cp850", "mac-roman"])
def test_legacy_codepages(encoding: str, tmp_path: Path) -> None:
    """DOS (cp850) and old Mac files: å ä ö must come out right, not as cp1252 punctuation.

    Both put å ä ö in 0x80-0x9F, where cp1252 has quotes, daggers and ligatures that never sit
    between two letters of a word, so the choice is safe when a text has Swedish letters at all.
    """
    text = _text_of(hostile.encoded(encoding)(tmp_path), tmp_path)
    assert hostile.SWEDISH_LINE in text


def test_mixed_line_endings_give_the_same_text_as_unix(tmp_path: Path) -> None:
    mixed = hostile.mixed_line_endings(tmp_path)
    unix = tmp_path / "unix.md"
    unix.write_bytes(mixed.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n"))
    assert _text_of(mixed, tmp_path) == _text_of(unix, tmp_path)


def test_terminal_escapes_never_reach_the_terminal(tmp_path: Path) -> None:
    hostile.good_report(tmp_path)
    path = hostile.ansi_escapes(tmp_path)
    for argv in (["outline", str(path)], ["text", str(path)], ["diff", "good.md", str(path), "--color", "never"]):
        outcome = run_cli(argv, tmp_path)
        assert_well_behaved(outcome, RESULT)
        assert b"\x1b" not in outcome.stdout and b"\x07" not in outcome.stdout, outcome.stdout[:500]
    coloured = run_cli(["diff", "good.md", str(path), "--color", "always"], tmp_path)
    assert_well_behaved(coloured, RESULT)
    # colour codes of our own are fine (ESC [ ... m); the file's clear-screen and OSC title/link are not
    for injected in (b"\x1b[2J", b"\x1b[H", b"\x1b]0;", b"\x1b]8;;http://x", b"\x07"):
        assert injected not in coloured.stdout


def test_rich_markup_is_shown_literally(tmp_path: Path) -> None:
    hostile.good_report(tmp_path)
    path = hostile.rich_markup(tmp_path)
    for colour in ("never", "always"):
        outcome = run_cli(["diff", "good.md", str(path), "--color", colour, "--context", "5"], tmp_path)
        assert_well_behaved(outcome, RESULT)
        assert "[bold red]Rubrik[/]" in outcome.stdout.decode("utf-8"), outcome.stdout.decode()[:2000]
    outline = run_cli(["outline", str(path)], tmp_path)
    assert "[bold red]Rubrik[/]" in outline.stdout.decode("utf-8")


@pytest.mark.parametrize("fmt", ["html", "email-html", "md"])
def test_html_and_script_are_escaped(fmt: str, tmp_path: Path) -> None:
    hostile.good_report(tmp_path)
    path = hostile.html_injection(tmp_path)
    outcome = run_cli(["diff", "good.md", str(path), "--format", fmt], tmp_path)
    assert_well_behaved(outcome, RESULT)
    page = outcome.stdout.decode("utf-8")
    assert "alert" in page, "the injected text must still be shown, as text"
    for raw in ('<script>alert("rubrik")', "<img src=x", "<svg onload", 'href="javascript:', "<svg"):
        # Markdown may escape with a backslash (CommonMark shows \<script> as text)
        live = [
            m.start()
            for m in re.finditer(re.escape(raw), page)
            if not (fmt == "md" and page[m.start() - 1 : m.start()] == "\\")
        ]
        assert not live, f"{raw!r} is live markup in the {fmt} output: {page[live[0] - 80 : live[0] + 80]!r}"
    if fmt != "md":
        assert "{{ 7*7 }}" in page or "{{ 7*7 }}".replace(" ", "&#32;") in page or "49" not in page


def test_identical_files_are_same(tmp_path: Path) -> None:
    good = hostile.good_report(tmp_path)
    copy = tmp_path / "copy.md"
    copy.write_bytes(good.read_bytes())
    for argv in (["diff", str(good), str(good)], ["diff", str(good), str(copy), "--format", "json"]):
        outcome = run_cli(argv, tmp_path)
        assert_well_behaved(outcome, {0})


def test_one_side_empty(tmp_path: Path) -> None:
    good = hostile.good_report(tmp_path)
    empty = hostile.empty(tmp_path)
    for argv in (["diff", str(good), str(empty)], ["diff", str(empty), str(good)]):
        outcome = run_cli(argv, tmp_path)
        assert_well_behaved(outcome, ERROR)
        assert "empty" in outcome.stderr


def test_both_from_stdin_is_refused(tmp_path: Path) -> None:
    outcome = run_cli(["diff", "-", "-"], tmp_path, stdin=hostile.good_report(tmp_path))
    assert_well_behaved(outcome, ERROR)


def test_endless_stdin_stops_at_the_read_limit(tmp_path: Path) -> None:
    outcome = run_cli(["outline", "-"], tmp_path, stdin=Path("/dev/zero"))
    assert_well_behaved(outcome, ERROR)


def test_file_rewritten_while_read(tmp_path: Path) -> None:
    """Another program saves the file again and again while we read it: any sane result, no crash."""
    good = hostile.good_report(tmp_path)
    moving = tmp_path / "moving.md"
    contents = [good.read_bytes(), good.read_bytes().replace(b"7 419", b"8 000") * 40, b"", b"# Rubrik\n\nKort.\n"]
    moving.write_bytes(contents[0])
    stop = threading.Event()

    def rewrite() -> None:
        n = 0
        while not stop.is_set():
            with moving.open("wb") as handle:  # truncate, then write in pieces: readers see every stage
                data = contents[n % len(contents)]
                for start in range(0, len(data), 4096):
                    handle.write(data[start : start + 4096])
                    handle.flush()
            n += 1

    writer = threading.Thread(target=rewrite, daemon=True)
    writer.start()
    try:
        commands = [["diff", str(good), str(moving)], ["outline", str(moving)], ["check", str(moving)]] * 3
        for outcome in run_all(commands, tmp_path):
            assert_well_behaved(outcome, EITHER)
    finally:
        stop.set()
        writer.join()


def test_fifo_is_refused_at_once_even_with_a_writer(tmp_path: Path) -> None:
    """A named pipe (or bash's <(...)) is refused without reading: ``-`` is the one way to read a stream.

    Reading a pipe whose writer never comes blocks forever, the worst outcome in a pre-commit hook;
    so a pipe is refused whether or not something writes into it, and the writer sees a broken pipe.
    """
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    data = hostile.GOOD_REPORT.encode("utf-8")

    def feed() -> None:
        try:
            with fifo.open("wb") as handle:
                handle.write(data)
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    outcome = run_cli(["outline", str(fifo)], tmp_path, timeout=30)
    if writer.is_alive():  # our open woke it; if it is still waiting for a reader, let it go
        with fifo.open("rb") as handle:
            handle.read()
    writer.join(timeout=5)
    assert_well_behaved(outcome, ERROR)
    assert "named pipe" in outcome.stderr and "use - to read" in outcome.stderr


FIFO_COMMANDS = [
    ["outline", "pipe.md"],
    ["text", "pipe.md"],
    ["figures", "pipe.md", "--format", "csv"],
    ["check", "pipe.md"],
    ["check", "good.md", "--previous", "pipe.md"],
    ["diff", "good.md", "pipe.md"],
    ["diff", "pipe.md", "good.md", "--format", "json"],
    ["trend", "good.md", "pipe.md", "--no-cache"],
]


@pytest.mark.parametrize("argv", FIFO_COMMANDS, ids=lambda argv: "-".join(argv[:1] + argv[2:3]))
def test_fifo_without_a_writer_never_blocks(argv: list[str], tmp_path: Path) -> None:
    """The issue's bar: one line, exit 2, at once. Wall time would be the measure of a hang, but a
    shared machine inflates it, so the bound on it is loose (10 s) and the tight one is CPU (1 s)."""
    hostile.good_report(tmp_path)
    hostile.fifo(tmp_path)
    outcome = run_cli(argv, tmp_path, timeout=10)
    assert_well_behaved(outcome, ERROR)
    assert outcome.cpu < 1.0, outcome.describe()
    assert "pipe.md: a named pipe, not a regular file" in outcome.stderr


# ------------------------------------------------------------------------------- output files


def test_output_into_missing_folder(tmp_path: Path) -> None:
    good = hostile.good_report(tmp_path)
    target = tmp_path / "no" / "such" / "out.json"
    for argv in (["diff", str(good), str(good), "-o", str(target)], ["outline", str(good), "-o", str(target)]):
        outcome = run_cli(argv, tmp_path)
        assert_well_behaved(outcome, ERROR)
    assert not target.parent.exists()


OUTPUT_COMMANDS = [
    ["outline", "good.md"],
    ["text", "good.md"],
    ["figures", "good.md"],
    ["check", "good.md"],
    ["diff", "good.md", "good.md"],
    ["trend", "good.md", "--no-cache"],
    ["email", "good.md", "good.md", "--to", "a@example.org", "--dry-run"],
]


@pytest.mark.parametrize("argv", OUTPUT_COMMANDS, ids=lambda argv: argv[0])
def test_output_into_a_directory_is_one_line(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``-o DIR``: one error line that says so (not click's usage text), exit 2, the folder untouched."""
    hostile.good_report(tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setenv("REPORTDIFF_SMTP_FROM", "kansliet@example.org")  # run_cli passes os.environ on
    outcome = run_cli([*argv, "-o", "out"], tmp_path, timeout=60)
    assert_well_behaved(outcome, ERROR)
    assert "out: is a directory" in outcome.stderr, outcome.describe()
    assert list(folder.iterdir()) == []


UNREADABLE_COMMANDS = [
    ["outline", "secret.md"],
    ["text", "secret.md"],
    ["figures", "secret.md"],
    ["check", "secret.md"],
    ["check", "good.md", "--previous", "secret.md"],
    ["check", "good.md", "--config", "secret.md"],
    ["diff", "good.md", "secret.md"],
    ["trend", "good.md", "secret.md", "--no-cache"],
]


@pytest.mark.parametrize("argv", UNREADABLE_COMMANDS, ids=lambda argv: "-".join(argv[:1] + argv[2:3]))
def test_unreadable_input_is_one_line(argv: list[str], tmp_path: Path) -> None:
    if not hostile.can_drop_root_reading():
        pytest.skip("running as root without setpriv: a file without read permission is still readable")
    hostile.unreadable(hostile.good_report(tmp_path).parent)
    hostile.good_report(tmp_path)
    outcome = run_cli(argv, tmp_path, timeout=60, unprivileged=True)
    assert_well_behaved(outcome, ERROR)
    assert "secret.md" in outcome.stderr and "Permission denied" in outcome.stderr, outcome.describe()


def test_output_below_a_file(tmp_path: Path) -> None:
    good = hostile.good_report(tmp_path)
    target = good / "out.txt"  # the 'folder' is a regular file: ENOTDIR even for root
    for argv in (["text", str(good), "-o", str(target)], ["figures", str(good), "-o", str(target)]):
        outcome = run_cli(argv, tmp_path)
        assert_well_behaved(outcome, ERROR)
    assert good.read_text(encoding="utf-8") == hostile.GOOD_REPORT


def test_output_into_read_only_folder(tmp_path: Path) -> None:
    if not hostile.can_drop_root_reading():
        pytest.skip("running as root without setpriv: a read-only folder is still writable")
    good = hostile.good_report(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        outcome = run_cli(["diff", str(good), str(good), "-o", str(locked / "out.txt")], tmp_path, unprivileged=True)
        assert_well_behaved(outcome, ERROR)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_failed_run_keeps_the_old_output(tmp_path: Path) -> None:
    """An error (bad input) must not truncate or replace an output file that is already there."""
    good = hostile.good_report(tmp_path)
    binary = hostile.binary(tmp_path)
    target = tmp_path / "previous.html"
    target.write_text("<p>last month</p>", encoding="utf-8")
    outcome = run_cli(["diff", str(good), str(binary), "--format", "html", "-o", str(target)], tmp_path)
    assert_well_behaved(outcome, ERROR)
    assert target.read_text(encoding="utf-8") == "<p>last month</p>"


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (256, 256))  # Python ignores SIGXFSZ: writes fail with EFBIG


def test_write_error_gives_one_line_and_no_partial_file(tmp_path: Path) -> None:
    """A disk that fills up mid-write (simulated with RLIMIT_FSIZE): one error line, no half file, no temp file."""
    good = hostile.good_report(tmp_path)
    target = tmp_path / "out.txt"
    for argv in (["text", str(good), "-o", str(target)], ["outline", str(good), "--format", "json", "-o", str(target)]):
        outcome = _run_limited(argv, tmp_path)
        assert_well_behaved(outcome, ERROR)
        assert not target.exists()
        assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def _run_limited(argv: list[str], folder: Path) -> Outcome:
    """run_cli with a file-size limit on the child; the limit is set in the child only."""
    original = resource.getrlimit(resource.RLIMIT_FSIZE)
    out = folder / "limited.stdout"
    err = folder / "limited.stderr"
    # stdout/stderr are files too, so they fall under the limit: only a short error line fits
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            [hostile.sys.executable, "-m", "reportdiff", *argv],
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            cwd=folder,
            env={**os.environ, "PYTHONPATH": str(hostile.ROOT)},
            preexec_fn=_limit_file_size,
        )
        _, raw_status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(raw_status)
    assert resource.getrlimit(resource.RLIMIT_FSIZE) == original
    outcome = Outcome(
        argv,
        process.returncode,
        out.read_bytes(),
        err.read_text("utf-8", "replace"),
        time.perf_counter() - start,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
    )
    out.unlink()
    err.unlink()
    return outcome


def _read_into(path: Path, received: list[bytes]) -> None:
    received.append(path.read_bytes())


def test_output_to_a_fifo_stays_a_fifo(tmp_path: Path) -> None:
    """-o /dev/stdout, -o a pipe: written into, never replaced by a regular file (the rename would)."""
    good = hostile.good_report(tmp_path)
    fifo = tmp_path / "out.pipe"
    for argv in (["outline", str(good), "-o", str(fifo)], ["diff", str(good), str(good), "-o", str(fifo)]):
        if fifo.exists():
            fifo.unlink()
        os.mkfifo(fifo)
        received: list[bytes] = []
        reader = threading.Thread(target=_read_into, args=(fifo, received), daemon=True)
        reader.start()
        outcome = run_cli(argv, tmp_path, timeout=30)
        reader.join(timeout=10)
        assert_well_behaved(outcome, {0, 1} if argv[0] == "outline" else {0})
        assert fifo.is_fifo(), "the pipe was replaced by a regular file"
        if argv[0] == "outline":
            assert b"Inledning" in b"".join(received)


def test_interrupt_leaves_no_partial_output(tmp_path: Path) -> None:
    """Ctrl-C in the middle of a long run: exit 130, and the output file is complete or absent."""
    big = hostile.many_headings(tmp_path)
    other = tmp_path / "other.md"
    other.write_bytes(big.read_bytes().replace(b"Text 7", b"Text sju"))
    target = tmp_path / "changes.html"

    def interrupt_later(process: subprocess.Popen[bytes]) -> None:
        threading.Timer(1.5, lambda: process.send_signal(signal.SIGINT)).start()

    outcome = run_cli(
        ["diff", str(big), str(other), "--format", "html", "-o", str(target)], tmp_path, on_start=interrupt_later
    )
    assert outcome.status in (1, 130), outcome.describe()
    assert "Traceback" not in outcome.stderr, outcome.describe()
    if outcome.status == 130:
        assert not target.exists(), "an interrupted run left an output file"
    else:
        assert target.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "temporary file left behind"


def test_interrupt_during_trend_is_one_line(tmp_path: Path) -> None:
    """Ctrl-C while worker processes parse a series: "interrupted", exit 130, no worker tracebacks.

    The signal goes to the whole process group, as a terminal sends it, so the workers get it too.
    """
    paths = []
    for month in range(1, 7):
        path = tmp_path / f"2025-{month:02d}.md"
        body = "\n".join(f"# Rubrik {n}\n\nText {n} om vården i månad {month}.\n" for n in range(20_000))
        path.write_text(f"Regiondirektörens rapport\n\n{month} mars 2025\n\n{body}", encoding="utf-8")
        paths.append(path.name)

    def interrupt_later(process: subprocess.Popen[bytes]) -> None:
        threading.Timer(2.0, lambda: os.killpg(process.pid, signal.SIGINT)).start()

    outcome = run_cli(
        ["trend", *paths, "--no-cache", "--jobs", "2"], tmp_path, on_start=interrupt_later, own_group=True
    )
    assert outcome.status == 130, outcome.describe()
    assert outcome.stderr_lines == ["reportdiff: interrupted"], outcome.describe()
