"""Invariants of the whole pipeline (bytes → reader → compare → JSON) on generated report-like documents.

The documents look like the monthly report: Markdown headings of levels 1-4, paragraphs of Swedish
words with å ä ö, figures written the Swedish way ("7 419", "5,7 procent"), bullet and numbered
lists, and tables. Each property goes through ``load_bytes`` (format sniffing, decoding, the
reader) and the JSON renderer, so it checks more than the engine alone:

- lossless: the old and new word streams can be rebuilt from the JSON output alone;
- ``diff(A, A)`` is empty; ``diff(A, B)`` mirrors ``diff(B, A)``;
- the JSON is byte-identical run after run, and whatever encoding the file was saved in;
- reflow: the same report laid out as PDF-extraction text reads back with no change.

The budget is fixed and the examples derandomised, so CI runs the same cases every time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reportdiff.comparison import compare
from reportdiff.diff.rebuild import new_words, old_words
from reportdiff.ingest import load_bytes, read_markdown
from reportdiff.ingest.text import read_text
from reportdiff.model import Report
from reportdiff.render.json import render_json
from tests.rewrap import to_pdf, to_word

ROOT = Path(__file__).resolve().parent.parent

# No shrinking: on a busy CI machine shrinking a failure can take many minutes; the failing
# example is printed as found, which is small enough with these generators.
PIPELINE = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)

WORDS = (
    "regionen vården patienterna väntetiden ökade minskade och att för på är med inom under "
    "öppenvården åtgärder sjukfrånvaron länssjukhuset förlossningen hälsocentralen jourlinjen "
    "Luleå Kiruna Älvsbyn Överkalix Åsele kompetensförsörjning beslut tillgänglighet"
).split()
FIGURES = ["7 419", "5,7 procent", "12 mnkr", "-3,2 %", "2024", "1 177", "38 årsarbetare", "+8,2"]
HEADINGS = [
    "Inledning", "Månadsrapport", "Aktuella händelser", "Ekonomi", "Division Nära", "Division Funktion",
    "VO Kirurgi", "VO Ögon", "Personal och kompetens", "Patientsäkerhet och vårdhygien", "Åtgärder", "Bilagor",
]  # fmt: skip

word = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(FIGURES))
sentence = st.lists(word, min_size=3, max_size=12).map(lambda ws: ws[0][:1].upper() + " ".join(ws)[1:] + ".")
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
bullets = st.lists(st.lists(word, min_size=2, max_size=6).map(" ".join), min_size=1, max_size=4).map(
    lambda items: "\n".join(f"- {item.capitalize()}" for item in items)
)
numbered = st.lists(st.lists(word, min_size=2, max_size=6).map(" ".join), min_size=1, max_size=3).map(
    lambda items: "\n".join(f"{n}. {item.capitalize()}" for n, item in enumerate(items, start=1))
)
table = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(FIGURES)), min_size=1, max_size=3).map(
    lambda rows: "| Mått | Värde |\n| --- | --- |\n" + "\n".join(f"| {a.capitalize()} | {b} |" for a, b in rows)
)
block = st.one_of(paragraph, paragraph, paragraph, bullets, numbered, table)
section = st.tuples(st.integers(1, 4), st.sampled_from(HEADINGS), st.lists(block, max_size=3))
document = st.lists(section, min_size=1, max_size=7)
# For the reflow property: every section has a body (a bodiless last heading is just a short line in
# plain text, for any reader), and no tables (a PDF extraction flattens a table to one cell a line,
# which is a different shape, not the same text).
prose_section = st.tuples(
    st.integers(1, 4),
    st.sampled_from(HEADINGS),
    st.lists(st.one_of(paragraph, bullets, numbered), min_size=1, max_size=3),
)
prose_document = st.lists(prose_section, min_size=1, max_size=7)


def to_markdown(sections: list[tuple[int, str, list[str]]]) -> str:
    parts = ["Regiondirektörens rapport", "14 januari 2025"]
    for level, heading, blocks in sections:
        parts.append("#" * level + " " + heading)
        parts.extend(blocks)
    return "\n\n".join(parts) + "\n"


@st.composite
def edited_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A document and a version of it with a few edits of the kinds a monthly update makes."""
    sections = draw(document)
    edited = [(level, heading, list(blocks)) for level, heading, blocks in sections]
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(edited) - 1))
        level, heading, blocks = edited[i]
        kind = draw(st.sampled_from(["figure", "word", "insert", "delete", "rename", "drop", "add"]))
        if kind in ("figure", "word") and blocks:
            k = draw(st.integers(0, len(blocks) - 1))
            old = draw(st.sampled_from(FIGURES if kind == "figure" else WORDS))
            blocks[k] = blocks[k].replace(old, draw(st.sampled_from(FIGURES if kind == "figure" else WORDS)), 1)
        elif kind == "insert":
            blocks.insert(draw(st.integers(0, len(blocks))), draw(block))
        elif kind == "delete" and blocks:
            blocks.pop(draw(st.integers(0, len(blocks) - 1)))
        elif kind == "rename":
            edited[i] = (level, draw(st.sampled_from(HEADINGS)), blocks)
        elif kind == "drop" and len(edited) > 1:
            edited.pop(i)
        elif kind == "add":
            edited.insert(i, draw(section))
    return to_markdown(sections), to_markdown(edited)


def load_md(text: str, encoding: str = "utf-8", name: str = "report.md") -> Report:
    return load_bytes(text.encode(encoding), name, suffix=".md")


def json_of(old_text: str, new_text: str) -> str:
    return render_json(compare(load_md(old_text, name="old.md"), load_md(new_text, name="new.md")))


def words_from_json(data: dict, side: str) -> list[str]:  # type: ignore[type-arg]
    """One side's word stream, rebuilt from the JSON alone: headings and blocks put back in document order."""
    pieces: dict[tuple[int, int], str] = {}
    for pair in data["sections"]:
        section = pair[side]
        if section is not None and section["order"]:
            pieces[(section["order"], -1)] = section["heading"]
        for change in pair["blocks"]:
            block = change[side]
            if block is not None and not (side == "old" and change["op"] in ("insert", "move")):
                if side == "new" and change["op"] == "delete":
                    continue
                pieces[(block["section_order"], block["index"])] = block["text"]
    return [w for key in sorted(pieces) for w in pieces[key].split()]


@PIPELINE
@given(edited_pair())
def test_lossless_from_the_json(texts: tuple[str, str]) -> None:
    old, new = load_md(texts[0], name="old.md"), load_md(texts[1], name="new.md")
    diff = compare(old, new)
    assert old_words(diff) == old.words()
    assert new_words(diff) == new.words()
    data = json.loads(render_json(diff))
    assert words_from_json(data, "old") == old.words()
    assert words_from_json(data, "new") == new.words()


@PIPELINE
@given(document)
def test_a_report_against_itself_is_empty(sections: list[tuple[int, str, list[str]]]) -> None:
    text = to_markdown(sections)
    data = json.loads(json_of(text, text))
    assert data["has_changes"] is False
    assert set(data["stats"].values()) == {0}
    assert data["summary"] == {"events": [], "figure_shifts": [], "withheld": [], "one_sided": []}
    assert {change["op"] for pair in data["sections"] for change in pair["blocks"]} <= {"equal"}
    assert {pair["status"] for pair in data["sections"]} == {"unchanged"}


MIRRORED = [
    ("sections_added", "sections_removed"),
    ("blocks_inserted", "blocks_deleted"),
    ("words_inserted", "words_deleted"),
    ("sections_renamed", "sections_renamed"),
    ("blocks_changed", "blocks_changed"),
    ("blocks_moved", "blocks_moved"),
]


@PIPELINE
@given(edited_pair())
def test_diff_mirrors_its_reverse(texts: tuple[str, str]) -> None:
    forward = json.loads(json_of(texts[0], texts[1]))
    backward = json.loads(json_of(texts[1], texts[0]))
    for there, back in MIRRORED:
        assert forward["stats"][there] == backward["stats"][back], (there, forward["stats"], backward["stats"])
    assert forward["has_changes"] == backward["has_changes"]


@PIPELINE
@given(edited_pair())
def test_same_input_same_bytes(texts: tuple[str, str]) -> None:
    assert json_of(*texts) == json_of(*texts)


@PIPELINE
@given(edited_pair(), st.sampled_from(["utf-8-sig", "utf-16", "cp1252"]))
def test_encoding_does_not_change_the_result(texts: tuple[str, str], encoding: str) -> None:
    """A report saved as UTF-16 or Windows-1252 compares exactly like the UTF-8 original."""
    utf8 = render_json(compare(load_md(texts[0], name="old.md"), load_md(texts[1], name="new.md")))
    other = render_json(compare(load_md(texts[0], encoding, "old.md"), load_md(texts[1], encoding, "new.md")))
    assert other == utf8


@PIPELINE
@given(prose_document, st.sampled_from(["double", "single"]))
def test_reflowed_as_pdf_text_is_no_change(sections: list[tuple[int, str, list[str]]], spacing: str) -> None:
    """The report as a PDF extraction leaves it (wrapped, hyphenated, paginated) is the same report.

    Both sides are plain text read by the same reader (Word style: one paragraph a line; PDF style),
    so only the layout differs; the Markdown original has explicit heading levels that plain text
    can only guess, which is a reader question, not a reflow one.
    """
    report = read_markdown(to_markdown(sections), "original.md")
    word = read_text(to_word(report), "word.txt")
    reflowed = read_text(to_pdf(report, spacing), "reflowed.txt")
    assert reflowed.words() == word.words()
    diff = compare(word, reflowed)
    assert not diff.has_changes, [
        (pair.status.value, pair.path, pair.moved, [c.op.value for c in pair.blocks if c.op.value != "equal"])
        for pair in diff.pairs
        if pair.status.value != "unchanged" or pair.moved or any(c.op.value != "equal" for c in pair.blocks)
    ]


def test_cli_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    """Two processes with different string hashing write the same JSON and HTML, byte for byte."""
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text(
        to_markdown(
            [
                (1, "Inledning", ["Väntetiden ökade till 7 419 dagar."]),
                (2, "VO Kirurgi", ["Sjukfrånvaron var 5,7 procent."]),
            ]
        ),
        encoding="utf-8",
    )
    new.write_text(
        to_markdown(
            [
                (1, "Inledning", ["Väntetiden minskade till 7 100 dagar."]),
                (2, "VO Ögon", ["Sjukfrånvaron var 5,7 procent."]),
            ]
        ),
        encoding="utf-8",
    )
    for fmt in ("json", "html", "md"):
        outputs = set()
        for seed in ("0", "1", "4242"):
            env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
            result = subprocess.run(
                [sys.executable, "-m", "reportdiff", "diff", str(old), str(new), "--format", fmt],
                capture_output=True,
                env=env,
                cwd=tmp_path,
                timeout=120,
            )
            assert result.returncode == 1, result.stderr.decode()
            outputs.add(result.stdout)
        assert len(outputs) == 1, f"{fmt} output differs between runs"
