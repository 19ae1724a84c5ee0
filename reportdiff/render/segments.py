"""Changed text as runs: the context around changes, old and new words as segments, and the plain marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportdiff.model import BlockChange, BlockOp, TextOpKind
from reportdiff.text.normalize import safe_text


@dataclass(slots=True)
class Gap:
    """Unchanged blocks left out of the view; shown as ``…``."""

    count: int


def with_context(changes: list[BlockChange], context: int) -> Iterator[BlockChange | Gap]:
    """The changed blocks with up to ``context`` unchanged blocks around each; the rest as gaps."""
    changed = [index for index, change in enumerate(changes) if change.op is not BlockOp.EQUAL]
    keep: set[int] = set()
    for index in changed:
        keep.update(range(max(0, index - context), min(len(changes), index + context + 1)))
    skipped = 0
    for index, change in enumerate(changes):
        if index in keep:
            if skipped:
                yield Gap(skipped)
                skipped = 0
            yield change
        else:
            skipped += 1
    if skipped and keep:
        yield Gap(skipped)


def segments(change: BlockChange) -> list[tuple[str, str]]:
    """A changed block as (kind, text) runs, kind one of ``equal``, ``delete``, ``insert``.

    A replaced run shows its deletion first, then its insertion. Texts are made safe here.
    """
    if change.op is BlockOp.INSERT:
        return [("insert", safe_text(change.new.text))] if change.new else []
    if change.op is BlockOp.DELETE:
        return [("delete", safe_text(change.old.text))] if change.old else []
    if change.op is BlockOp.EQUAL or (change.op is BlockOp.MOVE and not change.ops):
        block = change.new or change.old
        return [("equal", safe_text(block.text))] if block else []
    if not change.ops:  # a replace without word edits: the whole block went and came back reworded
        runs = []
        if change.old is not None:
            runs.append(("delete", safe_text(change.old.text)))
        if change.new is not None:
            runs.append(("insert", safe_text(change.new.text)))
        return runs
    runs = []
    for op in change.ops:
        if op.op is TextOpKind.EQUAL:
            runs.append(("equal", safe_text(op.new or op.old)))
            continue
        if op.op in (TextOpKind.DELETE, TextOpKind.REPLACE) and op.old:
            runs.append(("delete", safe_text(op.old)))
        if op.op in (TextOpKind.INSERT, TextOpKind.REPLACE) and op.new:
            runs.append(("insert", safe_text(op.new)))
    return [run for run in runs if run[1]]


def side_segments(change: BlockChange, side: str) -> list[tuple[str, str]]:
    """The runs that belong to one side (``old`` keeps deletions, ``new`` keeps insertions)."""
    dropped = "insert" if side == "old" else "delete"
    return [run for run in segments(change) if run[0] != dropped]


# Plain-text change marks, as wdiff writes them. Report text that happens to contain a mark gets a
# backslash inside it, so a reader (or a script) never mistakes it for one.
MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}

_MARK_LIKE = re.compile(r"\[-|-\]|\{\+|\+\}")


def escape_marks(text: str) -> str:
    return _MARK_LIKE.sub(lambda match: match.group(0)[0] + "\\" + match.group(0)[1], text)


def marked(kind: str, text: str) -> str:
    """``text`` between the plain marks of ``kind`` (``equal`` text is only escaped)."""
    text = escape_marks(text)
    if kind not in MARKS:
        return text
    opening, closing = MARKS[kind]
    return f"{opening}{text}{closing}"
