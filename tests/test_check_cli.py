"""`reportdiff check` on the command line: output formats, exit statuses, configuration, git."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from reportdiff.check import RULES
from reportdiff.cli import run

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "reportdiff" / "check" / "check.schema.json"

DRAFT = (
    "Regiondirektörens rapport\n\n13 maj 2025\n\n# Inledning\n\n"
    "Vi vill att att alla deltar.\n\nKostnaden blev XX miljoner kronor.\n"
)


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_text_output_lines_and_exit_1_on_error(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(draft)]) == 1  # RD603 is an error
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{draft}:7:9: RD602 'att' twice in a row",
        f"{draft}:9:16: RD603 placeholder 'XX' left in the text",
    ]


def test_exit_0_when_only_warnings(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(draft), "--ignore", "RD603"]) == 0
    assert "RD602" in capsys.readouterr().out


def test_select_flag_and_comma_lists(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(draft), "--select", "RD602,RD601"]) == 0
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()] == ["RD602"]


def test_json_format_follows_the_schema(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    assert run(["check", str(draft), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert document["schema"] == "reportdiff.check/1"
    assert document["counts"] == {"error": 1, "warning": 1, "info": 0}
    assert [(f["code"], f["rule"], f["line"]) for f in document["findings"]] == [
        ("RD602", "doubled-word", 7),
        ("RD603", "placeholder", 9),
    ]
    assert document["previous"] is None


def test_output_is_byte_for_byte_stable(draft: Path, tmp_path: Path) -> None:
    outputs = []
    for index in range(2):
        target = tmp_path / f"out{index}.json"
        run(["check", str(draft), "--format", "json", "-o", str(target)])
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_config_file_in_pyproject_is_found_and_flag_config_wins(draft: Path, capsys) -> None:
    (draft.parent / "pyproject.toml").write_text(
        '[tool.reportdiff.check]\nignore = ["RD603"]\nseverity = { RD602 = "error" }\n', encoding="utf-8"
    )
    assert run(["check", str(draft)]) == 1  # RD602 raised to error; RD603 ignored
    out = capsys.readouterr().out
    assert "RD603" not in out and "RD602 'att' twice in a row [error]" in out
    other = draft.parent / "other.toml"
    other.write_text("[check]\nselect = ['RD603']\n", encoding="utf-8")
    assert run(["check", str(draft), "--config", str(other)]) == 1
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()] == ["RD603"]


@pytest.mark.parametrize(
    "args, words",
    [
        (["check", "/no/such/draft.md"], "no such file"),
        (["check"], "needs a DRAFT"),
        (["check", "{draft}", "--select", "RD9"], "unknown rule code"),
        (["check", "{draft}", "--config", "/no/such.toml"], "no such configuration file"),
        (["check", "{draft}", "--previous", "{draft}", "--against", "HEAD"], "not both"),
        (["check", "{draft}", "--against", "HEAD"], "not inside a git repository"),
        (["check", "{draft}", "--against", "--upload-pack=evil"], "not a revision name"),
    ],
)
def test_trouble_is_exit_2_with_one_line(draft: Path, capsys, args: list[str], words: str) -> None:
    assert run([arg.replace("{draft}", str(draft)) for arg in args]) == 2
    err = capsys.readouterr().err
    assert words in err and err.strip().count("\n") == 0


def test_list_rules_names_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--list-rules"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == list(RULES)


def test_previous_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.md"
    old.write_text("Regiondirektörens rapport\n\n15 april 2025\n\n# Inledning\n\nText.\n\n# Bilagor\n\nB.\n")
    new = tmp_path / "new.md"
    new.write_text("Regiondirektörens rapport\n\n13 maj 2025\n\n# Inledning\n\nNy text.\n")
    assert run(["check", str(new), "--previous", str(old)]) == 0
    assert "RD501 'Bilagor' (level 1 in the previous report) has no counterpart" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_against_a_git_revision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "T")
    report = tmp_path / "sub" / "rapport.md"
    report.parent.mkdir()
    report.write_text("Regiondirektörens rapport\n\n13 maj 2025\n\n# Inledning\n\nText.\n")
    git("add", ".")
    git("commit", "-qm", "may")
    report.write_text("Regiondirektörens rapport\n\n14 april 2025\n\n# Inledning\n\nText.\n")
    assert run(["check", str(report), "--against", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert "RD402 the report is dated 14 april 2025, older than the previous report (13 maj 2025)" in out
    assert run(["check", str(report), "--against", "nosuchbranch"]) == 2
    assert "no such revision" in capsys.readouterr().err
    new_file = tmp_path / "sub" / "ny.md"
    new_file.write_text("# X\n\nText.\n")
    assert run(["check", str(new_file), "--against", "HEAD"]) == 2
    assert "not in revision HEAD" in capsys.readouterr().err


def test_git_read_times_out_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportdiff.errors import InputError
    from reportdiff.ingest import git as gitutil

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise subprocess.TimeoutExpired(cmd="git", timeout=0.01)

    monkeypatch.setattr(gitutil.subprocess, "run", slow)
    with pytest.raises(InputError, match="took longer than"):
        gitutil.read_at_revision(tmp_path / "x.md", "HEAD", timeout=0.01)


def test_every_rule_is_in_the_docs_table() -> None:
    docs = (SCHEMA_FILE.parent.parent.parent / "docs" / "check.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        row = next((line for line in docs.splitlines() if line.startswith(f"| {rule.code} |")), "")
        assert f"| {rule.name} |" in row, f"{rule.code} is missing from the rules table in docs/check.md"
        assert rule.severity.value in row


def test_help_lists_check_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "check" in out and "text" in out


def test_docx_contents_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docbuild = pytest.importorskip("docbuild")
    from reportdiff.check import check
    from reportdiff.ingest import load_bytes

    path = tmp_path / "rapport.docx"
    path.write_bytes(docbuild.build_docx(docbuild.SAMPLE_REPORT, toc=True))
    assert run(["check", str(path)]) == 0
    report = load_bytes(path.read_bytes(), str(path), suffix=".docx")
    assert len(report.toc) >= 3
    dropped = report.toc.pop(1)
    findings = check(report, None)
    assert [(f.code, f.message.split("'")[1]) for f in findings] == [("RD201", dropped.heading)]
