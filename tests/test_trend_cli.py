"""`reportdiff trend`: goldens on the snapshots, the four formats, CSV for Excel, --diffs, errors, escaping."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import GOLDEN, ROOT, SNAPSHOTS, snapshot_paths

from reportdiff.cli import cli, run
from reportdiff.render.trend_json import TREND_SCHEMA

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTDIFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)


def need_snapshots() -> None:
    if len(snapshot_paths()) < 8:
        pytest.skip("the eight snapshots are not all there yet")


def schema() -> dict[str, Any]:
    text = resources.files("reportdiff").joinpath("data/trend.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(data: Any) -> None:
    import jsonschema

    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(data)


def write_report(folder: Path, name: str, date: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"Regiondirektörens rapport\n\n{date}\n\n{body}", encoding="utf-8")
    return path


# -- goldens on the snapshot series ----------------------------------------------------------------

GOLDEN_CASES = {
    "trend-snapshots.txt": ["--format", "text", "--color", "never", "--width", "100"],
    "trend-cosmic.txt": ["--format", "text", "--color", "never", "--width", "100", "--topic", "Cosmic"],
    "trend-cosmic.json": ["--format", "json", "--topic", "Cosmic"],
    "trend-snapshots.csv": ["--format", "csv"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    """Regenerate with: python -m pytest tests/test_trend_cli.py --update-goldens (then review the diff)."""
    need_snapshots()
    monkeypatch.chdir(ROOT)
    outputs = []
    for attempt, cache in enumerate(["--no-cache", None]):  # parsed fresh, then from the cache: same bytes
        target = tmp_path / f"{attempt}-{name}"
        argv = ["trend", "snapshots/", *GOLDEN_CASES[name], "-o", str(target), *([cache] if cache else [])]
        assert run(argv) == 0
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1], "two runs gave different bytes"
    golden = GOLDEN / name
    if update_goldens:
        golden.write_bytes(outputs[0])
    if not golden.exists():
        pytest.fail(f"{golden} is missing; create it with: python -m pytest tests/test_trend_cli.py --update-goldens")
    assert outputs[0] == golden.read_bytes(), f"{name} differs from the golden file (review, then --update-goldens)"


def test_golden_text_says_what_the_snapshot_readme_says() -> None:
    """The golden is not just the code's own output: check it against snapshots/README.md by hand-read facts."""
    need_snapshots()
    text = (GOLDEN / "trend-cosmic.txt").read_text(encoding="utf-8")
    assert "7 452 → 7 438 → 7 401" in text and "+150" in text  # anställda 01 → 08: 7 452 → 7 602
    assert "Månadsrapport juni" in text and "FVIS Cosmic" in text
    data = json.loads((GOLDEN / "trend-cosmic.json").read_text(encoding="utf-8"))
    tracks = {(t["label"], t["unit"]): t for t in data["figures"]}
    assert [p["value"] for p in tracks[("anställda", "st")]["points"]] == [
        7452,
        7438,
        7401,
        7415,
        7436,
        7449,
        7468,
        7602,
    ]
    sick = next(t for (label, unit), t in tracks.items() if label.startswith("sjukfrånvaro") and unit == "procent")
    assert [p["value"] for p in sick["points"]] == [5.9, 6.0, 7.2, 7.0, 6.6, 6.3, 6.1, 5.8]
    lex = max((t for t in data["figures"] if t["label"].startswith("lex maria")), key=lambda t: len(t["points"]))
    assert [p["value"] for p in lex["points"]] == [4, 6, 5, 7, 9, 6, 3, 5]  # "fyra" in 01
    result = next(t for (label, unit), t in tracks.items() if label == "periodens resultat" and unit == "mnkr")
    assert [p["value"] for p in result["points"]] == [512, 298, -38, -61, 14, 42, 88, 131]
    rows = {row["heading"]: row for row in data["sections"]}
    assert [c["state"] for c in rows["Nyckeltal"]["cells"]] == [
        "absent", "new", "gone", "absent", "new", "gone", "absent", "new",
    ]  # fmt: skip
    assert rows["Säkerhets- och beredskapsenheten"]["cells"][6]["state"] == "renamed"  # 06 → 07
    assert [c["state"] for c in rows["Sommarplanering 2025"]["cells"]][5:] == ["new", "changed", "gone"]
    cosmic = data["topics"][0]["points"]
    assert all(point["mentions"] > 0 for point in cosmic)
    assert cosmic[6]["phase"] == "hand-over"  # 07: handed over to förvaltningsorganisationen


# -- formats ---------------------------------------------------------------------------------------


def test_json_validates_and_the_schema_rejects_what_it_should(tmp_path: Path) -> None:
    import jsonschema

    need_snapshots()
    out = tmp_path / "t.json"
    assert run(["trend", str(SNAPSHOTS), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == TREND_SCHEMA and data["topic"] is None
    validate(data)
    assert data["lasting"] and data["topics"] == []
    for broken in (
        {**data, "extra": 1},
        {**data, "schema": "reportdiff.trend/2"},
        {**data, "sections": [{**data["sections"][0], "cells": [{**data["sections"][0]["cells"][0], "state": "odd"}]}]},
        {**data, "figures": [{k: v for k, v in data["figures"][0].items() if k != "unit"}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken)


def test_csv_is_ready_for_swedish_excel(tmp_path: Path) -> None:
    need_snapshots()
    out = tmp_path / "t.csv"
    assert run(["trend", str(SNAPSHOTS), "--format", "csv", "--decimal-comma", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header = rows[0]
    assert (
        header[:4] == ["id", "figure", "unit", "section"] and header[4] == "2025-01-14" and header[11] == "2025-08-26"
    )
    sick = max(
        (row for row in rows[1:] if row[1].startswith("sjukfrånvaro") and row[2] == "procent"), key=lambda row: row[-1]
    )
    assert sick[4:12] == ["5,9", "6", "7,2", "7", "6,6", "6,3", "6,1", "5,8"]
    staff = max((row for row in rows[1:] if row[1] == "anställda"), key=lambda row: row[-1])
    assert staff[4] == "7452" and staff[-2] == "150"  # no thousands separator: Excel reads a number


def test_csv_delimiter_and_formula_escaping(tmp_path: Path) -> None:
    report = write_report(tmp_path, "a.md", "14 januari 2025", '# =HYPERLINK("x")\n\nRegionen har 7 452 anställda.\n')
    out = tmp_path / "t.csv"
    assert run(["trend", str(report), "--format", "csv", "--csv-delimiter", "tab", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline=""), delimiter="\t"))
    staff = next(row for row in rows if row[1] == "anställda")
    assert staff[3].startswith("'=")  # a heading never becomes a formula
    assert staff[4] == "7452"


def test_html_is_standalone_with_svg_charts_and_escaped_text(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> & [bold]x[/bold]"
    first = write_report(
        tmp_path, "a.md", "14 januari 2025", f"# {hostile}\n\nRegionen har 7 452 anställda och Cosmic.\n"
    )
    second = write_report(
        tmp_path, "b.md", "11 februari 2025", f"# {hostile}\n\nRegionen har 7 438 anställda och Cosmic.\n"
    )
    out = tmp_path / "t.html"
    assert run(["trend", str(first), str(second), "--format", "html", "--topic", "Cosmic", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "<script" not in page.lower(), "report text became markup (or the page needs a script)"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), "the page must work offline"
    from reportdiff.render.palette import PALETTE

    assert PALETTE["insert"][1] in page and PALETTE["path"][1] in page  # the diff page's palette


def test_terminal_shows_report_text_as_written(tmp_path: Path) -> None:
    heading = "[bold red]Rubrik[/bold red] \x1b[31mröd\x1b[0m"
    first = write_report(tmp_path, "a.md", "14 januari 2025", f"# {heading}\n\nRegionen har 7 452 anställda.\n")
    second = write_report(tmp_path, "b.md", "11 februari 2025", f"# {heading}\n\nRegionen har 7 438 anställda.\n")
    result = CliRunner().invoke(cli, ["trend", str(first), str(second), "--color", "always", "--width", "100"])
    assert result.exit_code == 0, result.output
    assert "[bold red]Rubrik[/bold red]" in result.stdout
    assert "\x1b[31mröd" not in result.stdout
    assert "7 452 → 7 438" in result.stdout and "−14" in result.stdout


def test_reports_are_ordered_by_date_whatever_their_names(tmp_path: Path) -> None:
    write_report(tmp_path, "a.md", "11 mars 2025", "# A\n\nRegionen har 7 401 anställda.\n")
    write_report(tmp_path, "b.md", "14 januari 2025", "# A\n\nRegionen har 7 452 anställda.\n")
    write_report(tmp_path, "README.md", "1 januari 2020", "# Not a report\n\nRegionen har 1 anställda.\n")
    result = CliRunner().invoke(cli, ["trend", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [Path(r["source"]).name for r in data["reports"]] == ["b.md", "a.md"]  # README.md is not a report
    staff = next(t for t in data["figures"] if t["label"] == "anställda")
    assert [p["value"] for p in staff["points"]] == [7452, 7401]


def test_warnings_go_to_stderr_not_into_the_output(tmp_path: Path) -> None:
    write_report(tmp_path, "a.md", "11 mars 2025", "# A\n\nText om mars 2025.\n")
    (tmp_path / "b.md").write_text("Regiondirektörens rapport\n\n# A\n\nText om januari 2025.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["trend", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert "b.md: the report has no date" in result.stderr
    assert json.loads(result.stdout)["reports"][0]["source"].endswith("b.md")
    assert "━" not in result.stderr and "%" not in result.stderr  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["trend", "missing.md"], "missing.md: no such file or folder"),
        (["trend", "{empty}"], "no report files in this folder"),
        (["trend", "{report}", "--topic", "  "], "give at least one word"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(argv: list[str], message: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    report = write_report(tmp_path, "a.md", "14 januari 2025", "# A\n\nText.\n")
    argv = [arg.replace("{empty}", str(empty)).replace("{report}", str(report)) for arg in argv]
    code = f"import sys; from reportdiff.cli import run; sys.exit(run({argv!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_diffs_writes_every_consecutive_pair_in_date_order(tmp_path: Path) -> None:
    need_snapshots()
    folder = tmp_path / "diffs"
    out = tmp_path / "t.txt"
    paths = [str(path) for path in reversed(snapshot_paths()[:3])]
    status = run(["trend", *paths, "--diffs", str(folder), "--diff-format", "json", "-o", str(out)])
    assert status == 0
    written = sorted(path.name for path in folder.iterdir())
    assert written == ["01-2025-01--2025-02.json", "02-2025-02--2025-03.json"]
    diff = json.loads((folder / written[0]).read_text(encoding="utf-8"))
    assert diff["schema"] == "reportdiff.diff/1" and diff["new"]["date"] == "2025-02-11"


def test_trend_json_does_not_import_rich() -> None:
    """Machine output needs no terminal renderer (lazy imports keep the command quick)."""
    need_snapshots()
    code = (
        "import sys, os; from reportdiff.cli import run; "
        f"status = run(['trend', {str(SNAPSHOTS)!r}, '--format', 'json', '-o', os.devnull]); "
        "print(status, 'rich' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False"]


def test_every_trend_option_is_documented() -> None:
    docs = (ROOT / "docs" / "trend.md").read_text(encoding="utf-8")
    command = cli.commands["trend"]
    for param in command.params:
        for option in getattr(param, "opts", []):
            if option.startswith("--"):
                assert option in docs, f"{option} is not in docs/trend.md"
