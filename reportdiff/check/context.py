"""What every rule of ``reportdiff check`` is given (:class:`Context`) and the helpers they share.

Kept apart from :mod:`reportdiff.check.rules` so that the rules module holds rules only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportdiff.check.config import CheckConfig
from reportdiff.check.directives import Directives, is_directive_text
from reportdiff.model import Block, Finding, Report, Section, TocEntry
from reportdiff.text.dates import MONTH_NAMES
from reportdiff.text.normalize import heading_key

if TYPE_CHECKING:
    from reportdiff.align import Alignment

TOC_TITLES = {"innehållsförteckning", "innehåll", "tableofcontents", "contents"}
MONTH_NAMES_SV = dict(enumerate(MONTH_NAMES, start=1))


@dataclass(slots=True)
class Context:
    draft: Report
    previous: Report | None
    config: CheckConfig
    directives: Directives
    source_lines: list[str] | None = None
    lang: str = "en"  # the language of the messages: "en" or "sv"
    _alignment: Alignment | None = field(default=None, repr=False)

    def alignment(self) -> Alignment | None:
        """The engine's section alignment (what ``compare()`` builds its pairs on), computed once.

        Only the structure rules need it, and only when a part of the previous report is not
        found by its heading: ``compare()`` itself would also classify events and figures,
        which costs a second on a seed-sized pair and tells a check nothing.
        """
        if self.previous is None:
            return None
        if self._alignment is None:
            from reportdiff.align import align

            self._alignment = align(self.previous, self.draft)
        return self._alignment

    def finding(self, code: str, line: int, col: int, message: str, sv: str | None = None) -> Finding:
        """A finding with its message in English, or in Swedish (``sv``) when that is the language asked for."""
        text = sv if self.lang == "sv" and sv is not None else message
        return Finding(self.draft.source, max(1, line), max(1, col), code, self.config.severity_of(code), text)

    def locate(self, block: Block, offset: int, needle: str) -> tuple[int, int]:
        """The source line and column of ``needle`` found at ``offset`` of ``block.text``.

        Block text is normalised (lines joined, hyphenation undone), so the needle is looked up
        again in the block's source lines; without them, the block's first line and column 1.
        """
        lines = self.source_lines
        if not lines or not needle:
            return block.span.start, 1
        occurrence = block.text[:offset].count(needle)
        seen = 0
        for number in range(block.span.start, min(block.span.end, len(lines)) + 1):
            line = lines[number - 1]
            position = line.find(needle)
            while position >= 0:
                if seen == occurrence:
                    return number, position + 1
                seen += 1
                position = line.find(needle, position + 1)
        return block.span.start, 1


# --- helpers shared by several rules --------------------------------------------------------


def report_date(report: Report) -> dt.date | None:
    """The report's date; when a reader left the cover lines as body text, read them here."""
    if report.date is not None:
        return report.date
    from reportdiff.ingest.metadata import is_cover_date, parse_date

    for block in report.root.blocks[:4]:
        if is_cover_date(block.text):
            return parse_date(block.text)
    return None


def date_line(report: Report) -> int:
    from reportdiff.ingest.metadata import is_cover_date

    for aside in report.asides:
        if aside.kind == "cover" and is_cover_date(aside.text):
            return aside.span.start
    for block in report.root.blocks[:4]:
        if is_cover_date(block.text):
            return block.span.start
    return 1


def toc_of(report: Report) -> tuple[list[TocEntry], Section | None]:
    """The table of contents: the reader's, else a Markdown section titled Innehållsförteckning."""
    section = next((s for s in report.sections() if heading_key(s.heading) in TOC_TITLES), None)
    if report.toc:
        return list(report.toc), section
    if section is None:
        return [], None
    from reportdiff.text.layout import toc_entry

    entries: list[TocEntry] = []
    for block in section.blocks:
        parsed = toc_entry(block.text)
        heading, page = parsed if parsed else (block.text.strip(), None)
        heading = re.sub(r"\s*\.{2,}\s*\d*$", "", heading).strip()
        if heading:
            entries.append(TocEntry(heading=heading, level=None, page=page, line=block.span.start))
    return entries, section


def body_blocks(context: Context) -> Iterator[tuple[Section, Block]]:
    """Blocks of the body: not the Markdown contents section, not directive lines."""
    _, toc_section = toc_of(context.draft)
    for section in context.draft.root.walk():
        if section is toc_section:
            continue
        for block in section.blocks:
            if not is_directive_text(block.text):
                yield section, block


def visible(text: str) -> str:
    """Text with HTML comments blanked out (same length, so offsets still hold)."""
    return re.sub(r"<!--.*?-->", lambda match: " " * len(match.group(0)), text)


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
