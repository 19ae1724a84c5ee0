"""`reportdiff text` and the git integration: textconv for `git diff`, `reportdiff diff` as a difftool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportdiff.check.textconv import report_text
from reportdiff.cli import run
from reportdiff.ingest import read_markdown

MARKDOWN = """\
Regiondirektörens rapport

13 maj 2025

# Innehållsförteckning

- Inledning
- Verksamheten

# Inledning

Första stycket, skrivet
över två rader.

# Verksamheten

## Division Nära

- en punkt
- en till

| Mått | Värde |
| --- | --- |
| Sjukfrånvaro | 6,1 % |
"""


def test_report_text_layout() -> None:
    text = report_text(read_markdown(MARKDOWN, "r.md"))
    assert text == (
        "Regiondirektörens rapport\n\n13 maj 2025\n\n# Inledning\n\nFörsta stycket, skrivet över två rader.\n\n"
        "# Verksamheten\n\n## Division Nära\n\n- en punkt\n\n- en till\n\nMått | Värde\n\nSjukfrånvaro | 6,1 %\n"
    )


def test_report_text_strips_control_characters() -> None:
    text = report_text(read_markdown("# Rubrik\n\nText \x1b[31mröd\x07.\n", "r.md"))
    # the whole escape sequence goes, not just the ESC byte: no "[31m" residue is left in the words
    assert "\x1b" not in text and "\x07" not in text and "[31m" not in text
    assert "Text röd." in text


def test_text_command_reads_stdin_and_writes_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "r.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    target = tmp_path / "out.txt"
    assert run(["text", str(source), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == report_text(read_markdown(MARKDOWN, "r.md"))
    assert run(["text", str(tmp_path / "missing.docx")]) == 2


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_text_of_docx_and_pdf_has_headings_and_no_contents_or_furniture(kind: str) -> None:
    docbuild = pytest.importorskip("docbuild")
    from reportdiff.ingest import load_bytes

    if kind == "docx":
        data = docbuild.build_docx(docbuild.SAMPLE_REPORT, toc=True)
    else:
        data = docbuild.build_pdf(docbuild.SAMPLE_REPORT, toc=True, header=True, footer=True)
    text = report_text(load_bytes(data, f"r.{kind}", suffix=f".{kind}"))
    expected_headings = [line for line in docbuild.SAMPLE_REPORT.splitlines() if line.startswith("#")]
    got_headings = [line for line in text.splitlines() if line.startswith("#")]
    assert got_headings == expected_headings
    assert "Innehållsförteckning" not in text
    assert not [line for line in text.splitlines() if line.startswith(("Sida ", "Page "))]


def _git_env(home: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        {
            "HOME": str(home),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "T",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "T",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
            "GIT_PAGER": "cat",
        }
    )
    return environment


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_diff_of_docx_through_textconv(tmp_path: Path) -> None:
    docbuild = pytest.importorskip("docbuild")
    repo = tmp_path / "repo"
    repo.mkdir()
    environment = _git_env(tmp_path)

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=repo, env=environment, capture_output=True, text=True, check=True
        ).stdout

    git("init", "-q")
    git("config", "diff.report.textconv", f"{sys.executable} -m reportdiff text")
    (repo / ".gitattributes").write_text("*.docx diff=report\n*.pdf diff=report\n", encoding="utf-8")
    old_markdown = docbuild.SAMPLE_REPORT
    changed_sentence = next(line for line in old_markdown.splitlines() if line.startswith("Sjukfrånvaron var"))
    new_markdown = old_markdown.replace(changed_sentence, changed_sentence.replace("6,1 procent", "5,8 procent"))
    assert new_markdown != old_markdown
    (repo / "rapport.docx").write_bytes(docbuild.build_docx(old_markdown))
    git("add", ".")
    git("commit", "-qm", "one")
    (repo / "rapport.docx").write_bytes(docbuild.build_docx(new_markdown))
    diff = git("diff", "--", "rapport.docx")
    assert "Binary files" not in diff
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == 1 and "6,1 procent" in removed[0]
    assert len(added) == 1 and "5,8 procent" in added[0]
    without = subprocess.run(
        ["git", "diff", "--no-textconv", "--", "rapport.docx"],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
    ).stdout
    assert "Binary files" in without


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_reportdiff_diff_as_git_difftool(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    environment = _git_env(tmp_path)

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=repo, env=environment, capture_output=True, text=True)

    git("init", "-q")
    git("config", "difftool.reportdiff.cmd", f'{sys.executable} -m reportdiff diff --color never "$LOCAL" "$REMOTE"')
    report = repo / "rapport.md"
    report.write_text("Regiondirektörens rapport\n\n13 maj 2025\n\n# Inledning\n\nSjukfrånvaron var 6,1 procent.\n")
    git("add", ".")
    git("commit", "-qm", "one")
    report.write_text("Regiondirektörens rapport\n\n17 juni 2025\n\n# Inledning\n\nSjukfrånvaron var 5,8 procent.\n")
    result = git("difftool", "--no-prompt", "--tool=reportdiff", "--", "rapport.md")
    assert result.returncode == 0, result.stderr
    assert "5,8" in result.stdout and "6,1" in result.stdout
    assert "Inledning" in result.stdout
