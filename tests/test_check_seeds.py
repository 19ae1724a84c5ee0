"""`reportdiff check` on the real reports: a short list a writer would agree with, not a flood.

Run with `pytest -s` to see the counts per rule and a sample of the findings.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import seed_path

from reportdiff.check import check, read_source_text
from reportdiff.ingest import load, load_bytes
from reportdiff.model import Finding
from reportdiff.render.check import format_text
from reportdiff.text.normalize import heading_key

pytestmark = pytest.mark.corpus


def run_check(draft_name: str, previous_name: str | None) -> list[Finding]:
    draft_path = seed_path(draft_name)
    previous = load(seed_path(previous_name)) if previous_name else None
    findings = check(load(draft_path), previous, None, read_source_text(draft_path))
    counts = Counter(finding.code for finding in findings)
    against = previous_name or "nothing"
    print(f"\n{draft_name} against {against}: {len(findings)} finding(s) {dict(sorted(counts.items()))}")
    print(format_text(findings[:8]), end="")
    return findings


def test_004_against_000_is_short_and_about_parts_really_gone() -> None:
    findings = run_check("004", "000")
    # Six months apart, same structure: the monthly part and the occasional analysis part are the
    # only level-1 parts of 000 missing from 004; no section is copied word for word; the table of
    # contents of 004 matches its headings. A writer reads this list in a minute: at most 6.
    assert len(findings) <= 6
    assert not [f for f in findings if f.code.startswith(("RD1", "RD2"))]
    draft_headings = {heading_key(section.heading) for section in load(seed_path("004")).sections()}
    previous_headings = {heading_key(section.heading) for section in load(seed_path("000")).sections()}
    for finding in findings:
        if finding.code == "RD501":
            name = finding.message.split("'")[1]
            assert heading_key(name) in previous_headings and heading_key(name) not in draft_headings


def test_000_against_002_is_short() -> None:
    findings = run_check("000", "002")
    assert len(findings) <= 8
    assert not [f for f in findings if f.code.startswith("RD1")]  # eighteen months apart: nothing copied


def test_drafting_leftovers_in_002_are_real() -> None:
    findings = run_check("002", None)
    lines = seed_path("002").read_text(encoding="utf-8").splitlines()
    assert len(findings) <= 5
    doubled = [f for f in findings if f.code == "RD602"]
    assert doubled, "the seed has a doubled word ('inom', line 1785)"
    for finding in doubled:
        word = finding.message.split("'")[1]
        assert f"{word} {word}" in lines[finding.line - 1]
    for finding in findings:
        if finding.code == "RD601":
            head = finding.message.split("'")[1].split("-")[0]
            assert head in lines[finding.line - 1]


def test_word_style_toc_matches_and_a_broken_one_is_found(tmp_path: Path) -> None:
    """004's contents lists its level-1 and level-2 headings; drop one entry and rename one heading."""
    path = seed_path("004")
    text = path.read_text(encoding="utf-8")
    report = load(path)
    assert report.toc, "the text reader fills the table of contents of Word-style text"
    assert not [f for f in check(report, None) if f.code.startswith("RD2")]
    entry = next(e for e in report.toc if heading_key(e.heading) == heading_key("Division Psykiatri"))
    lines = text.split("\n")
    del lines[entry.line - 1]
    broken = load_bytes("\n".join(lines).encode("utf-8"), "broken.txt", suffix=".txt")
    missing = [f for f in check(broken, None) if f.code.startswith("RD2")]
    print("\ndropped a contents line:", format_text(missing), end="")
    assert [(f.code, f.message.split("'")[1]) for f in missing] == [("RD201", "Division Psykiatri")]


def test_seed_check_is_deterministic() -> None:
    assert format_text(run_check("004", "000")) == format_text(run_check("004", "000"))


def test_004_against_itself_flags_every_substantial_section() -> None:
    """The extreme of stale text: last month's report sent again. Every section of 40 words or
    more is reported (the introduction as an error), and the date as not later."""
    report = load(seed_path("004"))
    findings = check(report, load(seed_path("004")), None, read_source_text(seed_path("004")))
    substantial = [s for s in report.sections() if sum(len(b.text.split()) for b in s.blocks) >= 40]
    stale = [f for f in findings if f.code in ("RD101", "RD102")]
    print(f"\n004 against itself: {len(stale)} stale of {len(substantial)} substantial sections")
    assert sorted(f.line for f in stale) == sorted(s.span.start for s in substantial)
    assert [f.code for f in stale if f.code == "RD102"] == ["RD102"]
    assert "RD402" in {f.code for f in findings}


# --- the snapshot series (Markdown, in the repository) -----------------------------------------

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"


def test_snapshot_series_is_quiet_and_finds_the_copied_sections() -> None:
    paths = sorted(SNAPSHOTS.glob("2025-*.md"))
    assert len(paths) == 8
    per_pair = {}
    for old, new in zip(paths, paths[1:], strict=False):
        findings = check(load(new), load(old), None, read_source_text(new))
        per_pair[new.stem] = findings
        print(f"\n{new.stem} against {old.stem}: {dict(Counter(f.code for f in findings))}")
        assert len(findings) <= 8
        assert not [f for f in findings if f.severity == "error"], format_text(findings)
    # snapshots/README.md, 04 → 05: these sections moved to the new divisions with identical text.
    may = per_pair["2025-05"]
    stale = {f.message.split("'")[1] for f in may if f.code == "RD101"}
    assert {"Anestesi, operation och intensivvård", "Verksamhetsområde Kirurgi och ortopedi"} <= stale
    dissolved = {f.message.split("'")[1] for f in may if f.code == "RD502"}
    assert dissolved == {"Division Länssjukvård 1", "Division Nära"}


def test_a_plan_left_in_the_future_tense_is_found() -> None:
    """2025-04 (15 april) reports the study as started; write it back as 02 had it."""
    path = SNAPSHOTS / "2025-04.md"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, item in enumerate(text.splitlines(), 1) if "Förstudien Stöd för schemaläggning" in item)
    original = text.splitlines()[line - 1]
    stale = original[: original.index("Förstudien")] + "Förstudien Stöd för schemaläggning kommer att starta i mars."
    draft_text = text.replace(original, stale)
    from reportdiff.ingest import read_markdown

    findings = [f for f in check(read_markdown(draft_text, "draft.md"), None, None, draft_text) if f.code == "RD401"]
    assert [(f.line, f.message) for f in findings] == [
        (line, "'kommer att starta i mars' reads as future, but the report is dated 15 april 2025")
    ]
    assert not [f for f in check(load(path), None, None, text) if f.code == "RD401"]
