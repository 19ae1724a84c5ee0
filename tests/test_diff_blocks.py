"""Block-level diff: rewordings, moves (with and without edits), what is not a change, fallbacks."""

from __future__ import annotations

from reportdiff.comparison import compare
from reportdiff.diff.rebuild import new_words, old_words, ops_are_consistent
from reportdiff.ingest import read_markdown
from reportdiff.model import BlockOp, SectionStatus, TextOpKind, TocEntry
from reportdiff.text import sequence
from reportdiff.text.sequence import matching_pairs

ONE = "Regionen hade 7 419 anställda i januari och sjukfrånvaron var 5,7 procent under månaden."
TWO = "Arbetet med det nya vårdinformationssystemet fortsätter enligt plan och utbildningen pågår."
THREE = "Kostnaderna för inhyrd personal har minskat med en tredjedel jämfört med förra året."
FOUR = "Den nya akutmottagningen i Kiruna planeras att öppna under hösten efter en lång upphandling."
FIVE = "Samarbetet med universitetet om prognoser för vårdplatser har gett goda resultat i år."


def md(*sections: tuple[str, list[str]]) -> str:
    lines: list[str] = []
    for heading, paragraphs in sections:
        lines += [heading, ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
    return "\n".join(lines)


def diff_of(old: str, new: str):
    old_report, new_report = read_markdown(old), read_markdown(new)
    diff = compare(old_report, new_report)
    assert old_words(diff) == old_report.words()
    assert new_words(diff) == new_report.words()
    return diff


def changes(diff, *ops: BlockOp):
    return [(pair.path, change) for pair in diff.pairs for change in pair.blocks if change.op in ops]


def test_reworded_paragraph_is_a_replace_with_word_ops() -> None:
    old = md(("# A", [ONE, TWO]))
    new = md(("# A", [ONE.replace("7 419", "7 512").replace("januari", "februari"), TWO]))
    diff = diff_of(old, new)
    [(path, change)] = changes(diff, BlockOp.REPLACE, BlockOp.INSERT, BlockOp.DELETE, BlockOp.MOVE)
    assert path == ("A",) and change.op is BlockOp.REPLACE and change.granularity == "word"
    assert [(op.old, op.new) for op in change.ops if op.op is not TextOpKind.EQUAL] == [
        ("7 419", "7 512"),
        ("januari", "februari"),
    ]
    assert ops_are_consistent(change)
    assert diff.stats.blocks_changed == 1 and diff.stats.blocks_inserted == diff.stats.blocks_deleted == 0


def test_paragraph_moved_to_another_section_is_one_move() -> None:
    old = md(("# A", [ONE, TWO, THREE]), ("# B", [FOUR]))
    new = md(("# A", [ONE, THREE]), ("# B", [FOUR, TWO]))
    diff = diff_of(old, new)
    [(new_path, move)] = changes(diff, BlockOp.MOVE)
    assert new_path == ("B",) and move.moved_from == ("A",) and move.ops == []
    [(old_path, marker)] = changes(diff, BlockOp.DELETE)
    assert old_path == ("A",) and marker.moved_to == ("B",) and marker.old is move.old
    assert not changes(diff, BlockOp.INSERT)
    assert (diff.stats.blocks_moved, diff.stats.blocks_deleted, diff.stats.blocks_inserted) == (1, 0, 0)


def test_moved_and_edited_paragraph_is_a_move_with_word_ops() -> None:
    old = md(("# A", [ONE, TWO, THREE]), ("# B", [FOUR]))
    new = md(("# A", [ONE, THREE]), ("# B", [FOUR, TWO.replace("enligt plan", "med viss försening")]))
    diff = diff_of(old, new)
    [(_, move)] = changes(diff, BlockOp.MOVE)
    assert move.moved_from == ("A",)
    assert [(op.old, op.new) for op in move.ops if op.op is not TextOpKind.EQUAL] == [
        ("enligt plan", "med viss försening")
    ]


def test_reordered_paragraphs_in_one_section_are_a_move_not_delete_and_insert() -> None:
    old = md(("# A", [ONE, TWO, THREE, FOUR]))
    new = md(("# A", [TWO, THREE, FOUR, ONE]))
    diff = diff_of(old, new)
    [(_, move)] = changes(diff, BlockOp.MOVE)
    assert move.new.text == ONE and move.moved_from == ("A",)
    assert [c.moved_to for _, c in changes(diff, BlockOp.DELETE)] == [("A",)]
    # the block list keeps old-side items in old order and new-side items in new order
    ops = [c.op for c in diff.pairs[0].blocks]
    assert ops == [BlockOp.DELETE, BlockOp.EQUAL, BlockOp.EQUAL, BlockOp.EQUAL, BlockOp.MOVE]


def test_list_item_moved_between_lists() -> None:
    old = md(
        ("# A", ["- Ny mottagning i Luleå öppnar i mars", "- Digitala besök ökar"]), ("# B", ["- Fler videomöten"])
    )
    new = md(
        ("# A", ["- Digitala besök ökar"]), ("# B", ["- Fler videomöten", "- Ny mottagning i Luleå öppnar i mars"])
    )
    diff = diff_of(old, new)
    [(path, move)] = changes(diff, BlockOp.MOVE)
    assert path == ("B",) and move.moved_from == ("A",)


def test_inserted_and_deleted_paragraphs() -> None:
    old = md(("# A", [ONE, TWO, THREE]))
    new = md(("# A", [ONE, THREE, FIVE]))
    diff = diff_of(old, new)
    assert [c.old.text for _, c in changes(diff, BlockOp.DELETE)] == [TWO]
    assert [c.new.text for _, c in changes(diff, BlockOp.INSERT)] == [FIVE]


def test_layout_differences_are_not_changes() -> None:
    old = md(("# A", ["Vården – den ”nära” vården\nväxer   snabbt.", "* En punkt"]))
    new = md(("# A", ['Vården - den "nära" vården växer snabbt.', "- En *punkt*"]))
    diff = diff_of(old, new)
    assert not diff.has_changes
    assert all(c.op is BlockOp.EQUAL for p in diff.pairs for c in p.blocks)
    # the real texts stay on both sides, for display
    assert diff.pairs[0].blocks[0].old.text.startswith("Vården –")


def test_toc_differences_only_go_to_toc_changes() -> None:
    old_report, new_report = read_markdown(md(("# A", [ONE]))), read_markdown(md(("# A", [ONE])))
    old_report.toc = [TocEntry("A", 1, 3, 5), TocEntry("Gammal rubrik", 1, 4, 6)]
    new_report.toc = [TocEntry("A", 1, 4, 5), TocEntry("Ny rubrik", 1, 5, 6)]
    diff = compare(old_report, new_report)
    assert diff.toc_changes == ["removed: Gammal rubrik", "added: Ny rubrik"]
    assert not diff.has_changes


def test_added_section_keeps_its_blocks_as_inserts_and_removed_as_deletes() -> None:
    diff = diff_of(md(("# A", [ONE]), ("# Gammal", [THREE])), md(("# A", [ONE]), ("# Ny", [FIVE])))
    added = next(p for p in diff.pairs if p.status is SectionStatus.ADDED)
    removed = next(p for p in diff.pairs if p.status is SectionStatus.REMOVED)
    assert [c.op for c in added.blocks] == [BlockOp.INSERT]
    assert [c.op for c in removed.blocks] == [BlockOp.DELETE]


def test_huge_gap_without_anchors_falls_back_and_says_so(monkeypatch) -> None:
    monkeypatch.setattr(sequence, "QUADRATIC_LIMIT", 10)
    notes: list[str] = []
    # unique items anchor the big gap; repeated items between them are matched in small gaps
    a = ["x", "u1", "y", "y", "u2", "z"] * 1 + ["r"] * 6
    b = ["x", "u1", "y", "u2", "z", "z"] + ["s"] * 6
    pairs = matching_pairs(a, b, notes)
    assert (1, 1) in pairs and (4, 3) in pairs
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(p < q for p, q in zip(pairs, pairs[1:], strict=False))
    assert notes and "no unique anchor" in notes[0]


def test_same_input_same_output() -> None:
    old = md(("# A", [ONE, TWO, THREE]), ("# B", [FOUR]))
    new = md(("# A", [THREE, ONE.replace("5,7", "5,9")]), ("# B", [TWO, FOUR, FIVE]))
    assert repr(diff_of(old, new).pairs) == repr(diff_of(old, new).pairs)
