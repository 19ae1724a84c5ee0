"""Invariants of compare(), checked on generated reports: lossless, empty on itself, symmetric, deterministic."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reportdiff.comparison import compare
from reportdiff.diff.rebuild import new_words, old_words, ops_are_consistent
from reportdiff.ingest import read_markdown
from reportdiff.model import BlockOp

WORDS = (
    "regionen vården och att patienter väntetiden ökade minskade procent kronor 7 419 5,7 Luleå Kiruna "
    "personal utbildning hösten våren projektet planen beslut – ”nära” besök"
).split()
HEADINGS = ("Inledning", "Ekonomi", "VO Kirurgi", "Division Nära", "Personal", "Bilagor", "Verksamhetsområde Kirurgi")

paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(lambda w: "Text " + " ".join(w) + ".")
section = st.tuples(st.integers(1, 3), st.sampled_from(HEADINGS), st.lists(paragraph, max_size=4))
outline = st.lists(section, max_size=8)

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def to_markdown(front: list[str], sections: list[tuple[int, str, list[str]]]) -> str:
    lines = [p + "\n" for p in front]
    for level, heading, paragraphs in sections:
        lines.append("#" * level + " " + heading + "\n")
        lines += [p + "\n" for p in paragraphs]
    return "\n".join(lines)


@st.composite
def report_pairs(draw):
    """A report and an edited version of it (or an unrelated one, now and then)."""
    front = draw(st.lists(paragraph, max_size=2))
    sections = draw(outline)
    if draw(st.integers(0, 9)) == 0:
        return to_markdown(front, sections), to_markdown(draw(st.lists(paragraph, max_size=2)), draw(outline))
    edited = [(level, heading, list(paragraphs)) for level, heading, paragraphs in sections]
    for _ in range(draw(st.integers(0, 5))):
        if not edited:
            break
        kind = draw(st.sampled_from(["delete", "insert", "word", "move", "rename", "drop", "swap", "level"]))
        i = draw(st.integers(0, len(edited) - 1))
        level, heading, paragraphs = edited[i]
        if kind == "delete" and paragraphs:
            paragraphs.pop(draw(st.integers(0, len(paragraphs) - 1)))
        elif kind == "insert":
            paragraphs.insert(draw(st.integers(0, len(paragraphs))), draw(paragraph))
        elif kind == "word" and paragraphs:
            k = draw(st.integers(0, len(paragraphs) - 1))
            words = paragraphs[k].split()
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
            paragraphs[k] = " ".join(words)
        elif kind == "move" and paragraphs:
            moved = paragraphs.pop(draw(st.integers(0, len(paragraphs) - 1)))
            target = edited[draw(st.integers(0, len(edited) - 1))][2]
            target.insert(draw(st.integers(0, len(target))), moved)
        elif kind == "rename":
            edited[i] = (level, draw(st.sampled_from(HEADINGS)), paragraphs)
        elif kind == "drop":
            edited.pop(i)
        elif kind == "swap" and i + 1 < len(edited):
            edited[i], edited[i + 1] = edited[i + 1], edited[i]
        elif kind == "level":
            edited[i] = (draw(st.integers(1, 3)), heading, paragraphs)
    return to_markdown(front, sections), to_markdown(front, edited)


@SETTINGS
@given(report_pairs())
def test_both_word_streams_rebuild_exactly(texts: tuple[str, str]) -> None:
    old, new = read_markdown(texts[0]), read_markdown(texts[1])
    diff = compare(old, new)
    assert old_words(diff) == old.words()
    assert new_words(diff) == new.words()
    for pair in diff.pairs:
        for change in pair.blocks:
            assert ops_are_consistent(change)
            if change.op is BlockOp.MOVE:
                assert change.moved_from is not None


@SETTINGS
@given(outline, st.lists(paragraph, max_size=2))
def test_a_report_against_itself_has_no_changes(sections, front) -> None:
    text = to_markdown(front, sections)
    diff = compare(read_markdown(text), read_markdown(text))
    assert not diff.has_changes
    assert all(change.op is BlockOp.EQUAL for pair in diff.pairs for change in pair.blocks)
    assert diff.stats == type(diff.stats)()


def _mirror_view(diff, reverse: bool):
    """What a diff says, in terms that swap sides when the diff is taken the other way round."""
    inserted: Counter[str | None] = Counter()
    deleted: Counter[str | None] = Counter()
    replaced = moved = 0
    for pair in diff.pairs:
        for change in pair.blocks:
            old_text = change.old.text if change.old else None
            new_text = change.new.text if change.new else None
            if change.op is BlockOp.INSERT:
                inserted[new_text] += 1
            elif change.op is BlockOp.DELETE and change.moved_to is None:
                deleted[old_text] += 1
            elif change.op is BlockOp.REPLACE:
                replaced += 1
            elif change.op is BlockOp.MOVE:
                moved += 1
    stats = diff.stats
    sections = (
        (stats.sections_removed, stats.sections_added) if reverse else (stats.sections_added, stats.sections_removed)
    )
    blocks = (deleted, inserted) if reverse else (inserted, deleted)
    return sections, blocks, replaced, moved, stats.sections_renamed


def _kept_in_place(diff) -> tuple[Counter[str], int, int]:
    """The texts of the blocks left in place, and how many blocks of OLD and of NEW are not."""
    kept: Counter[str] = Counter()
    old_changed = new_changed = 0
    for pair in diff.pairs:
        for change in pair.blocks:
            if change.op is BlockOp.EQUAL:
                kept[change.new.text] += 1
                continue
            old_changed += change.old is not None and change.moved_to is None
            new_changed += change.new is not None
    return kept, old_changed, new_changed


@SETTINGS
@given(report_pairs())
@example(  # two paragraphs swap places and a third is reworded between them (see below)
    (
        "# Inledning\n\nText regionen.\n\nText vården.\n\nText regionen regionen.\n",
        "# Inledning\n\nText regionen regionen.\n\nregionen regionen.\n\nText vården.\n",
    )
)
@example(("Text regionen regionen.\n\nText regionen.\n", "Text vården.\n\nText och.\n"))  # equally similar pairs
@example(("# VO Kirurgi\n\nText regionen.\n\nText och.\n", "# VO Kirurgi\n\nText regionen vården.\n\nText vården.\n"))
def test_diff_is_symmetric(texts: tuple[str, str]) -> None:
    """diff(B, A) mirrors diff(A, B): inserts ↔ deletes, added ↔ removed, as many rewordings and moves.

    Which of two swapped paragraphs counts as the moved one is a tie either way, so moves and
    rewordings are compared by number; word-level op boundaries are not compared, since
    difflib's longest-block heuristic may align a rewritten paragraph differently each way.
    When the tie falls differently each way (a different paragraph stays in place), a rewording
    between the two can sit in one gap one way and across the kept paragraph the other way, and
    is then told as a deletion and an insertion: what must still mirror is how many paragraphs
    of each report stay in place and how many do not.
    """
    forward = compare(read_markdown(texts[0]), read_markdown(texts[1]))
    backward = compare(read_markdown(texts[1]), read_markdown(texts[0]))
    kept_forward, old_forward, new_forward = _kept_in_place(forward)
    kept_backward, old_backward, new_backward = _kept_in_place(backward)
    if kept_forward == kept_backward:
        assert _mirror_view(forward, reverse=False) == _mirror_view(backward, reverse=True)
    else:
        assert kept_forward.total() == kept_backward.total()
        assert (old_forward, new_forward) == (new_backward, old_backward)
        assert _mirror_view(forward, False)[0] == _mirror_view(backward, True)[0]  # sections


@SETTINGS
@given(report_pairs())
def test_same_input_same_output(texts: tuple[str, str]) -> None:
    first = compare(read_markdown(texts[0]), read_markdown(texts[1]))
    second = compare(read_markdown(texts[0]), read_markdown(texts[1]))
    assert repr(first.pairs) == repr(second.pairs) and first.notes == second.notes


def test_output_does_not_depend_on_string_hashing(tmp_path: Path) -> None:
    """Sets of strings iterate in a per-process order; the result must not."""
    snapshots = sorted(p for p in (Path(__file__).parent.parent / "snapshots").glob("2*.md"))[:2]
    if len(snapshots) < 2:
        snapshots = []
    script = (
        "import sys\n"
        "from reportdiff.comparison import compare\n"
        "from reportdiff.ingest import load, read_markdown\n"
        f"texts = {[p.read_text(encoding='utf-8') for p in snapshots]!r}\n"
        "if not texts: texts = ['# A\\n\\nEtt två tre fyra fem.\\n\\n# B\\n\\nSex sju.\\n', "
        "'# B\\n\\nSex sju åtta.\\n\\n# A2\\n\\nEtt två tre fyra fem.\\n']\n"
        "d = compare(read_markdown(texts[0]), read_markdown(texts[1]))\n"
        "print(repr(d.pairs), d.notes, d.stats)\n"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            cwd=Path(__file__).parent.parent,
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
