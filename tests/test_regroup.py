"""A paragraph split or merged with not a word changed is layout, not a change (diff/regroup.py)."""

from __future__ import annotations

from reportdiff.comparison import compare
from reportdiff.diff.rebuild import new_words, old_words
from reportdiff.diff.regroup import regroup_runs
from reportdiff.ingest.text import read_text
from reportdiff.model import BlockOp

HEAD = "Regiondirektörens rapport\n\n4 april 2025\n\nInledning\n\nEn första mening som står kvar.\n\nEkonomi\n\n"
FIRST = "Resultatet för perioden blev bättre än väntat tack vare lägre kostnader för inhyrd personal."
SECOND = "Bemanningen är fortsatt ansträngd inom flera av de större verksamheterna under sommaren."
TAIL = "\n\nPersonal\n\nSjukfrånvaron minskade något jämfört med föregående månad.\n"


def _report(body: str):  # type: ignore[no-untyped-def]
    return read_text(HEAD + body + TAIL)


def test_two_paragraphs_read_as_one_are_not_a_change() -> None:
    split = _report(f"{FIRST}\n\n{SECOND}")
    merged = _report(f"{FIRST} {SECOND}")
    for old, new, shape in ((split, merged, (2, 1)), (merged, split, (1, 2))):
        diff = compare(old, new)
        assert not diff.has_changes
        assert diff.stats.blocks_deleted == diff.stats.blocks_inserted == diff.stats.blocks_changed == 0
        assert not diff.summary.events
        [regrouped] = [c for p in diff.pairs for c in p.blocks if c.regrouped]
        assert regrouped.op is BlockOp.EQUAL and regrouped.regrouped == shape
        assert len(diff.layout_changes) == 1 and "Ekonomi" in diff.layout_changes[0]
        assert old_words(diff) == old.words() and new_words(diff) == new.words()  # nothing lost


def test_a_merge_with_a_changed_word_is_still_a_change() -> None:
    split = _report(f"{FIRST}\n\n{SECOND}")
    edited = _report(f"{FIRST} {SECOND.replace('ansträngd', 'stabil')}")
    diff = compare(split, edited)
    assert diff.has_changes and not diff.layout_changes
    changed = " ".join(op.new for p in diff.pairs for c in p.blocks for op in c.ops if op.op.value != "equal")
    inserted = " ".join(c.new.text for p in diff.pairs for c in p.blocks if c.op is BlockOp.INSERT and c.new)
    assert "stabil" in changed + inserted


def test_runs_keep_order_and_need_the_same_words() -> None:
    old = [["a", "b"], ["c"], ["d", "e"], ["x"]]
    new = [["a", "b", "c"], ["d"], ["e"], ["y"]]
    runs = regroup_runs(len(old), len(new), lambda i: old[i], lambda j: new[j])
    assert runs == [(range(0, 2), range(0, 1)), (range(2, 3), range(1, 3))]
    assert regroup_runs(1, 1, lambda i: ["a"], lambda j: ["a"]) == []  # one to one is an equal block
    assert regroup_runs(2, 1, lambda i: [["a"], ["b"]][i], lambda j: ["a", "c"]) == []


def test_the_cli_hides_a_re_segmentation_unless_asked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from click.testing import CliRunner

    from reportdiff.cli import cli

    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text(HEAD + f"{FIRST}\n\n{SECOND}" + TAIL, encoding="utf-8")
    new.write_text(HEAD + f"{FIRST} {SECOND}" + TAIL, encoding="utf-8")
    plain = CliRunner().invoke(cli, ["diff", str(old), str(new), "--color", "never", "--lang", "en"])
    assert plain.exit_code == 0, plain.output  # no change
    assert "split or merged" not in plain.output
    shown = CliRunner().invoke(cli, ["diff", str(old), str(new), "--color", "never", "--lang", "en", "--show-layout"])
    assert shown.exit_code == 0 and "Paragraphs split or merged" in shown.output and "2 paragraphs → 1" in shown.output
    data = json.loads(CliRunner().invoke(cli, ["diff", str(old), str(new), "--format", "json"]).output)
    assert data["has_changes"] is False and len(data["layout_changes"]) == 1
    assert [b["regrouped"] for s in data["sections"] for b in s["blocks"] if "regrouped" in b] == [[2, 1]]
