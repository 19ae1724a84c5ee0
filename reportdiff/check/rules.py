"""The rules of ``reportdiff check``: one small function per rule family, each yielding findings.

Every function takes the :class:`~reportdiff.check.context.Context` (draft, previous report,
configuration, directives, source lines) and yields :class:`~reportdiff.model.Finding` objects;
selection, severity overrides and inline ``ignore`` directives are applied afterwards by
:func:`reportdiff.check.check`. Codes, names and default severities live in
:mod:`reportdiff.check.registry`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import fnmatch
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from reportdiff.check.contents import table_of_contents
from reportdiff.check.context import (
    MONTH_NAMES_SV,
    Context,
    body_blocks,
    date_line,
    report_date,
    shorten,
    visible,
)
from reportdiff.check.directives import is_directive_text
from reportdiff.model import BlockKind, Finding, Section
from reportdiff.text.dates import MONTHS
from reportdiff.text.normalize import heading_key

if TYPE_CHECKING:
    from reportdiff.align import Alignment

__all__ = ["RULE_FUNCTIONS"]


# --- RD101, RD102: stale text ------------------------------------------------------------------


def _is_standing(context: Context, path: tuple[str, ...], sections: list[Section]) -> bool:
    patterns = [pattern.casefold() for pattern in context.config.standing]
    for heading in path:
        if any(fnmatch.fnmatchcase(heading.casefold(), pattern) for pattern in patterns):
            return True
    return any(context.directives.is_standing(section) for section in sections)


def stale_text(context: Context) -> Iterator[Finding]:
    """Sections whose own text is word for word the text of a section of the previous report.

    Matched by the normalised text itself (dashes, quotes and spaces unified), not by heading:
    a copied paragraph is stale whether or not its heading was renamed or moved.
    """
    if context.previous is None:
        return
    from reportdiff.text.tokens import normalise

    previous_texts = {_own_text(section, normalise) for section in context.previous.root.walk() if section.blocks}
    chains = _chains(context.draft.root, [])
    for section in context.draft.sections():
        if not section.blocks:
            continue
        words = sum(len(block.text.split()) for block in section.blocks)
        if words < context.config.min_words or _own_text(section, normalise) not in previous_texts:
            continue
        chain = chains.get(id(section), [section])
        if _is_standing(context, tuple(s.heading for s in chain), chain):
            continue
        introduction = section.level == 1 and heading_key(section.heading).startswith("inledning")
        yield context.finding(
            "RD102" if introduction else "RD101",
            section.span.start,
            1,
            f"'{shorten(section.heading)}' is word for word the same as in the previous report ({words} words); "
            "update it, or mark it as standing text",
            f"'{shorten(section.heading)}' är ordagrant samma som i förra rapporten ({words} ord); "
            "uppdatera texten eller markera den som stående text",
        )


def _own_text(section: Section, normalise: Callable[[str], str]) -> str:
    return "\n".join(normalise(block.text) for block in section.blocks if not is_directive_text(block.text))


def _chains(section: Section, above: list[Section]) -> dict[int, list[Section]]:
    """For every section: the sections from the top level down to it (the root left out)."""
    chain = above + [section] if section.level > 0 else above
    result = {id(section): chain}
    for child in section.children:
        result.update(_chains(child, chain))
    return result


# --- RD301: one figure, two values --------------------------------------------------------------

# Labels that say too little to compare: any two "andel" figures measure different things.
_VAGUE_LABELS = frozenset(
    """andel andelen antal antalet kostnad kostnaden kostnaderna nya fler färre ökning minskning
    resultat resultatet procent period perioden totalt summa budget utfall prognos""".split()
)
# A figure next to these words is a plan, a forecast or a comparison, not the outcome itself.
_OTHER_TIME_FRAME = re.compile(
    r"\b(?:prognos\w*|budget\w*|mål\w*|beräkna\w*|förvänta\w*|planera\w*|föregående|förra|fg)\b", re.I
)
_APPROXIMATE = re.compile(r"\b(?:cirka|ca|drygt|knappt|omkring|ungefär|nästan|närmare|över|under|runt)\s*$", re.I)


_LABEL_FUNCTION_WORDS = frozenset("är var blir blev har hade som i av för med till på och om under per".split())


def _specific(label: str) -> bool:
    if "(" in label:
        return False  # qualified labels ("(fg år)", "(budget)") compare another time or plan
    content = [
        word for word in label.casefold().split() if word not in _VAGUE_LABELS and word not in _LABEL_FUNCTION_WORDS
    ]
    if not content:
        return False
    if len(label.split()) == 1:
        return len(label) >= 9
    return any(len(word) >= 5 for word in content)


def figure_conflicts(context: Context) -> Iterator[Finding]:
    from reportdiff.figures import extract_figures

    table_lines = {
        line
        for block in context.draft.blocks()
        if block.kind in (BlockKind.TABLE_ROW, BlockKind.CAPTION)
        for line in range(block.span.start, block.span.end + 1)
    }
    groups: dict[tuple[tuple[str, ...], str, str], list] = {}  # type: ignore[type-arg]
    for figure in extract_figures(context.draft):
        if figure.line in table_lines or figure.high is not None or not _specific(figure.label):
            continue
        if figure.unit == "st" or figure.label.casefold() == figure.unit.casefold():
            continue  # counts: "72 årsarbetare" hired and "292 årsarbetare" employed are different things
        top = figure.section_path[0] if figure.section_path else ""
        summary = heading_key(top).startswith(("inledning", "månadsrapport", "sammanfattning"))
        scope = ("<summary>",) if summary else figure.section_path
        groups.setdefault((scope, figure.label.casefold(), figure.unit), []).append(figure)
    for (_, label, _unit), figures in sorted(groups.items(), key=lambda item: item[1][0].line):
        per_sentence: dict[str, list] = {}  # type: ignore[type-arg]
        for figure in figures:
            per_sentence.setdefault(figure.sentence, []).append(figure)
        # A sentence that gives the label twice compares two things ("från 5,1 till 6,2 procent").
        single = [items[0] for items in per_sentence.values() if len(items) == 1]
        single = [
            f
            for f in single
            if not _APPROXIMATE.search(f.sentence[: max(0, f.sentence.find(f.raw))])
            and not _OTHER_TIME_FRAME.search(f.sentence)
        ]
        if len(single) < 2:
            continue
        first = single[0]
        for other in single[1:]:
            if _consistent(first, other) or _YEAR.findall(first.sentence) != _YEAR.findall(other.sentence):
                continue  # the same value, or figures of different years
            yield context.finding(
                "RD301",
                other.line,
                1,
                f"'{label}' is {other.raw} here but {first.raw} on line {first.line}",
                f"'{label}' är {other.raw} här men {first.raw} på rad {first.line}",
            )
            break


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _consistent(a, b) -> bool:  # type: ignore[no-untyped-def]
    """Equal, or equal once the more precise value is rounded like the other (6,55 → 6,6)."""
    if a.value == b.value:
        return True
    decimals_a, decimals_b = _decimals(a.raw), _decimals(b.raw)
    places = min(decimals_a, decimals_b)
    return round(a.value, places) == round(b.value, places) and decimals_a != decimals_b


def _decimals(raw: str) -> int:
    match = re.search(r"[,.](\d+)", raw)
    return len(match.group(1)) if match else 0


# --- RD401, RD402: dates ---------------------------------------------------------------------

_FUTURE_CUE = re.compile(
    r"\b(?:kommer\s+att|kommer|ska|skall|planeras|planerad|planerade|planerat|beräknas|förväntas|väntas|"
    r"avses|är\s+tänkt|preliminärt|inplanerad|inplanerat)\b",
    re.I,
)
_DATE_MENTION = re.compile(
    r"\b(?:(?P<day>[0-3]?\d)\s+)?(?P<month>" + "|".join(MONTHS) + r")(?:\s+(?P<year>(?:19|20)\d\d))?\b(?!\s*[-–])",
    re.I,
)
_PAST_WORDS = re.compile(r"\b(?:har|hade|sedan|var|blev|skedde|\w{3,}(?:ades|ade|dde|des|tes))\b", re.I)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def past_as_future(context: Context) -> Iterator[Finding]:
    today = report_date(context.draft)
    if today is None:
        return
    for _, block in body_blocks(context):
        if block.kind == BlockKind.TABLE_ROW:
            continue
        text = visible(block.text)
        for sentence in _SENTENCE.finditer(text):
            for mention in _DATE_MENTION.finditer(sentence.group(0)):
                before = sentence.group(0)[: mention.start()]
                cue = None
                for candidate in _FUTURE_CUE.finditer(before):
                    if candidate.group(0)[0].isupper() and before[: candidate.start()].strip():
                        continue  # a name such as "Division Planerad vård", not a verb
                    cue = candidate
                if cue is None or len(before[cue.end() :].split()) > 6 or _PAST_WORDS.search(before[cue.end() :]):
                    continue
                when = _mentioned_date(mention, today)
                if when is None or when >= today:
                    continue
                offset = sentence.start() + cue.start()
                line, col = context.locate(block, offset, cue.group(0).split()[0])
                phrase = sentence.group(0)[cue.start() : mention.end()]
                yield context.finding(
                    "RD401",
                    line,
                    col,
                    f"'{shorten(' '.join(phrase.split()))}' reads as future, but the report is dated {_sv_date(today)}",
                    f"'{shorten(' '.join(phrase.split()))}' står i framtid, men rapporten är daterad {_sv_date(today)}",
                )
                break


def _mentioned_date(mention: re.Match[str], today: dt.date) -> dt.date | None:
    """The last day a mention can mean, or None when it may as well mean next year."""
    month = MONTHS[mention["month"].lower()]
    if mention["year"]:
        year = int(mention["year"])
    else:
        back = (today.month - month) % 12
        if back > 3 or (back == 0 and not mention["day"]):
            return None  # "i januari" in a May report may mean next January
        year = today.year if month <= today.month else today.year - 1
    day = int(mention["day"]) if mention["day"] else calendar.monthrange(year, month)[1]
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _sv_date(date: dt.date) -> str:
    return f"{date.day} {MONTH_NAMES_SV[date.month]} {date.year}"


def date_order(context: Context) -> Iterator[Finding]:
    if context.previous is None:
        return
    draft_date, previous_date = report_date(context.draft), report_date(context.previous)
    if draft_date is None or previous_date is None or draft_date > previous_date:
        return
    how = "the same as" if draft_date == previous_date else "older than"
    how_sv = "samma som" if draft_date == previous_date else "äldre än"
    yield context.finding(
        "RD402",
        date_line(context.draft),
        1,
        f"the report is dated {_sv_date(draft_date)}, {how} the previous report ({_sv_date(previous_date)})",
        f"rapporten är daterad {_sv_date(draft_date)}, {how_sv} förra rapporten ({_sv_date(previous_date)})",
    )


# --- RD501, RD502: standard parts gone ------------------------------------------------------

# Level-2 headings that name a standing part of the organisation rather than a news item:
# "Division Nära", "VO Kirurgi", "Bilagor", "HR-avdelningen", "Säkerhetsenheten".
_ORGANISATION = re.compile(
    r"^(?:division|verksamhetsområde|vo|bilag|avdelning|enhet)\b|^\S+(?:avdelningen|enheten|nämnden)$", re.I
)


def missing_parts(context: Context) -> Iterator[Finding]:
    """Level-1 and level-2 parts of the previous report with no counterpart in the draft.

    A part found again under the same heading is kept; for the others the engine's alignment
    decides (it pairs renamed sections by content), exactly as ``compare()`` marks pairs removed.
    """
    previous = context.previous
    if previous is None:
        return
    draft_keys = {heading_key(section.heading) for section in context.draft.sections()}
    candidates = [
        section
        for section in previous.sections()
        if section.level <= 2
        and heading_key(section.heading) not in draft_keys
        and (section.level == 1 or section.children or _ORGANISATION.search(section.heading.strip()))
    ]
    if not candidates:
        return
    alignment = context.alignment()
    assert alignment is not None
    index_of = {id(info.section): info.index for info in alignment.old}
    parent_of = {info.index: info.parent for info in alignment.old}
    unmatched = {info.index for info in alignment.old if info.index not in alignment.old_to_new}
    for section in candidates:
        index = index_of[id(section)]
        if index not in unmatched or parent_of[index] in unmatched:
            continue  # renamed (the alignment found it), or reported with its parent
        line = _next_kept_line(context, alignment, index)
        moved = [child for child in section.children if index_of[id(child)] in alignment.old_to_new]
        if section.children and len(moved) * 2 >= len(section.children):
            parents = []
            for child in moved:
                new_parent = alignment.new[alignment.new[alignment.old_to_new[index_of[id(child)]]].parent]
                if new_parent.section.level > 0 and new_parent.section.heading not in parents:
                    parents.append(new_parent.section.heading)
            places = ", ".join(f"'{shorten(heading, 40)}'" for heading in parents)
            yield context.finding(
                "RD502",
                line,
                1,
                f"'{shorten(section.heading)}' of the previous report is gone; {len(moved)} of its "
                f"{len(section.children)} subsections now stand under {places or 'other headings'}",
                f"'{shorten(section.heading)}' i förra rapporten finns inte längre; {len(moved)} av dess "
                f"{len(section.children)} underavsnitt står nu under {places or 'andra rubriker'}",
            )
            continue
        yield context.finding(
            "RD501",
            line,
            1,
            f"'{shorten(section.heading)}' (level {section.level} in the previous report) has no counterpart "
            "in the draft",
            f"'{shorten(section.heading)}' (nivå {section.level} i förra rapporten) har ingen motsvarighet i utkastet",
        )


def _next_kept_line(context: Context, alignment: Alignment, old_index: int) -> int:
    """Where the missing part would stand: the heading of the next old section that was kept."""
    for info in alignment.old[old_index + 1 :]:
        new_index = alignment.old_to_new.get(info.index)
        if new_index is not None and new_index > 0:
            return alignment.new[new_index].section.span.start
    return context.draft.root.span.end


# --- RD601..RD604: leftovers of conversion and drafting ------------------------------------

_CONTINUATIONS = frozenset(
    "och eller samt till respektive resp som men utan än liksom alternativt inte med i på för av".split()
)
_SPLIT_WORD = re.compile(r"(?<![\w-])(?P<head>[^\W\d_]{2,})- (?P<tail>[a-zåäöé][^\W\d_]*)")
_DOUBLED = re.compile(r"(?<![\w-])(?P<word>[^\W\d_]+)\s+(?P=word)(?![\w-])", re.I)
_DOUBLES_ALLOWED = frozenset("det den de dem ha".split())
_PLACEHOLDER = re.compile(
    r"(?<![\w-])(?:TODO|FIXME|TBD)(?![\w-])"  # also "TODO:", as drafters write it
    r"|(?<![\w-])(?:X{2,}|x{2,}|NN)(?![\w:-])"  # not "XX:YY", a time or code pattern
    r"|\?{3,}|\?\?(?!\w)"
    r"|\[\s*(?:x+|X+|\.{2,}|…|\?+|\s*)\s*\]"
)
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))\(?[a-zA-Z0-9]{1,2}\)")
_QUOTE_MARKS = re.compile('["”“„]')


def leftovers(context: Context) -> Iterator[Finding]:
    for _, block in body_blocks(context):
        text = visible(block.text)
        for match in _SPLIT_WORD.finditer(text):
            if match["tail"].casefold() in _CONTINUATIONS:
                continue
            line, col = context.locate(block, match.start(), match["head"] + "-")
            yield context.finding(
                "RD601",
                line,
                col,
                f"'{match.group(0)}' looks like a word split at a hyphen; "
                f"write '{match['head']}{match['tail']}' or '{match['head']}-{match['tail']}'",
                f"'{match.group(0)}' ser ut som ett ord avstavat med bindestreck; "
                f"skriv '{match['head']}{match['tail']}' eller '{match['head']}-{match['tail']}'",
            )
        for match in _DOUBLED.finditer(text):
            if match["word"].casefold() in _DOUBLES_ALLOWED or len(match["word"]) == 1 and match["word"].isupper():
                continue
            line, col = context.locate(block, match.start(), match["word"])
            yield context.finding(
                "RD602", line, col, f"'{match['word']}' twice in a row", f"'{match['word']}' två gånger i rad"
            )
        for match in _PLACEHOLDER.finditer(text):
            line, col = context.locate(block, match.start(), match.group(0))
            yield context.finding(
                "RD603",
                line,
                col,
                f"placeholder '{match.group(0)}' left in the text",
                f"platshållaren '{match.group(0)}' står kvar i texten",
            )
        if block.kind not in (BlockKind.TABLE_ROW, BlockKind.CAPTION):
            problem = _unbalanced(text)
            if problem is not None:
                offset, what, what_sv = problem
                line, col = context.locate(block, offset, text[offset])
                yield context.finding("RD604", line, col, what, what_sv)


def _unbalanced(text: str) -> tuple[int, str, str] | None:
    """The first bracket or quote that does not pair up, and why; None when all do.

    Enumerators such as ``a)`` and ``2)`` close nothing: a paragraph is only unbalanced when
    it is so both with and without them.
    """
    problem = _unpaired(text)
    if problem is None or problem[1].startswith("an odd"):
        return problem
    return _unpaired(_ENUMERATOR.sub(lambda match: " " * len(match.group(0)), text))


def _unpaired(text: str) -> tuple[int, str, str] | None:
    for opening, closing in ("()", "[]"):
        open_at: list[int] = []
        for match in re.finditer(re.escape(opening) + "|" + re.escape(closing), text):
            if match.group(0) == opening:
                open_at.append(match.start())
            elif not open_at:
                return (
                    match.start(),
                    f"'{closing}' without a matching '{opening}' in this paragraph",
                    f"'{closing}' utan motsvarande '{opening}' i stycket",
                )
            else:
                open_at.pop()
        if open_at:
            return open_at[0], f"'{opening}' is never closed in this paragraph", f"'{opening}' stängs aldrig i stycket"
    quotes = [match.start() for match in _QUOTE_MARKS.finditer(text)]
    if len(quotes) % 2:
        return quotes[-1], "an odd number of quotation marks in this paragraph", "udda antal citattecken i stycket"
    return None


# The order findings are produced in does not matter: check() sorts them.
RULE_FUNCTIONS: dict[str, Callable[[Context], Iterator[Finding]]] = {
    "RD10": stale_text,
    "RD20": table_of_contents,
    "RD301": figure_conflicts,
    "RD401": past_as_future,
    "RD402": date_order,
    "RD50": missing_parts,
    "RD60": leftovers,
}
