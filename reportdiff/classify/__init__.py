"""Classify changes: figure shifts and events (new, resolved, status changes, dates, people).

``summarise(diff)`` is called by ``compare()`` at the end; it only reads the diff and the
rule file, and returns the ranked :class:`ChangeSummary` that renderers show first.
"""

from __future__ import annotations

from reportdiff.classify.rules import Rules, default_rules, load_rules
from reportdiff.model import ChangeSummary, DocumentDiff

__all__ = ["Rules", "default_rules", "load_rules", "summarise"]


def summarise(diff: DocumentDiff, rules: Rules | None = None) -> ChangeSummary:
    """What a politician reads: ranked events and figure shifts for ``diff``."""
    from reportdiff.classify.events import find_events
    from reportdiff.classify.scoring import rank_events, rank_shifts
    from reportdiff.figures import figure_shifts

    rules = rules or default_rules()
    events = rank_events(find_events(diff, rules), rules)
    shifts = rank_shifts(figure_shifts(diff), rules)
    return ChangeSummary(events=events, figure_shifts=shifts)
