"""Paragraphs split or merged with not a word changed: layout, not a change.

PDF text cannot always show where a paragraph ends (a last line that is nearly full width looks
like any other line), so one reading may hold ``A`` and ``B`` where the other holds ``A B``.
Inside a gap between equal blocks of one section pair, runs of old blocks whose word stream is
exactly that of a run of new blocks are such a re-segmentation. The diff shows them as one
unchanged block (old and new joined) and lists them in ``DocumentDiff.layout_changes``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportdiff.model import Block, BlockKind, Span

GROUP_LIMIT = 40  # blocks on one side of a re-segmented run; longer runs are left to the diff
SEARCH_LIMIT = 2_500  # old × new blocks of one gap above which no re-segmentation is looked for

Tokens = Callable[[int], Sequence[str]]


def regroup_runs(old_count: int, new_count: int, old_tokens: Tokens, new_tokens: Tokens) -> list[tuple[range, range]]:
    """Runs ``(old positions, new positions)`` of a gap that hold the same words in other blocks.

    Positions index the gap's blocks on each side; every run has at least three blocks in all
    (a one-to-one run with the same words would already be an equal block). Runs keep order.
    """
    if old_count * new_count > SEARCH_LIMIT:
        return []
    runs: list[tuple[range, range]] = []
    i = j = 0
    while i < old_count and j < new_count:
        found = _first_run(i, j, old_count, new_count, old_tokens, new_tokens)
        if found is None:
            break
        runs.append(found)
        i, j = found[0].stop, found[1].stop
    return runs


def _first_run(
    i: int, j: int, old_count: int, new_count: int, old_tokens: Tokens, new_tokens: Tokens
) -> tuple[range, range] | None:
    """The run starting nearest to (i, j), trying starts in order of their distance."""
    for distance in range(old_count - i + new_count - j):
        for di in range(distance + 1):
            start_old, start_new = i + di, j + distance - di
            if start_old < old_count and start_new < new_count:
                run = _run_at(start_old, start_new, old_count, new_count, old_tokens, new_tokens)
                if run is not None:
                    return run
    return None


def _run_at(
    i: int, j: int, old_count: int, new_count: int, old_tokens: Tokens, new_tokens: Tokens
) -> tuple[range, range] | None:
    """Extend blocks on the shorter side until both streams end together, or fail at a mismatch."""
    old_words = list(old_tokens(i))
    new_words = list(new_tokens(j))
    old_end, new_end = i + 1, j + 1
    while True:
        shorter = min(len(old_words), len(new_words))
        if old_words[:shorter] != new_words[:shorter] or not shorter:
            return None
        if len(old_words) == len(new_words):
            if old_end - i + new_end - j < 3:
                return None
            return range(i, old_end), range(j, new_end)
        if old_end - i + new_end - j > GROUP_LIMIT:
            return None
        if len(old_words) < len(new_words):
            if old_end == old_count:
                return None
            old_words += old_tokens(old_end)
            old_end += 1
        else:
            if new_end == new_count:
                return None
            new_words += new_tokens(new_end)
            new_end += 1


def joined_block(blocks: Sequence[Block]) -> Block:
    """One block standing for a run: the texts joined by a space, the span from first to last line."""
    if len(blocks) == 1:
        return blocks[0]
    kinds = {block.kind for block in blocks}
    kind = kinds.pop() if len(kinds) == 1 else BlockKind.PARAGRAPH
    span = Span(blocks[0].span.start, blocks[-1].span.end, blocks[0].span.page)
    return Block(kind, " ".join(block.text for block in blocks), span, blocks[0].marker)


def describe(path: tuple[str, ...], old_count: int, new_count: int, first_words: str) -> str:
    """The line shown on request: where, and how many paragraphs became how many."""
    where = " / ".join(path) or "(before the first heading)"
    return f"{where}: {old_count} paragraphs → {new_count}, the same words ('{first_words} …')"
