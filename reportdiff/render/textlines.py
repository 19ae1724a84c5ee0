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
from rich.control import STRIP_CONTROL_CODES
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


def wrapped_lines(text: Text | Styled, width: int, base_as_span: bool, pad: bool = False) -> list[Line] | None:
    """``text`` wrapped to ``width`` cells as lines of (string, style) segments, as rich renders them.

    ``base_as_span``: the text's own style colours every line, as when a ``Text`` is printed on its
    own or in a table cell; without it (``Text.wrap`` followed by each line's ``render``) a line
    gets the text's own style only where it also has a span. ``pad``: each line filled with blanks
    to the width in the text's own style (a left-justified table cell). None when the text needs
    rich's general path.
    """
    style: str | Style
    if isinstance(text, Styled):
        spans = text.spans()
        if spans is None:
            return wrapped_lines(text.text(), width, base_as_span, pad)
        plain, style = text.plain, text.style
    elif text.justify or text.overflow or text.no_wrap or text.end != "\n":
        return None
    else:
        plain, style = text.plain, text.style
        spans = [(span.start, span.end, span.style) for span in text.spans]
    if not single_cell(plain):
        return None
    width = max(1, width)
    base = _style(style) if style else None
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
            (max(span_start, start) - start, min(span_end, end) - start, _style(span_style))
            for span_start, span_end, span_style in spans
            if span_start < end and span_end > start
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


# What rich's ``Text`` strips from every piece of text it is given (``rich.control.strip_control_codes``).
_RICH_STRIPS = re.compile("[" + "".join(chr(code) for code in STRIP_CONTROL_CODES) + "]")


class Styled:
    """Text and the styles of its parts, as a rich ``Text`` holds them after the same calls
    (``Styled(text, style)``, ``append(text, style)``, then at most one ``stylize(style)``).

    The terminal renderer makes one for every heading and paragraph of a diff. rich's ``Text``
    strips control codes from each piece it is given with ``str.translate`` and a table, which
    was a fifth of the time of rendering a long diff; here one search of the whole text says
    whether there is any (there never is in text that went through ``safe_text``). ``text()``
    gives the rich ``Text`` itself, for what rich must print; rich prints a ``Styled`` anywhere.
    """

    __slots__ = ("parts", "plain", "style", "whole")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.parts: list[tuple[str, str]] = [(text, "")] if text else []
        self.plain = text
        self.style = style  # the text's own style, as in ``Text(text, style=...)``
        self.whole = ""  # a style over all of it, as ``Text.stylize`` after the appends

    def append(self, text: str, style: str = "") -> None:
        if text:
            self.parts.append((text, style))
            self.plain += text

    def stylize(self, style: str) -> None:
        self.whole = style

    def spans(self) -> list[tuple[int, int, str | Style]] | None:
        """(start, end, style) of each styled part, in the order rich keeps them; None when the
        text holds a control code rich would strip (then only ``text()`` is exact)."""
        if _RICH_STRIPS.search(self.plain):
            return None
        spans: list[tuple[int, int, str | Style]] = []
        offset = 0
        for text, style in self.parts:
            if style:
                spans.append((offset, offset + len(text), style))
            offset += len(text)
        if self.whole and offset:
            spans.append((0, offset, self.whole))
        return spans

    def text(self) -> Text:
        """The rich ``Text`` the same calls make."""
        text = Text(style=self.style)
        for part, style in self.parts:
            text.append(part, style)
        text.stylize(self.whole)
        return text

    def __rich__(self) -> Text:
        return self.text()


def _style(style: str | Style) -> Style:
    """A style by name, as a console with the default theme resolves it."""
    if isinstance(style, Style):
        return style
    if style not in _styles:
        _styles[style] = Style.parse(style) if style else Style.null()
    return _styles[style]


_styles: dict[str, Style] = {}


def _segments(line: str, spans: list[tuple[int, int, Style]], base: Style | None) -> Line:
    """``Text.render`` of one line: a segment between every two span edges, styles combined in order.

    Spans that follow one another without overlapping (the appended parts of a heading or a
    paragraph: nearly every line) are cut in one pass; overlapping ones between their edges.
    """
    if not spans:
        return [(line, None)]
    if all(left[1] <= right[0] for left, right in zip(spans, spans[1:], strict=False)):
        out: Line = []
        position = 0
        for start, end, style in spans:
            if start > position:
                out.append((line[position:start], base))
            out.append((line[start:end], style if base is None else Style.combine([base, style])))
            position = end
        if position < len(line):
            out.append((line[position:], base))
        return out
    edges = sorted({0, len(line), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    out = []
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
