"""The diff engine on the real reports in ../shared/seeds (skipped when they are absent).

Kept apart from the unit tests: these depend on the text reader as well as on the engine.
Run with ``pytest -s`` to see precision and recall per kind of edit on the real reports.
"""

from __future__ import annotations

import pytest
from conftest import seed_path

from reportdiff.comparison import diff_reports
from reportdiff.diff.rebuild import new_words, old_words
from reportdiff.ingest import load
from reportdiff.model import BlockOp
from tests.editcorpus import KINDS, make_variant
from tests.test_edit_corpus import _score, _table

pytestmark = pytest.mark.corpus

SEEDS = ("002", "000", "004")


@pytest.mark.parametrize("name", SEEDS)
def test_a_seed_against_itself_has_no_changes(name: str) -> None:
    report = load(seed_path(name))
    diff = diff_reports(report, report)
    assert not diff.has_changes
    assert all(change.op is BlockOp.EQUAL for pair in diff.pairs for change in pair.blocks)


@pytest.mark.parametrize("old_name, new_name", [("002", "000"), ("000", "004"), ("004", "002")])
def test_seed_pairs_rebuild_both_word_streams(old_name: str, new_name: str) -> None:
    old, new = load(seed_path(old_name)), load(seed_path(new_name))
    diff = diff_reports(old, new)
    assert old_words(diff) == old.words()
    assert new_words(diff) == new.words()
    assert diff.has_changes


def test_seed_pair_keeps_the_shared_headings_paired() -> None:
    """000 → 004: top-level parts that both reports have are paired, whatever their text."""
    old, new = load(seed_path("000")), load(seed_path("004"))
    diff = diff_reports(old, new)
    paired = {
        pair.old_path[0] for pair in diff.pairs if pair.old is not None and pair.new is not None and pair.old_path
    }
    for heading in ("Inledning", "Aktuella händelser", "Information från verksamheten", "Bilagor"):
        if any(s.heading == heading for s in old.sections()) and any(s.heading == heading for s in new.sections()):
            assert heading in paired


def test_edit_corpus_on_the_seeds() -> None:
    bases = [load(seed_path(name)) for name in SEEDS]
    variants = [make_variant(base, seed=31 * b + s, edit_count=3) for b, base in enumerate(bases) for s in range(15)]
    true_pos, false_pos, false_neg, failures = _score(variants)
    print(f"\nseeds: {len(variants)} variants, 3 edits each\n" + _table(true_pos, false_pos, false_neg))
    for kind in KINDS:
        tp, fp, fn = true_pos[kind], false_pos[kind], false_neg[kind]
        if tp + fn:
            assert tp / (tp + fp) >= 0.9, f"{kind}: precision {tp / (tp + fp):.3f}"
            assert tp / (tp + fn) >= 0.9, f"{kind}: recall {tp / (tp + fn):.3f}"
