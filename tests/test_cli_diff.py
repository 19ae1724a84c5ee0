"""`reportdiff diff`: exit statuses, stdin, atomic -o, colour, language, filters, goldens, lazy imports."""

from __future__ import annotations

import difflib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLDEN, ROOT, SNAPSHOTS

from reportdiff.cli import run
from reportdiff.cli.pager import should_page, write_paged

OLD = "# Inledning\n\nRegionen har 7 419 anställda och det är bra.\n\n# Bilagor\n\n1. Rapport februari\n"
NEW = "# Inledning\n\nRegionen har 7 436 anställda och det är bra.\n\n# Bilagor\n\n1. Rapport mars\n"
ENGLISH_OLD = "# Introduction\n\nThe region has 7 419 staff and that is the plan for the year.\n"
ENGLISH_NEW = "# Introduction\n\nThe region has 7 436 staff and that is the plan for the year.\n"


@pytest.fixture
def reports(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return str(old), str(new)


def stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# -- exit statuses ---------------------------------------------------------------------------------


def test_identical_files_exit_0(reports: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    old, _ = reports
    assert run(["diff", old, old]) == 0
    assert "Inga ändringar." in capsys.readouterr().out


def test_changed_files_exit_1(reports: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", *reports, "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert "Regionen har [-7 419-] {+7 436+} anställda" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["diff", "/no/such/old.md", "NEW"], "no such file"),
        (["diff", "OLD", "/no/such/new.md"], "no such file"),
        (["diff", "-", "-"], "only one of OLD and NEW"),
        (["diff", "OLD", "NEW", "--format", "pdf"], "pdf"),
        (["diff", "OLD", "NEW", "--context", "-1"], "-1"),
        (["diff", "OLD", "NEW", "--no-such-option"], "no-such-option"),
        (["diff", "OLD"], "NEW"),
    ],
)
def test_trouble_exits_2_with_one_line(
    reports: tuple[str, str], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    argv = [reports[0] if a == "OLD" else reports[1] if a == "NEW" else a for a in argv]
    assert run(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert "Traceback" not in captured.err


# -- stdin and -o ----------------------------------------------------------------------------------


def test_dash_reads_stdin(reports: tuple[str, str], monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    old, _ = reports
    stdin_bytes(monkeypatch, NEW.encode("utf-8"))
    assert run(["diff", old, "-", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["new"]["source"] == "-"
    assert data["stats"]["words_inserted"] >= 1


def test_output_file_is_written_atomically(reports: tuple[str, str], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "changes.md"
    target.parent.mkdir()
    assert run(["diff", *reports, "--format", "md", "-o", str(target)]) == 1
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8").startswith("# Ändringar: ")
    assert sorted(p.name for p in target.parent.iterdir()) == ["changes.md"]


def test_failed_run_leaves_previous_output_untouched(reports: tuple[str, str], tmp_path: Path) -> None:
    target = tmp_path / "changes.json"
    target.write_text("previous\n", encoding="utf-8")
    assert run(["diff", reports[0], "/no/such/new.md", "--format", "json", "-o", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "previous\n"


def test_error_while_writing_leaves_no_partial_file(  # type: ignore[no-untyped-def]
    reports: tuple[str, str], tmp_path: Path, monkeypatch, capsys
) -> None:
    target = tmp_path / "changes.json"

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert run(["diff", *reports, "--format", "json", "-o", str(target)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_to_a_device_writes_through_it(reports: tuple[str, str], tmp_path: Path) -> None:
    """`-o /dev/stdout` or a named pipe must be written to, never replaced by a renamed file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code = (
        "from reportdiff.cli import run; "
        f"raise SystemExit(run(['diff', {reports[0]!r}, {reports[1]!r}, '--format', 'md', '-o', {str(fifo)!r}]))"
    )
    writer = subprocess.Popen([sys.executable, "-c", code])
    with open(fifo, encoding="utf-8") as reader:
        received = reader.read()
    assert writer.wait(timeout=60) == 1
    assert received.startswith("# Ändringar: ")
    assert fifo.is_fifo()


def test_output_into_missing_directory_is_an_error(reports: tuple[str, str], capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["diff", *reports, "-o", "/no/such/dir/out.txt"]) == 2
    assert "cannot write" in capsys.readouterr().err


# -- colour, language, views -----------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "choice, no_color, coloured",
    [("auto", None, True), ("auto", "1", False), ("never", None, False), ("always", "1", True)],
)
def test_colour_choice_and_no_color(reports, monkeypatch, choice, no_color, coloured) -> None:  # type: ignore[no-untyped-def]
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert run(["diff", *reports, "--color", choice, "--no-pager", "--width", "100"]) == 1
    out = terminal.getvalue()
    assert ("\x1b[" in out) is coloured
    assert ("{+7 436+}" in out) is not coloured


def test_colour_never_goes_into_a_pipe_or_json(reports, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert run(["diff", *reports]) == 1
    assert "\x1b" not in capsys.readouterr().out
    assert run(["diff", *reports, "--format", "json", "--color", "always"]) == 1
    assert "\x1b" not in capsys.readouterr().out


def test_output_file_gets_colour_only_when_asked(reports, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdout", FakeTerminal())  # a terminal on stdout must not colour the file
    monkeypatch.delenv("NO_COLOR", raising=False)
    target = tmp_path / "out.txt"
    assert run(["diff", *reports, "-o", str(target)]) == 1
    assert "\x1b" not in target.read_text(encoding="utf-8")
    assert run(["diff", *reports, "-o", str(target), "--color", "always"]) == 1
    assert "\x1b[" in target.read_text(encoding="utf-8")


def test_language_detected_and_overridden(tmp_path: Path, reports, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["diff", *reports, "--summary"]) == 1
    assert "Sammanfattning" in capsys.readouterr().out
    assert run(["diff", *reports, "--summary", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "Summary" in out and "sections changed" in out and "Sammanfattning" not in out
    old, new = tmp_path / "a.md", tmp_path / "b.md"
    old.write_text(ENGLISH_OLD, encoding="utf-8")
    new.write_text(ENGLISH_NEW, encoding="utf-8")
    assert run(["diff", str(old), str(new)]) == 1
    assert "Summary" in capsys.readouterr().out


def test_summary_and_section(reports, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["diff", *reports, "--summary", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "2 sections changed" in out and "[-" not in out and "Changed:" not in out
    assert run(["diff", *reports, "--section", "bilagor", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "Changed: Bilagor" in out and "Inledning" not in out.split("Summary")[1]
    assert "1 section changed" in out


def test_section_without_changes_exits_0(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    old, new = tmp_path / "a.md", tmp_path / "b.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(OLD.replace("februari", "mars"), encoding="utf-8")
    assert run(["diff", str(old), str(new), "--section", "Inledning", "--lang", "en"]) == 0
    assert "No changes." in capsys.readouterr().out
    assert run(["diff", str(old), str(new), "--section", "Bilagor"]) == 1


def test_no_pager_outside_a_terminal(reports, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(_text: str) -> bool:
        raise AssertionError("the pager must not run outside a terminal")

    monkeypatch.setattr("reportdiff.cli.pager.page", refuse)
    assert run(["diff", *reports, "--pager"]) == 1
    assert "{+7 436+}" in capsys.readouterr().out


def test_should_page_only_for_long_output_at_a_terminal(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    long_text = "x\n" * 500
    assert should_page(long_text, FakeTerminal(), None)
    assert not should_page(long_text, FakeTerminal(), False)
    assert not should_page(long_text, io.StringIO(), True)
    assert not should_page("short\n", FakeTerminal(), True)
    # the streamed output makes the same choice, and the pager (or the terminal) gets every piece
    paged: list[str] = []
    monkeypatch.setattr("reportdiff.cli.pager.page", lambda pieces: paged.append("".join(pieces)) or True)
    for pieces, stream, wanted, to_pager in [
        (["x\n"] * 500, FakeTerminal(), None, True),
        (["x\n"] * 500, FakeTerminal(), False, False),
        (["x\n"] * 500, io.StringIO(), True, False),
        (["short\n"], FakeTerminal(), True, False),
    ]:
        paged.clear()
        write_paged(iter(pieces), stream, wanted)
        assert paged == (["".join(pieces)] if to_pager else [])
        assert stream.getvalue() == ("" if to_pager else "".join(pieces))
    monkeypatch.setattr("reportdiff.cli.pager.page", lambda pieces: False)  # no usable pager
    stream = FakeTerminal()
    write_paged(iter(["x\n"] * 500), stream, None)
    assert stream.getvalue() == "x\n" * 500


def test_help_has_examples(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["diff", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--format", "--context", "--summary", "--side-by-side", "--section", "--lang", "--color"):
        assert option in out
    assert "Examples:" in out and "reportdiff diff old.md -" in out.replace("cat new.md | ", "")


def test_json_does_not_import_rich(reports: tuple[str, str], tmp_path: Path) -> None:
    target = str(tmp_path / "out.json")
    code = (
        "import sys; from reportdiff.cli import run; "
        f"status = run(['diff', {reports[0]!r}, {reports[1]!r}, '--format', 'json', '-o', {target!r}]); "
        "print(status, 'rich' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["1", "False"]


# -- golden files on the snapshot series -----------------------------------------------------------

GOLDEN_CASES = {
    "diff-2025-04-05.txt": ["--format", "text", "--color", "never", "--width", "100"],
    "diff-2025-04-05.json": ["--format", "json"],
    "diff-2025-04-05.md": ["--format", "md"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, tmp_path: Path, monkeypatch, update_goldens: bool) -> None:  # type: ignore[no-untyped-def]
    if not (SNAPSHOTS / "2025-04.md").exists() or not (SNAPSHOTS / "2025-05.md").exists():
        pytest.skip("snapshots/2025-04.md and 2025-05.md are not there yet")
    monkeypatch.chdir(ROOT)
    outputs = []
    for attempt in range(2):
        target = tmp_path / f"{attempt}-{name}"
        argv = ["diff", "snapshots/2025-04.md", "snapshots/2025-05.md", *GOLDEN_CASES[name], "-o", str(target)]
        assert run(argv) == 1
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1], "two runs gave different bytes"
    golden = GOLDEN / name
    if update_goldens:
        golden.write_bytes(outputs[0])
    if not golden.exists():
        pytest.fail(f"{golden} is missing; create it with: python -m pytest tests/test_cli_diff.py --update-goldens")
    expected = golden.read_bytes()
    if outputs[0] != expected:
        changes = difflib.unified_diff(
            expected.decode("utf-8").splitlines(), outputs[0].decode("utf-8").splitlines(), "golden", "now", lineterm=""
        )
        shown = "\n".join(list(changes)[:60])
        pytest.fail(f"{name} differs from the golden file (review, then --update-goldens):\n{shown}")


# -- documentation stays in step with the code -----------------------------------------------------


def test_every_diff_option_is_documented() -> None:
    from reportdiff.cli import diff_command

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = text.split("## `reportdiff diff`", 1)[1]
    for parameter in diff_command.params:
        for name in getattr(parameter, "opts", []) + getattr(parameter, "secondary_opts", []):
            if name.startswith("-"):
                assert f"`{name}" in section or f" {name}" in section, f"{name} is not in docs/cli.md"


def test_every_schema_field_is_documented() -> None:
    schema = json.loads((ROOT / "reportdiff" / "data" / "diff.schema.json").read_text(encoding="utf-8"))
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    names: set[str] = set(schema["properties"])
    for definition in schema["$defs"].values():
        names.update(definition.get("properties", {}))
    missing = sorted(name for name in names if f"`{name}`" not in text)
    assert not missing, f"fields missing from docs/formats.md: {missing}"
