"""The normalised text of a report, for ``reportdiff text`` and git's ``textconv``.

One block per paragraph, blank lines between blocks, headings marked with ``#`` by level,
list items with their marker. Table of contents, page furniture, cover and signature are not
body text and are left out, so ``git diff`` on a DOCX or PDF shows only what a reader would see
change. One paragraph a line (no wrapping) keeps ``git diff --word-diff`` readable.
"""

from __future__ import annotations

from reportdiff.model import BlockKind, Report, Section
from reportdiff.text.normalize import collapse_whitespace, heading_key, safe_text

_TOC_TITLES = {"innehållsförteckning", "innehåll", "tableofcontents", "contents"}


def report_text(report: Report) -> str:
    parts: list[str] = []
    if report.title:
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
            if block.kind == BlockKind.LIST_ITEM and block.marker:
                text = f"{block.marker} {text}"
            parts.append(text)
    return "\n\n".join(parts) + "\n" if parts else ""


def _looks_like_toc(section: Section) -> bool:
    """A Markdown contents section: only list items or short lines, no subsections."""
    return not section.children and all(
        block.kind == BlockKind.LIST_ITEM or len(block.text) < 80 for block in section.blocks
    )


def _clean(text: str) -> str:
    return collapse_whitespace(safe_text(text))
