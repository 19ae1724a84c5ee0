"""The public API (``reportdiff/__init__.py``) answers the same however often it is called.

Each probe runs in a fresh interpreter: what breaks a second call is state left by the first
(an import that replaced a name, a cache filled from the current folder), and a test process
that has imported everything already would hide it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "snapshots"

PROBE = """
import json, sys
import reportdiff

old_path, new_path, third_path = sys.argv[1:4]
seen = {}
for round in (1, 2, 3):
    old, new = reportdiff.load_pair(old_path, new_path)
    third = reportdiff.load(third_path)
    diff = reportdiff.compare(old, new)
    texts = [reportdiff.render(diff, fmt) for fmt in ("md", "json", "text", "html", "email-html")]
    texts.append(reportdiff.render(diff, "text", lang="en", summary_only=True))
    series = reportdiff.track([third, new, old], topic="Cosmic")
    answer = [old.title, new.title, third.title, diff.stats.words_inserted, *texts,
              [entry.source for entry in series.reports], len(series.figures)]
    seen[round] = answer
print(json.dumps({"same": seen[1] == seen[2] == seen[3], "render": type(reportdiff.render).__name__,
                  "types": [type(item).__name__ for item in seen[3]]}))
"""


def test_every_public_function_can_be_called_again_and_again(tmp_path: Path) -> None:
    files = [str(SNAPSHOTS / name) for name in ("2025-04.md", "2025-05.md", "2025-06.md")]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *files], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["render"] == "function"
    assert answer["same"] is True
    assert answer["types"][4:10] == ["str"] * 6


def test_render_stays_a_function_after_its_subpackage_is_imported(tmp_path: Path) -> None:
    probe = (
        "import reportdiff, reportdiff.render.dispatch, reportdiff.render.html;"
        "from reportdiff.render import terminal;"
        "print(callable(reportdiff.render))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.stdout.strip() == "True", result.stderr


def test_the_library_reads_no_configuration_from_the_current_folder(tmp_path: Path) -> None:
    """A rule file named in the current folder's pyproject.toml is the CLI's to read, not compare()'s."""
    (tmp_path / "pyproject.toml").write_text("[tool.reportdiff.rules]\nfile = 'missing.toml'\n", encoding="utf-8")
    probe = (
        "import sys, reportdiff;"
        "old, new = reportdiff.load_pair(sys.argv[1], sys.argv[2]);"
        "reportdiff.compare(old, new); print('compared')"
    )
    files = [str(SNAPSHOTS / "2025-04.md"), str(SNAPSHOTS / "2025-05.md")]
    library = subprocess.run(
        [sys.executable, "-c", probe, *files], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert library.stdout.strip() == "compared", library.stderr
    command = subprocess.run(
        [sys.executable, "-m", "reportdiff", "diff", *files, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert command.returncode == 2 and "missing.toml" in command.stderr  # the CLI reads it, and says what is wrong


def test_render_overrides_leave_the_callers_options_alone() -> None:
    """``render(diff, fmt, options, lang="en")`` renders in English once; the caller's options stay Swedish."""
    import pytest

    import reportdiff
    from reportdiff.errors import ReportdiffError
    from reportdiff.render.dispatch import render
    from reportdiff.render.options import RenderOptions

    old, new = reportdiff.load_pair(SNAPSHOTS / "2025-04.md", SNAPSHOTS / "2025-05.md")
    diff = reportdiff.compare(old, new)
    options = RenderOptions(lang="sv")
    english = render(diff, "md", options, lang="en")
    assert options.lang == "sv"
    assert render(diff, "md", options) != english
    assert render(diff, "md", RenderOptions(lang="en")) == english == reportdiff.render(diff, "md", lang="en")
    with pytest.raises(ReportdiffError, match="colour"):
        reportdiff.render(diff, "md", colour=True)  # a typo of a field is said, not ignored
