"""``reportdiff text`` round-trips: a diff of a report against its own text export finds no change.

On every fixture: the snapshots, a DOCX and a PDF built from each of the first three, the hostile
corpus's good report, a report whose paragraphs start like Markdown syntax, and the real reports
in ../shared/seeds. The export is read back from a ``.txt`` file, as ``reportdiff text report.pdf
-o report.txt`` leaves it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_FILES, seed_path, snapshot_paths

from reportdiff.check.textconv import report_text
from reportdiff.cli import run
from reportdiff.comparison import compare
from reportdiff.ingest import load, load_bytes
from reportdiff.model import Report
from reportdiff.render.select import has_selected_changes
from tests import hostile
from tests.docbuild import build_docx, build_pdf

# Paragraphs that Markdown would read as something else, were they not escaped.
MARKDOWN_LOOKALIKES = (
    "Regiondirektörens rapport\n\n14 mars 2025\n\n# Inledning\n\n"
    "1\\. januari började det nya avtalet gälla.\n\n\\# 3 är numret på ärendet.\n\n"
    "\\- 14 procent är minskningen.\n\n\\> 40 mnkr är gränsen.\n\n"
    "- Åtgärdsplanen är beslutad.\n- Översynen är klar.\n\n1. Första steget.\n2. Andra steget.\n\n"
    "# Ekonomi\n\nResultatet är 12 mnkr.\n"
)


def assert_round_trip(report: Report) -> None:
    text = report_text(report)
    back = load_bytes(text.encode("utf-8"), "export.txt", suffix=".txt")
    result = compare(report, back)
    assert not has_selected_changes(result, None), (report.source, result.stats)
    assert report_text(back) == text  # and the export of the export is the export


@pytest.mark.parametrize("path", snapshot_paths(), ids=lambda path: path.name)
def test_snapshot_round_trips(path: Path) -> None:
    assert_round_trip(load(path))


@pytest.mark.parametrize("path", snapshot_paths()[:3], ids=lambda path: path.name)
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_docx_and_pdf_round_trip(path: Path, kind: str) -> None:
    source = path.read_text(encoding="utf-8")
    data = build_docx(source) if kind == "docx" else build_pdf(source)
    assert_round_trip(load_bytes(data, f"{path.stem}.{kind}"))


@pytest.mark.parametrize("text", [hostile.GOOD_REPORT, MARKDOWN_LOOKALIKES], ids=["good", "lookalikes"])
def test_small_reports_round_trip(text: str) -> None:
    assert_round_trip(load_bytes(text.encode("utf-8"), "rapport.md", suffix=".md"))


@pytest.mark.parametrize("name", sorted(SEED_FILES))
def test_real_report_round_trips(name: str) -> None:
    assert_round_trip(load(seed_path(name)))


def test_cli_diff_of_a_pdf_against_its_export_is_same(tmp_path: Path) -> None:
    """The issue's own steps: ``text report.pdf -o report.txt``, then ``diff report.pdf report.txt``: status 0."""
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(build_pdf(snapshot_paths()[1].read_text(encoding="utf-8")))
    assert run(["text", str(pdf), "-o", str(tmp_path / "report.txt")]) == 0
    assert (
        run(["diff", str(pdf), str(tmp_path / "report.txt"), "--format", "json", "-o", str(tmp_path / "d.json")]) == 0
    )
