"""A DocumentDiff for people at a terminal (rich): a summary, then each changed section.

Every piece of report text goes through :func:`~reportdiff.text.normalize.safe_text` and into a
``rich.text.Text`` (never markup), so ``[bold]`` or an escape sequence in a report is shown as
written. With colour, deletions are red and struck through and insertions green and underlined;
without colour they are marked ``[-…-]`` and ``{+…+}`` (wdiff's marks), so output piped to a file
or read by a screen reader still says which is which.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text

from reportdiff.diff.stats import pair_blocks
from reportdiff.model import (
    BlockChange,
    BlockOp,
    ChangeSummary,
    DiffStats,
    DocumentDiff,
    Event,
    SectionPair,
    SectionStatus,
)
from reportdiff.render.labels import labels
from reportdiff.render.options import RenderOptions
from reportdiff.render.palette import rich_style
from reportdiff.render.segments import Gap, marked, segments, side_segments, with_context
from reportdiff.render.select import is_shown, selected_pairs, selected_stats, selected_summary
from reportdiff.render.textlines import Line, Styled, line_string, wrapped_lines
from reportdiff.render.wording import (
    EVENT_GROUPS,
    NOT_IN_REPORT,
    SUMMARY_LIMIT,
    counted,
    event_where,
    evidence_text,
    figure_text,
    format_number,
    format_path,
    move_label,
    report_heading,
    section_counts,
    text_counts,
)
from reportdiff.text.normalize import safe_text

if TYPE_CHECKING:  # rich's console and tables are imported only when something needs them
    from rich.console import Console, ConsoleOptions, RenderableType

INDENT = 2


def make_console(options: RenderOptions, file: io.StringIO | None = None) -> Console:
    """A console that writes to a string and ignores the environment: the caller decides on colour."""
    from rich.console import Console

    return Console(
        file=file or io.StringIO(),
        width=options.width,
        color_system="truecolor" if options.color else None,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )


def render_terminal(diff: DocumentDiff, options: RenderOptions | None = None) -> str:
    """The text format as a string, rendered on a private console that ignores the environment."""
    options = options or RenderOptions()
    return "".join(terminal_chunks(diff, options))


def terminal_chunks(diff: DocumentDiff, options: RenderOptions) -> Iterator[str]:
    """The text format as it is made, a few lines at a time, each line without trailing blanks.

    Paragraphs and one-line items are wrapped and coloured here by rich's rules (``textlines``);
    tables, and text rich must measure itself (wide or zero-width characters), are printed by rich
    on a private console. rich pads table cells to the full width; trailing blanks are noise in
    files and golden tests, so every line is right-stripped.
    """
    console = None
    color = options.color
    for item in diff_renderables(diff, options):
        lines = _own_lines(item, options.width)
        if lines is not None:
            yield "".join(f"{line_string(line, color, prefix).rstrip()}\n" for prefix, line in lines)
            continue
        from rich.console import Group

        if console is None:
            buffer = io.StringIO()
            console = make_console(options, buffer)
        console.print(Group(item))
        printed = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        yield "\n".join(line.rstrip() for line in printed.split("\n"))


def _own_lines(item: RenderableType, width: int) -> list[tuple[str, Line]] | None:
    """The lines of ``item`` cut here, as (indent, line); None when rich must print it."""
    if isinstance(item, (Text, Styled)):
        wrapped = wrapped_lines(item, width, base_as_span=True)
        return None if wrapped is None else [("", line) for line in wrapped]
    if isinstance(item, (_IndentedText, _Bullets)):
        return item.lines(width)
    return None


def write_terminal(diff: DocumentDiff, options: RenderOptions, console: Console) -> None:
    """Print the text format on ``console``: the caller owns it (its file, width and colours)."""
    from rich.console import Group

    console.print(Group(*diff_renderables(diff, options)))


def diff_renderables(diff: DocumentDiff, options: RenderOptions) -> Iterator[RenderableType]:
    """Everything the text format shows, top to bottom."""
    words = labels(options.lang)
    painter = _Painter(options)
    pairs = selected_pairs(diff, options.section_pattern)
    summary = selected_summary(diff.summary, options.section_pattern)
    stats = selected_stats(diff, pairs, options.section_pattern)

    yield Text(f"{safe_text(diff.old.source)} → {safe_text(diff.new.source)}", style=rich_style("muted"))
    yield Text(f"{report_heading(diff.old)} → {report_heading(diff.new)}", style=rich_style("heading"))
    yield Text()
    yield from _summary(stats, summary, pairs, words, options)
    if options.show_toc_changes and diff.toc_changes:
        yield Text()
        yield Text(words["toc_changes"], style=rich_style("heading"))
        for change in diff.toc_changes:
            yield _indented(Text(f"• {safe_text(change)}"))
    if options.show_layout and diff.layout_changes:
        yield Text()
        yield Text(words["layout_changes"], style=rich_style("heading"))
        for change in diff.layout_changes:
            yield _indented(Text(f"• {safe_text(change)}"))
    if diff.notes:
        yield Text()
        yield Text(words["notes"], style=rich_style("muted"))
        for note in diff.notes:
            yield _indented(Text(f"• {safe_text(note)}", style=rich_style("muted")))
    if options.summary_only:
        return
    for pair in pairs:
        if not is_shown(pair):
            continue
        yield Styled()
        yield from _section_header(pair, words)
        if options.side_by_side:
            if pair_blocks(pair):
                yield _side_by_side(pair, options, painter, words)
        else:
            yield from _section_body(pair, options, painter, words)


# -- summary ----------------------------------------------------------------------------------------


def _summary(
    stats: DiffStats, summary: ChangeSummary, pairs: list[SectionPair], words: dict[str, str], options: RenderOptions
) -> Iterator[RenderableType]:
    yield Text(words["summary"], style=rich_style("heading"))
    if not any(is_shown(pair) for pair in pairs):
        yield _indented(Text(words["no_changes"]))
        return
    for counts in (section_counts(stats), text_counts(stats)):
        shown = [counted(count, key, words) for count, key in counts if count]
        if shown:
            yield _indented(Text(" · ".join(shown)))
    for kind, key in EVENT_GROUPS:
        events = [event for event in summary.events if event.kind is kind]
        if events:
            yield Text()
            yield _indented(Text(words[key], style=rich_style("event")))
            yield _event_list(events, words, options.explain)
    absent = [event for event in summary.events if event.kind is NOT_IN_REPORT]
    if absent:
        yield Text()
        if options.explain:
            yield _indented(Text(words["not_in_report"], style=rich_style("event")))
            yield _event_list(absent, words, options.explain)
        else:
            yield _indented(
                Text(
                    words["not_in_report_count" if len(absent) > 1 else "not_in_report_count_one"].format(
                        count=len(absent)
                    ),
                    style=rich_style("muted"),
                )
            )
    if summary.figure_shifts:
        yield Text()
        yield _indented(Text(words["figures"], style=rich_style("event")))
        lines = []
        for shift in summary.figure_shifts[:SUMMARY_LIMIT]:
            line = Text(safe_text(shift.label) or safe_text(shift.unit))
            line.append(": ")
            line.append(figure_text(shift.old.raw if shift.old else None))
            line.append(" → ")
            line.append(figure_text(shift.new.raw if shift.new else None))
            if shift.change is not None:
                style = rich_style("figure_up" if shift.change > 0 else "figure_down") if shift.change else ""
                line.append(f" ({format_number(shift.change, options.lang, signed=True)})", style=style)
            elif shift.direction in ("appeared", "disappeared"):
                line.append(f" ({words[shift.direction]})", style=rich_style("muted"))
            where = format_path(shift.section_path)
            if where:
                line.append(f"  ({where})", style=rich_style("muted"))
            lines.append(line)
        yield _bullets(lines, len(summary.figure_shifts) - SUMMARY_LIMIT, words)
    if options.explain:
        yield from _explained(summary, words, options)


def _event_list(events: list[Event], words: dict[str, str], explain: bool) -> RenderableType:
    """The first events of a group as bullets; with ``explain``, each with its evidence and why."""
    lines = []
    for event in events[:SUMMARY_LIMIT]:
        line = Text(safe_text(event.title))
        where = event_where(event.section_path, event.line, event.side, words)
        line.append(f"  ({where})", style=rich_style("muted"))
        if explain:
            for said in event.evidence:
                line.append("\n  " + evidence_text(said, words), style=rich_style("muted"))
            line.append(f"\n  {words['why']}: {event.rule}: {safe_text(event.why)}", style=rich_style("muted"))
        lines.append(line)
    return _bullets(lines, len(events) - SUMMARY_LIMIT, words)


def _explained(summary: ChangeSummary, words: dict[str, str], options: RenderOptions) -> Iterator[RenderableType]:
    """For ``--explain``: the claims withheld, with why, and the figures that only one report states."""
    if summary.withheld:
        yield Text()
        yield _indented(Text(words["withheld"], style=rich_style("event")))
        yield _event_list(summary.withheld, words, explain=True)
    if summary.one_sided:
        yield Text()
        yield _indented(Text(words["one_sided"], style=rich_style("event")))
        lines = []
        for shift in summary.one_sided[:SUMMARY_LIMIT]:
            figure = shift.new or shift.old
            assert figure is not None
            line = Text(f"{safe_text(shift.label) or safe_text(shift.unit)}: {figure_text(figure.raw)}")
            line.append(f" ({words[shift.direction]})", style=rich_style("muted"))
            lines.append(line)
        yield _bullets(lines, len(summary.one_sided) - SUMMARY_LIMIT, words)


def _bullets(lines: list[Text], more: int, words: dict[str, str]) -> _Bullets:
    """A bulleted list with a hanging indent, and "… and N more" when the list was cut."""
    tail = Text(words["more_items"].format(count=more), style=rich_style("muted")) if more > 0 else None
    return _Bullets(lines, tail, 2 * INDENT)


class _Bullets:
    """A bulleted list: "•" and a blank, then the item wrapped beside it, all indented.

    rich prints it as a two-column grid. ``lines`` cuts the same lines by the grid's rules when
    every item can be wrapped by ``textlines``: the text column as wide as the longest item, at
    most what the indent and the bullet leave, each cell filled to that width in its own style.
    """

    def __init__(self, items: list[Text], tail: Text | None, left: int) -> None:
        self.items = items
        self.tail = tail
        self.left = left

    def lines(self, width: int) -> list[tuple[str, Line]] | None:
        """(indent and bullet, line) for each printed line; None when rich must print the list."""
        cells = [*self.items, *([self.tail] if self.tail is not None else [])]
        room = width - self.left - 2
        longest = max((len(cell.plain) for cell in cells), default=0)
        if room < 10 or longest < 1:
            return None
        column = min(room, longest)
        indent = " " * self.left
        rows: list[tuple[str, Line]] = []
        for number, cell in enumerate(cells):
            wrapped = wrapped_lines(cell, column, base_as_span=True, pad=True)
            if wrapped is None:
                return None
            bullet = "• " if number < len(self.items) else "  "
            rows.extend((bullet if index == 0 else "  ", line) for index, line in enumerate(wrapped))
        return [(indent + prefix, line) for prefix, line in rows]

    def grid(self) -> RenderableType:
        """The same list as a rich grid, for consoles we do not own and text we cannot measure."""
        from rich.table import Table

        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for line in self.items:
            grid.add_row("•", line)
        if self.tail is not None:
            grid.add_row("", self.tail)
        return _indented(grid, self.left)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        yield self.grid()


# -- sections ---------------------------------------------------------------------------------------


def _section_header(pair: SectionPair, words: dict[str, str]) -> Iterator[RenderableType]:
    header = Styled()
    status = pair.status.value
    if pair.status is SectionStatus.UNCHANGED and (pair.renamed or pair.moved):
        status = "renamed" if pair.renamed else "moved"
    header.append(f"{words[status]}: ", style=rich_style("heading"))
    header.append(format_path(pair.path) or words["front_matter"], style=rich_style("path"))
    if pair.new is not None:
        header.append(f"  ({words['line']} {pair.new.span.start})", style=rich_style("muted"))
    elif pair.old is not None:
        header.append(f"  ({words['old'].lower()}, {words['line']} {pair.old.span.start})", style=rich_style("muted"))
    yield header
    notes: list[tuple[str, str]] = []
    if pair.renamed and pair.old is not None:
        notes.append((words["renamed_from"], f"“{safe_text(pair.old.heading)}”"))
    if pair.moved and pair.old_path:
        notes.append((words["moved_from"], format_path(pair.old_path[:-1]) or "–"))
    for path in pair.split_into:
        notes.append((words["split_into"], format_path(path)))
    for path in pair.merged_from:
        notes.append((words["merged_from"], format_path(path)))
    for label, value in notes:
        note = Styled()
        note.append(f"{label} ", style=rich_style("rename" if label == words["renamed_from"] else "move"))
        note.append(value)
        yield _indented(note)


def _section_body(
    pair: SectionPair, options: RenderOptions, painter: _Painter, words: dict[str, str]
) -> Iterator[RenderableType]:
    for item in with_context(pair_blocks(pair), options.context):
        if isinstance(item, Gap):
            gap = f"… ({counted(item.count, 'unchanged_paragraphs', words)})"
            yield _indented(Styled(gap, style=rich_style("muted")))
            continue
        label = _move_label(item, words)
        if label is not None:
            yield _indented(label)
        yield _indented(painter.block(item, segments(item)))


def _move_label(change: BlockChange, words: dict[str, str]) -> Styled | None:
    label = move_label(change, words)
    return Styled(label, rich_style("move")) if label else None


def _side_by_side(
    pair: SectionPair, options: RenderOptions, painter: _Painter, words: dict[str, str]
) -> RenderableType:
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE, width=max(20, options.width - INDENT), show_edge=False, pad_edge=False, padding=(0, 1)
    )
    table.add_column(words["old"], ratio=1, overflow="fold")
    table.add_column(words["new"], ratio=1, overflow="fold")
    for item in with_context(pair_blocks(pair), options.context):
        if isinstance(item, Gap):
            gap = Text(f"… ({item.count})", style=rich_style("muted"))
            table.add_row(gap, gap.copy())
            continue
        cells = []
        for side in ("old", "new"):
            block = item.old if side == "old" else item.new
            if block is None or (item.op is BlockOp.MOVE and side == "old" and item.moved_from):
                label = _move_label(item, words)
                cells.append(label.text() if label else Text())
                continue
            cells.append(painter.block(item, side_segments(item, side), side).text())
        table.add_row(*cells)
    return _indented(table)


class _Painter:
    """Turns word runs into text: styles with colour, wdiff marks without."""

    def __init__(self, options: RenderOptions) -> None:
        self.color = options.color
        self.styles = {
            "delete": rich_style("delete"),
            "insert": f"{rich_style('insert')} underline",
            "equal": "",
        }

    def block(self, change: BlockChange, runs: list[tuple[str, str]], side: str = "new") -> Styled:
        text = Styled()
        block = (change.old if side == "old" else change.new) or change.new or change.old
        if block is not None and block.marker:
            text.append(f"{safe_text(block.marker)} ")
        for index, (kind, run) in enumerate(runs):
            if index:
                text.append(" ")
            if self.color:
                text.append(run, style=self.styles[kind])
            else:
                text.append(marked(kind, run))
        if change.op is BlockOp.MOVE and not change.ops:
            text.stylize(rich_style("move"))
        return text


def _indented(renderable: RenderableType, left: int = INDENT) -> RenderableType:
    if isinstance(renderable, (Text, Styled)):
        return _IndentedText(renderable, left)
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, left), expand=False)


class _IndentedText:
    """Text wrapped to the width left after an indent: what Padding does, without its right-hand fill
    and cropping passes, which made long diffs several times slower to render."""

    def __init__(self, text: Text | Styled, left: int) -> None:
        self.text = text
        self.left = left

    def lines(self, width: int) -> list[tuple[str, Line]] | None:
        """(indent, line) for each printed line; None when rich must wrap the text (see ``textlines``)."""
        if width - self.left < 1:  # rich crops the indent itself to the width
            return None
        wrapped = wrapped_lines(self.text, width - self.left, base_as_span=False)
        return None if wrapped is None else [(" " * self.left, line) for line in wrapped]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        indent = Segment(" " * self.left)
        lines = self.lines(options.max_width)
        if lines is not None:
            for _, line in lines:
                yield indent
                for text, style in line:
                    yield Segment(text, style)
                yield Segment.line()
            return
        rich_text = self.text.text() if isinstance(self.text, Styled) else self.text
        for rich_line in rich_text.wrap(console, max(1, options.max_width - self.left)):
            yield indent
            yield from rich_line.render(console)
            yield Segment.line()
