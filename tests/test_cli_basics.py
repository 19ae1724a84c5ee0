"""Exit statuses and one-line errors of the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reportdiff.cli import run


def test_missing_file_is_one_line_error_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["outline", "/no/such/report.txt"]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0
    assert "no such file" in err


def test_directory_is_an_error(tmp_path, capsys) -> None:
    assert run(["outline", str(tmp_path)]) == 2
    assert "directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, words",
    [(b"", "empty"), (b"  \n\t \n", "whitespace"), (b"\x00\x01\x02\x03PK" * 100, "binary")],
)
def test_unusable_content(tmp_path, capsys, content: bytes, words: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    assert run(["outline", str(path)]) == 2
    assert words in capsys.readouterr().err


def test_unknown_command_and_bad_option_exit_2() -> None:
    assert run(["no-such-command"]) == 2
    assert run(["outline", "--no-such-option", "x"]) == 2


def test_python_dash_m_runs_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reportdiff", "outline", "/no/such/file.md"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_public_compare_stays_callable_after_the_engine_module_is_imported() -> None:
    import importlib

    from conftest import SNAPSHOTS

    import reportdiff

    importlib.import_module("reportdiff.comparison")
    old = reportdiff.load(SNAPSHOTS / "2025-01.md")
    assert callable(reportdiff.compare)
    assert not reportdiff.compare(old, old).has_changes


def test_output_file_gets_ordinary_permissions(tmp_path, capsys) -> None:
    """Written via a temporary file and a rename, but readable like any file the user writes."""
    import os

    from conftest import SNAPSHOTS

    target = tmp_path / "outline.txt"
    old_umask = os.umask(0o022)
    try:
        assert run(["outline", str(SNAPSHOTS / "2025-01.md"), "-o", str(target)]) == 0
    finally:
        os.umask(old_umask)
    assert target.stat().st_mode & 0o777 == 0o644
    assert "Inledning" in target.read_text(encoding="utf-8")
