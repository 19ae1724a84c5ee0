"""Matching two sequences of keys, with bounded work on huge inputs.

``difflib.SequenceMatcher`` (with ``autojunk=False``: prose repeats "och" and "att", and
autojunk would stop using them as anchors after 200 items) is quadratic in the worst case.
So first anchor on keys that occur exactly once on each side (patience diff: the longest
increasing run of such keys), and only run the quadratic matcher on the gaps between
anchors, and only when a gap is small enough.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from difflib import SequenceMatcher
from heapq import nsmallest

# Above this product of lengths, a gap is not given to SequenceMatcher directly.
QUADRATIC_LIMIT = 250_000


def matching_pairs(
    a: Sequence[Hashable], b: Sequence[Hashable], notes: list[str] | None = None
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` with ``a[i] == b[j]``, increasing in both, as many as practical."""
    pairs: list[tuple[int, int]] = []
    _match(a, 0, len(a), b, 0, len(b), pairs, notes)
    pairs.sort()
    return pairs


def _match(
    a: Sequence[Hashable],
    alo: int,
    ahi: int,
    b: Sequence[Hashable],
    blo: int,
    bhi: int,
    out: list[tuple[int, int]],
    notes: list[str] | None,
) -> None:
    # Equal heads and tails cost nothing and are the common case for similar documents.
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        out.append((alo, blo))
        alo += 1
        blo += 1
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi -= 1
        bhi -= 1
        out.append((ahi, bhi))
    if alo >= ahi or blo >= bhi:
        return
    if (ahi - alo) * (bhi - blo) <= QUADRATIC_LIMIT:
        matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                out.append((alo + block.a + k, blo + block.b + k))
        return
    anchors = _unique_anchors(a, alo, ahi, b, blo, bhi)
    if not anchors:
        if notes is not None:
            notes.append(
                f"a gap of {ahi - alo} × {bhi - blo} items has no unique anchor; it is shown as deleted and inserted"
            )
        return
    prev_a, prev_b = alo, blo
    for i, j in anchors:
        _match(a, prev_a, i, b, prev_b, j, out, notes)
        out.append((i, j))
        prev_a, prev_b = i + 1, j + 1
    _match(a, prev_a, ahi, b, prev_b, bhi, out, notes)


def _unique_anchors(
    a: Sequence[Hashable], alo: int, ahi: int, b: Sequence[Hashable], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Keys that occur once in each range, paired, reduced to the longest run increasing in both."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    candidates = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in where_b]
    return longest_increasing(candidates)


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by first item) whose second items increase."""
    if not pairs:
        return []
    tails: list[int] = []  # smallest second item ending a run of each length
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for index, (_, second) in enumerate(pairs):
        position = bisect_left(tails, second)
        if position == len(tails):
            tails.append(second)
            tail_index.append(index)
        else:
            tails[position] = second
            tail_index[position] = index
        previous[index] = tail_index[position - 1] if position > 0 else -1
    run: list[tuple[int, int]] = []
    index = tail_index[-1]
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    run.reverse()
    return run


def inverted_index(
    items: Iterable[tuple[int, Iterable[Hashable]]], keep: set[Hashable] | None = None
) -> dict[Hashable, list[int]]:
    """feature → the ids holding it, for finding likely partners without comparing every pair.

    ``keep``: only these features, the ones the other side can look up. Most features of two
    months' text are on one side only; a set intersection (in C) drops them before any indexing.
    """
    index: defaultdict[Hashable, list[int]] = defaultdict(list)
    for item_id, features in items:
        for feature in features if keep is None else keep.intersection(features):
            index[feature].append(item_id)
    return dict(index)


def most_shared(index: dict[Hashable, list[int]], features: Iterable[Hashable], rare: int, limit: int) -> list[int]:
    """The ``limit`` ids sharing the most features with ``features``, counting only features
    held by at most ``rare`` ids (common words say nothing); ties by id."""
    counts: dict[int, int] = {}
    for feature in features:
        holders = index.get(feature)
        if holders and len(holders) <= rare:
            for holder in holders:
                counts[holder] = counts.get(holder, 0) + 1
    return [holder for holder, _ in nsmallest(limit, counts.items(), key=lambda item: (-item[1], item[0]))]
