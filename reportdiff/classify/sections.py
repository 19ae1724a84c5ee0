"""Sections that only one report has."""

from __future__ import annotations

from collections.abc import Iterator

from reportdiff.classify.common import shorten
from reportdiff.classify.rules import Rules
from reportdiff.model import (
    DocumentDiff,
    Event,
    EventKind,
    SectionStatus,
)


def section_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """New sections are initiatives, removed ones resolved; only the top of an added subtree counts."""
    added_paths = {pair.new_path for pair in diff.pairs if pair.status is SectionStatus.ADDED}
    removed_paths = {pair.old_path for pair in diff.pairs if pair.status is SectionStatus.REMOVED}
    for pair in diff.pairs:
        if pair.status is SectionStatus.ADDED and pair.new is not None:
            if pair.new_path[:-1] in added_paths:
                continue
            first = pair.new.blocks[0].text if pair.new.blocks else ""
            yield Event(
                kind=EventKind.NEW_INITIATIVE,
                title=pair.new.heading,
                text=shorten(first),
                section_path=pair.new_path,
                line=pair.new.span.start,
                rule="section.added",
                topic=pair.new.heading,
                side="new",
            )
        elif pair.status is SectionStatus.REMOVED and pair.old is not None:
            if pair.old_path[:-1] in removed_paths:
                continue
            first = pair.old.blocks[0].text if pair.old.blocks else ""
            yield Event(
                kind=EventKind.RESOLVED,
                title=pair.old.heading,
                text=shorten(first),
                section_path=pair.old_path,
                line=pair.old.span.start,
                rule="section.removed",
                topic=pair.old.heading,
                side="old",
            )
