"""Generators of hostile inputs and a harness that runs the CLI on them in a bounded subprocess.

Every generator writes into a folder it is given (pytest's ``tmp_path``) and returns the path;
nothing large is ever committed. The 200 MB file is sparse (``truncate``), so it costs no disk.

:func:`run_cli` runs ``python -m reportdiff ...`` as its own process, with stdout and stderr in
files (a pipe could fill up and stall the child), and reads the child's own resource usage with
``os.wait4``: wall time, CPU time and peak memory (max RSS) of exactly that process. Linux keeps
the parent's high-water mark across fork + exec, so the peak includes the test runner's own RSS at
the fork: an over-estimate, which is the safe side for a memory bound.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A small report in the house style, made up for the tests (not taken from a real report).
GOOD_REPORT = """\
Regiondirektörens rapport

14 januari 2025

# Inledning

Väntetiden på sjukhuset i Älvsby ökade för åttonde månaden i rad. Öppenvården höll öppet
under helgerna och tog emot 7 419 besök.

# Månadsrapport

Sjukfrånvaron var 5,7 procent i december, något lägre än året före.

## Division Nära

Personalen på vårdcentralen i Överkalix fick nya lokaler.

- Åtgärdsplanen är beslutad.
- Översynen av jourlinjen är klar.

# Bilagor

Inga bilagor denna månad.
"""

SWEDISH_LINE = "Väntetiden på Åsele hälsocentral ökade; Örjan och Ärla mötte ändå få patienter."
SWEDISH_LETTERS = "åäöÅÄÖ"


# ----------------------------------------------------------------------------------- the harness


@dataclass
class Outcome:
    """What one CLI process did."""

    argv: list[str]
    status: int | None  # None: killed at the time-out
    stdout: bytes
    stderr: str
    wall: float
    cpu: float
    peak_mb: float

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def describe(self) -> str:
        return (
            f"reportdiff {' '.join(self.argv)} -> status {self.status}, {self.wall:.1f} s wall, "
            f"{self.cpu:.1f} s CPU, {self.peak_mb:.0f} MB\nstderr: {self.stderr[-2000:]!r}"
        )


# setpriv (util-linux) runs a program without the two capabilities that let root ignore file modes;
# the kernel gives an exec'd program only what the bounding set allows.
_NO_DAC = "-dac_override,-dac_read_search"
SETPRIV_UNPRIVILEGED = ["setpriv", f"--bounding-set={_NO_DAC}", f"--inh-caps={_NO_DAC}"]


def can_drop_root_reading() -> bool:
    """Whether ``run_cli(..., unprivileged=True)`` really cannot read a mode-0 file (root: needs setpriv)."""
    import shutil

    return os.geteuid() != 0 or shutil.which("setpriv") is not None


CPU_LIMIT_SECONDS = 120  # RLIMIT_CPU of the child: a runaway loop is killed by the kernel (SIGXCPU)


def _limit_cpu() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_SECONDS, CPU_LIMIT_SECONDS + 5))


def _as_at_a_terminal() -> None:
    """The CPU bound, and Ctrl-C as a terminal delivers it: a shell that starts the tests in the
    background (``pytest &``) ignores SIGINT, every child inherits that, and a Python started
    with SIGINT ignored keeps ignoring it, so the interrupt tests would see no interrupt."""
    import signal

    _limit_cpu()
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(
    argv: list[str],
    folder: Path,
    *,
    timeout: float = 240.0,
    stdin: Path | None = None,
    on_start: Callable[[subprocess.Popen[bytes]], None] | None = None,
    unprivileged: bool = False,
    own_group: bool = False,
) -> Outcome:
    """Run ``python -m reportdiff *argv``; measure it with ``os.wait4``.

    Two bounds: CPU time by RLIMIT_CPU (a busy loop), wall time by ``timeout`` (a process blocked
    on a read that never ends). The wall bound is generous because a shared machine may give the
    child little CPU; the tests assert on CPU time, which load does not inflate.

    ``unprivileged``: when the tests run as root, the child runs without the capabilities that let
    root read any file (``setpriv`` drops them), so that a file without read permission is one.
    ``own_group``: the child leads its own process group, so a signal to the group reaches it and
    its workers, as Ctrl-C at a terminal does.
    """
    out_path = folder / f".out-{os.getpid()}-{time.monotonic_ns()}"
    err_path = out_path.with_suffix(".err")
    env = {**os.environ, "NO_COLOR": "1", "REPORTDIFF_CACHE_DIR": str(folder / ".cache"), "PAGER": "cat"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        stdin_handle = stdin.open("rb") if stdin is not None else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            prefix = SETPRIV_UNPRIVILEGED if unprivileged and os.geteuid() == 0 else []
            process = subprocess.Popen(
                [*prefix, sys.executable, "-m", "reportdiff", *argv],
                stdout=out,
                stderr=err,
                stdin=stdin_handle,
                env=env,
                cwd=folder,
                preexec_fn=_as_at_a_terminal if own_group else _limit_cpu,
                process_group=0 if own_group else None,
            )
            if on_start is not None:
                on_start(process)
            status: int | None = None
            while True:
                pid, raw_status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    status = os.waitstatus_to_exitcode(raw_status)
                    process.returncode = status
                    break
                if time.perf_counter() - start > timeout:
                    process.kill()
                    _, _, usage = os.wait4(process.pid, 0)
                    process.returncode = -9
                    break
                time.sleep(0.005)
            wall = time.perf_counter() - start
        finally:
            if stdin is not None:
                stdin_handle.close()  # type: ignore[union-attr]
    outcome = Outcome(
        argv=argv,
        status=status,
        stdout=out_path.read_bytes(),
        stderr=err_path.read_bytes().decode("utf-8", "replace"),
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,
    )
    out_path.unlink()
    err_path.unlink()
    return outcome


def assert_refused(path: Path, expected: str, capsys) -> None:
    """Reading ``path`` fails with a one-line InputError that names it and says ``expected``, in
    bounded time; ``reportdiff outline`` on it exits with status 2 and that line, no traceback."""
    from reportdiff.cli import run
    from reportdiff.errors import InputError
    from reportdiff.ingest import load

    started = time.perf_counter()
    try:
        load(path)
    except InputError as error:
        message = str(error)
    else:
        raise AssertionError(f"{path} was read without an error")
    assert time.perf_counter() - started < 5
    assert expected in message and message.startswith(str(path)) and "\n" not in message
    assert run(["outline", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert expected in err and "\n" not in err and "Traceback" not in err


def fingerprint(path: Path) -> tuple[str, int] | None:
    """SHA-256 and mtime of a regular file, to prove that the CLI never modifies its input."""
    try:
        if not path.is_file() or path.stat().st_size > 10 * 2**20:
            stat = path.lstat()
            return (f"size={stat.st_size}", stat.st_mtime_ns)
        return (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    except OSError:
        return None


# ------------------------------------------------------------------------------ the bad inputs
# Each maker takes a folder and returns the path of the input it wrote there.


def good_report(folder: Path) -> Path:
    path = folder / "good.md"
    path.write_text(GOOD_REPORT, encoding="utf-8")
    return path


def empty(folder: Path) -> Path:
    return _write(folder / "empty.txt", b"")


def whitespace_only(folder: Path) -> Path:
    return _write(folder / "blank.txt", b" \n\t\n\r\n   \n\f\n" * 100)


def binary(folder: Path) -> Path:
    """A PNG header and pseudo-random bytes: not a report in any format."""
    noise = bytes((i * 2654435761 >> 13) & 0xFF for i in range(200_000))
    return _write(folder / "picture.txt", b"\x89PNG\r\n\x1a\n" + noise)


def nul_bytes(folder: Path) -> Path:
    """A report with NUL bytes sprinkled into it, as a broken editor or a bad copy leaves."""
    data = GOOD_REPORT.encode("utf-8").replace(b" ", b" \x00", 40)
    return _write(folder / "nuls.md", data)


def sparse_200mb(folder: Path) -> Path:
    """200 MB that take no disk: a sparse file (the size check must refuse it before reading)."""
    path = folder / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"# Inledning\n\nText.\n")
        handle.truncate(200 * 2**20)
    return path


def one_megabyte_line(folder: Path) -> Path:
    words = ("väntetiden ökade 7 419 besök 5,7 procent " * 30_000)[: 2**20]
    return _write(folder / "oneline.txt", words.encode("utf-8"))


def one_megabyte_word(folder: Path) -> Path:
    """1 MB without a space: no word boundary anywhere."""
    return _write(folder / "oneword.txt", b"# Rubrik\n\n" + b"a" * 2**20 + b"\n")


def many_headings(folder: Path) -> Path:
    lines = [f"# Rubrik {n}\n\nText {n} om vården.\n" for n in range(100_000)]
    return _write(folder / "headings.md", "\n".join(lines).encode("utf-8"))


def many_headings_text(folder: Path) -> Path:
    """100 000 short lines that all look like headings to a plain-text reader."""
    lines = [f"Rubrik nummer {n}\n" for n in range(100_000)]
    return _write(folder / "headings.txt", "\n".join(lines).encode("utf-8"))


def deep_headings(folder: Path) -> Path:
    """Level 6 straight after level 1, and back and forth, thousands of times."""
    parts = []
    for n in range(5_000):
        parts.append(f"{'#' * (1 if n % 2 == 0 else 6)} Rubrik {n}\n\nStycke {n}.\n")
    return _write(folder / "deep.md", "\n".join(parts).encode("utf-8"))


def nested_lists(folder: Path) -> Path:
    lines = ["# Listor\n"] + [" " * (2 * depth) + f"- punkt {depth}" for depth in range(1000)]
    return _write(folder / "lists.md", "\n".join(lines).encode("utf-8") + b"\n")


def nested_quotes(folder: Path) -> Path:
    lines = ["# Citat\n"] + [">" * depth + f" citat {depth}" for depth in range(1, 1001)]
    return _write(folder / "quotes.md", "\n".join(lines).encode("utf-8") + b"\n")


def nested_brackets(folder: Path) -> Path:
    """Deeply nested emphasis and link brackets, the classic way to make a Markdown parser recurse."""
    text = "# Rubrik\n\n" + "[" * 20_000 + "text" + "]" * 20_000 + "\n\n" + "*_" * 20_000 + "\n"
    return _write(folder / "brackets.md", text.encode("utf-8"))


def _swedish_text() -> str:
    return f"Regiondirektörens rapport\n\n# Inledning\n\n{SWEDISH_LINE}\n\n# Månadsrapport\n\n{SWEDISH_LINE}\n"


def encoded(encoding: str) -> Callable[[Path], Path]:
    """A maker for the Swedish test text in ``encoding`` (``utf-16-le-bom`` etc. add the BOM by hand)."""

    def make(folder: Path) -> Path:
        text = _swedish_text()
        if encoding == "utf-8-bom":
            data = codecs.BOM_UTF8 + text.encode("utf-8")
        elif encoding == "utf-16-le-bom":
            data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        elif encoding == "utf-16-be-bom":
            data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        elif encoding == "cp1252-crlf":
            data = text.replace("\n", "\r\n").encode("cp1252")
        else:
            data = text.encode(encoding)
        return _write(folder / f"sv-{encoding}.txt", data)

    make.__name__ = f"encoding_{encoding.replace('-', '_')}"
    return make


def mixed_line_endings(folder: Path) -> Path:
    text = "# Inledning\r\n\r\nFörsta raden.\rAndra raden.\nTredje raden.\r\n\r# Bilagor\n\nSlut.\r"
    return _write(folder / "mixed.md", text.encode("utf-8"))


def stray_boms(folder: Path) -> Path:
    """A BOM at the start and zero-width no-break spaces inside (files pasted together)."""
    text = "\ufeff# Inledning\n\nText\ufeff med\ufeff tecken.\n\n\ufeff# Bilagor\n\nSlut.\n"
    return _write(folder / "boms.md", text.encode("utf-8"))


def ansi_escapes(folder: Path) -> Path:
    text = "# Inledning\x1b[2J\x1b[H\n\nText \x1b[31mröd\x1b[0m och \x1b]0;title\x07 och \x1b]8;;http://x\x1b\\länk\x1b]8;;\x1b\\.\n"
    return _write(folder / "ansi.md", text.encode("utf-8"))


def rich_markup(folder: Path) -> Path:
    text = (
        "# [bold red]Rubrik[/] [link=file:///etc/passwd]x[/link]\n\n"
        "Text [blink]blink[/blink] och [/] och \\[escaped].\n"
    )
    return _write(folder / "markup.md", text.encode("utf-8"))


def html_injection(folder: Path) -> Path:
    text = (
        '# <script>alert("rubrik")</script>\n\n'
        "Text <img src=x onerror=alert(1)> och </textarea><svg onload=alert(2)> och "
        "[länk](javascript:alert(3)) och &lt;script&gt; och {{ 7*7 }} och {% raw %}.\n"
    )
    return _write(folder / "inject.md", text.encode("utf-8"))


def bidi_and_controls(folder: Path) -> Path:
    """Right-to-left overrides, zero-width joiners, form feeds and DEL: invisible but present."""
    text = "# Inledning\n\nText \u202eÄVRESNE\u202c och \u200bnoll\u200d och \x7f och \f sida och \u2028 rad.\n"
    return _write(folder / "bidi.md", text.encode("utf-8"))


def pdf_named_text(folder: Path) -> Path:
    return _write(folder / "report.pdf", GOOD_REPORT.encode("utf-8"))


def docx_named_text(folder: Path) -> Path:
    return _write(folder / "report.docx", GOOD_REPORT.encode("utf-8"))


def pdf_header_only(folder: Path) -> Path:
    return _write(folder / "header.pdf", b"%PDF-1.7\n")


def pdf_garbage(folder: Path) -> Path:
    return _write(folder / "garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 400 + b"\n%%EOF\n")


def real_pdf(folder: Path) -> Path:
    from tests.docbuild import build_pdf

    return _write(folder / "real.pdf", build_pdf(GOOD_REPORT))


def truncated_pdf(folder: Path) -> Path:
    from tests.docbuild import build_pdf

    data = build_pdf(GOOD_REPORT)
    return _write(folder / "truncated.pdf", data[: len(data) // 2])


def encrypted_pdf(folder: Path) -> Path:
    from tests.docbuild import build_pdf

    return _write(folder / "encrypted.pdf", build_pdf(GOOD_REPORT, encrypt="hemligt"))


def real_docx(folder: Path) -> Path:
    from tests.docbuild import build_docx

    return _write(folder / "real.docx", build_docx(GOOD_REPORT))


def truncated_docx(folder: Path) -> Path:
    from tests.docbuild import build_docx

    data = build_docx(GOOD_REPORT)
    return _write(folder / "truncated.docx", data[: len(data) // 2])


def docx_without_document(folder: Path) -> Path:
    """A valid ZIP with Office's content types but no word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    return _write(folder / "empty-zip.docx", out.getvalue())


def docx_broken_xml(folder: Path) -> Path:
    """A real DOCX whose document.xml is cut off in the middle of a tag."""
    from tests.docbuild import build_docx

    return _write(
        folder / "broken-xml.docx", _replace_part(build_docx(GOOD_REPORT), "word/document.xml", b"<w:document><w:bo")
    )


def docx_corrupt_member(folder: Path) -> Path:
    """A real DOCX with the deflated bytes of document.xml overwritten (CRC and inflate fail)."""
    from tests.docbuild import build_docx

    data = bytearray(build_docx(GOOD_REPORT))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + min(info.compress_size, 400)):
        data[offset] = (data[offset] * 7 + 13) & 0xFF
    return _write(folder / "corrupt-member.docx", bytes(data))


def zip_bomb(folder: Path) -> Path:
    from tests.docbuild import build_zip_bomb_docx

    return _write(folder / "bomb.docx", build_zip_bomb_docx(300))


def billion_laughs(folder: Path) -> Path:
    from tests.docbuild import build_billion_laughs_docx

    return _write(folder / "laughs.docx", build_billion_laughs_docx())


def directory(folder: Path) -> Path:
    path = folder / "a-folder.md"
    path.mkdir()
    return path


def missing(folder: Path) -> Path:
    return folder / "does-not-exist.md"


def symlink_loop(folder: Path) -> Path:
    a, b = folder / "loop-a.md", folder / "loop-b.md"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


def dangling_symlink(folder: Path) -> Path:
    path = folder / "dangling.md"
    path.symlink_to(folder / "nowhere.md")
    return path


def unreadable(folder: Path) -> Path:
    path = good_report(folder).rename(folder / "secret.md")
    path.chmod(0)
    return path


def fifo(folder: Path) -> Path:
    """A named pipe that nobody writes into: reading it would block forever."""
    path = folder / "pipe.md"
    os.mkfifo(path)
    return path


def dev_zero(folder: Path) -> Path:
    return Path("/dev/zero")


def dev_null(folder: Path) -> Path:
    return Path("/dev/null")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _replace_part(docx: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info.filename))
    return out.getvalue()
