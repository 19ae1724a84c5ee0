"""The words and numbers every renderer writes the same way: paths, counts, places, moves, numbers, dates.

Report text is data: :func:`safe_text` (re-exported here) removes terminal escape sequences and
control characters before any renderer shows it. Nothing here imports rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePath

from reportdiff.model import BlockChange, BlockOp, DiffStats, EventKind, Evidence, Report
from reportdiff.text.normalize import safe_text

__all__ = ["safe_text"]  # and the functions below

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


# -- counts -----------------------------------------------------------------------------------------


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


# -- word runs --------------------------------------------------------------------------------------


# -- language ---------------------------------------------------------------------------------------


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
