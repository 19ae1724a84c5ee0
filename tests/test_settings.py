"""``[tool.reportdiff]`` settings: every command reads its own, an unknown key is a warning that
names it, and a flag on the command line always wins over the file (one test per command)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SNAPSHOTS

from reportdiff.cli import run
from tests import hostile

OLD, NEW = str(SNAPSHOTS / "2025-04.md"), str(SNAPSHOTS / "2025-05.md")


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder to run in: settings are looked up from the current folder upwards."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / ".cache"))
    hostile.good_report(tmp_path)
    return tmp_path


def configure(folder: Path, text: str) -> None:
    (folder / "pyproject.toml").write_text(f'[project]\nname = "rapporter"\n\n{text}', encoding="utf-8")


def output(capsys: pytest.CaptureFixture[str], argv: list[str], status: int | None = None) -> str:
    result = run(argv)
    captured = capsys.readouterr()
    assert status is None or result == status, captured.err
    return captured.out


def test_diff_reads_lang_and_the_flag_wins(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    english = output(capsys, ["diff", OLD, NEW, "--summary", "--lang", "en", "--color", "never"], 1)
    swedish = output(capsys, ["diff", OLD, NEW, "--summary", "--lang", "sv", "--color", "never"], 1)
    assert english != swedish
    configure(folder, '[tool.reportdiff.diff]\nlang = "en"\n')
    assert output(capsys, ["diff", OLD, NEW, "--summary", "--color", "never"], 1) == english
    assert output(capsys, ["diff", OLD, NEW, "--summary", "--lang", "sv", "--color", "never"], 1) == swedish
    configure(folder, '[tool.reportdiff]\nlang = "en"\n')  # at the top: for every command that has it
    assert output(capsys, ["diff", OLD, NEW, "--summary", "--color", "never"], 1) == english


def test_diff_flag_turns_off_a_configured_switch(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    full = output(capsys, ["diff", OLD, NEW, "--color", "never", "--no-pager"], 1)
    summary = output(capsys, ["diff", OLD, NEW, "--summary", "--color", "never"], 1)
    configure(folder, "[tool.reportdiff.diff]\nsummary = true\ncontext = 0\n")
    assert output(capsys, ["diff", OLD, NEW, "--color", "never"], 1) == summary
    assert output(capsys, ["diff", OLD, NEW, "--full", "--context", "1", "--color", "never", "--no-pager"], 1) == full


def test_outline_reads_format_and_the_flag_wins(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(folder, '[tool.reportdiff.outline]\nformat = "json"\n')
    assert json.loads(output(capsys, ["outline", "good.md"], 0))["schema"] == "reportdiff.outline/1"
    assert output(capsys, ["outline", "good.md", "--format", "text"], 0).startswith("title:")


def test_figures_reads_csv_settings_and_the_flag_wins(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(folder, '[tool.reportdiff.figures]\nformat = "csv"\ndecimal_comma = true\n')
    comma = output(capsys, ["figures", "good.md"], 0)
    assert comma.startswith("line;section;") and ";5,7;" in comma
    point = output(capsys, ["figures", "good.md", "--no-decimal-comma"], 0)
    assert point.startswith("line,section,") and ",5.7," in point
    assert output(capsys, ["figures", "good.md", "--format", "text"], 0).rstrip().endswith("figures")


def test_trend_reads_format_and_the_flag_wins(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(folder, '[tool.reportdiff.trend]\nformat = "csv"\ncsv_delimiter = ";"\nno_cache = true\n')
    paths = [str(path) for path in sorted(SNAPSHOTS.glob("20*.md"))[:3]]
    result = run(["trend", *paths])
    captured = capsys.readouterr()
    assert result == 0 and captured.out.startswith("\ufeffid;figure;")
    assert "unknown key 'no_cache' in [trend]" in captured.err  # not a setting: a one-off switch
    assert json.loads(output(capsys, ["trend", *paths, "--format", "json"], 0))["schema"] == "reportdiff.trend/1"


def test_check_reads_lang_and_the_flags_win(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "draft.md").write_text(
        "Regiondirektörens rapport\n\n13 maj 2025\n\n# Inledning\n\nVi vill att att alla deltar. TODO: siffran.\n",
        encoding="utf-8",
    )
    configure(folder, '[tool.reportdiff.check]\nlang = "sv"\nignore = ["RD603"]\n')
    swedish = output(capsys, ["check", "draft.md"], 0)
    assert "två gånger i rad" in swedish and "RD603" not in swedish
    english = output(capsys, ["check", "draft.md", "--lang", "en", "--select", "RD603"], 1)
    assert "placeholder 'TODO'" in english and "RD602" not in english


def test_text_has_no_settings_and_names_an_unknown_key(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(folder, '[tool.reportdiff.text]\nwrap = 72\n\n[tool.reportdiff]\ncolour = "never"\n')
    result = run(["text", "good.md"])
    captured = capsys.readouterr()
    assert result == 0 and captured.out.startswith("Regiondirektörens rapport")
    assert "unknown key 'wrap' in [text]" in captured.err
    assert "unknown key 'colour' in the reportdiff configuration" in captured.err


def test_email_reads_subject_and_the_flag_wins(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(
        folder,
        '[tool.reportdiff.email]\nsender = "kansliet@example.org"\nto = ["styrelsen@example.org"]\n'
        'subject = "Ändringar i månadsrapporten"\n',
    )
    from email import message_from_string, policy

    message = message_from_string(output(capsys, ["email", OLD, NEW, "--dry-run"], 0), policy=policy.default)
    assert message["To"] == "styrelsen@example.org" and message["Subject"] == "Ändringar i månadsrapporten"
    configure(folder, '[tool.reportdiff.email]\nsender = "k@example.org"\nto = "styrelsen@example.org"\n')
    single = message_from_string(output(capsys, ["email", OLD, NEW, "--dry-run"], 0), policy=policy.default)
    assert single["To"] == "styrelsen@example.org"  # one address as a string, not a list
    argv = ["email", OLD, NEW, "--dry-run", "--to", "a@example.org", "--subject", "Annat"]
    flagged = message_from_string(output(capsys, argv, 0), policy=policy.default)
    assert flagged["To"] == "a@example.org" and flagged["Subject"] == "Annat"


def test_a_bad_value_is_one_error_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(folder, '[tool.reportdiff.diff]\nlang = "fi"\n')
    assert run(["diff", "good.md", "good.md"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reportdiff: error:") and "lang" in err and "\n" not in err
