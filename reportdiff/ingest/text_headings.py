"""Which units of a text report are headings: contents entries, shape, what follows, and the cues.

Called by ``ingest/text.py`` once its lines are joined into units; levels are set afterwards by
``text/headings.py::assign_levels``. Each decision leaves its reason in ``Unit.why``.
"""

from __future__ import annotations

from reportdiff.ingest.cues import holds_date, is_long_title, listed_prefix_split
from reportdiff.ingest.units import Line, Unit
from reportdiff.model import BlockKind
from reportdiff.text.heading_words import HeadingWords
from reportdiff.text.headings import is_heading_shape, pattern_kind
from reportdiff.text.normalize import heading_key

_FORM_NAMES = {
    "part": "report part",
    "division": "division",
    "area": "care area",
    "department": "department",
    "unit": "unit named for its task",
}


def split_listed_prefixes(units: list[Unit], listed_keys: set[str]) -> list[Unit]:
    """A contents entry and the heading below it run together on one line become two units.

    Only the report's own contents is evidence here: a heading of the other report that is a
    line's start may be the other report's misreading (a wrapped heading cut in two).
    """
    out: list[Unit] = []
    for unit in units:
        split = None
        if unit.kind is BlockKind.PARAGRAPH and len(unit.lines) <= 2 and len(unit.text) <= 160:
            split = listed_prefix_split(unit.text, listed_keys)
        why = "split from the line it shares with a contents entry"
        if split is None:
            out.append(unit)
            continue
        out += [Unit(unit.lines, split[0], why=why), Unit(unit.lines[-1:], split[1], why=why)]
    return out


def mark_headings(units: list[Unit], listed_keys: set[str], style: str, words: HeadingWords | None = None) -> None:
    """Heading candidates: listed in the contents/outline, or by their shape and what follows them."""
    for position, unit in enumerate(units):
        if unit.kind is not BlockKind.PARAGRAPH or (style != "word" and len(unit.lines) > 3):
            continue
        following = units[position + 1] if position + 1 < len(units) else None
        if is_heading_shape(unit.text):
            shape = f"a heading's shape ({len(unit.text)} characters, a capital first, no final stop)"
        elif _long_title_before(unit, following):
            shape = f"a long title ({len(unit.text)} characters, one clause, no final stop, a sentence after it)"
        else:
            continue
        unit.listed = is_listed(unit.text, listed_keys)
        if following is None:
            continue  # a last short line is a closing remark, not a heading of nothing
        if following.text[:1].islower() and following.kind is BlockKind.PARAGRAPH:
            continue
        unit.heading = True
        after = "a short line" if is_heading_shape(following.text) else "text"
        listed = "listed in the contents or outline; " if unit.listed else ""
        kind = pattern_kind(unit.text, words)
        form = f"the form of a {_FORM_NAMES[kind]}; " if kind else ""
        unit.why = f"{listed}{form}{shape}; followed by {after}" + (f"; {unit.why}" if unit.why else "")
    _reject_long_chains(units, words)
    _reject_dated_runs(units)


def _long_title_before(unit: Unit, following: Unit | None) -> bool:
    return following is not None and following.kind is BlockKind.PARAGRAPH and is_long_title(unit.text, following.text)


def is_listed(text: str, listed_keys: set[str]) -> bool:
    """In the contents or outline: the same key, or nearly (a typo or a changed word in a long heading)."""
    key = heading_key(text)
    if key in listed_keys or not listed_keys or len(key) < 12:
        return key in listed_keys
    from rapidfuzz import fuzz, process

    return process.extractOne(key, listed_keys, scorer=fuzz.ratio, score_cutoff=92) is not None


def _reject_dated_runs(units: list[Unit]) -> None:
    """Two or more short lines in a row that each name a date are a list (attachments), not headings."""
    run: list[Unit] = []
    for unit in units + [Unit([Line(0, "")], "")]:
        if unit.kind is BlockKind.PARAGRAPH and not unit.listed and len(unit.text) <= 160 and holds_date(unit.text):
            run.append(unit)
            continue
        if len(run) >= 2:
            for dated in run:
                dated.heading = False
        run = []


def _reject_long_chains(units: list[Unit], words: HeadingWords | None) -> None:
    """Five or more headings in a row with no evidence is a flattened table or a list, not headings."""
    chain: list[Unit] = []
    for unit in units + [Unit([Line(0, "")], "")]:
        if unit.heading:
            chain.append(unit)
            continue
        if len(chain) >= 5:
            for candidate in chain:
                if not candidate.listed and not pattern_kind(candidate.text, words):
                    candidate.heading = False
        chain = []
