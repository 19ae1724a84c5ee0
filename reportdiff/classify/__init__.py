"""Classify changes: figure shifts and events (new, resolved, status changes). Placeholder."""

from __future__ import annotations

from reportdiff.model import ChangeSummary, DocumentDiff


def summarise(diff: DocumentDiff) -> ChangeSummary:
    """What a politician reads: ranked events and figure shifts for ``diff``."""
    return ChangeSummary()
