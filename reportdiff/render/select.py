"""Which sections a view shows: the --section filter, what counts as changed, and the counts of a filtered view."""

from __future__ import annotations

import fnmatch

from reportdiff.diff.stats import diff_stats
from reportdiff.model import BlockOp, ChangeSummary, DiffStats, DocumentDiff, SectionPair, SectionStatus
from reportdiff.render.wording import PATH_SEPARATOR


def section_matches(pair: SectionPair, pattern: str | None) -> bool:
    """True when the old or new path of ``pair`` matches ``pattern``.

    A pattern with ``*``, ``?`` or ``[`` is a glob matched against each heading and against the whole
    path joined with `` › `` (and with ``/``); any other pattern is a substring of the path. Case is
    ignored. A section's children match whatever their parent matches, since their path contains it.
    """
    if not pattern:
        return True
    needle = pattern.casefold()
    candidates: list[str] = []
    for path in (pair.old_path, pair.new_path):
        if path:
            candidates.append(PATH_SEPARATOR.join(path).casefold())
            candidates.append("/".join(path).casefold())
            candidates.extend(heading.casefold() for heading in path)
    if any(char in needle for char in "*?["):
        return any(fnmatch.fnmatchcase(candidate, needle) for candidate in candidates)
    return any(needle in candidate for candidate in candidates)


def selected_pairs(diff: DocumentDiff, pattern: str | None) -> list[SectionPair]:
    return [pair for pair in diff.pairs if section_matches(pair, pattern)]


def is_shown(pair: SectionPair) -> bool:
    """A pair appears in the body of a report when anything about it changed."""
    if pair.status is not SectionStatus.UNCHANGED or pair.renamed or pair.moved:
        return True
    return bool(pair.split_into or pair.merged_from) or _has_block_changes(pair)


def has_selected_changes(diff: DocumentDiff, pattern: str | None) -> bool:
    """Whether anything changed in the sections ``pattern`` selects: the exit status of ``diff --section``."""
    if not pattern:
        return diff.has_changes
    return any(is_shown(pair) for pair in selected_pairs(diff, pattern))


def _has_block_changes(pair: SectionPair) -> bool:
    return any(change.op is not BlockOp.EQUAL for change in pair.blocks)


def _path_in(path: tuple[str, ...], pattern: str | None) -> bool:
    if not pattern:
        return True
    probe = SectionPair(status=SectionStatus.UNCHANGED, old=None, new=None, new_path=path)
    return section_matches(probe, pattern)


def selected_summary(summary: ChangeSummary, pattern: str | None) -> ChangeSummary:
    """The events and figure shifts whose section matches ``pattern`` (all of them without one)."""
    if not pattern:
        return summary
    return ChangeSummary(
        events=[event for event in summary.events if _path_in(event.section_path, pattern)],
        figure_shifts=[shift for shift in summary.figure_shifts if _path_in(shift.section_path, pattern)],
        withheld=[event for event in summary.withheld if _path_in(event.section_path, pattern)],
        one_sided=[shift for shift in summary.one_sided if _path_in(shift.section_path, pattern)],
    )


def selected_stats(diff: DocumentDiff, pairs: list[SectionPair], pattern: str | None) -> DiffStats:
    """The counts a view shows: the whole diff's, or those of the sections ``pattern`` selects."""
    return diff_stats(pairs) if pattern else diff.stats
