"""The text diff of two reports: align sections, match blocks, pair sections, find splits and merges, count."""

from __future__ import annotations

import gc

from reportdiff.align import align
from reportdiff.diff.blocks import match_blocks
from reportdiff.diff.sections import layout_changes, mark_splits_and_merges, section_pairs, toc_changes
from reportdiff.diff.stats import diff_stats
from reportdiff.model import DocumentDiff, Report


def diff_reports(old: Report, new: Report) -> DocumentDiff:
    """The text diff alone (sections, blocks, words, stats), without the figure/event summary."""
    # The diff allocates many small objects and creates no reference cycles; the cycle
    # collector would rescan the loaded reports again and again (a third of the time on 5 MB).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _diff_reports(old, new)
    finally:
        if collecting:
            gc.enable()


def _diff_reports(old: Report, new: Report) -> DocumentDiff:
    notes: list[str] = []
    alignment = align(old, new)
    notes.extend(alignment.notes)
    matching, old_side, new_side = match_blocks(alignment, notes)
    pairs = section_pairs(alignment, matching, old_side, new_side, notes)
    mark_splits_and_merges(pairs, alignment, matching)
    diff = DocumentDiff(old=old, new=new, pairs=pairs, toc_changes=toc_changes(old, new), notes=_unique(notes))
    diff.layout_changes = layout_changes(pairs)
    diff.stats = diff_stats(pairs)
    return diff


def _unique(notes: list[str]) -> list[str]:
    return list(dict.fromkeys(notes))
