"""Rebuild the OLD and NEW word streams from a :class:`DocumentDiff` alone.

This is the proof that a diff loses nothing: the old side is every pair with an old section in
OLD order (``old_index``), its heading and the old side of its blocks (EQUAL, REPLACE, DELETE,
including a DELETE that marks where a moved block used to be); the new side likewise, with
INSERT and MOVE. A REPLACE or edited MOVE is rebuilt from its word ops, not from its block
text, so the ops are checked too.
"""

from __future__ import annotations

from reportdiff.model import BlockChange, BlockOp, DocumentDiff, TextOpKind

_OLD_SIDE = (BlockOp.EQUAL, BlockOp.REPLACE, BlockOp.DELETE)
_NEW_SIDE = (BlockOp.EQUAL, BlockOp.REPLACE, BlockOp.INSERT, BlockOp.MOVE)


def old_words(diff: DocumentDiff) -> list[str]:
    """The words of OLD's body, as :meth:`Report.words` gives them."""
    return _words(diff, "old", _OLD_SIDE)


def new_words(diff: DocumentDiff) -> list[str]:
    """The words of NEW's body, as :meth:`Report.words` gives them."""
    return _words(diff, "new", _NEW_SIDE)


def _words(diff: DocumentDiff, side: str, ops: tuple[BlockOp, ...]) -> list[str]:
    """The words of one side: its sections in their own order, each heading, then its blocks' text."""
    words: list[str] = []
    own = [(getattr(p, f"{side}_index"), p) for p in diff.pairs if getattr(p, side) is not None]
    for index, pair in sorted(own, key=lambda item: item[0]):
        if index > 0:
            words.extend(getattr(pair, side).heading.split())
        for change in pair.blocks:
            if change.op in ops:
                words.extend(_side_text(change, side).split())
    return words


def _side_text(change: BlockChange, side: str) -> str:
    if change.ops and change.op in (BlockOp.REPLACE, BlockOp.MOVE):
        return " ".join(getattr(op, side) for op in change.ops if getattr(op, side))
    block = change.old if side == "old" else change.new
    assert block is not None
    return block.text


def ops_are_consistent(change: BlockChange) -> bool:
    """True when the ops of a REPLACE/MOVE spell out exactly its old and new block texts."""
    if not change.ops:
        return True
    assert change.old is not None and change.new is not None
    old = " ".join(op.old for op in change.ops if op.old).split()
    new = " ".join(op.new for op in change.ops if op.new).split()
    equal_ok = all(
        op.op is not TextOpKind.EQUAL or op.old.split() == op.new.split() or _same_key(op.old, op.new)
        for op in change.ops
    )
    return old == change.old.text.split() and new == change.new.text.split() and equal_ok


def _same_key(a: str, b: str) -> bool:
    from reportdiff.text.tokens import normalise

    return normalise(a) == normalise(b)
