"""Pairing: which figures of OLD became which figures of NEW, and by how much they moved.

:func:`figure_shifts` only looks at changed content of a :class:`DocumentDiff`: numbers inside an
unchanged or merely moved sentence are never shifts. Figures are paired by label and unit
(compared by word stems), then by position among those of the same unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from reportdiff.figures.extract import Found, block_figures
from reportdiff.figures.words import _OWN, _UNIT_WORDS, may_hold_figure
from reportdiff.model import (
    BlockChange,
    BlockOp,
    DocumentDiff,
    Figure,
    FigureShift,
    SectionStatus,
    TextOpKind,
)
from reportdiff.text.dates import MONTH_PATTERN
from reportdiff.text.stem import content_stems, stem, stem_phrase

# Words beside a number that say which of several quantities of one noun it is: two figures that
# name different words of one group measure different things ("82 pågående" is not "350 avslutade"
# patients a month later, "andelen" is not "antalet").
QUALIFIERS = [
    {"pågående": "ongoing", "avslutade": "ended", "avslutad": "ended", "genomförda": "done", "genomförd": "done",
     "väntande": "waiting", "planerade": "planned"},
    {"nya": "new", "ny": "new", "nytt": "new", "totalt": "total", "totala": "total", "sammanlagt": "total",
     "ytterligare": "more"},
    {"andel": "share", "andelen": "share", "antal": "count", "antalet": "count"},
]  # fmt: skip
_QUALIFIER_WINDOW = (4, 4)  # words before and after the number looked at, within its clause
_CLAUSE_END = re.compile(r"[,;:]")
_ADDED = re.compile(r"\([^)]*\)")  # "(nya)", "(fg år)", "(budget)" added to a label
_WHOLE = re.compile(r"\(av \d+\)")  # "(av 6)": a count of a part of a whole of six


def _qualifiers(figure: Figure) -> list[str]:
    """The qualifier of each group that the words beside the figure name ("" when none)."""
    at = figure.sentence.find(figure.raw)
    if at < 0:
        return [""] * len(QUALIFIERS)
    before = figure.sentence[:at].lower().split()[-_QUALIFIER_WINDOW[0] :]
    clause_after = _CLAUSE_END.split(figure.sentence[at + len(figure.raw) :], maxsplit=1)[0]
    after = clause_after.lower().split()[: _QUALIFIER_WINDOW[1]]  # "64 patienter i pågående övervakning"
    near = [word.strip(".,;:()") for word in before + after]
    found = []
    for group in QUALIFIERS:
        found.append(next((group[word] for word in near if word in group), ""))
    return found


# What a figure stands for besides its measure, read from its own sentence. Unlike a qualifier, no
# word is a reading too: an outcome is never paired with a forecast, this period's figure never with
# the earlier one it is compared to ("samma period 2021 då sjukfrånvaron var 9,87 procent", "från 62
# procent till 48 procent"), a whole never with a part of it ("varav 6 339", "den finansiella delen av").
_FORECAST = re.compile(r"prognos", re.IGNORECASE)  # prognos, årsprognosen, prognosticeras, prognostiserar
_EARLIER = re.compile(
    r"(?:\bsamma period|\bföregående år|\bförra året|\b(?:19|20)\d\d)\s+(?:då|när)\b[^,;:.]*$|\bfrån\s*$", re.IGNORECASE
)
_PART = re.compile(r"\bvarav\b|\bdel(?:en|ar|arna)?\s+av\s+[^,;:.]*$", re.IGNORECASE)
# A goal is not an outcome: "med målet att öka antalet vårdplatser med 40" is no count of places.
_TARGET = re.compile(r"\bmål(?:et|en|sättning(?:en)?)?\b[^,;:.]*$", re.IGNORECASE)


def standing(figure: Figure) -> str:
    """``forecast``, ``earlier`` or ``part`` when the figure's sentence says so, else ``""``.

    A forecast is told by its sentence or its heading (``Årsprognos``); the others by the words
    before the figure in its sentence."""
    return _standing(figure.sentence, figure.raw, figure.section_path[-1] if figure.section_path else "")


@lru_cache(maxsize=4096)
def _standing(sentence: str, raw: str, heading: str) -> str:
    at = sentence.find(raw)
    before = sentence[: max(at, 0)]
    if _FORECAST.search(sentence) or _FORECAST.search(heading):
        return "forecast"
    if at >= 0 and _EARLIER.search(before):
        return "earlier"
    if at >= 0 and _PART.search(before):
        return "part"
    if at >= 0 and _TARGET.search(before):
        return "target"
    return ""


def comparable(old: Figure, new: Figure) -> bool:
    """Whether two figures can measure the same thing: a count counts the same noun (the labels share a
    stem), both stand for the same (:func:`standing`), and no qualifier beside them says otherwise
    ("pågående" against "avslutade")."""
    if old.unit == new.unit == "st" and not _related(old, new):
        return False
    if _WHOLE.findall(old.label) != _WHOLE.findall(new.label):
        return False  # "tre av sex datortomografer" counts a part of the six, not the six
    if standing(old) != standing(new) or not _same_period(old, new):
        return False
    (old_state, old_scope, old_kind), (new_state, new_scope, new_kind) = _qualifiers(old), _qualifiers(new)
    if old_scope == "total" and new_state and not old_state or new_scope == "total" and old_state and not new_state:
        return False  # "212 deltog totalt" counts all who ever took part, "64 i pågående" those now in it
    pairs = ((old_state, new_state), (old_scope, new_scope), (old_kind, new_kind))
    return all(a == b or not a or not b for a, b in pairs)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_A_MONTH = re.compile(
    r"\b(?:i|under)\s+(?:" + MONTH_PATTERN + r")\b(?!\s+(?:19|20)\d\d\s*(?:[-–]|till))", re.IGNORECASE
)
_A_YEAR = re.compile(
    r"\b(?:under|för|helåret|hela)\s+(?:hela\s+)?(?:året\s+)?(?:19|20)\d\d\b|\bhelåret\b", re.IGNORECASE
)


def _same_period(old: Figure, new: Figure) -> bool:
    """Whether nothing in the two sentences says they cover different periods: one month ("I augusti
    genomfördes 1 130 operationer") is not a whole year ("Under hela 2025 genomfördes 14 900"), and a
    forecast is of the year it names ("Årsprognosen för 2025" is not "Årsprognosen för 2026")."""
    old_month, new_month = bool(_A_MONTH.search(old.sentence)), bool(_A_MONTH.search(new.sentence))
    old_year, new_year = bool(_A_YEAR.search(old.sentence)), bool(_A_YEAR.search(new.sentence))
    if (old_month and not old_year and new_year and not new_month) or (
        new_month and not new_year and old_year and not old_month
    ):
        return False
    if standing(old) == "forecast":
        years = set(_YEAR.findall(old.sentence)), set(_YEAR.findall(new.sentence))
        return not (years[0] and years[1] and years[0].isdisjoint(years[1]))
    return True


def pairing_key(figure: Figure) -> tuple[str, str]:
    """Labels compared by stems, so that "sjukfrånvaron" and "sjukfrånvaro" are one figure."""
    return _label_stems(figure.label), figure.unit


_COMPOUND_HEADS = ("kostn", "intäk")  # generic heads (stemmed twice) that also end compounds


@lru_cache(maxsize=4096)
def _label_stems(label: str) -> str:
    """The stems of a label's words, each stemmed twice: Snowball takes one ending at a time
    ("kostnader" → "kostnad", "kostnad" → "kostn"), so the singular and plural of a noun in -nad
    only meet on the second pass. Words of possession say whose, not what, and are left out
    ("kostnader för egen personal" is "personalkostnader").

    Two ways of writing one measure meet too: a generic head with ``för`` is the compound
    ("kostnader för pensioner" and "pensionskostnader" are both ``pensionkostn``), and a change
    with no other reference is one against the year before ("(förändring)" is "(förändring) (fg år)")."""
    main, _, added = label.partition(" (")
    main = " ".join(word for word in main.split() if word not in _OWN)  # "för egen personal" is "för personal"
    words = [stem(stem(word)) for word in stem_phrase(main).split()]
    if len(words) == 3 and words[0] in _COMPOUND_HEADS and words[1] == "för":
        words = [words[2] + words[0]]
    elif len(words) == 1:
        head = next((head for head in _COMPOUND_HEADS if words[0].endswith(head)), "")
        if head and len(words[0]) > len(head) + 2:
            words = [words[0][: -len(head)].removesuffix("s") + head]  # the linking s: pension|s|kostnader
    extra = [stem(stem(word)) for word in stem_phrase(added).split()]
    if "förändring" in extra and "budget" not in extra:
        extra = [word for word in extra if word not in ("fg", "år")]
    return " ".join(words + extra)


def _op_ranges(ops: Iterable[tuple[TextOpKind, str]]) -> list[tuple[int, int, TextOpKind]]:
    """Character ranges of each op's words in the block text rebuilt from the ops (one side)."""
    ranges: list[tuple[int, int, TextOpKind]] = []
    position = 0
    for kind, words in ops:
        if not words:
            ranges.append((position, position, kind))
            continue
        start = position
        position += len(words)
        ranges.append((start, position, kind))
        position += 1
    return ranges


def _changed_op(found: Found, ranges: list[tuple[int, int, TextOpKind]]) -> int:
    """The index of the first changed op a figure overlaps, or -1 when it lies in equal text."""
    for index, (start, end, kind) in enumerate(ranges):
        if kind is TextOpKind.EQUAL:
            continue
        if start < found.end and found.start < end or (start == end and found.start < start < found.end):
            return index
    return -1


def _shift(old: Figure | None, new: Figure | None) -> FigureShift:
    ref = new or old
    assert ref is not None
    shift = FigureShift(label=ref.label, unit=ref.unit, section_path=ref.section_path, old=old, new=new)
    if old is not None and new is not None:
        shift.change = new.value - old.value
        shift.relative = shift.change / abs(old.value) if old.value else None
        shift.direction = "up" if shift.change > 0 else "down" if shift.change < 0 else "same"
    else:
        shift.direction = "appeared" if new is not None else "disappeared"
    return shift


def _same(old: Figure, new: Figure) -> bool:
    return old.value == new.value and old.high == new.high and old.unit == new.unit


def _related(a: Figure, b: Figure) -> bool:
    """Two labels that share a word stem ("lex maria-anmälningar", "lex maria-ärenden"); the added
    "(nya)", "(fg år)" say how, not what, and do not count."""
    return not _label_words(a.label).isdisjoint(_label_words(b.label))


def _label_words(label: str) -> set[str]:
    return set(_label_stems(_ADDED.sub(" ", label).replace("-", " ")).split())


def _pair_lists(
    old: list[Found], new: list[Found], related_only: bool = False
) -> tuple[list[tuple[Found, Found]], list[Found], list[Found]]:
    """Pair by label and unit first (in order), then by position among those of the same unit.

    With ``related_only`` the second step also needs the labels to share a word: used where the
    figures are not known to come from the same reworded words.
    """
    pairs: list[tuple[Found, Found]] = []
    left_old = list(old)
    left_new: list[Found] = []
    for item in new:
        key = pairing_key(item.figure)
        match = next(
            (
                candidate
                for candidate in left_old
                if pairing_key(candidate.figure) == key and comparable(candidate.figure, item.figure)
            ),
            None,
        )
        if match is not None:
            left_old.remove(match)
            pairs.append((match, item))
        else:
            left_new.append(item)
    still_new: list[Found] = []
    for item in left_new:
        match = next(
            (
                candidate
                for candidate in left_old
                if candidate.figure.unit == item.figure.unit
                and (not related_only or _related(candidate.figure, item.figure))
                and comparable(candidate.figure, item.figure)
            ),
            None,
        )
        if match is not None:
            left_old.remove(match)
            pairs.append((match, item))
        else:
            still_new.append(item)
    return pairs, left_old, still_new


def _block_shifts(
    change: BlockChange, old_path: tuple[str, ...], new_path: tuple[str, ...]
) -> tuple[list[FigureShift], list[Found], list[Found]]:
    """Shifts inside one REPLACE or edited MOVE block, plus figures that only one side has."""
    assert change.old is not None and change.new is not None
    if change.ops and not any(
        may_hold_figure(op.old) or may_hold_figure(op.new) for op in change.ops if op.op is not TextOpKind.EQUAL
    ):
        return [], [], []  # only words changed: every number sits in equal text
    old_found = block_figures(change.old, old_path)
    new_found = block_figures(change.new, new_path)
    shifts: list[FigureShift] = []
    if change.ops:
        old_ranges = _op_ranges((op.op, op.old) for op in change.ops)
        new_ranges = _op_ranges((op.op, op.new) for op in change.ops)
        old_groups: dict[int, list[Found]] = {}
        new_groups: dict[int, list[Found]] = {}
        for item in old_found:
            index = _changed_op(item, old_ranges)
            if index >= 0:
                old_groups.setdefault(index, []).append(item)
        for item in new_found:
            index = _changed_op(item, new_ranges)
            if index >= 0:
                new_groups.setdefault(index, []).append(item)
        leftovers_old: list[Found] = []
        leftovers_new: list[Found] = []
        for index in sorted(set(old_groups) | set(new_groups)):
            pairs, only_old, only_new = _pair_lists(old_groups.get(index, []), new_groups.get(index, []))
            shifts.extend(_shift(a.figure, b.figure) for a, b in pairs if not _same(a.figure, b.figure))
            leftovers_old.extend(only_old)
            leftovers_new.extend(only_new)
        pairs, only_old, only_new = _pair_lists(leftovers_old, leftovers_new, related_only=True)
        shifts.extend(_shift(a.figure, b.figure) for a, b in pairs if not _same(a.figure, b.figure))
        return shifts, only_old, only_new
    if change.old.text == change.new.text:
        return [], [], []
    pairs, only_old, only_new = _pair_lists(old_found, new_found, related_only=True)
    shifts.extend(_shift(a.figure, b.figure) for a, b in pairs if not _same(a.figure, b.figure))
    return shifts, only_old, only_new


def figure_shifts(diff: DocumentDiff) -> list[FigureShift]:
    """Figures that changed value, appeared or disappeared in the changed content of ``diff``.

    Only sections that both versions have are looked at; a section that is wholly new or
    removed is reported as an event, not figure by figure.
    """
    shifts: list[FigureShift] = []
    gone: list[Found] = []
    came: list[Found] = []
    far_old: list[Found] = []  # figures of sections only one report has: paired only when sure
    far_new: list[Found] = []
    for pair in diff.pairs:
        if pair.status is SectionStatus.REMOVED and pair.old is not None:
            far_old.extend(item for block in pair.old.blocks for item in block_figures(block, pair.old_path))
            continue
        if pair.status is SectionStatus.ADDED and pair.new is not None:
            far_new.extend(item for block in pair.new.blocks for item in block_figures(block, pair.new_path))
            continue
        if pair.status is SectionStatus.UNCHANGED and not pair.blocks:
            continue
        old_path, new_path = pair.old_path, pair.new_path
        run_old: list[Found] = []  # a run of deleted and inserted blocks: one passage rewritten
        run_new: list[Found] = []
        for change in [*pair.blocks, None]:
            if change is None or change.op not in (BlockOp.INSERT, BlockOp.DELETE):
                pairs, only_old, only_new = _pair_lists(run_old, run_new, related_only=True)
                shifts.extend(_shift(a.figure, b.figure) for a, b in pairs if not _same(a.figure, b.figure))
                gone.extend(only_old)
                came.extend(only_new)
                run_old, run_new = [], []
            if change is None or change.op is BlockOp.EQUAL:
                continue
            if change.op is BlockOp.INSERT and change.new is not None:
                run_new.extend(block_figures(change.new, new_path))
            elif change.op is BlockOp.DELETE and change.old is not None:
                if change.moved_to is None:
                    run_old.extend(block_figures(change.old, old_path))
            elif change.old is not None and change.new is not None:
                source_path = change.moved_from or old_path
                if change.op is BlockOp.MOVE and not change.ops and change.old.text == change.new.text:
                    continue
                block_shifts, only_old, only_new = _block_shifts(change, source_path, new_path)
                shifts.extend(block_shifts)
                gone.extend(only_old)
                came.extend(only_new)
    # A paragraph deleted here and inserted there (re-split, moved without the engine
    # noticing) still holds the same figures: pair them by section, label and unit.
    pairs, only_old, only_new = _pair_by_key(gone, came)
    shifts.extend(_shift(a.figure, b.figure) for a, b in pairs if not _same(a.figure, b.figure))
    # A measure reported under another heading (a monthly part renamed, a unit reorganised):
    # paired only when its label and unit are unique in both reports and its sentences agree.
    pairs = _pair_unique(only_old + far_old, only_new + far_new, _Roles(diff))
    shifts.extend(_shift(a.figure, b.figure) for a, b in pairs if not _same(a.figure, b.figure))
    paired = {id(item) for pair in pairs for item in pair}
    shifts.extend(_shift(item.figure, None) for item in only_old if id(item) not in paired)
    shifts.extend(_shift(None, item.figure) for item in only_new if id(item) not in paired)
    return shifts


_MIN_SHARED_WORDS = 2  # content words, besides the label's, that two sentences about one measure share
_MIN_SHARED_IN_ROLE = 1  # the same, in sections of the same role (:class:`_Roles`), not counting the unit
_UNIT_STEMS = frozenset(stem(stem(word)) for words in _UNIT_WORDS for word in words.split())
_YEAR_IN_HEADING = re.compile(r"\s*\b(?:19|20)\d\d\b")
_MONTH_IN_HEADING = re.compile(rf"\b(?:{MONTH_PATTERN})\b", re.IGNORECASE)


class _Roles:
    """Sections that play the same part in both reports though their headings differ.

    - The monthly part: the one top-level heading of a report that names a month ("Resultat
      februari 2023", "Månadsrapport juli"), when each report has exactly one.
    - A recurring section: a heading that names a year, read without it ("Barometern 2022",
      "Barometern 2023").
    """

    def __init__(self, diff: DocumentDiff) -> None:
        self.monthly: list[str | None] = []
        for paths in ([pair.old_path for pair in diff.pairs], [pair.new_path for pair in diff.pairs]):
            tops = {path[0] for path in paths if path and _MONTH_IN_HEADING.search(path[0])}
            self.monthly.append(tops.pop() if len(tops) == 1 else None)

    def of(self, figure: Figure, side: int) -> set[str]:
        """The roles of the sections ``figure`` stands in; ``side`` 0 is OLD, 1 NEW."""
        path = figure.section_path
        roles = {"\0monthly"} if path and path[0] == self.monthly[side] else set()
        for heading in path:
            if _YEAR_IN_HEADING.search(heading):
                roles.add(stem_phrase(_YEAR_IN_HEADING.sub("", heading)))
        return roles

    def shared(self, old: Figure, new: Figure) -> bool:
        return not self.of(old, 0).isdisjoint(self.of(new, 1))


@lru_cache(maxsize=4096)
def _sentence_stems(sentence: str) -> frozenset[str]:
    """The content words of a sentence, stemmed as labels are (:func:`_label_stems`)."""
    return frozenset(stem(word) for word in content_stems(sentence))


_Measure = tuple[str, str, str, bool]


def _measure(item: Found) -> _Measure:
    """Label, unit and standing, and whether the figure is a span ("företag med 3–49 anställda" is a
    size class, not a count of staff)."""
    return (*pairing_key(item.figure), standing(item.figure), item.figure.high is not None)


def _pair_unique(old: list[Found], new: list[Found], roles: _Roles) -> list[tuple[Found, Found]]:
    """Pairs of figures whose :func:`_measure` has one value among ``old`` and one among ``new``,
    that :func:`comparable` allows, and whose sentences share at least two other content words:
    the same measure, said the same way, in another place. In sections of the same role (the
    monthly part under another month's heading) one shared word is enough, if it is not a word of
    the unit ("procent" says nothing of what is measured).

    One value said twice (an introduction that repeats a figure of its section) is one figure: the
    sentence that shares the most words with the other report's speaks for it. Two values are two
    candidates alike, and nothing is paired."""
    measures = {id(item): _measure(item) for item in (*old, *new)}
    old_values: dict[_Measure, set[float]] = {}
    new_values: dict[_Measure, set[float]] = {}
    for pool, values in ((old, old_values), (new, new_values)):
        for item in pool:
            values.setdefault(measures[id(item)], set()).add(item.figure.value)
    by_key: dict[_Measure, list[Found]] = {}
    for item in old:
        if len(old_values[measures[id(item)]]) == 1:
            by_key.setdefault(measures[id(item)], []).append(item)
    pairs = []
    taken: set[_Measure] = set()
    for item in new:
        key = measures[id(item)]
        if len(new_values[key]) != 1 or key in taken or key not in by_key:
            continue
        label = set(key[0].split())
        best, best_shared = None, 0
        for match in by_key[key]:
            if not comparable(match.figure, item.figure):
                continue
            words = (_sentence_stems(match.figure.sentence) & _sentence_stems(item.figure.sentence)) - label
            if roles.shared(match.figure, item.figure):
                enough = len(words - _UNIT_STEMS) >= _MIN_SHARED_IN_ROLE
            else:
                enough = len(words) >= _MIN_SHARED_WORDS
            if enough and len(words) > best_shared:
                best, best_shared = match, len(words)
        if best is not None:
            pairs.append((best, item))
            taken.add(key)
    return pairs


def _pair_by_key(old: list[Found], new: list[Found]) -> tuple[list[tuple[Found, Found]], list[Found], list[Found]]:
    """Pair leftovers by section heading, label and unit; the same value first, then in order."""

    def key(item: Found) -> tuple[str, str, str]:
        heading = item.figure.section_path[-1] if item.figure.section_path else ""
        return (stem_phrase(heading), *pairing_key(item.figure))

    waiting: dict[tuple[str, str, str], list[Found]] = {}
    for item in old:
        waiting.setdefault(key(item), []).append(item)
    pairs: list[tuple[Found, Found]] = []
    only_new: list[Found] = []
    for item in new:
        candidates = waiting.get(key(item))
        if not candidates:
            only_new.append(item)
            continue
        fitting = [c for c in candidates if comparable(c.figure, item.figure)]
        if not fitting:
            only_new.append(item)
            continue
        match = next((c for c in fitting if _same(c.figure, item.figure)), fitting[0])
        candidates.remove(match)
        pairs.append((match, item))
    paired = {id(a) for a, _ in pairs}
    return pairs, [item for item in old if id(item) not in paired], only_new
