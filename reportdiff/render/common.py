"""Helpers shared by the text, Markdown and JSON renderers: safe text, section filters, context, counts.

Nothing here imports rich, so ``--format json`` and ``--format md`` stay quick to start.
Report text is data: :func:`safe_text` removes terminal escape sequences and control characters
before any renderer shows it.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from reportdiff.model import (
    Block,
    BlockChange,
    BlockOp,
    ChangeSummary,
    DiffStats,
    DocumentDiff,
    EventKind,
    Evidence,
    Report,
    SectionPair,
    SectionStatus,
    TextOpKind,
)
from reportdiff.text.normalize import safe_text

PATH_SEPARATOR = " › "
SUMMARY_LIMIT = 10  # events per group and figure shifts shown by text and md; JSON carries them all

# Events are shown in these groups, in this order (the order of importance), under these label keys.
EVENT_GROUPS = [
    (EventKind.PEOPLE, "people"),
    (EventKind.STATUS_CHANGE, "status_changes"),
    (EventKind.RESOLVED, "resolved"),
    (EventKind.NEW_INITIATIVE, "new_initiatives"),
    (EventKind.REORGANISATION, "reorganisations"),
    (EventKind.DATE_PASSED, "dates_passed"),
]
# What the new report no longer has is shown apart and collapsed, under a neutral name, never as resolved.
NOT_IN_REPORT = EventKind.NOT_IN_REPORT


def format_path(path: Iterable[str]) -> str:
    return PATH_SEPARATOR.join(safe_text(heading) for heading in path)


# -- which sections to show ------------------------------------------------------------------------


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


def pair_blocks(pair: SectionPair) -> list[BlockChange]:
    """The block changes of a pair; an added or removed section whose blocks were not listed shows all."""
    if pair.blocks:
        return pair.blocks
    if pair.status is SectionStatus.ADDED and pair.new is not None:
        return [BlockChange(BlockOp.INSERT, None, block) for block in pair.new.blocks]
    if pair.status is SectionStatus.REMOVED and pair.old is not None:
        return [BlockChange(BlockOp.DELETE, block, None) for block in pair.old.blocks]
    return []


# -- counts -----------------------------------------------------------------------------------------


def stats_for(pairs: Iterable[SectionPair]) -> DiffStats:
    """Counts over some pairs, for a view filtered with ``--section``; the full diff uses ``diff.stats``."""
    stats = DiffStats()
    for pair in pairs:
        stats.sections_added += pair.status is SectionStatus.ADDED
        stats.sections_removed += pair.status is SectionStatus.REMOVED
        stats.sections_renamed += pair.renamed
        stats.sections_moved += pair.moved
        stats.sections_changed += pair.status is SectionStatus.CHANGED
        for change in pair_blocks(pair):
            if change.op is BlockOp.INSERT:
                stats.blocks_inserted += 1
                stats.words_inserted += _word_count(change.new)
            elif change.op is BlockOp.DELETE:
                if change.moved_to is None:
                    stats.blocks_deleted += 1
                    stats.words_deleted += _word_count(change.old)
            elif change.op in (BlockOp.REPLACE, BlockOp.MOVE):
                if change.op is BlockOp.MOVE:
                    stats.blocks_moved += 1
                else:
                    stats.blocks_changed += 1
                for op in change.ops:
                    if op.op in (TextOpKind.INSERT, TextOpKind.REPLACE):
                        stats.words_inserted += len(op.new.split())
                    if op.op in (TextOpKind.DELETE, TextOpKind.REPLACE):
                        stats.words_deleted += len(op.old.split())
    return stats


def _word_count(block: Block | None) -> int:
    return len(block.text.split()) if block is not None else 0


def counted(count: int, key: str, words: dict[str, str]) -> str:
    """``3 sections added`` / ``1 section added``: the singular label (``key_one``) when there is one."""
    label = words.get(f"{key}_one", words[key]) if count == 1 else words[key]
    return f"{count} {label}"


def event_where(section_path: tuple[str, ...], line: int, side: str, words: dict[str, str]) -> str:
    """Where an event was read: its section and line, saying so when the line is in the old report."""
    place = f"{words['line']} {line}" if side != "old" else f"{words['old'].lower()}, {words['line']} {line}"
    path = format_path(section_path)
    return f"{path}, {place}" if path else place


def absent_count(count: int, words: dict[str, str]) -> str:
    """ "3 sections or items of the previous report are not in this one" (singular for one)."""
    return words["not_in_report_count" if count != 1 else "not_in_report_count_one"].format(count=count)


def evidence_text(said: Evidence, words: dict[str, str]) -> str:
    """One evidence sentence for a reader: quoted, with the report and line it stands on."""
    where = words["line_in_old" if said.side == "old" else "line_in_new"].format(line=said.line)
    return f"“{safe_text(said.sentence)}” ({where})"


def move_label(
    change: BlockChange, words: dict[str, str], show_path: Callable[[Iterable[str]], str] = format_path
) -> str:
    """``↪ moved from A › B`` at a block's new place, ``↪ moved to …`` at its old one; else empty."""
    if change.op is BlockOp.MOVE:
        if change.moved_from is None:  # moved within its own section
            return f"↪ {words['moved']}"
        return f"↪ {words['moved_from']} {show_path(change.moved_from) or words['front_matter']}"
    if change.op is BlockOp.DELETE and change.moved_to is not None:
        return f"↪ {words['moved_to']} {show_path(change.moved_to) or words['front_matter']}"
    return ""


def section_counts(stats: DiffStats) -> list[tuple[int, str]]:
    """The section tallies of the summary as (count, label key), in the order every renderer shows."""
    return [
        (stats.sections_changed, "sections_changed"),
        (stats.sections_added, "sections_added"),
        (stats.sections_removed, "sections_removed"),
        (stats.sections_renamed, "sections_renamed"),
        (stats.sections_moved, "sections_moved"),
    ]


def text_counts(stats: DiffStats) -> list[tuple[int, str]]:
    """The paragraph and word tallies of the summary as (count, label key)."""
    return [
        (paragraphs_changed(stats), "paragraphs_changed"),
        (stats.words_inserted, "words_inserted"),
        (stats.words_deleted, "words_deleted"),
    ]


def paragraphs_changed(stats: DiffStats) -> int:
    return stats.blocks_inserted + stats.blocks_deleted + stats.blocks_changed + stats.blocks_moved


# -- context ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Gap:
    """Unchanged blocks left out of the view; shown as ``…``."""

    count: int


def with_context(changes: list[BlockChange], context: int) -> Iterator[BlockChange | Gap]:
    """The changed blocks with up to ``context`` unchanged blocks around each; the rest as gaps."""
    changed = [index for index, change in enumerate(changes) if change.op is not BlockOp.EQUAL]
    keep: set[int] = set()
    for index in changed:
        keep.update(range(max(0, index - context), min(len(changes), index + context + 1)))
    skipped = 0
    for index, change in enumerate(changes):
        if index in keep:
            if skipped:
                yield Gap(skipped)
                skipped = 0
            yield change
        else:
            skipped += 1
    if skipped and keep:
        yield Gap(skipped)


# -- word runs --------------------------------------------------------------------------------------


def segments(change: BlockChange) -> list[tuple[str, str]]:
    """A changed block as (kind, text) runs, kind one of ``equal``, ``delete``, ``insert``.

    A replaced run shows its deletion first, then its insertion. Texts are made safe here.
    """
    if change.op is BlockOp.INSERT:
        return [("insert", safe_text(change.new.text))] if change.new else []
    if change.op is BlockOp.DELETE:
        return [("delete", safe_text(change.old.text))] if change.old else []
    if change.op is BlockOp.EQUAL or (change.op is BlockOp.MOVE and not change.ops):
        block = change.new or change.old
        return [("equal", safe_text(block.text))] if block else []
    if not change.ops:  # a replace without word edits: the whole block went and came back reworded
        runs = []
        if change.old is not None:
            runs.append(("delete", safe_text(change.old.text)))
        if change.new is not None:
            runs.append(("insert", safe_text(change.new.text)))
        return runs
    runs = []
    for op in change.ops:
        if op.op is TextOpKind.EQUAL:
            runs.append(("equal", safe_text(op.new or op.old)))
            continue
        if op.op in (TextOpKind.DELETE, TextOpKind.REPLACE) and op.old:
            runs.append(("delete", safe_text(op.old)))
        if op.op in (TextOpKind.INSERT, TextOpKind.REPLACE) and op.new:
            runs.append(("insert", safe_text(op.new)))
    return [run for run in runs if run[1]]


def side_segments(change: BlockChange, side: str) -> list[tuple[str, str]]:
    """The runs that belong to one side (``old`` keeps deletions, ``new`` keeps insertions)."""
    dropped = "insert" if side == "old" else "delete"
    return [run for run in segments(change) if run[0] != dropped]


# -- language ---------------------------------------------------------------------------------------

_SWEDISH = frozenset("och att det som för med är på av till inte har en ett om under inom även kommer".split())
_ENGLISH = frozenset("the and of to is in that for with are on by this be not has have from will".split())


def detect_lang(*reports: Report, sample: int = 2000) -> str:
    """``sv`` when the reports read as Swedish (by their commonest short words), else ``en``."""
    swedish = english = 0
    for report in reports:
        for word in report.words()[:sample]:
            folded = word.casefold().strip(".,;:!?()\"'")
            swedish += folded in _SWEDISH
            english += folded in _ENGLISH
    return "sv" if swedish > english else "en"


def report_heading(report: Report) -> str:
    """One line naming a report: title and date, or its file name; never a folder path (a heading is
    for readers, and must not change with the folder it was made in)."""
    parts = [safe_text(report.title) or safe_text(PurePath(report.source).name)]
    parts.append(safe_text(report.display_date()))
    return ", ".join(part for part in parts if part)


def format_number(value: float | None, lang: str, signed: bool = False) -> str:
    """A number the way the reader writes it: ``1 234,5`` in Swedish, ``1,234.5`` in English."""
    if value is None:
        return "–"
    text = f"{value:+,.2f}" if signed else f"{value:,.2f}"
    text = text.rstrip("0").rstrip(".")
    if lang == "sv":
        text = text.replace(",", " ").replace(".", ",").replace("-", "−")
    return text


def written_date(iso: str, month_names: str) -> str:
    """``2025-05-01`` as people write it, ``1 maj 2025``; ``month_names``: the twelve, space-separated
    (the labels' ``month_names``). Text that is not an ISO date is shown as it is."""
    import datetime as dt

    try:
        date = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return safe_text(iso)
    return f"{date.day} {month_names.split()[date.month - 1]} {date.year}"


def figure_text(raw: str | None) -> str:
    return safe_text(raw) if raw else "–"


# Plain-text change marks, as wdiff writes them. Report text that happens to contain a mark gets a
# backslash inside it, so a reader (or a script) never mistakes it for one.
MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
_MARK_LIKE = re.compile(r"\[-|-\]|\{\+|\+\}")


def escape_marks(text: str) -> str:
    return _MARK_LIKE.sub(lambda match: match.group(0)[0] + "\\" + match.group(0)[1], text)


def marked(kind: str, text: str) -> str:
    """``text`` between the plain marks of ``kind`` (``equal`` text is only escaped)."""
    text = escape_marks(text)
    if kind not in MARKS:
        return text
    opening, closing = MARKS[kind]
    return f"{opening}{text}{closing}"
