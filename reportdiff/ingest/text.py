"""Plain-text reader (placeholder until the full reader lands): blank-line separated paragraphs."""

from __future__ import annotations

from reportdiff.ingest.tree import RawBlock, build_tree
from reportdiff.model import Report, Span


def read_text(text: str, source: str = "<string>") -> Report:
    raw_blocks: list[RawBlock] = []
    lines: list[str] = []
    start = 1
    for number, line in enumerate(text.split("\n") + [""], start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            raw_blocks.append(RawBlock(" ".join(lines), Span(start, number - 1)))
            lines = []
    return Report(source=source, root=build_tree(raw_blocks), style="text")
