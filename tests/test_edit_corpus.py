"""The diff engine against reports with known edits: every edit found as its kind, nothing else.

Run with ``pytest -s`` to see precision and recall per kind of edit.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import snapshot_paths

from reportdiff.comparison import compare
from reportdiff.ingest import load
from tests.editcorpus import EDITS, KINDS, expected_changes, found_changes, make_variant

VARIANTS_PER_BASE = 15
EDITS_PER_VARIANT = 3


def _bases():
    paths = snapshot_paths()
    if not paths:
        pytest.skip("no snapshot reports in snapshots/")
    return [load(path) for path in paths]


def _score(variants):
    true_pos: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    failures = []
    for variant in variants:
        diff = compare(variant.old, variant.new)
        expected = Counter(expected_changes(variant))
        found = Counter(found_changes(diff))
        for (kind, _), n in (expected & found).items():
            true_pos[kind] += n
        for (kind, _), n in (found - expected).items():
            false_pos[kind] += n
        for (kind, _), n in (expected - found).items():
            false_neg[kind] += n
        if expected != found:
            failures.append(
                (variant, sorted(k for k, _ in expected.elements()), sorted(k for k, _ in found.elements()))
            )
    return true_pos, false_pos, false_neg, failures


def _table(true_pos, false_pos, false_neg) -> str:
    lines = [f"{'kind':20} {'edits':>6} {'found':>6} {'precision':>10} {'recall':>8}"]
    for kind in KINDS:
        tp, fp, fn = true_pos[kind], false_pos[kind], false_neg[kind]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"{kind:20} {tp + fn:6} {tp + fp:6} {precision:10.3f} {recall:8.3f}")
    return "\n".join(lines)


def test_every_kind_alone_is_found_exactly() -> None:
    """One edit per variant (a renamed-and-moved section counts as two): the diff must report
    exactly that edit, as its kind, and nothing else."""
    bases = _bases()
    variants = [
        make_variant(base, seed=1000 * b + 10 * k + s, edit_count=1, kinds=(kind,))
        for b, base in enumerate(bases)
        for k, kind in enumerate(EDITS)
        for s in range(2)
    ]
    true_pos, false_pos, false_neg, failures = _score(variants)
    print("\none edit per variant\n" + _table(true_pos, false_pos, false_neg))
    assert sum(true_pos.values()) >= len(bases) * len(KINDS)  # the generator really made edits
    assert not failures, "\n".join(
        f"{[e.where for e in v.edits]}: expected {exp}, found {got}" for v, exp, got in failures[:10]
    )


def test_mixed_edits_precision_and_recall() -> None:
    """Several edits per variant, in different sections: high precision and recall for each kind."""
    bases = _bases()
    variants = [
        make_variant(base, seed=7919 * b + s, edit_count=EDITS_PER_VARIANT)
        for b, base in enumerate(bases)
        for s in range(VARIANTS_PER_BASE)
    ]
    true_pos, false_pos, false_neg, failures = _score(variants)
    print(f"\n{len(variants)} variants, {EDITS_PER_VARIANT} edits each\n" + _table(true_pos, false_pos, false_neg))
    for kind in KINDS:
        tp, fp, fn = true_pos[kind], false_pos[kind], false_neg[kind]
        assert tp + fn > 0, f"the generator made no {kind} edit"
        assert tp / (tp + fp) >= 0.95, f"{kind}: precision {tp / (tp + fp):.3f}"
        assert tp / (tp + fn) >= 0.95, f"{kind}: recall {tp / (tp + fn):.3f}"
