"""A DocumentDiff as Markdown, for a pull-request comment or a plain-text e-mail.

Deletions are ``~~struck~~`` and insertions ``**bold**``. Report text is escaped so that none of it
acts as Markdown or HTML: a ``*`` or ``<b>`` in a report shows as written. ``--side-by-side`` does
not apply here (Markdown tables cannot hold long paragraphs legibly).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reportdiff.diff.stats import pair_blocks
from reportdiff.model import BlockKind, SectionStatus
from reportdiff.render import wording
from reportdiff.render.labels import labels
from reportdiff.render.options import RenderOptions
from reportdiff.render.segments import Gap, segments, with_context
from reportdiff.render.select import is_shown, selected_pairs, selected_stats, selected_summary
from reportdiff.render.wording import EVENT_GROUPS, NOT_IN_REPORT, PATH_SEPARATOR, SUMMARY_LIMIT
from reportdiff.text.normalize import safe_text

if TYPE_CHECKING:
    from reportdiff.model import BlockChange, ChangeSummary, DiffStats, DocumentDiff, Event, SectionPair

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones that
# can start or end markup inside a line: emphasis, strike-through, code, links, HTML, tables, and
# ``&`` only where it would start an entity such as ``&amp;``.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<~|]|&(?=#?\w+;))")
# At the start of a line: headings, list markers, block quotes, thematic breaks, ordered lists.
_LINE_START = re.compile(r"^(\s*)([-+=>#]|\d+(?=[.)]))")
_BULLETS = {"-", "*", "+", "•"}
_ORDERED = re.compile(r"^\d{1,9}[.)]$")


def escape_md(text: str) -> str:
    """Report text as Markdown that shows exactly these characters and no markup."""
    return _INLINE_SPECIAL.sub(r"\\\1", safe_text(text))


def _escape_line_start(line: str) -> str:
    match = _LINE_START.match(line)
    if not match:
        return line
    lead, token = match.groups()
    if token.isdigit():  # "2024. Text" would start an ordered list: escape the dot after the digits
        end = match.end()
        return line[:end] + "\\" + line[end:]
    return lead + "\\" + line[len(lead) :]


def md_path(path: Iterable[str]) -> str:
    return PATH_SEPARATOR.join(escape_md(heading) for heading in path)


def render_markdown(diff: DocumentDiff, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    words = labels(options.lang)
    pairs = selected_pairs(diff, options.section_pattern)
    summary = selected_summary(diff.summary, options.section_pattern)
    stats = selected_stats(diff, pairs, options.section_pattern)

    heading = wording.report_heading
    out: list[str] = [
        f"# {words['changes_between']}: {escape_md(heading(diff.old))} → {escape_md(heading(diff.new))}",
        "",
        f"`{_code(diff.old.source)}` → `{_code(diff.new.source)}`",
        "",
    ]
    out.extend(_summary(stats, summary, pairs, words, options))
    if options.show_toc_changes and diff.toc_changes:
        out += [f"### {words['toc_changes']}", ""]
        out += [f"- {escape_md(change)}" for change in diff.toc_changes]
        out.append("")
    if options.show_layout and diff.layout_changes:
        out += [f"### {words['layout_changes']}", ""]
        out += [f"- {escape_md(change)}" for change in diff.layout_changes]
        out.append("")
    if diff.notes:
        out += [f"### {words['notes']}", ""]
        out += [f"- {escape_md(note)}" for note in diff.notes]
        out.append("")
    if not options.summary_only:
        for pair in pairs:
            if is_shown(pair):
                out.extend(_section(pair, options, words))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    """Text inside a code span: backticks cannot be escaped there, so they become quotes."""
    return safe_text(text).replace("`", "'")


def _summary(
    stats: DiffStats, summary: ChangeSummary, pairs: list[SectionPair], words: dict[str, str], options: RenderOptions
) -> list[str]:
    out = [f"## {words['summary']}", ""]
    if not any(is_shown(pair) for pair in pairs):
        return out + [words["no_changes"], ""]
    counts = wording.section_counts(stats) + wording.text_counts(stats)
    out += [f"- {wording.counted(count, key, words)}" for count, key in counts if count]
    out.append("")
    for kind, key in EVENT_GROUPS:
        events = [event for event in summary.events if event.kind is kind]
        if events:
            out += [f"### {words[key]}", ""] + _event_list(events, words, options.explain) + [""]
    absent = [event for event in summary.events if event.kind is NOT_IN_REPORT]
    if absent and options.explain:
        out += [f"### {words['not_in_report']}", ""] + _event_list(absent, words, True) + [""]
    elif absent:
        out += [
            f"_{escape_md(wording.absent_count(len(absent), words))}_",
            "",
        ]
    if summary.figure_shifts:
        out += [
            f"### {words['figures']}",
            "",
            f"| {words['figure']} | {words['old']} | {words['new']} | {words['change']} | {words['section']} |",
            "| --- | --- | --- | --- | --- |",
        ]
        for shift in summary.figure_shifts[:SUMMARY_LIMIT]:
            change = wording.format_number(shift.change, options.lang, signed=True) if shift.change is not None else ""
            if not change and shift.direction in ("appeared", "disappeared"):
                change = words[shift.direction]
            cells = [
                escape_md(shift.label or shift.unit),
                escape_md(shift.old.raw) if shift.old else "–",
                escape_md(shift.new.raw) if shift.new else "–",
                escape_md(change),
                md_path(shift.section_path),
            ]
            out.append("| " + " | ".join(cells) + " |")
        if len(summary.figure_shifts) > SUMMARY_LIMIT:
            out += ["", escape_md(words["more_items"].format(count=len(summary.figure_shifts) - SUMMARY_LIMIT))]
        out.append("")
    if options.explain:
        out += _explained(summary, words)
    return out


def _event_list(events: list[Event], words: dict[str, str], explain: bool) -> list[str]:
    """The first events of a group as list items; with ``explain``, each with its evidence and why."""
    out = []
    for event in events[:SUMMARY_LIMIT]:
        where = escape_md(wording.event_where(event.section_path, event.line, event.side, words))
        out.append(f"- {escape_md(event.title)} ({where})")
        if explain:
            out += [f"  > {escape_md(wording.evidence_text(said, words))}" for said in event.evidence]
            out.append(f"  > {escape_md(words['why'])}: `{event.rule}`: {escape_md(event.why)}")
    if len(events) > SUMMARY_LIMIT:
        out.append(f"- {escape_md(words['more_items'].format(count=len(events) - SUMMARY_LIMIT))}")
    return out


def _explained(summary: ChangeSummary, words: dict[str, str]) -> list[str]:
    """For ``--explain``: the claims withheld, with why, and the figures only one report states."""
    out: list[str] = []
    if summary.withheld:
        out += [f"### {words['withheld']}", ""] + _event_list(summary.withheld, words, True) + [""]
    if summary.one_sided:
        out += [f"### {words['one_sided']}", ""]
        for shift in summary.one_sided[:SUMMARY_LIMIT]:
            figure = shift.new or shift.old
            assert figure is not None
            out.append(f"- {escape_md(shift.label or shift.unit)}: {escape_md(figure.raw)} ({words[shift.direction]})")
        out.append("")
    return out


def _section(pair: SectionPair, options: RenderOptions, words: dict[str, str]) -> list[str]:
    status = pair.status.value
    if pair.status is SectionStatus.UNCHANGED and (pair.renamed or pair.moved):
        status = "renamed" if pair.renamed else "moved"
    if pair.new is not None:
        where = f"{words['line']} {pair.new.span.start}"
    elif pair.old is not None:
        where = f"{words['old'].lower()}, {words['line']} {pair.old.span.start}"
    else:
        where = ""
    out = [f"## {words[status]}: {md_path(pair.path) or words['front_matter']}", "", f"*{where}*" if where else "", ""]
    notes = []
    if pair.renamed and pair.old is not None:
        notes.append(f"{words['renamed_from']} “{escape_md(pair.old.heading)}”")
    if pair.moved and pair.old_path:
        notes.append(f"{words['moved_from']} {md_path(pair.old_path[:-1]) or '–'}")
    notes += [f"{words['split_into']} {md_path(path)}" for path in pair.split_into]
    notes += [f"{words['merged_from']} {md_path(path)}" for path in pair.merged_from]
    if notes:
        out += [f"- {note}" for note in notes]
        out.append("")
    previous_was_item = False
    for item in with_context(pair_blocks(pair), options.context):
        if isinstance(item, Gap):
            out += [f"*… ({wording.counted(item.count, 'unchanged_paragraphs', words)})*", ""]
            previous_was_item = False
            continue
        label = _move_label(item, words)
        block = item.new or item.old
        is_item = block is not None and block.kind is BlockKind.LIST_ITEM and not label
        if is_item and previous_was_item:
            out.pop()  # consecutive list items form one tight list
        if label:
            out.append(f"*{label}*  ")
        out += [_block(item), ""]
        previous_was_item = is_item
    return out


def _move_label(change: BlockChange, words: dict[str, str]) -> str:
    return wording.move_label(change, words, md_path)


def _block(change: BlockChange) -> str:
    runs = []
    for kind, text in segments(change):
        escaped = _INLINE_SPECIAL.sub(r"\\\1", text)  # already safe_text-ed by segments()
        if kind == "delete":
            runs.append(f"~~{escaped}~~")
        elif kind == "insert":
            runs.append(f"**{escaped}**")
        else:
            runs.append(escaped)
    line = _escape_line_start(" ".join(runs))
    block = change.new or change.old
    marker = block.marker if block is not None else ""
    if marker in _BULLETS:
        return f"- {line}"
    if _ORDERED.match(marker):
        return f"{marker[:-1]}. {line}"
    if marker:
        return f"{escape_md(marker)} {line}"
    return line
