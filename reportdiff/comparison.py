"""The pipeline in one place: align → diff (blocks, words, moves, splits, counts) → classify (summary).

Each stage lives in its own folder; this module only calls them in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportdiff.diff.document import diff_reports
from reportdiff.model import DocumentDiff, Report

if TYPE_CHECKING:
    from reportdiff.classify.rules import Rules

__all__ = ["compare", "diff_reports"]


def compare(old: Report, new: Report, rules: Rules | None = None) -> DocumentDiff:
    """What changed from ``old`` to ``new``; the one result every renderer sees.

    ``rules``: the cue words of the summary (:func:`reportdiff.classify.load_rules`); the built-in
    rules when None. The library never reads a configuration file itself: the CLI does, once.
    """
    from reportdiff.classify import summarise

    diff = diff_reports(old, new)
    diff.summary = summarise(diff, rules)
    return diff
