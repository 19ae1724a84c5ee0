"""Plain-text reader: Word-style text and PDF text (double- or single-spaced) onto the report model.

The same report reaches us laid out three ways: one paragraph a line ("word"), PDF text with a
blank line after every physical line ("pdf-double"), and PDF text without ("pdf-single"). The
reader first undoes the layout (joins wrapped lines, rejoins split words, sets page furniture
aside), so that it sees *units* (paragraphs, list items, table rows, heading candidates); it then
decides headings and levels on the units alone, the same way for every layout, with the table of
contents or bookmark outline as the strongest evidence. See docs/parsing.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportdiff.ingest.cover import mark_captions, mark_table_lines, take_cover, take_signature
from reportdiff.ingest.cues import is_long_title
from reportdiff.ingest.metadata import finish_report, is_title
from reportdiff.ingest.text_headings import is_listed, mark_headings, split_listed_prefixes
from reportdiff.ingest.tree import RawBlock, build_tree
from reportdiff.ingest.units import Line, Unit
from reportdiff.model import Aside, AsideKind, BlockKind, Report, Span, TocEntry
from reportdiff.text.contents import find_outline, find_toc, toc_depth
from reportdiff.text.heading_words import HeadingWords, heading_words
from reportdiff.text.headings import adopt_parents, assign_levels, is_heading_shape, pattern_kind
from reportdiff.text.hyphenation import SpellingEvidence, ends_with_split, join_hyphenated
from reportdiff.text.layout import (
    ends_sentence,
    is_document_block_label,
    is_page_furniture,
    list_marker,
)
from reportdiff.text.normalize import heading_key, strip_control, strip_emphasis

# Function words that end neither a heading nor a paragraph: a line ending with one continues below.
_OPEN_ENDINGS = frozenset(
    """i och av för på med till om inom från vid samt eller en ett det den de som mot under ca cirka drygt
    knappt att är har var kan ska skall kommer blir men då när där efter över utan genom mellan enligt även
    också än totalt nu vi man sin sina sitt denna detta dessa både dels the of and""".split()
)


@dataclass(slots=True)
class _Context:
    style: str
    width: int
    trailing_convention: bool  # the extraction keeps a space after every line but a split word's
    evidence: SpellingEvidence
    words: HeadingWords  # the organisation words (text/heading_words.py)
    asides: list[Aside] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_text(
    text: str, source: str = "<string>", known: frozenset[str] = frozenset(), words: HeadingWords | None = None
) -> Report:
    """Read a report laid out as plain text (Word-style or PDF extraction) into the report model.

    ``known`` holds the heading keys of the other report of a pair (``load_pair``): two short
    lines that together make one of its headings are one heading here too, and a line that starts
    with one of them is split like a line that starts with a contents entry. ``words`` are the
    organisation words (the configured ones when not given).
    """
    return read_layout(undo_layout(text, words), source, known)


@dataclass(slots=True)
class TextLayout:
    """What the reader makes of a text before it decides headings: its style, contents, and units.

    Kept by ``load_pair`` so that a PDF text read again with the other report's headings
    (``read_layout(..., known=...)``) is not laid out twice: only the merging of wrapped headings
    uses ``known``.
    """

    style: str
    toc: list[TocEntry]
    outline: list[TocEntry]
    listed_keys: set[str]
    context: _Context
    units: list[Unit]  # PDF text: before wrapped headings are merged


def undo_layout(text: str, words: HeadingWords | None = None) -> TextLayout:
    """Join wrapped lines, set furniture and contents aside: the work that does not depend on ``known``."""
    raw = strip_control(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    style = detect_style(raw)
    consumed: set[int] = set()
    asides: list[Aside] = []
    outline = find_outline(raw, consumed, asides)
    toc = find_toc(raw, consumed, asides)
    lines = _physical_lines(raw, consumed, style)
    context = _Context(
        style=style,
        width=_line_width(lines),
        trailing_convention=_keeps_trailing_spaces(raw, consumed),
        evidence=SpellingEvidence.from_lines(line.text for line in lines),
        words=words or heading_words(),
        asides=asides,
    )
    lines = _set_furniture_aside(lines, context)
    listed_keys = {heading_key(entry.heading) for entry in toc + outline}
    if style == "word":
        units = _word_units(lines, context, listed_keys)
    else:
        units = _pdf_line_units(lines, context, listed_keys)
    return TextLayout(style, toc, outline, listed_keys, context, units)


def read_layout(
    layout: TextLayout,
    source: str = "<string>",
    known: frozenset[str] = frozenset(),
    parents: dict[str, str | None] | None = None,
) -> Report:
    """Decide headings and levels on a laid-out text and build the report; ``layout`` is left as it was.

    ``known`` and ``parents`` come from the other report of a pair (``load_pair``): its heading keys,
    and where its structure is known, each heading's parent (:func:`adopt_parents`)."""
    style, toc, outline, listed_keys = layout.style, list(layout.toc), list(layout.outline), layout.listed_keys
    context = replace(layout.context, asides=list(layout.context.asides), warnings=list(layout.context.warnings))
    units = [unit.copy() for unit in layout.units]  # changed below
    if style != "word":
        units = _join_split_paragraphs(_merge_wrapped_headings(units, listed_keys, known, context), context)
    report = Report(source=source, root=build_tree([]), style=style, toc=toc, outline=outline)
    units = take_cover(units, report, context.asides)
    units = take_signature(units, report, context.asides)
    mark_captions(units)
    units = split_listed_prefixes(units, listed_keys)
    mark_headings(units, listed_keys, style, context.words)
    warnings = assign_levels(units, toc_depth(toc) if toc else 0, bool(listed_keys), context.words)
    if parents and not toc:
        moved = adopt_parents(units, parents)
        if moved:
            warnings.append(f"{moved} heading(s) given the parent the other report of the pair gives them")
    found = {heading_key(unit.text) for unit in units if unit.heading}
    missing = [entry.heading for entry in toc + outline if not is_listed(entry.heading, found)]
    missing = [heading for heading in missing if not is_title(heading)]
    if missing:
        warnings.append(f"{len(missing)} contents/outline entries not found as headings: {', '.join(missing[:5])}")
    raw_blocks = [
        RawBlock(unit.text, unit.span, level=unit.level if unit.heading else 0, kind=unit.kind, marker=unit.marker)
        for unit in units
    ]
    report.root = build_tree(raw_blocks)
    report.explanations = [f"{unit.why}. {unit.why_level}" for unit in units if unit.heading]
    report.asides = sorted(context.asides, key=lambda aside: (aside.span.start, aside.kind.value))
    report.warnings = context.warnings + warnings
    if not report.title:
        report.title = next((entry.heading for entry in outline if is_title(entry.heading)), "")
    finish_report(report)
    return report


def detect_style(raw: list[str]) -> str:
    """'word' (one paragraph a line), 'pdf-double' (a blank after every line) or 'pdf-single'."""
    stripped = [line.strip() for line in raw]  # once a line, not once for each measure below
    nonblank = [index for index, text in enumerate(stripped) if text]
    if not nonblank:
        return "word"
    lengths = sorted(len(stripped[index]) for index in nonblank)
    followed_by_blank = sum(1 for index in nonblank if index + 1 < len(raw) and not stripped[index + 1])
    long_share = sum(length > 110 for length in lengths) / len(lengths)
    wrapped = sum(
        1
        for a, b in zip(nonblank, nonblank[1:], strict=False)
        if stripped[a].endswith("-") or stripped[b][:1].islower()
    ) / max(1, len(nonblank) - 1)
    trailing_space = sum(1 for index in nonblank if raw[index].endswith(" ")) / len(nonblank)
    if long_share > 0.15 or (wrapped < 0.08 and lengths[len(lengths) * 9 // 10] > 90):
        return "word"
    if wrapped < 0.05 and trailing_space < 0.6:
        return "word"  # no sign of wrapping, nor the space PDF extraction leaves after each line
    return "pdf-double" if followed_by_blank > 0.6 * len(nonblank) else "pdf-single"


def _physical_lines(raw: list[str], consumed: set[int], style: str) -> list[Line]:
    lines: list[Line] = []
    blanks = 0
    for index, text in enumerate(raw):
        if index in consumed or not text.strip():
            blanks += 1
            if text.startswith(" ") and style != "word":
                lines.append(Line(index + 1, "", page_start=True))  # an empty page start still turns the page
            continue
        stripped = text.strip()
        line = Line(
            number=index + 1,
            text=stripped,
            page_start=style != "word" and text.startswith(" "),
            blank_before=blanks,
            trailing=len(text) - len(text.rstrip(" ")),
        )
        marker = list_marker(stripped)
        if marker is not None:
            line.marker = marker[0]
            line.text = marker[1].strip()
        lines.append(line)
        blanks = 0
    if style != "word":
        _find_lost_bullets(lines)
    page = 1
    for line in lines:
        if line.page_start:
            page += 1
        line.page = page
    return [line for line in lines if line.text]


def _find_lost_bullets(lines: list[Line]) -> None:
    """Lines that begin with a space close to one another are list items whose bullet glyph was lost.

    A real page start comes once every forty-odd lines; two within three lines are bullets.
    """
    starts = [
        index
        for index, line in enumerate(lines)
        if line.page_start
        and line.text
        and not is_page_furniture(line.text, True)
        and not is_document_block_label(line.text)
    ]
    for position, index in enumerate(starts):
        near = [other for other in starts[max(0, position - 1) : position + 2] if other != index]
        if any(abs(other - index) <= 3 for other in near) and not lines[index].marker:
            lines[index].marker = "•"
            lines[index].page_start = False


def _line_width(lines: list[Line]) -> int:
    """The wrap width of the text, as the 90th percentile of line lengths."""
    lengths = sorted(len(line.text) + (2 if line.marker else 0) for line in lines if line.text)
    return max(40, lengths[len(lengths) * 9 // 10]) if lengths else 75


def _keeps_trailing_spaces(raw: list[str], consumed: set[int]) -> bool:
    nonblank = [line for index, line in enumerate(raw) if line.strip() and index not in consumed]
    return bool(nonblank) and sum(line.endswith(" ") for line in nonblank) > 0.5 * len(nonblank)


def _set_furniture_aside(lines: list[Line], context: _Context) -> list[Line]:
    """Page numbers, ``Sida N (M)``, document-id and publication blocks, repeated running headers."""
    repeated: dict[str, int] = {}
    for line in lines:
        if line.page_start and len(line.text) <= 80:
            repeated[line.text] = repeated.get(line.text, 0) + 1
    kept: list[Line] = []
    value_lines_left = 0
    for position, line in enumerate(lines):
        furniture = False
        following = lines[position + 1] if position + 1 < len(lines) else None
        page_edge = line.page_start or (following is not None and following.page > line.page)
        if is_page_furniture(line.text, page_edge) or (line.page_start and repeated.get(line.text, 0) >= 3):
            furniture = True
        elif is_document_block_label(line.text):
            furniture, value_lines_left = True, 1
        elif value_lines_left and not ends_sentence(line.text) and len(line.text) <= 80:
            furniture, value_lines_left = True, value_lines_left - 1
        else:
            value_lines_left = 0
        if furniture:
            text = f"{line.marker} {line.text}".strip() if line.marker else line.text
            context.asides.append(Aside(AsideKind.FURNITURE, text, Span(line.number, line.number, line.page)))
        else:
            kept.append(line)
    return kept


def _join_lines(lines: list[Line], context: _Context) -> str:
    """The text of a unit: its lines joined, split words rejoined (linear: only neighbours are looked at)."""
    parts = [lines[0].text]
    for previous, line in zip(lines, lines[1:], strict=False):
        if ends_with_split(previous.text):
            spaced = context.trailing_convention and previous.trailing > 0
            parts[-1] = join_hyphenated(parts[-1], line.text, context.evidence, spaced=spaced)
        else:
            parts.append(line.text)
    return _tidy(" ".join(parts))


def _tidy(text: str) -> str:
    """Collapse whitespace, drop emphasis marks (control characters went with the whole input)."""
    return " ".join(strip_emphasis(text).split())


def _text_so_far(unit: Unit, limit: int) -> str | None:
    """The unit's text while it is short (at most ``limit`` characters), else None; cheap for long units."""
    if len(unit.lines) > 3 or sum(len(line.text) + 1 for line in unit.lines) > limit + 10:
        return None
    return " ".join(line.text for line in unit.lines)


def _word_units(lines: list[Line], context: _Context, listed_keys: set[str]) -> list[Unit]:
    """One unit a line; a paragraph split by a page break (no final stop, continues below) is rejoined."""
    mark_table_lines(lines, listed_keys, context.width)
    units: list[Unit] = []
    for line in lines:
        previous = units[-1] if units else None
        if (
            previous is not None
            and not line.marker
            and not line.table
            and not previous.lines[-1].table
            and _continues_word(previous, line, context)
        ):
            previous.lines.append(line)
            continue
        units.append(_start_unit(line))
    for unit in units:
        unit.text = _join_lines(unit.lines, context)
    return _join_split_paragraphs(units, context)


def _start_unit(line: Line) -> Unit:
    """A new paragraph, list item or table row beginning at ``line``."""
    if line.table:
        kind = BlockKind.TABLE_ROW
    else:
        kind = BlockKind.LIST_ITEM if line.marker else BlockKind.PARAGRAPH
    return Unit([line], line.text, kind=kind, marker=line.marker)


def _continues_word(previous: Unit, line: Line, context: _Context) -> bool:
    """A paragraph split by a page break: the next part starts in lower case or after a split word."""
    if ends_sentence(previous.lines[-1].text):
        return False
    return line.text[:1].islower()  # also after a split word (``med-`` / ``arbetare``)


def _join_split_paragraphs(units: list[Unit], context: _Context) -> list[Unit]:
    """Rejoin a long paragraph without a final stop and the paragraph after it, in every layout.

    Word-style text splits a paragraph at a page break (``… Kajiado`` / ``County …``); a long
    paragraph does not end without a stop, and a heading would have the shape of one.
    """
    joined: list[Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind is BlockKind.PARAGRAPH
            and unit.kind is BlockKind.PARAGRAPH
            and len(previous.text) > 100
            and not ends_sentence(previous.text)
            and not previous.text.endswith(("”", '"', ")"))
            and not is_heading_shape(unit.text)
            and not is_long_title(previous.text, unit.text)
        ):
            previous.lines.extend(unit.lines)
            previous.text = f"{previous.text} {unit.text}"
            continue
        joined.append(unit)
    return joined


def _pdf_line_units(lines: list[Line], context: _Context, listed_keys: set[str]) -> list[Unit]:
    """Join wrapped physical lines into paragraphs and list items; tables one row a line (wrapped
    headings are merged afterwards, by ``_merge_wrapped_headings``)."""
    mark_table_lines(lines, listed_keys, context.width)
    units: list[Unit] = []
    for position, line in enumerate(lines):
        following = lines[position + 1 : position + 3]
        previous = units[-1] if units else None
        if previous is not None and _continues_pdf(previous, line, following, context, listed_keys):
            previous.lines.append(line)
            continue
        units.append(_start_unit(line))
    for unit in units:
        unit.text = _join_lines(unit.lines, context)
    return units


def _continues_pdf(  # noqa: C901  (reason in the docstring)
    previous: Unit, line: Line, following: list[Line], context: _Context, listed: set[str]
) -> bool:
    """Whether ``line`` continues the unit above it rather than starting a new one (``following``: next two lines).

    Above 15 branches: one early answer per cue (a table, a list marker, a word split at the line end,
    Word's trailing spaces, a blank line, a lower-case start, a heading form, the line's fill), tried in order.
    """
    last = previous.lines[-1]
    if line.table != last.table:
        return False
    if line.marker[:1].isdigit() and not _continues_numbering(previous, line.marker):
        line.text, line.marker = f"{line.marker} {line.text}", ""  # "12." out of sequence is a figure
    if line.marker:
        # A dash or number that starts a line inside a sentence is text, not a list: a list follows
        # a full stop, a colon, a heading or another item.
        if previous.kind is BlockKind.PARAGRAPH and not ends_sentence(last.text) and line.marker != "•":
            ends_open = last.text.rsplit(" ", 1)[-1].casefold() in _OPEN_ENDINGS
            if ends_open or len(previous.lines) > 1 or not _heading_so_far(previous, last, context):
                line.text, line.marker = f"{line.marker} {line.text}", ""
                return True
        return False
    if ends_with_split(last.text) and (not context.trailing_convention or last.trailing == 0):
        return True
    if last.table:
        return False
    if context.trailing_convention and last.trailing >= 2:
        return False  # Word's PDF export leaves two spaces where a paragraph ends
    if context.style == "pdf-single" and line.blank_before:
        return False
    first_word = line.text.split(" ", 1)[0]
    if first_word[:1].islower() or first_word[:1] in "([,.;%&–)":
        return True
    if len(line.text) <= 100 and (pattern_kind(line.text, context.words) or heading_key(line.text) in listed):
        return False
    if len(previous.lines) == 1 and (pattern_kind(last.text, context.words) or heading_key(last.text) in listed):
        return False  # a heading of a known form or a contents entry ends its line, however full it is
    ends_open = last.text.rsplit(" ", 1)[-1].casefold() in _OPEN_ENDINGS
    length = len(last.text) + (2 if last.marker else 0)
    fits = length + 1 + len(first_word) <= context.width
    # A heading-shaped line ends a unit, unless it is only short because the next word would not
    # have fitted on it (``… har fyra lex`` / ``Maria-anmälningar skickats …``): that is wrapping.
    if not ends_open and fits and _heading_so_far(previous, last, context):
        return False
    if ends_sentence(last.text):
        return not fits and not _standalone_heading_line(line, following, context)
    # Without a final stop, only a clearly short line ends here (a heading, or a paragraph without a
    # stop); proportional fonts make a full line vary by a few characters.
    if ends_open:
        return True
    return not (fits and length <= 0.85 * context.width)


def _continues_numbering(previous: Unit, marker: str) -> bool:
    """A numbered item starts a list at 1 or follows the item numbered one less."""
    number = int(marker[:-1])
    if number == 1:
        return True
    return previous.kind is BlockKind.LIST_ITEM and previous.marker == f"{number - 1}{marker[-1]}"


def _heading_so_far(previous: Unit, last: Line, context: _Context) -> bool:
    """The unit read so far is a heading (short, no final stop) whose last line ends well short of the width."""
    if last.marker or len(last.text) > 0.85 * context.width:
        return False
    text = _text_so_far(previous, 110)
    return text is not None and is_heading_shape(_tidy(text))


def _standalone_heading_line(line: Line, following: list[Line], context: _Context) -> bool:
    """A short line without a final stop, followed by a new start: a heading after a full line.

    The heading may wrap once: a second short line that continues it (lower case, or after an
    open ending such as ``i``), without a final stop, and then a new start.
    """
    short = 0.8 * context.width
    if not following or ends_sentence(line.text) or len(line.text) > short or not line.text[:1].isupper():
        return False
    nxt = following[0]
    ends_open = line.text.rsplit(" ", 1)[-1].casefold() in _OPEN_ENDINGS
    if not (nxt.text[:1].islower() or ends_open):
        return is_heading_shape(line.text)
    after = following[1] if len(following) > 1 else None
    if nxt.marker or len(nxt.text) > short or ends_sentence(nxt.text) or ends_with_split(line.text):
        return False
    if after is not None and (after.text[:1].islower() or ends_with_split(nxt.text)):
        return False
    return is_heading_shape(_tidy(f"{line.text} {nxt.text}"))


def _merge_wrapped_headings(
    units: list[Unit], listed_keys: set[str], known: frozenset[str], context: _Context
) -> list[Unit]:
    """A long heading wrapped before a capitalised word or after ``i``/``och``: two units, one heading.

    Also two heading-shaped lines that together are a contents entry, or a heading of the other
    report of the pair (said in the warnings: the other report was used as evidence).
    """
    merged: list[Unit] = []
    for position, unit in enumerate(units):
        after = units[position + 1] if position + 1 < len(units) else None
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind is BlockKind.PARAGRAPH
            and unit.kind is BlockKind.PARAGRAPH
            and len(previous.lines) <= 3
            and is_heading_shape(previous.text)
            and is_heading_shape(unit.text)
            and not pattern_kind(unit.text, context.words)
            and heading_key(unit.text) not in listed_keys
            and heading_key(previous.text) not in listed_keys
            and (
                (len(previous.lines) == 1 and previous.text.split()[-1].casefold() in _OPEN_ENDINGS)
                or (len(previous.lines) == 1 and len(previous.text) >= 55 and len(unit.text) <= 30)
                or _joined_is_known(previous, unit, after, listed_keys, known, context)
            )
        ):
            previous.lines.extend(unit.lines)
            previous.text = f"{previous.text} {unit.text}"
            continue
        merged.append(unit)
    return merged


def _joined_is_known(
    previous: Unit, unit: Unit, after: Unit | None, listed_keys: set[str], known: frozenset[str], context: _Context
) -> bool:
    """The two lines (or, with the next one, three) are a contents entry or a heading of the other report."""
    joined = f"{previous.text} {unit.text}"
    if heading_key(joined) in listed_keys:
        return True
    if not known:
        return False
    three = f"{joined} {after.text}" if after is not None and is_heading_shape(after.text) else ""
    if heading_key(joined) in known or (three and heading_key(three) in known):
        context.warnings.append(f"the other report: '{joined}' is part of one heading, as it is there")
        previous.why = "lines joined: together they are a heading of the other report (a neighbour in the series)"
        return True
    return False
