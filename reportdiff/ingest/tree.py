"""The shared outline builder: every reader yields raw blocks, this turns them into a section tree.

A reader decides *what* a line is (heading of some level, paragraph, list item, table row);
this module only nests headings by level and attaches blocks to the section above them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportdiff.model import Block, BlockKind, Section, Span


@dataclass(slots=True)
class RawBlock:
    """A heading (``level`` >= 1) or a body block (``level`` == 0) as a reader found it."""

    text: str
    span: Span
    level: int = 0
    kind: BlockKind = BlockKind.PARAGRAPH
    marker: str = ""


def build_tree(raw_blocks: list[RawBlock]) -> Section:
    """Nest headings by level; a heading that skips levels (1 → 3) hangs under the nearest higher one."""
    root = Section(heading="", level=0, span=Span(1, 1))
    stack: list[Section] = [root]
    for raw in raw_blocks:
        if raw.level > 0:
            while stack[-1].level >= raw.level:
                stack.pop()
            section = Section(heading=raw.text, level=raw.level, span=Span(raw.span.start, raw.span.end, raw.span.page))
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].blocks.append(Block(kind=raw.kind, text=raw.text, span=raw.span, marker=raw.marker))
    _close_spans(root)
    return root


def _close_spans(section: Section) -> int:
    """Extend each section's span to its last line (own blocks and children); returns that line."""
    end = section.span.end
    for block in section.blocks:
        end = max(end, block.span.end)
    for child in section.children:
        end = max(end, _close_spans(child))
    section.span.end = end
    return end
