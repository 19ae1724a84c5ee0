"""The standalone HTML page (``--format html``): one file that works offline, prints, and reads in grayscale.

The page is built in two steps, so that the markup stays in a template and every piece of report text
passes through Jinja's autoescaping exactly once:

1. :func:`build_page` turns a :class:`DocumentDiff` into plain view dataclasses (strings and lists);
2. ``templates/page.html.j2`` lays them out.

The e-mail renderer (:mod:`reportdiff.render.email_html`) reuses step 1 with its own template.
Insertions and deletions never rely on colour alone: ``<ins>``/``<del>`` (underline / strike-through),
a ⊕/⊖ glyph per block and a visually hidden "tillagt:"/"borttaget:" for screen readers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from reportdiff.diff.stats import pair_blocks
from reportdiff.errors import ReportdiffError
from reportdiff.figures.polarity import tone
from reportdiff.model import BlockChange, BlockKind, BlockOp, DiffStats, DocumentDiff, Report, SectionPair
from reportdiff.model.findings import ChangeSummary, Event, EventKind, FigureShift
from reportdiff.render.figure_chart import bars, slope_chart
from reportdiff.render.labels import detect_lang, labels
from reportdiff.render.options import RenderOptions
from reportdiff.render.palette import html_colors
from reportdiff.render.segments import Gap, segments, with_context
from reportdiff.render.select import is_shown, selected_pairs, selected_stats, selected_summary
from reportdiff.render.wording import (
    EVENT_GROUPS,
    NOT_IN_REPORT,
    counted,
    format_path,
    section_counts,
    text_counts,
    written_date,
)
from reportdiff.text.normalize import safe_text

if TYPE_CHECKING:
    from jinja2 import Environment

FIRST_SCREEN = 10  # items the e-mail puts first, in order of importance, before the rest by group

# -- view model -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    """A run of words inside a block: ``equal``, ``insert`` or ``delete``."""

    kind: str
    text: str


@dataclass(slots=True)
class BlockView:
    kind: str  # equal, insert, delete, replace, move
    runs: list[Run]
    marker: str = ""  # "•" or "3." for list items
    is_row: bool = False  # a table row: cells joined by " | "
    note: str = ""  # "flyttat från: A › B"


@dataclass(slots=True)
class Collapsed:
    """Unchanged blocks folded into a ``<details>``; ``blocks`` empty when the text is not at hand."""

    count: int
    blocks: list[BlockView]


@dataclass(slots=True)
class SectionView:
    anchor: str
    depth: int  # 1 for a top-level part
    heading: str
    path: str  # the whole path, "Information från verksamheten › Division X"
    status: str  # added, removed, changed, unchanged
    status_label: str
    badges: list[str]  # "Omdöpt", "Flyttat"
    notes: list[str]  # "tidigare rubrik: …", "flyttat från: …"
    items: list[BlockView | Collapsed]
    changed: bool


@dataclass(slots=True)
class EventView:
    title: str
    detail: str  # "gammal status → ny status" or the sentence
    where: str
    anchor: str  # "" when the section is not on the page
    line: str  # "rad 123"
    quote: str = ""  # the sentence that states it, shortened; shown under the item
    quote_where: str = ""  # "rad 12 i nya rapporten"


@dataclass(slots=True)
class EventGroup:
    key: str
    label: str
    events: list[EventView]
    more: int = 0  # events left out (only the e-mail leaves any out)


@dataclass(slots=True)
class FigureRow:
    what: str
    where: str
    anchor: str
    old: str
    new: str
    change: str
    direction: str  # up, down, appeared, disappeared, "" (same)
    direction_label: str
    symbol: str  # ▲ ▼ ⊕ ⊖
    tone: str = ""  # good, bad, "" (neutral): by what the measure means, not the sign (figures/polarity.py)
    chart: Any = ""  # the page's slope chart (inline SVG), render/figure_chart.py
    bars: list[Any] = field(default_factory=list)  # the e-mail's table-cell bars, old and new


class ReportView(NamedTuple):
    """One report as the page heads it (a tuple: the template only reads it)."""

    title: str
    date: str
    source: str


@dataclass(slots=True)
class PageView:
    lang: str
    title: str
    old: ReportView
    new: ReportView
    stats: list[str]  # "3 nya avsnitt", ...
    groups: list[EventGroup]
    figures: list[FigureRow]
    sections: list[SectionView]
    notes: list[str]
    toc_changes: list[str]
    has_changes: bool
    text_lang: str  # the reports' language; marked on report text when the labels are in another one
    summary_only: bool
    link: str
    colors: dict[str, tuple[str, str]] = field(default_factory=dict)
    figures_more: int = 0  # figure rows left out (only the e-mail leaves any out)
    absent: list[EventView] = field(default_factory=list)  # not in this report: shown apart, collapsed
    top: list[EventView] = field(default_factory=list)  # the e-mail's first screen (the page leaves it empty)


def build_page(diff: DocumentDiff, options: RenderOptions) -> PageView:
    """Everything the templates show, as plain strings; no markup here."""
    words = labels(options.lang)
    pairs = selected_pairs(diff, options.section_pattern)
    summary = selected_summary(diff.summary, options.section_pattern)
    stats = selected_stats(diff, pairs, options.section_pattern)
    anchors = _anchors(pairs)
    by_path = _path_anchors(pairs, anchors)
    sections = [] if options.summary_only else [_section_view(pair, anchors[id(pair)], options) for pair in pairs]
    old, new = _report_view(diff.old), _report_view(diff.new)
    return PageView(
        lang=options.lang if options.lang in ("sv", "en") else "en",
        title=words["page_title"].format(
            title=new.title or old.title or words["default_title"],
            old=old.date or old.source,
            new=new.date or new.source,
        ),
        old=old,
        new=new,
        stats=_stats_lines(stats, words),
        groups=_event_groups(summary, by_path, words),
        absent=[_event_view(event, by_path, words) for event in summary.events if event.kind is NOT_IN_REPORT],
        top=[_event_view(event, by_path, words) for event in summary.events if event.kind is not NOT_IN_REPORT][
            :FIRST_SCREEN
        ],
        figures=_figure_rows(summary, by_path, options.lang),
        sections=sections,
        notes=[safe_text(note) for note in diff.notes],
        toc_changes=[safe_text(line) for line in diff.toc_changes] if options.show_toc_changes else [],
        has_changes=diff.has_changes or bool(summary.events or summary.figure_shifts),
        text_lang=detect_lang(diff.old, diff.new),
        summary_only=options.summary_only,
        link=checked_link(options.full_report_link),
        colors={name: html_colors(name) for name in ("insert", "delete", "move", "rename", "muted", "path", "event")},
    )


def checked_link(link: str | None) -> str:
    """The full-report link if it is an http(s) URL; anything else (``javascript:`` …) is refused."""
    if not link:
        return ""
    link = link.strip()
    if not re.match(r"https?://[^\s<>\"']+$", link, re.IGNORECASE):
        raise ReportdiffError(f"--link must be an http:// or https:// address, not {safe_text(link)[:60]!r}")
    return link


def _report_view(report: Report) -> ReportView:
    date = safe_text(report.display_date())
    # only the file name: the page must not change with the folder it was made in
    return ReportView(title=safe_text(report.title), date=date, source=safe_text(PurePath(report.source).name))


def _stats_lines(stats: DiffStats, words: dict[str, str]) -> list[str]:
    counts = section_counts(stats) + text_counts(stats)
    return [counted(count, key, words) for count, key in counts if count]


# -- sections ---------------------------------------------------------------------------------------


def _anchors(pairs: list[SectionPair]) -> dict[int, str]:
    """A stable, unique ``id`` per pair: its position and a slug of its heading."""
    return {
        id(pair): f"s{number}-{_slug(pair.path[-1]) if pair.path else 'start'}" for number, pair in enumerate(pairs, 1)
    }


def _path_anchors(pairs: list[SectionPair], anchors: dict[int, str]) -> dict[tuple[str, ...], str]:
    """Section path (old or new) → anchor, for links from the summary; the new path wins a tie."""
    found: dict[tuple[str, ...], str] = {}
    for pair in pairs:
        if pair.old_path:
            found.setdefault(pair.old_path, anchors[id(pair)])
    for pair in pairs:
        if pair.new_path:
            found[pair.new_path] = anchors[id(pair)]
    return found


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:40] or "avsnitt"


def _section_view(pair: SectionPair, anchor: str, options: RenderOptions) -> SectionView:
    words = labels(options.lang)
    badges: list[str] = []
    notes: list[str] = []
    if pair.renamed:
        badges.append(words["renamed"])
        if pair.old_path:
            notes.append(f"{words['renamed_from']}: {safe_text(pair.old_path[-1])}")
    if pair.moved:
        badges.append(words["moved"])
        if pair.old_path:
            notes.append(f"{words['moved_from']}: {format_path(pair.old_path)}")
    if pair.merged_from:
        notes.append(f"{words['merged_from']}: " + "; ".join(format_path(path) for path in pair.merged_from))
    if pair.split_into:
        notes.append(f"{words['split_into']}: " + "; ".join(format_path(path) for path in pair.split_into))
    changes = pair_blocks(pair)
    if not changes and pair.new is not None:  # an unchanged section listed without its blocks
        changes = [BlockChange(BlockOp.EQUAL, block, block) for block in pair.new.blocks]
    status = pair.status.value
    return SectionView(
        anchor=anchor,
        depth=max(1, len(pair.path)),
        heading=safe_text(pair.path[-1]) if pair.path else words["front_matter"],
        path=format_path(pair.path) or words["front_matter"],
        status=status,
        status_label=words[status],
        badges=badges,
        notes=notes,
        items=_items(changes, options.context, words),
        changed=is_shown(pair),
    )


def _items(changes: list[BlockChange], context: int, words: dict[str, str]) -> list[BlockView | Collapsed]:
    """Changed blocks with ``context`` unchanged ones around them; other unchanged runs fold away."""
    if not any(change.op is not BlockOp.EQUAL for change in changes):
        return [Collapsed(len(changes), [block_view(change, words) for change in changes])] if changes else []
    items: list[BlockView | Collapsed] = []
    shown = list(with_context(changes, max(0, context)))
    position = 0  # index into ``changes`` of the next block not yet placed
    for entry in shown:
        if isinstance(entry, Gap):
            folded = changes[position : position + entry.count]
            items.append(Collapsed(entry.count, [block_view(change, words) for change in folded]))
            position += entry.count
        else:
            position += 1
            items.append(block_view(entry, words))
    return items


def block_view(change: BlockChange, words: dict[str, str]) -> BlockView:
    block = change.new or change.old
    marker = ""
    if block is not None and block.kind is BlockKind.LIST_ITEM:
        marker = safe_text(block.marker) if block.marker[:1].isdigit() else "•"
    note = ""
    if change.op is BlockOp.MOVE and change.moved_from:
        note = f"{words['moved_from']}: {format_path(change.moved_from)}"
    elif change.op is BlockOp.DELETE and change.moved_to:
        note = f"{words['moved_to']}: {format_path(change.moved_to)}"
    return BlockView(
        kind=change.op.value,
        runs=[Run(kind, text) for kind, text in segments(change)],
        marker=marker,
        is_row=block is not None and block.kind is BlockKind.TABLE_ROW,
        note=note,
    )


# -- summary ----------------------------------------------------------------------------------------


def _event_groups(
    summary: ChangeSummary, anchors: dict[tuple[str, ...], str], words: dict[str, str]
) -> list[EventGroup]:
    groups = []
    for kind, key in EVENT_GROUPS:
        events = [_event_view(event, anchors, words) for event in summary.events if event.kind is kind]
        if events:
            groups.append(EventGroup(key=key, label=words[key], events=events))
    return groups


def _event_view(event: Event, anchors: dict[tuple[str, ...], str], words: dict[str, str]) -> EventView:
    detail = ""
    if event.kind == EventKind.DATE_PASSED and event.old_status:  # "1 maj 2025 – passerat", not two ISO dates
        detail = f"{written_date(event.old_status, words['month_names'])} – {words['passed']}"
    elif event.old_status and not _title_tells(event):
        detail = f"{safe_text(event.old_status)} → {safe_text(event.new_status) or '–'}"
    elif event.new_status and not _title_tells(event):  # no earlier stage known: only the new one
        detail = f"→ {safe_text(event.new_status)}"
    line_key = "line_in_old" if event.side == "old" else "line_in_new"
    # the first sentence that the title does not already say in full ("Heading: the sentence")
    said = next((said for said in event.evidence if said.sentence not in event.title), None)
    return EventView(
        title=nobreak_numbers(safe_text(event.title)),
        detail=detail,
        where=format_path(event.section_path),
        anchor=anchors.get(tuple(event.section_path), ""),
        line=words[line_key].format(line=event.line) if event.line else "",
        quote=_quote(safe_text(said.sentence)) if said else "",
        # where the quote stands, unless it is the line the item already names
        quote_where=words[f"line_in_{said.side}"].format(line=said.line)
        if said and (said.side, said.line) != (event.side, event.line)
        else "",
    )


def _title_tells(event: Event) -> bool:
    """Whether the title already says the change: an arrow ("införande → överlämning"), or, with no
    earlier stage, the word of the new one ("Hälsocentralen: pausat", "Väntetiden har minskat.")."""
    if "→" in event.title:
        return True
    named = re.search(rf"(?<!\w){re.escape(event.new_status)}(?!\w)", event.title, re.IGNORECASE)
    return not event.old_status and bool(event.new_status) and named is not None


def _quote(sentence: str, limit: int = 300) -> str:
    """An evidence sentence short enough to sit under a summary item."""
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _figure_rows(summary: ChangeSummary, anchors: dict[tuple[str, ...], str], lang: str) -> list[FigureRow]:
    words = labels(lang)
    rows = []
    for shift in summary.figure_shifts:
        direction = shift.direction or _direction(shift)
        mood = tone(shift.label, direction)
        said = words.get(f"figure_{direction}", words.get(direction, ""))
        if mood:  # in words too, not by colour alone
            said = f"{said}, {words[f'tone_{mood}']}"
        rows.append(
            FigureRow(
                what=safe_text(shift.label),
                where=format_path(shift.section_path),
                anchor=anchors.get(tuple(shift.section_path), ""),
                old=nobreak_numbers(safe_text(shift.old.raw)) if shift.old else "–",
                new=nobreak_numbers(safe_text(shift.new.raw)) if shift.new else "–",
                change=format_change(shift, lang),
                direction=direction,
                direction_label=said,
                symbol={"up": "▲", "down": "▼", "appeared": "⊕", "disappeared": "⊖"}.get(direction, "="),
                tone=mood,
            )
        )
        row = rows[-1]
        row.chart = slope_chart(shift, row.old, row.new, mood)
        row.bars = bars(shift, row.old, row.new)
    return rows


# A space (or thin space) inside a number, "7 436", as reports write thousands: no-break in HTML,
# so a narrow column or a phone never wraps the number apart.
_THOUSANDS_SPACE = re.compile(r"(?<=\d)[ \u2009](?=\d{3}(?!\d))")


def nobreak_numbers(text: str) -> str:
    """``7 436 besök`` → ``7\u00a0436 besök``: the thousands separator becomes a no-break space."""
    return _THOUSANDS_SPACE.sub("\u00a0", text)


def _direction(shift: FigureShift) -> str:
    if shift.old is None:
        return "appeared"
    if shift.new is None:
        return "disappeared"
    if shift.change is None or shift.change == 0:
        return ""
    return "up" if shift.change > 0 else "down"


def format_number(value: float, lang: str) -> str:
    """``1234.5`` as ``1 234,5`` (sv) or ``1,234.5`` (en); at most two decimals, no trailing zeros."""
    text = f"{abs(value):,.2f}".rstrip("0").rstrip(".")
    if lang == "sv":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return ("−" if value < 0 else "") + text


def format_change(shift: FigureShift, lang: str) -> str:
    """``+1,2 procentenheter`` or ``−350 mnkr (−12 %)``; the words for appeared/disappeared otherwise."""
    words = labels(lang)
    if shift.old is None:
        return words["appeared"]
    if shift.new is None:
        return words["disappeared"]
    if shift.change is None:
        return ""
    sign = "+" if shift.change > 0 else ""
    unit = safe_text(shift.unit)
    if unit == "procent":
        unit = words["percentage_points"]
    elif unit == "antal":
        unit = ""
    text = f"{sign}{format_number(shift.change, lang)} {unit}".strip()
    # A percentage of a negative or zero base is no percentage ("−61 → +14" is not "+123 %"):
    # then the absolute change stands alone.
    base_positive = shift.old is not None and shift.old.value > 0
    percent_unit = shift.unit in ("procent", "procentenheter")
    if base_positive and shift.relative is not None and not percent_unit and shift.change != 0:
        relative = round(shift.relative * 100, 1 if abs(shift.relative) < 0.1 else 0)
        text += f" ({'+' if relative > 0 else ''}{format_number(relative, lang)}\u00a0%)"
    return text


# -- templates --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja with autoescaping on and undefined names as errors; templates ship inside the package."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("reportdiff", "render/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def render_html(diff: DocumentDiff, options: RenderOptions) -> str:
    """A standalone HTML page: summary first, then every section with its changes."""
    page = build_page(diff, options)
    return render_template("page.html.j2", page=page, words=labels(page.lang))
