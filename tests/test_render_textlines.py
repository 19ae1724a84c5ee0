"""The terminal renderer's own line cutting gives the very bytes rich gives for the same Text.

``reportdiff.render.textlines`` follows rich's wrapping and rendering rules for text of one-cell
characters; these tests hold it to rich itself on random texts, styles, widths and indents, and the
whole text format to what rich prints for the same items on the same console.
"""

from __future__ import annotations

import io
import re

from diff_builder import make_diff
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from test_render_json import NEW, OLD, RENAMES, sample_summary

from reportdiff.render.options import RenderOptions
from reportdiff.render.palette import PALETTE
from reportdiff.render.terminal import make_console, render_terminal, write_terminal
from reportdiff.render.textlines import Styled, break_offsets, line_string, single_cell, wrapped_lines

STYLES = [""] + [style for style, _, _ in PALETTE.values()] + ["bold green underline"]
PIECES = st.sampled_from(["a", "bb", "å", "Öre", " ", "  ", "\xa0", "-", "→", "ordentligtlångtord", "   ", "x."])
WORDS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(WORDS, st.integers(min_value=1, max_value=30))
@example("   ", 2)
@example("ordentligtlångtord   ", 4)
def test_breaks_are_rich_s(text: str, width: int) -> None:
    assert break_offsets(text, width) == divide_line(text, width)


def styled_text(pieces: list[tuple[str, str]], base: str, stylize: str) -> Text:
    text = Text(style=base)
    for piece, style in pieces:
        text.append(piece, style=style)
    if stylize and len(text):
        text.stylize(stylize, 0, max(1, len(text) // 2))
    return text


TEXTS = st.builds(
    styled_text,
    st.lists(st.tuples(WORDS, st.sampled_from(STYLES)), max_size=6),
    st.sampled_from(STYLES),
    st.sampled_from(STYLES),
)


class _RichWrapped:
    """How the renderer printed an indented paragraph with rich alone: Text.wrap, then each line."""

    def __init__(self, text: Text, left: int) -> None:
        self.text, self.left = text, left

    def __rich_console__(self, console, options):  # type: ignore[no-untyped-def]
        for line in self.text.wrap(console, max(1, options.max_width - self.left)):
            yield Segment(" " * self.left)
            yield from line.render(console)
            yield Segment.line()


def printed(renderable: object, width: int, color: bool) -> str:
    buffer = io.StringIO()
    make_console(RenderOptions(width=width, color=color), buffer).print(renderable)
    return buffer.getvalue()


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=40), st.booleans())
def test_a_text_printed_on_its_own_is_rich_s(text: Text, width: int, color: bool) -> None:
    lines = wrapped_lines(text, width, base_as_span=True)
    assert lines is not None
    assert "".join(line_string(line, color) + "\n" for line in lines) == printed(text, width, color)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=6), st.booleans())
def test_an_indented_paragraph_is_rich_s(text: Text, room: int, left: int, color: bool) -> None:
    width = left + room
    lines = wrapped_lines(text, width - left, base_as_span=False)
    assert lines is not None
    ours = "".join(line_string(line, color, " " * left) + "\n" for line in lines)
    assert ours == printed(_RichWrapped(text, left), width, color)


CONTROL_PIECES = st.sampled_from(["a", "bb", " ", "å", "\r", "\x07", "\x08\x0b", "\x0c", "→"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(WORDS, st.lists(CONTROL_PIECES, max_size=6).map("".join)), st.sampled_from(STYLES))),
    st.sampled_from(STYLES),
    st.sampled_from(STYLES),
    st.integers(min_value=1, max_value=40),
    st.booleans(),
)
def test_a_styled_text_is_the_rich_text_of_the_same_calls(
    parts: list[tuple[str, str]], base: str, whole: str, width: int, as_span: bool
) -> None:
    """``Styled`` holds what ``Text`` holds after ``Text(first, style)``, appends and a whole-text
    ``stylize``, control codes (which rich strips from each piece) included."""
    first, *rest = parts or [("", "")]
    styled, text = Styled(first[0], base), Text(first[0], style=base)
    for part, style in rest:
        styled.append(part, style)
        text.append(part, style)
    styled.stylize(whole)
    text.stylize(whole)
    assert (styled.text().plain, styled.text().spans, styled.text().style) == (text.plain, text.spans, text.style)
    assert wrapped_lines(styled, width, as_span) == wrapped_lines(text, width, as_span)


def test_wide_joined_and_control_characters_are_left_to_rich() -> None:
    assert single_cell("Åsa → Öje – “citat” · 5 %")
    for odd in ("漢字", "e\u0301", "\u200d", "\U0001f1f8\U0001f1ea", "\t", "\x1b"):
        assert not single_cell(f"text {odd}")
        assert wrapped_lines(Text(f"text {odd}"), 20, base_as_span=True) is None


def test_wide_text_in_a_diff_goes_through_rich_and_keeps_its_width() -> None:
    diff = make_diff("# A\n\nett två\n", f"# A\n\nett två {'漢字' * 18}\n")
    out = render_terminal(diff, RenderOptions(width=40, color=False))
    assert "漢字" in out
    assert all(Console().measure(line).maximum <= 40 for line in out.splitlines() if line)


def test_the_text_format_is_what_rich_prints_for_the_same_items() -> None:
    """Summary lists (rich grids), headings and paragraphs, in colour and plain, at several widths."""
    summary = sample_summary()
    summary.figure_shifts = summary.figure_shifts * 13  # cut to ten and "… and 3 more", dimmed
    diff = make_diff(OLD, NEW, RENAMES, summary=summary)
    for width in (40, 57, 100, 160):
        for color in (False, True):
            options = RenderOptions(width=width, color=color, lang="en")
            buffer = io.StringIO()
            write_terminal(diff, options, make_console(options, buffer))
            by_rich = "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
            assert render_terminal(diff, options) == by_rich
            if color:
                assert re.search(r"\x1b\[[0-9;]+m", by_rich)
