"""Classify changes: figure shifts and events (new, resolved, status changes, dates, people).

``summarise(diff, rules)`` is called by ``compare()`` at the end; it only reads the diff and
the rules it is given (the built-in ones by default), and returns the ranked
:class:`ChangeSummary` that renderers show first.
"""

from __future__ import annotations

from reportdiff.classify.rules import Rules, default_rules, load_rules
from reportdiff.model import ChangeSummary, DocumentDiff

__all__ = ["Rules", "default_rules", "load_rules", "summarise"]


def summarise(diff: DocumentDiff, rules: Rules | None = None) -> ChangeSummary:
    """What a politician reads: ranked events and figure shifts for ``diff``.

    Every event carries the sentences that state it; one without is dropped. Claims the rules are
    not sure of go to ``withheld``, figures only one report states to ``one_sided``."""
    from reportdiff.classify.events import find_events
    from reportdiff.classify.once import tell_once
    from reportdiff.classify.scoring import rank_events, rank_shifts
    from reportdiff.figures import figure_shifts

    rules = rules or default_rules()
    found = [event for event in find_events(diff, rules) if event.evidence]  # no evidence, no claim
    tell_once(found, rules)
    events = rank_events([event for event in found if event.confident], rules)
    withheld = rank_events([event for event in found if not event.confident], rules)
    shifts = rank_shifts(figure_shifts(diff), rules)
    return ChangeSummary(
        events=events,
        figure_shifts=[shift for shift in shifts if shift.old is not None and shift.new is not None],
        withheld=withheld,
        one_sided=[shift for shift in shifts if shift.old is None or shift.new is None],
    )
