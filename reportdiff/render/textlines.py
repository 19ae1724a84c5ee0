"""Wrap and colour a rich ``Text`` by rich's own rules, without rich's per-call machinery.

rich's ``Text.wrap`` measures every word's cell width, copies the text once per line and renders
each copy through a console; on a long diff that was most of the run. For text in which every
character takes one terminal cell (Swedish and English prose, the marks and arrows we add), a
word's width is its length, and the same lines can be cut from the plain string in one pass. The
functions here do exactly what ``Text.wrap`` (default justification, ``fold`` overflow) and
``Text.render`` do for such text, and say ``None`` for any other, which then goes through rich.
tests/test_render_terminal.py checks both ways give the same bytes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text

Line = list[tuple[str, Style | None]]

# rich's own patterns: a word with the blanks around it, and the blanks that end a line
_BLANKS = re.compile(r"(\s+)")
_TRAILING_BLANKS = re.compile(r"\s+$")

_one_cell: set[str] = set()


def _simple(character: str) -> bool:
    """A character rich measures as one cell and never joins with its neighbours into one glyph:
    Latin, Greek and Cyrillic letters, and the punctuation, arrows, signs and box drawing we use.
    Combining marks, joiners, regional-indicator flags, wide and invisible characters are not."""
    code = ord(character)
    known = code < 0x300 or 0x370 <= code <= 0x482 or 0x2010 <= code <= 0x2027 or 0x2030 <= code <= 0x205E
    return (known or 0x2070 <= code <= 0x2BFF) and get_character_cell_size(character) == 1


def single_cell(text: str) -> bool:
    """True when every character of ``text`` is one cell wide on its own (so width = length)."""
    if _one_cell.issuperset(text):
        return True
    for character in set(text).difference(_one_cell):
        if not _simple(character):
            return False
        _one_cell.add(character)
    return True


def break_offsets(text: str, width: int) -> list[int]:
    """Where rich's ``divide_line`` breaks ``text`` (fold overflow), for one-cell characters only.

    rich walks word by word; a line that starts at ``start`` holds every word whose last visible
    character ends by ``start + width``, so the next break is the start of the first word ending
    beyond that, found by bisection over the words' ends. A word longer than a line is folded into
    pieces of ``width`` characters (its trailing blanks included), as rich does.
    """
    if len(text) <= width:
        return []
    pieces = _BLANKS.split(text)  # words and the blanks between them, alternately
    edges = [0, *accumulate(map(len, pieces))]
    starts, ends = edges[0:-1:2], edges[1::2]
    if not pieces[0]:  # leading blanks: they belong to the first word
        starts, ends = starts[1:], ends[1:]
        if starts:
            starts[0] = 0
    if pieces[-1] == "" and len(pieces) > 1:
        starts, ends = starts[:-1], ends[:-1]
    breaks: list[int] = []
    start = 0
    while start + width < len(text):
        index = bisect_right(ends, start + width)
        if index == len(ends):
            break
        word_start = starts[index]
        if ends[index] - word_start <= width:
            breaks.append(word_start)
            start = word_start
            continue
        if word_start:
            breaks.append(word_start)
        word_end = starts[index + 1] if index + 1 < len(starts) else len(text)
        folds = (word_end - word_start - 1) // width
        breaks.extend(word_start + width * number for number in range(1, folds + 1))
        start = word_start + width * folds
    return breaks


def wrapped_lines(text: Text, width: int, base_as_span: bool, pad: bool = False) -> list[Line] | None:
    """``text`` wrapped to ``width`` cells as lines of (string, style) segments, as rich renders them.

    ``base_as_span``: the text's own style colours every line, as when a ``Text`` is printed on its
    own or in a table cell; without it (``Text.wrap`` followed by each line's ``render``) a line
    gets the text's own style only where it also has a span. ``pad``: each line filled with blanks
    to the width in the text's own style (a left-justified table cell). None when the text needs
    rich's general path.
    """
    plain = text.plain
    if text.justify or text.overflow or text.no_wrap or text.end != "\n" or not single_cell(plain):
        return None
    width = max(1, width)
    spans = text.spans
    base = _style(text.style) if text.style else None
    bounds = [0, *break_offsets(plain, width), len(plain)]
    lines: list[Line] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        length = end - start
        if length > width:  # rstrip_end: blanks beyond the width go, then truncate to the width
            blanks = _TRAILING_BLANKS.search(plain, start, end)
            if blanks is not None:
                length -= min(blanks.end() - blanks.start(), length - width)
            length = min(length, width)
        end = start + length
        line_spans = [
            (max(span.start, start) - start, min(span.end, end) - start, _style(span.style))
            for span in spans
            if span.start < end and span.end > start
        ]
        line = plain[start:end]
        if pad and length < width:
            line += " " * (width - length)
        if base is None:
            lines.append(_segments(line, line_spans, None))
        elif base_as_span:
            lines.append(_segments(line, [(0, len(line), base), *line_spans], None))
        else:
            lines.append(_segments(line, line_spans, base))
    return lines


def _style(style: str | Style) -> Style:
    """A style by name, as a console with the default theme resolves it."""
    if isinstance(style, Style):
        return style
    if style not in _styles:
        _styles[style] = Style.parse(style) if style else Style.null()
    return _styles[style]


_styles: dict[str, Style] = {}


def _segments(line: str, spans: list[tuple[int, int, Style]], base: Style | None) -> Line:
    """``Text.render`` of one line: a segment between every two span edges, styles combined in order."""
    if not spans:
        return [(line, None)]
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] >= len(line):  # one style for the line: most lines
        style = spans[0][2]
        return [(line, style if base is None else Style.combine([base, style]))]
    edges = sorted({0, len(line), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    out: Line = []
    for left, right in zip(edges, edges[1:], strict=False):
        active = [style for start, end, style in spans if start <= left and end >= right]
        if base is not None:
            active.insert(0, base)
        out.append((line[left:right], Style.combine(active) if active else None))
    return out


def line_string(line: Line, color: bool, indent: str = "") -> str:
    """One line as the terminal gets it: ANSI codes around each styled segment when in colour."""
    if not color:
        return indent + "".join(text for text, _ in line)
    return indent + "".join(style.render(text) if style else text for text, style in line)
