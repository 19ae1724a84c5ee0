"""The normalised text of a report, for ``reportdiff text`` and git's ``textconv``.

One block per paragraph, blank lines between blocks, headings marked with ``#`` by level,
list items with Markdown's markers (``-`` for a bullet). The text reads back as Markdown, also from
a ``.txt`` file (two ``#`` headings make Markdown of any text), and a paragraph that Markdown would
take for a heading or a list starts with a backslash: ``diff report.pdf report.txt`` on the
export finds no change. Table of contents, page furniture, cover and signature are not
body text and are left out, so ``git diff`` on a DOCX or PDF shows only what a reader would see
change. One paragraph a line (no wrapping) keeps ``git diff --word-diff`` readable.
"""

from __future__ import annotations

import re

from reportdiff.model import BlockKind, Report, Section
from reportdiff.text.normalize import collapse_whitespace, heading_key, safe_text

_MARKDOWN_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]")
# What would make Markdown read a paragraph as something else: a heading, a list, a quote, a rule.
_MARKDOWN_START = re.compile(r"#{1,6}(?:\s|$)|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|[-*_=](?:\s*[-*_=]){2,}\s*$")
_TOC_TITLES = {"innehållsförteckning", "innehåll", "tableofcontents", "contents"}


def report_text(report: Report) -> str:
    parts: list[str] = []
    first = next((section.heading for section in report.root.walk() if section.level > 0), "")
    if report.title and heading_key(report.title) != heading_key(first):  # a title read from the first heading
        parts.append(_clean(report.title))
    if report.date_text:
        parts.append(_clean(report.date_text))
    for section in report.root.walk():
        if section.level > 0:
            if heading_key(section.heading) in _TOC_TITLES and report.toc == [] and _looks_like_toc(section):
                continue
            parts.append("#" * min(section.level, 6) + " " + _clean(section.heading))
        for block in section.blocks:
            text = _clean(block.text)
            if not text:
                continue
            if block.kind != BlockKind.LIST_ITEM and _MARKDOWN_START.match(text):
                text = _escape_start(text)  # "1. januari ..." or "# 3" as a paragraph, not a list or a heading
            elif block.kind == BlockKind.LIST_ITEM and block.marker:
                # Markdown's own markers, so that the export reads back as the same list items
                marker = block.marker if _MARKDOWN_MARKER.fullmatch(block.marker) else "-"
                text = f"{marker} {text}"
            parts.append(text)
    return "\n\n".join(parts) + "\n" if parts else ""


def _escape_start(text: str) -> str:
    """A CommonMark backslash before the punctuation that makes the start special (digits take none)."""
    digits = len(text) - len(text.lstrip("0123456789"))
    return text[:digits] + "\\" + text[digits:]


def _looks_like_toc(section: Section) -> bool:
    """A Markdown contents section: only list items or short lines, no subsections."""
    return not section.children and all(
        block.kind == BlockKind.LIST_ITEM or len(block.text) < 80 for block in section.blocks
    )


def _clean(text: str) -> str:
    return collapse_whitespace(safe_text(text))
