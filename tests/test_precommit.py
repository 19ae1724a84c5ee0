"""The hook under the real pre-commit framework, in throwaway git repositories.

`language: system` local hooks run this checkout's code with this interpreter (no network);
one test runs `pre-commit try-repo` on a snapshot of this repository, which builds a virtualenv
and installs the package with its dependencies from PyPI: it skips, saying why, when that fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reportdiff.cli.hook import main as hook_main

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# Made-up report text; each section long enough (>= 40 words) to count as substantial.
INTRO_APRIL = (
    "Den här månaden vill jag lyfta arbetet med vårdplatserna, som nu ger resultat i hela länet. Antalet "
    "överbeläggningar har minskat och medarbetarna vittnar om en lugnare arbetsdag. Samtidigt återstår "
    "mycket arbete innan vi når målen för tillgänglighet, och jag vill tacka alla som bidrar till det."
)
INTRO_MAY = (
    "I maj har vi fortsatt att följa upp driftsättningen av det nya vårdinformationssystemet. Systemet "
    "fungerar i vardagen men flera brister återstår, och arbetet med att rätta dem pågår för fullt. Jag "
    "vill särskilt tacka de medarbetare som har lagt ned ett stort arbete under de senaste veckorna."
)
ECONOMY = (
    "Periodens resultat är bättre än budget, främst tack vare ett starkt finansnetto och lägre kostnader "
    "för inhyrd personal. Divisionerna redovisar dock fortsatt underskott, och åtgärdsplanerna följs upp "
    "varje månad i ledningsgruppen. Prognosen för helåret är oförändrad jämfört med föregående månad."
)
ECONOMY_MAY = ECONOMY.replace("oförändrad", "något förbättrad")


def report(date: str, introduction: str, economy: str, toc: list[str] | None = None) -> str:
    contents = ""
    if toc is not None:
        contents = "# Innehållsförteckning\n\n" + "".join(f"- {entry}\n" for entry in toc) + "\n"
    return (
        f"Regiondirektörens rapport\n\n{date}\n\n{contents}# Inledning\n\n{introduction}\n\n"
        f"# Ekonomi\n\n{economy}\n\n# Bilagor\n\nBilaga 1. Protokoll.\n"
    )


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check, env=_environment(repo))


def _environment(repo: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        {
            "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "PYTHONPATH": str(ROOT),
            "NO_COLOR": "1",
        }
    )
    return environment


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A git repository with the hook installed as a local `language: system` hook."""
    if (
        shutil.which("pre-commit") is None
        and subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True).returncode
    ):
        pytest.skip("pre-commit is not installed")
    path = tmp_path / "reports"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Test")
    git(path, "config", "user.email", "test@example.org")
    git(path, "config", "commit.gpgsign", "false")
    config = textwrap.dedent(
        f"""\
        repos:
        -   repo: local
            hooks:
            -   id: reportdiff-check
                name: reportdiff check
                entry: {sys.executable} -m reportdiff.cli.hook
                language: system
                files: '\\.(md|markdown|txt|docx|pdf)$'
                verbose: true
        """
    )
    (path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=path,
        check=True,
        capture_output=True,
        env=_environment(path),
    )
    git(path, "add", ".pre-commit-config.yaml")
    git(path, "commit", "-q", "-m", "hooks")
    return path


def commit(repo: Path, files: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
        git(repo, "add", name)
    result = git(repo, "commit", "-m", message, check=False)
    result.stdout += result.stderr  # git prints the hooks' output on stderr
    return result


def test_commit_with_stale_introduction_is_refused_then_passes_when_fixed(repo: Path) -> None:
    first = commit(repo, {"2025-04.md": report("15 april 2025", INTRO_APRIL, ECONOMY)}, "april")
    assert first.returncode == 0, first.stdout + first.stderr
    refused = commit(repo, {"2025-05.md": report("13 maj 2025", INTRO_APRIL, ECONOMY_MAY)}, "may")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "reportdiff check" in output and "Failed" in output
    assert "2025-05.md:5:1: RD102 'Inledning' is word for word the same as in the previous report" in output
    assert "compared with" in output and "2025-04.md" in output
    assert git(repo, "log", "--format=%s").stdout.split() == ["april", "hooks"]
    fixed = commit(repo, {"2025-05.md": report("13 maj 2025", INTRO_MAY, ECONOMY_MAY)}, "may")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert git(repo, "log", "--format=%s").stdout.split() == ["may", "april", "hooks"]


def test_one_file_rewritten_monthly_is_compared_with_its_head_version(repo: Path) -> None:
    (repo / "reportdiff.toml").write_text('[check]\nseverity = { RD101 = "error" }\n', encoding="utf-8")
    git(repo, "add", "reportdiff.toml")
    assert commit(repo, {"rapport.md": report("15 april 2025", INTRO_APRIL, ECONOMY)}, "april").returncode == 0
    refused = commit(repo, {"rapport.md": report("13 maj 2025", INTRO_MAY, ECONOMY)}, "may")
    assert refused.returncode != 0
    assert "rapport.md:9:1: RD101 'Ekonomi' is word for word the same" in refused.stdout
    assert "HEAD:" in refused.stdout  # compared with the committed version


def test_broken_table_of_contents_is_refused(repo: Path) -> None:
    broken = report(
        "13 maj 2025", INTRO_MAY, ECONOMY_MAY, toc=["Inledning", "Ekonomi och finans", "Bilagor", "Ordlista"]
    )
    refused = commit(repo, {"2025-05.md": broken}, "may")
    assert refused.returncode != 0
    assert "RD203 table of contents says 'Ekonomi och finans' but the heading reads 'Ekonomi'" in refused.stdout
    assert "RD202 table of contents lists 'Ordlista', which is not a heading" in refused.stdout
    good = report("13 maj 2025", INTRO_MAY, ECONOMY_MAY, toc=["Inledning", "Ekonomi", "Bilagor"])
    assert commit(repo, {"2025-05.md": good}, "may").returncode == 0


def test_clean_report_passes_and_warnings_do_not_block(repo: Path) -> None:
    warned = report("13 maj 2025", INTRO_MAY, ECONOMY_MAY + " Arbetet fortsätter med utma- nade mål.")
    result = commit(repo, {"2025-05.md": warned}, "may")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
    assert "2025-05.md:9:1: RD101" not in result.stdout
    assert "RD601 'utma- nade' looks like a word split at a hyphen" in result.stdout  # shown: verbose: true


def test_hook_main_called_directly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "2025-04.md").write_text(report("15 april 2025", INTRO_APRIL, ECONOMY), encoding="utf-8")
    draft = tmp_path / "2025-05.md"
    draft.write_text(report("13 maj 2025", INTRO_APRIL, ECONOMY_MAY), encoding="utf-8")
    assert hook_main([str(draft)]) == 1
    out = capsys.readouterr().out
    assert "RD102" in out and "2025-04.md" in out
    assert hook_main([str(draft), "--ignore", "RD102"]) == 0
    assert hook_main([str(draft), "--no-previous"]) == 0
    assert hook_main([]) == 0


def test_hook_reads_lang_from_the_check_table_and_the_flag_wins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "2025-04.md").write_text(report("15 april 2025", INTRO_APRIL, ECONOMY), encoding="utf-8")
    draft = tmp_path / "2025-05.md"
    draft.write_text(report("13 maj 2025", INTRO_APRIL, ECONOMY_MAY), encoding="utf-8")
    (tmp_path / "reportdiff.toml").write_text('[check]\nlang = "sv"\ncolour = "röd"\n', encoding="utf-8")
    assert hook_main([str(draft)]) == 1
    captured = capsys.readouterr()
    assert "ordagrant samma som i förra rapporten" in captured.out
    assert "unknown key 'colour'" in captured.err
    assert hook_main([str(draft), "--lang", "en"]) == 1
    assert "word for word the same as in the previous report" in capsys.readouterr().out


def test_hook_trouble_is_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert hook_main([str(tmp_path / "missing.md")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "x.md"
    bad.write_text("# Rubrik\n\nText.\n", encoding="utf-8")
    (tmp_path / "reportdiff.toml").write_text("[check]\nselect = ['RD999']\n", encoding="utf-8")
    assert hook_main([str(bad)]) == 2


def test_previous_found_by_date_in_names_or_by_report_date(tmp_path: Path) -> None:
    from reportdiff.cli.hook import previous_in_folder
    from reportdiff.ingest import load

    for name, date in (("2025-03.md", "12 mars 2025"), ("2025-04.md", "15 april 2025"), ("2025-06.md", "17 juni 2025")):
        (tmp_path / name).write_text(report(date, INTRO_APRIL, ECONOMY), encoding="utf-8")
    draft = tmp_path / "2025-05.md"
    draft.write_text(report("13 maj 2025", INTRO_MAY, ECONOMY), encoding="utf-8")
    found = previous_in_folder(draft, load(draft))
    assert found is not None and found.source.endswith("2025-04.md")
    undated = tmp_path / "undated"
    undated.mkdir()
    for name, date in (("a.md", "15 april 2025"), ("b.md", "12 mars 2025"), ("c.md", "17 juni 2025")):
        (undated / name).write_text(report(date, INTRO_APRIL, ECONOMY), encoding="utf-8")
    (undated / "utkast.md").write_text(report("13 maj 2025", INTRO_MAY, ECONOMY), encoding="utf-8")
    found = previous_in_folder(undated / "utkast.md", load(undated / "utkast.md"))
    assert found is not None and found.source.endswith("a.md")


def test_try_repo_on_this_repository(tmp_path: Path) -> None:
    """`pre-commit try-repo` on a snapshot of this checkout (it takes committed files, so we commit a copy)."""
    snapshot = tmp_path / "reportdiff-snapshot"
    shutil.copytree(
        ROOT,
        snapshot,
        ignore=shutil.ignore_patterns(
            ".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache", "*.egg-info"
        ),
    )
    git(snapshot, "init", "-q", "-b", "main")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    (work / "draft.md").write_text(
        "Regiondirektörens rapport\n\n13 maj 2025\n\n# Inledning\n\nVi vill att att alla deltar med XX kronor.\n",
        encoding="utf-8",
    )
    git(work, "add", "draft.md")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(snapshot), "reportdiff-check", "--files", "draft.md"],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=900,
            env=_environment(work),
        )
    except subprocess.TimeoutExpired:
        pytest.skip("pre-commit try-repo took over 15 minutes installing the package (slow or no network)")
    output = result.stdout + result.stderr
    if "An unexpected error has occurred" in output or "CalledProcessError" in output:
        log = (tmp_path / "pre-commit-home" / "pre-commit.log").read_text(errors="replace")[-2000:]
        if any(word in log for word in ("Could not find a version", "NewConnectionError", "Network is unreachable")):
            pytest.skip("pre-commit could not install the package's dependencies from PyPI (offline?)")
        pytest.fail(f"pre-commit try-repo failed:\n{output}\n{log}")
    assert result.returncode == 1, output
    assert "draft.md:7:9: RD602 'att' twice in a row" in output
    assert "draft.md:7:33: RD603 placeholder 'XX' left in the text" in output


def test_revising_a_committed_issue_compares_with_the_issue_before(tmp_path: Path, capsys) -> None:
    """HEAD holds the same issue (same date): comparing with it would call every section stale."""
    folder = tmp_path / "reports"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    (folder / "2025-04.md").write_text(report("15 april 2025", INTRO_APRIL, ECONOMY), encoding="utf-8")
    (folder / "2025-05.md").write_text(report("13 maj 2025", INTRO_MAY, ECONOMY_MAY), encoding="utf-8")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "april and may")
    draft = folder / "2025-05.md"
    draft.write_text(report("13 maj 2025", INTRO_MAY.replace("fortsatt", "fortsatt noga"), ECONOMY_MAY))
    assert hook_main([str(draft)]) == 0
    assert "RD101" not in capsys.readouterr().out
    # A later issue in the same file name would be compared with HEAD: copy the introduction.
    draft.write_text(report("17 juni 2025", INTRO_MAY, ECONOMY_MAY))
    assert hook_main([str(draft)]) == 1
    out = capsys.readouterr().out
    assert "RD102" in out and "compared with HEAD:" in out


def test_shipped_manifest_is_valid_and_selects_report_files() -> None:
    import re

    import yaml

    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "reportdiff-check",
        "reportdiff-hook",
        "python",
        True,
    )
    pattern = re.compile(hook["files"])
    assert all(pattern.search(name) for name in ("a.md", "b/c.markdown", "r.txt", "rapport.docx", "x.pdf"))
    assert not any(pattern.search(name) for name in ("a.py", "rapport.docx.bak", "notes.mdx"))
