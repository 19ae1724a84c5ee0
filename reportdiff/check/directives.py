"""Inline directives an author writes into the report to steer ``reportdiff check``.

Two forms, the same words:

* Markdown: an HTML comment, invisible when rendered: ``<!-- reportdiff: standing -->``,
  ``<!-- reportdiff: ignore RD601 -->``.
* Plain text, DOCX, PDF: a line (paragraph) of its own: ``reportdiff: ignore RD601``.

``standing`` marks the section it stands in as text meant to stay the same month after month.
``ignore CODES`` (codes or prefixes, comma- or space-separated; none means all) on a line of its
own silences findings on that line and in the block or heading that starts after it (also when a
PDF-text reader glued the line onto the paragraph before); written at the end of a line of a
paragraph, it silences that paragraph. Markdown comments are dropped by the reader, so the source
text is scanned when it is at hand; otherwise the blocks are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportdiff.check.registry import matches_code
from reportdiff.model import Finding, Report, Section

_DIRECTIVE = re.compile(
    r"(?:<!--\s*|^\s*)reportdiff:\s*(?P<verb>standing|ignore)\b(?P<codes>[A-Za-z0-9 ,]*?)\s*(?:-->|$)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Directive:
    verb: str  # "standing" or "ignore"
    line: int
    codes: list[str] = field(default_factory=list)  # empty: all codes
    alone: bool = True  # on a line of its own, not at the end of a paragraph's line


@dataclass(slots=True)
class Directives:
    standing_lines: list[int] = field(default_factory=list)
    ignores: list[tuple[int, int, list[str]]] = field(default_factory=list)  # (first line, last line, codes)

    def silences(self, finding: Finding) -> bool:
        for first, last, codes in self.ignores:
            if first <= finding.line <= last and (not codes or matches_code(finding.code, codes)):
                return True
        return False

    def is_standing(self, section: Section) -> bool:
        """True when a standing marker is in the section's own part (heading to first child)."""
        end = section.children[0].span.start - 1 if section.children else section.span.end
        return any(section.span.start <= line <= end for line in self.standing_lines)


def find_directives(text: str) -> list[Directive]:
    """Directives in source text, one per line at most, with 1-based line numbers."""
    found: list[Directive] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "reportdiff" not in line.lower():
            continue
        match = _DIRECTIVE.search(line)
        if match:
            codes = [code.upper() for code in re.split(r"[\s,]+", match["codes"]) if code]
            alone = not (line[: match.start()] + line[match.end() :]).strip()
            found.append(Directive(match["verb"].lower(), number, codes, alone))
    return found


def collect(report: Report, source_text: str | None) -> Directives:
    """Directives from the source text when given, else from blocks that hold only a directive."""
    if source_text is not None:
        found = find_directives(source_text)
    else:
        found = []
        for block in report.blocks():
            for directive in find_directives(block.text):
                directive.line = block.span.start
                found.append(directive)
    result = Directives()
    items = sorted(
        [(block.span.start, block.span.end, block.text) for block in report.blocks()]
        + [(section.span.start, section.span.start, section.heading) for section in report.sections()]
    )
    for directive in found:
        if directive.verb == "standing":
            result.standing_lines.append(directive.line)
            continue
        first = last = directive.line
        for start, end, _ in items:
            if not directive.alone and start <= directive.line <= end:
                first, last = start, end  # at the end of a paragraph's line: that paragraph
                break
            if directive.alone and start > directive.line:
                last = end  # on a line of its own: the next block or heading
                break
        result.ignores.append((first, last, directive.codes))
    return result


def is_directive_text(text: str) -> bool:
    """A block that is nothing but a directive (plain-text form): not report text to check."""
    return bool(_DIRECTIVE.fullmatch(text.strip())) or bool(re.fullmatch(r"<!--.*-->", text.strip()))
