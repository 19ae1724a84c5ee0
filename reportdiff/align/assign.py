"""The best pairing of sections as an assignment problem: per connected group, Hungarian or greedy."""

from __future__ import annotations

MAX_COMPONENT = 150  # above this many sections on one side, a component is paired greedily (noted)


def assign(
    edges: list[tuple[int, int, float, str]], notes: list[str], floor: float = 0.0
) -> list[tuple[int, int, float, str]]:
    """The matching with the most score above ``floor``, solved separately on each connected group.

    A pair is worth what it scores above ``floor`` (the score at which leaving both sections
    unpaired is as good): so one certain pair (0.9) beats two doubtful ones (0.52 + 0.52) that
    would block it, which a plain sum of scores would not.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j, _, _ in edges:
        root_a, root_b = find(("old", i)), find(("new", j))
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[tuple[str, int], list[tuple[int, int, float, str]]] = {}
    for edge in edges:
        groups.setdefault(find(("old", edge[0])), []).append(edge)
    chosen: list[tuple[int, int, float, str]] = []
    for root in sorted(groups):
        chosen.extend(_assign_group(groups[root], notes, floor))
    return chosen


def _assign_group(
    edges: list[tuple[int, int, float, str]], notes: list[str], floor: float
) -> list[tuple[int, int, float, str]]:
    rows = sorted({i for i, _, _, _ in edges})
    cols = sorted({j for _, j, _, _ in edges})
    by_pair = {(i, j): (score, reason) for i, j, score, reason in edges}
    if len(rows) == 1 or len(cols) == 1 or max(len(rows), len(cols)) > MAX_COMPONENT:
        if max(len(rows), len(cols)) > MAX_COMPONENT:
            notes.append(f"{len(rows)} × {len(cols)} similar sections were paired best-first, not optimally")
        return _greedy(edges)
    transposed = len(rows) > len(cols)
    if transposed:
        rows, cols = cols, rows
    worth = {pair: score - floor for pair, (score, _) in by_pair.items()}
    cost = [[-worth.get((c, r) if transposed else (r, c), 0.0) for c in cols] for r in rows]
    chosen = []
    for r, c in sorted(hungarian(cost).items()):
        i, j = (cols[c], rows[r]) if transposed else (rows[r], cols[c])
        if (i, j) in by_pair:
            score, reason = by_pair[(i, j)]
            chosen.append((i, j, score, reason))
    return chosen


def _greedy(edges: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    used_old: set[int] = set()
    used_new: set[int] = set()
    chosen = []
    for i, j, score, reason in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            chosen.append((i, j, score, reason))
    return chosen


def hungarian(cost: list[list[float]]) -> dict[int, int]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns): row → column.

    The shortest-augmenting-path form of the Hungarian method, O(rows² × columns).
    """
    n, m = len(cost), len(cost[0]) if cost else 0
    infinity = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) holding column j
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        j0 = 0
        min_v = [infinity] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = infinity
            j1 = 0
            costs = cost[i0 - 1]
            u_i0 = u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    current = costs[j - 1] - u_i0 - v[j]
                    if current < min_v[j]:
                        min_v[j] = current
                        way[j] = j0
                    if min_v[j] < delta:
                        delta = min_v[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_v[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while True:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
            if j0 == 0:
                break
    return {owner[j] - 1: j - 1 for j in range(1, m + 1) if owner[j]}
