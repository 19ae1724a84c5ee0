"""Markdown reader: ATX/setext headings, paragraphs, lists and tables onto the report model.

markdown-it-py gives every block token its source line range (``token.map``), which is what
lets later stages point an author at ``file:line``.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reportdiff.ingest.metadata import finish_report
from reportdiff.ingest.tree import RawBlock, build_tree
from reportdiff.model import BlockKind, Report, Span
from reportdiff.text.normalize import strip_control

_PARSER = MarkdownIt("commonmark").enable("table")
_SPACES = re.compile(r"\s+")

# Plain Markdown: nothing but ATX headings ("# Ekonomi") and paragraphs of ordinary text. A
# character that could mean something inline (emphasis, code, link, entity, escape, HTML, a table
# cell), a tab or control character, white space at either end of a line, or a paragraph line that
# could open another block (quote, list, setext or thematic line, table) sends the text to markdown-it.
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<&~|\x00-\x09\x0b-\x1f\x7f]|^[^\S\n]|[^\S\n]$", re.MULTILINE)
_BLOCK_START = re.compile(r"[>+=:#-]|\d{1,9}[.)]")
_PLAIN_HEADING = re.compile(r"(#{1,6}) ([^#\s][^#]*)")


def read_markdown(text: str, source: str = "<string>") -> Report:
    raw_blocks = _plain_blocks(text)
    if raw_blocks is None:
        raw_blocks = _parsed_blocks(text)
    report = Report(source=source, root=build_tree(raw_blocks), style="markdown")
    finish_report(report)  # cover lines (title, date) and the signature become asides
    if not report.title:
        first = next(report.sections(), None)
        report.title = first.heading if first is not None and first.level == 1 else ""
    return report


def _plain_blocks(text: str) -> list[RawBlock] | None:
    """The blocks of plain Markdown without a full CommonMark parse, or None if the text is not plain.

    markdown-it costs ~50 µs a block (10 s for 200 000); for headings and paragraphs of ordinary
    words its tokens are known beforehand: a heading is its line, a paragraph its run of lines,
    and the text is the words with the line breaks as spaces. tests/test_ingest_markdown_plain.py
    holds this to markdown-it on random texts.
    """
    if _NOT_PLAIN.search(text) is not None:
        return None
    lines = text.split("\n")
    blocks: list[RawBlock] = []
    start = -1  # first line of the open paragraph
    for number, line in enumerate(lines):
        heading = _PLAIN_HEADING.fullmatch(line) if line.startswith("#") else None
        if start >= 0 and (not line or heading is not None):
            blocks.append(RawBlock(_collapse(" ".join(lines[start:number])), Span(start + 1, number)))
            start = -1
        if heading is not None:
            blocks.append(RawBlock(_collapse(heading[2]), Span(number + 1, number + 1), level=len(heading[1])))
        elif line:
            if _BLOCK_START.match(line) is not None or not line.strip():
                return None  # a line markdown-it may read as another block, or white space only
            if start < 0:
                start = number
    if start >= 0:
        blocks.append(RawBlock(_collapse(" ".join(lines[start:])), Span(start + 1, len(lines))))
    return blocks


def _parsed_blocks(text: str) -> list[RawBlock]:
    """The blocks of any Markdown, from markdown-it's tokens."""
    tokens = _PARSER.parse(text)
    raw_blocks: list[RawBlock] = []
    list_markers: list[tuple[str, int]] = []  # (bullet or ordered start, counter) per open list
    in_table_row: list[str] | None = None
    row_span = Span(1, 1)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            raw_blocks.append(RawBlock(_inline_text(inline), _span(token), level=int(token.tag[1:])))
        elif token.type == "bullet_list_open":
            list_markers.append((token.markup or "-", 0))
        elif token.type == "ordered_list_open":
            list_markers.append(("1.", int(token.attrGet("start") or 1) - 1))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_markers.pop()
        elif token.type == "list_item_open" and list_markers:
            marker, count = list_markers[-1]
            list_markers[-1] = (marker, count + 1)
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            span = _span(tokens[index - 1])
            if list_markers:
                marker, count = list_markers[-1]
                shown = f"{count}." if marker.endswith(".") and marker[0].isdigit() else marker
                raw_blocks.append(RawBlock(_inline_text(token), span, kind=BlockKind.LIST_ITEM, marker=shown))
            else:
                raw_blocks.append(RawBlock(_inline_text(token), span))
        elif token.type == "tr_open":
            in_table_row = []
            row_span = _span(token)
        elif token.type == "inline" and in_table_row is not None:
            in_table_row.append(_inline_text(token))
        elif token.type == "tr_close" and in_table_row is not None:
            raw_blocks.append(RawBlock(" | ".join(in_table_row), row_span, kind=BlockKind.TABLE_ROW))
            in_table_row = None
        elif token.type in ("fence", "code_block"):
            raw_blocks.append(RawBlock(_collapse(token.content), _span(token)))
    return raw_blocks


def _span(token: Token) -> Span:
    start, end = token.map or (0, 1)
    return Span(start + 1, max(start + 1, end))


def _inline_text(token: Token) -> str:
    """The visible words of an inline token: emphasis, links and code marks dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return _collapse("".join(parts))


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", strip_control(text)).strip()  # text is data: no terminal escapes
