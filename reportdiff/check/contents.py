"""RD201..RD204: the table of contents against the headings: missing, extra, renamed, out of order."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportdiff.check.context import TOC_TITLES, Context, shorten, toc_of
from reportdiff.model import Finding, Section, TocEntry
from reportdiff.text.normalize import heading_key


def table_of_contents(context: Context) -> Iterator[Finding]:  # noqa: C901  (reason in the docstring)
    """RD201..RD204 for the draft's table of contents.

    One function, over 60 lines and 15 branches, because the four rules share one matching of
    entries to headings (exact, then by leading words, then by number) that each then reads.
    """
    entries, toc_section = toc_of(context.draft)
    if not entries:
        return
    headings = [
        s for s in context.draft.sections() if s is not toc_section and heading_key(s.heading) not in TOC_TITLES
    ]
    keys = [_toc_key(s.heading) for s in headings]
    matched: dict[int, int] = {}  # entry index -> heading index
    used: set[int] = set()
    pointer = 0
    for index, entry in enumerate(entries):
        key = _toc_key(entry.heading)
        candidates = [i for i, k in enumerate(keys) if k == key and i not in used]
        if candidates:
            choice = next((i for i in candidates if i >= pointer), candidates[0])
            matched[index] = choice
            used.add(choice)
            pointer = choice + 1
    depth = _toc_depth(entries, headings, set(matched.values()))
    renamed: dict[int, int] = {}
    free = [i for i in range(len(headings)) if i not in used and headings[i].level <= depth + 1]
    scored: list[tuple[float, int, int]] = []
    if len(matched) < len(entries):
        from rapidfuzz import fuzz, utils  # only when some entry has no exact heading
    for index, entry in enumerate(entries):
        if index in matched:
            continue
        for heading_index in free:
            a, b = entry.heading, headings[heading_index].heading
            score = fuzz.ratio(a, b, processor=utils.default_process)
            shorter = min((a, b), key=len)
            if len(shorter.split()) >= 2 or len(shorter) >= 6:  # "Ekonomi" in "Ekonomi och finans", not "VO" in any
                score = max(score, fuzz.token_set_ratio(a, b, processor=utils.default_process) - 5)
            if _words_start(a, b) or _words_start(b, a):  # "BUP" and "BUP – lägesbild": the same heading, grown
                score = max(score, 90)
            if score >= 80:
                scored.append((score, index, heading_index))
    for _, index, heading_index in sorted(scored, key=lambda item: (-item[0], item[1], item[2])):
        if index in renamed or heading_index in used:
            continue
        renamed[index] = heading_index
        used.add(heading_index)
    for index, heading_index in sorted(renamed.items()):
        heading = headings[heading_index]
        yield context.finding(
            "RD203",
            entries[index].line,
            1,
            f"table of contents says '{shorten(entries[index].heading)}' but the heading reads "
            f"'{shorten(heading.heading)}' (line {heading.span.start})",
            f"innehållsförteckningen säger '{shorten(entries[index].heading)}' men rubriken lyder "
            f"'{shorten(heading.heading)}' (rad {heading.span.start})",
        )
    for index, entry in enumerate(entries):
        if index not in matched and index not in renamed:
            yield context.finding(
                "RD202",
                entry.line,
                1,
                f"table of contents lists '{shorten(entry.heading)}', which is not a heading",
                f"innehållsförteckningen tar upp '{shorten(entry.heading)}', som inte är någon rubrik",
            )
    for heading_index, heading in enumerate(headings):
        if heading_index not in used and heading.level <= depth:
            yield context.finding(
                "RD201",
                heading.span.start,
                1,
                f"heading '{shorten(heading.heading)}' (level {heading.level}) is missing from the table of contents",
                f"rubriken '{shorten(heading.heading)}' (nivå {heading.level}) saknas i innehållsförteckningen",
            )
    pairs = sorted({**matched, **renamed}.items())
    in_order = _longest_increasing([heading_index for _, heading_index in pairs])
    for position, (index, heading_index) in enumerate(pairs):
        if position in in_order:
            continue
        before = headings[heading_index - 1].heading if heading_index > 0 else ""
        where = f"after '{shorten(before, 40)}'" if before else "first"
        where_sv = f"efter '{shorten(before, 40)}'" if before else "först"
        yield context.finding(
            "RD204",
            entries[index].line,
            1,
            f"table of contents lists '{shorten(entries[index].heading)}' out of order; in the text it comes {where}",
            f"innehållsförteckningen tar upp '{shorten(entries[index].heading)}' i fel ordning; "
            f"i texten kommer den {where_sv}",
        )


def _words_start(longer: str, shorter: str) -> bool:
    """Whether ``longer`` begins with every word of ``shorter``, in order (case and punctuation aside)."""
    long_words, short_words = _toc_words(longer), _toc_words(shorter)
    return 0 < len(short_words) < len(long_words) and long_words[: len(short_words)] == short_words


def _toc_words(text: str) -> list[str]:
    return [word for word in (heading_key(part) for part in text.split()) if word]


def _toc_key(text: str) -> str:
    return heading_key(re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", text))


def _toc_depth(entries: list[TocEntry], headings: list[Section], matched: set[int]) -> int:
    """How deep the contents goes: its own levels when known, else the levels it mostly covers."""
    levels = [entry.level for entry in entries if entry.level]
    if levels:
        return max(levels)
    depth = 0
    for level in sorted({heading.level for heading in headings}):
        at_level = [i for i, heading in enumerate(headings) if heading.level == level]
        if not at_level or sum(1 for i in at_level if i in matched) * 2 < len(at_level):
            break
        depth = level
    return max(depth, 1)


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting)."""
    from reportdiff.text.sequence import longest_increasing

    return {position for position, _ in longest_increasing(list(enumerate(values)))}
