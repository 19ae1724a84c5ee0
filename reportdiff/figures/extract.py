"""Extraction: every quantity in a block of report text, with its value, unit and label.

A handful of regular expressions compiled once (:mod:`.words`) find a number (``7 419``, ``5,7``,
``-1,2``, ``(- 241 mnkr)``, ``6–8``), then what follows it (a unit such as ``procent`` or
``miljoner kronor``, or the noun it counts), then what precedes it (the noun phrase it
qualifies: ``Sjukfrånvaron … är 5,7 procent``, :mod:`.labels`). Dates, years, week and ward
numbers, names (``Pelikanen 13``, ``1177``), attachment and page numbers are left out.

Every step reads a bounded stretch around the number, or an index built once per sentence, so
the work grows linearly with the text: a 1 MB line without a full stop is read in seconds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from reportdiff.figures.labels import (
    _LOOK_BACK,
    Clauses,
    _counted_noun,
    _label_for,
    _previous_raw_word,
    _previous_word,
)
from reportdiff.figures.words import (
    _BETWEEN_TAIL,
    _CANDIDATE,
    _DIGIT,
    _FUNCTION,
    _ISO_DATE,
    _MONTH_AFTER,
    _MONTHS,
    _NOT_BEFORE,
    _NUMBER,
    _NUMBER_WORD_QUICK,
    _NUMBER_WORDS,
    _RANGE_TAIL,
    _SUFFIX_BLOCKERS,
    _TAL,
    _TILL_TAIL,
    _UNIT,
    _UNIT_WORDS,
    _WORD,
    _YEAR,
    _YEAR_BEFORE,
    has_number_word,
    may_hold_figure,
    parse_number,
    split_sentences,
)
from reportdiff.model import Figure, Report
from reportdiff.model.document import Block, BlockKind
from reportdiff.text.stem import base_form

# One figure while a sentence is read: start, end, value, high, unit, noun, raw text, modifier.
_Item = tuple[int, int, float, float | None, str, str, str, str]
_SHARE = "andel"  # the modifier of a proportion's item
_NUMBER_OR_WORD = r"(?:\d+|" + _NUMBER_WORD_QUICK.pattern + r")"
# "åtta av tio", "3 av 5": a proportion (not "3 av dessa", not "en av de …")
_PROPORTION = re.compile(
    r"(?<![\w,.-])(?P<part>" + _NUMBER_OR_WORD + r")\s+av\s+(?P<of>" + _NUMBER_OR_WORD + r")(?![\w,.-])"
)
_AV_THESE = re.compile(r"\s+av\s+(?:dessa|dem|de)\b")
# "73 procent av patienterna": a share of the patients, as "sju av tio patienter" is
_PERCENT_OF = re.compile(r"\s+av\s+(?:alla\s+|samtliga\s+)?([^\W\d]{4,})")


@dataclass(slots=True)
class Found:
    """A figure and where its text is in the block: ``start``/``end`` are character offsets."""

    figure: Figure
    start: int
    end: int


def figures_in_text(text: str, section_path: tuple[str, ...] = (), line: int = 1) -> list[Found]:
    """Every quantity in ``text`` (one block), in order of appearance."""
    found: list[Found] = []
    if not _DIGIT.search(text) and not has_number_word(text):
        return found  # most paragraphs: nothing to look at
    carried = ""
    for sentence_start, sentence in split_sentences(text):
        if not may_hold_figure(sentence):
            carried = ""
            continue
        in_sentence = _figures_in_sentence(sentence, sentence_start, section_path, line, carried)
        found.extend(in_sentence)
        counts = [item.figure.noun for item in in_sentence if item.figure.unit == "st" and item.figure.noun]
        carried = counts[-1] if counts else ""
    return found


def _figures_in_sentence(  # noqa: C901  (reason in the docstring)
    sentence: str, offset: int, section_path: tuple[str, ...], line: int, carried: str = ""
) -> list[Found]:
    """Figures of one sentence; ``carried`` is the last counted noun of the sentence before ("Tre av dessa").

    Over 60 lines and 15 branches (``noqa: C901``): one left-to-right scan in which each number's
    reading (a year, a date, a range, a count, a share) depends on the ones before it in the
    sentence; the readings are its cases, in the order they are tried.
    """
    results: list[_Item] = []
    if carried:
        results.append((-1, -1, 0.0, None, "st", carried, "", ""))
    count_noun = carried  # the noun of the latest count, inherited by a bare number ("varav 1531")
    clauses: Clauses | None = None  # indexed when a bare number first needs it
    text_start = len(sentence) - len(sentence.lstrip())
    position = 0
    while True:
        match = _next_candidate(sentence, position)
        if match is None:
            break
        start, end = match.start(), match.end()
        position = end
        digits = match.group("num")
        sign = (match.group("sign") or "").strip()
        if sign == "+/-":
            sign = ""
        previous_raw = _previous_raw_word(sentence, start)
        previous = previous_raw.strip("()[]\"'”,.;:").lower()
        if sign and start > 0 and sentence[start - 1].isalnum():
            continue
        if _ISO_DATE.match(sentence, end):
            position = end + 6
            continue
        tal = _TAL.match(sentence, end)
        if tal and "." not in digits:
            pass  # "20-tal": about twenty
        elif _SUFFIX_BLOCKERS.match(sentence, end) and not _RANGE_TAIL.match(sentence, end):
            position = end + 1
            continue
        value = parse_number(digits)
        if sign in ("-", "\u2212", "\u2013"):
            value = -value
        high: float | None = None
        is_plain = digits.isdigit()
        range_match = _RANGE_TAIL.match(sentence, end) if not tal else None
        if range_match is None and previous == "mellan":
            range_match = _BETWEEN_TAIL.match(sentence, end)
        if range_match:
            second = range_match.group("num")
            if is_plain and _YEAR.fullmatch(digits) and second.isdigit() and 2 <= len(second) <= 4:
                position = range_match.end()
                continue  # 2018-2026, 2020-2021: years
            if _MONTH_AFTER.match(sentence, range_match.end()):
                position = range_match.end()
                continue  # 10–11 september: dates
            high = parse_number(second)
            end = range_match.end()
            if _SUFFIX_BLOCKERS.match(sentence, end):
                position = end + 1
                continue
        if _TAL.match(sentence, end):
            end += 4
        position = max(position, end)
        if _MONTH_AFTER.match(sentence, end) and value == int(value) and 1 <= abs(value) <= 31 and not sign:
            continue  # 18 mars: a date
        if previous in _NOT_BEFORE or previous_raw.endswith(("§",)):
            continue
        unit_match = _UNIT.match(sentence, end)
        unit = _UNIT_WORDS[" ".join(unit_match.group("unit").lower().split())] if unit_match else ""
        is_year = is_plain and not sign and high is None and _YEAR.fullmatch(digits) is not None
        if is_year and (
            previous in _YEAR_BEFORE or unit_match is None or not unit.startswith(("procent", "mnkr", "kronor", "tkr"))
        ):
            if previous in _YEAR_BEFORE:
                continue
            noun, _ = _counted_noun(sentence, end)
            if not noun or noun.lower() in _MONTHS:
                continue
            if not noun.lower().endswith(("ar", "or", "er", "ningar", "are", "da")):
                continue
        noun = ""
        modifier = ""
        if not unit_match and _is_name(previous_raw, sentence, start, text_start):
            if not _counted_noun(sentence, end)[0].lower().endswith(_PLURALS):
                continue  # Pelikanen 13, Kiruna 4: a name or a table cell
        if unit_match:
            end = unit_match.end()
            if unit == "årsarbetare":
                unit, noun = "st", "årsarbetare"
        else:
            noun, modifier = _counted_noun(sentence, end)
            borrowed = _unit_ahead(sentence, end) if previous == "från" else ""
            if borrowed:
                unit = borrowed
            elif noun:
                unit = "st"
            else:
                if previous_raw[:1].isupper() and not previous_raw.endswith((".", ":")) and start > 0:
                    continue  # Pelikanen 13, Kiruna 4: a name or a table cell
                if digits in ("1177", "112", "1450"):
                    continue
                noun, inherited_modifier = _inherited_count(count_noun, sentence, start, end, modifier)
                if not noun:
                    if clauses is None:
                        clauses = Clauses(sentence)
                    noun = clauses.antal_noun(start)
                if not noun:
                    continue
                modifier = modifier or inherited_modifier
                unit = "st"
        raw = sentence[start:end].strip()
        results.append((start, end, value, high, unit, noun, raw, modifier))
        if unit == "st" and noun:
            count_noun = noun
    results.extend(_number_word_figures(sentence, results))
    results = _proportions(sentence, sorted(item for item in results if item[0] >= 0))
    return _labelled(results, sentence, offset, section_path, line)


def _proportions(sentence: str, results: list[_Item]) -> list[_Item]:
    """A proportion written "åtta av tio patienter" is one figure in procent (80) labelled "andel
    patienter", not a count of ten; "sex av nio operationssalar" counts six of a known whole, a count
    of operating rooms (6), not 67 %. Only tenths and hundredths are shares. The numbers' own items go."""
    if " av " not in sentence:
        return results
    for match in _PROPORTION.finditer(sentence):
        whole = _number_value(match.group("of"))
        if not whole:
            continue
        part = _number_value(match.group("part"))
        noun, _ = _counted_noun(sentence, match.end())
        start, end = match.start(), match.end()
        results = [item for item in results if item[1] <= start or item[0] >= end]
        if whole in _SHARE_WHOLES:
            label_noun = f"andel {noun.lower()}" if noun else "andel"
            share = round(part / whole * 100, 2)
            results.append((start, end, share, None, "procent", label_noun, sentence[start:end], _SHARE))
        elif noun:  # a count of a whole's part: never paired with the whole ("sex nya datortomografer")
            results.append((start, end, part, None, "st", noun, sentence[start:end], f"av {whole:g}"))
    return sorted(results)


_SHARE_WHOLES = (10, 100)  # "åtta av tio", "45 av 100": a share; another whole is a count of its part


def _number_value(word: str) -> float:
    return float(word) if word.isdigit() else float(_NUMBER_WORDS.get(word.lower(), 0))


_PLURALS = ("ar", "er", "or", "are", "der", "da", "na")


def _is_name(previous_raw: str, sentence: str, start: int, text_start: int) -> bool:
    """A capitalised word right before a number, not at the sentence start, names it.

    ``text_start`` is where the sentence's text begins (after leading blanks). ``previous_raw``
    was read from the last ``_LOOK_BACK`` characters, so when more than that lies between the
    sentence start and the number, the word cannot be the sentence's first: no need to copy
    the whole text before every number (quadratic on a long line).
    """
    if not previous_raw[:1].isupper() or previous_raw.endswith((".", ":", ",")):
        return False
    if start - text_start > len(previous_raw) + _LOOK_BACK:
        return True
    return sentence[text_start:start].strip() != previous_raw


def _next_candidate(sentence: str, position: int) -> re.Match[str] | None:
    """The next number at or after ``position``: find a digit, then try the pattern just before it.

    Much faster than letting the pattern (with its look-behinds and optional sign) scan.
    """
    while True:
        digit = _DIGIT.search(sentence, position)
        if digit is None:
            return None
        index = digit.start()
        for start in (index - 4, index - 3, index - 2, index - 1, index):
            if start < position:
                continue
            match = _CANDIDATE.match(sentence, start)
            if match is not None and match.start("num") == index:
                return match
        position = index + 1
        while position < len(sentence) and sentence[position].isdigit():
            position += 1


def _inherited_count(
    count_noun: str,
    sentence: str,
    start: int,
    end: int,
    modifier: str = "",
) -> tuple[str, str]:
    """A bare number after a count in the same sentence counts the same thing ("varav 1531 i …").

    So does ``361 fler`` after ``7 419 anställda``. ``count_noun`` is the noun of the latest
    count before (or "").
    """
    before = sentence[max(0, start - 30) : start].lower().split()[-2:]
    inherit = modifier in ("fler", "färre", "ytterligare") or "ytterligare" in before or _AV_THESE.match(sentence, end)
    if inherit or _previous_word(sentence, start) in ("varav", "och", "respektive", "samt", "medan", "bli", "blir"):
        if count_noun:
            return count_noun, ""
    return "", ""


def _unit_ahead(sentence: str, end: int) -> str:
    """The unit of ``från 30 till 36 månader``: a bare number borrows it from the number after."""
    match = _TILL_TAIL.match(sentence, end)
    if match is None:
        return ""
    unit_match = _UNIT.match(sentence, match.end())
    return _UNIT_WORDS[" ".join(unit_match.group("unit").lower().split())] if unit_match else ""


def _number_word_figures(sentence: str, taken: list[_Item]) -> list[_Item]:
    """Figures written as words ("tre nya vårdplatser") outside the digits already ``taken``."""
    extra: list[_Item] = []
    if _NUMBER_WORD_QUICK.search(sentence) is None:
        return extra  # most sentences: no number word, nothing to index
    by_start = sorted(taken, key=lambda item: item[0])
    starts = [item[0] for item in by_start]
    reach = list(accumulate((item[1] for item in by_start), max))  # the furthest end so far
    counts = [item for item in taken if item[4] == "st" and item[5]]
    latest = max(counts) if counts else None  # the last count in sentence order, digits or words
    for match in _NUMBER_WORD_QUICK.finditer(sentence):
        start, end = match.start(), match.end()
        before_end = bisect_left(starts, end)  # taken items that start before this word ends
        if before_end and reach[before_end - 1] > start:
            continue  # overlaps a figure in digits
        if _previous_word(sentence, start) in _NOT_BEFORE:
            continue
        value = float(_NUMBER_WORDS[match.group(0).lower()])
        unit_match = _UNIT.match(sentence, end)
        if unit_match and unit_match.group("unit") != "%":
            unit = _UNIT_WORDS[" ".join(unit_match.group("unit").lower().split())]
            noun = ""
            stop = unit_match.end()
            if unit == "årsarbetare":
                unit, noun = "st", "årsarbetare"
            item = (start, stop, value, None, unit, noun, sentence[start:stop], "")
            extra.append(item)
            if unit == "st" and noun and (latest is None or item > latest):
                latest = item
            continue
        noun, modifier = _counted_noun(sentence, end)
        if not noun:
            noun, _ = _inherited_count(latest[5] if latest else "", sentence, start, end, modifier)
        if not noun or noun.lower() in _NUMBER_WORDS:
            continue
        item = (start, end, value, None, "st", noun, sentence[start:end], modifier)
        extra.append(item)
        if latest is None or item > latest:
            latest = item
    return extra


def _labelled(
    results: list[_Item],
    sentence: str,
    offset: int,
    section_path: tuple[str, ...],
    line: int,
) -> list[Found]:
    found: list[Found] = []
    previous_label = ""
    stripped = sentence.strip()
    for start, end, value, high, unit, noun, raw, modifier in results:
        if unit == "st" and noun:
            label = noun.lower()
            if modifier:
                label += f" ({modifier})"
        elif modifier == _SHARE:
            label = noun  # "andel patienter", from "åtta av tio patienter"
        else:
            parenthesised = _after_open_parenthesis(sentence, start)
            label, inherited = _label_for(sentence, start, end, previous_label, parenthesised)
            share_of = _PERCENT_OF.match(sentence, end) if unit == "procent" else None
            of_what = base_form(share_of.group(1).lower()) if share_of else ""
            if of_what and (inherited or label == of_what):  # no subject of its own before it
                label = f"{_SHARE} {of_what}"  # "I april fick 73 procent av patienterna": a share of them
            if not label and section_path:
                label = base_form(section_path[-1])
            noun = label
        if unit != "st" or not modifier:
            previous_label = label.split(" (")[0]
        figure = Figure(
            value=value,
            unit=unit,
            label=label,
            raw=raw,
            sentence=stripped,
            section_path=section_path,
            line=line,
            high=high,
            noun=noun,
        )
        found.append(Found(figure, offset + start, offset + end))
    return found


def _after_open_parenthesis(sentence: str, start: int) -> bool:
    """Whether the last non-blank character before ``start`` is "(", reading back only as far as needed."""
    reach = 64
    while True:
        before = sentence[max(0, start - reach) : start].rstrip()
        if before or reach >= start:
            return before.endswith("(")
        reach *= 2


# --- figures of a whole report ------------------------------------------------------------


def _line_of(block: Block, start: int, source_lines: list[str] | None) -> int:
    """The physical line of a figure that starts at ``start`` in ``block.text``."""
    first, last = block.span.start, block.span.end
    if first >= last:
        return first
    if source_lines:
        head = re.search(r"\d+|[^\W\d_]+", block.text[start:])
        token = head.group(0) if head else block.text[start : start + 4]
        occurrence = len(re.findall(rf"(?<![\d]){re.escape(token)}(?![\d])", block.text[:start]))
        count = 0
        pattern = re.compile(rf"(?<![\d]){re.escape(token)}(?![\d])")
        for number in range(first, min(last, len(source_lines)) + 1):
            physical = source_lines[number - 1]
            if number == first and block.marker:
                physical = _LIST_MARKER.sub("", physical, count=1)
            hits = len(pattern.findall(physical))
            if count + hits > occurrence:
                return number
            count += hits
    fraction = start / max(1, len(block.text))
    return first + round(fraction * (last - first))


def _row_label(header: str) -> str:
    words = [
        word
        for word in _WORD.findall(header.replace("- ", ""))
        if word.lower() not in _FUNCTION and word.lower() != "fg"
    ]
    return " ".join(base_form(word) for word in words[:4])


def _relabel(found: list[Found], fallback: str, row_header: str) -> list[Figure]:
    """Figures of a table row are named by the header rows above them, not by the section heading."""
    for item in found:
        if row_header and item.figure.unit != "st" and item.figure.label in (fallback, ""):
            item.figure.label = item.figure.noun = _row_label(row_header) or fallback
    return [item.figure for item in found]


_LONE_NUMBER = re.compile(rf"[-+\u2212]?{_NUMBER}")
_LONE_UNIT = re.compile(r"(?:mnkr|mkr|mdkr|tkr|kr|kronor|procent|%)", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]|[-–•*o\uf0b7])\s+")


def block_figures(block: Block, path: tuple[str, ...], source_lines: list[str] | None = None) -> list[Found]:
    found = figures_in_text(block.text, path, block.span.start)
    for item in found:
        item.figure.line = _line_of(block, item.start, source_lines)
    return found


def extract_figures(report: Report, source_text: str | None = None) -> list[Figure]:
    """Every figure in the body of ``report``, in document order.

    ``source_text`` (the file as read) lets a figure point at its physical line inside a
    paragraph that spans several lines; without it the line is estimated from the offset.
    """
    lines = source_text.split("\n") if source_text is not None else None
    figures: list[Figure] = []
    for path, section in report.root.walk_with_path():
        blocks = section.blocks
        row_header = ""  # table rows without numbers just above: they name the figures of the next row
        header_done = False
        fallback = base_form(path[-1]) if path else ""
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and _LONE_NUMBER.fullmatch(block.text) and _LONE_UNIT.fullmatch(following.text):
                # A table cell whose unit the extraction put on the next line: "378" / "mnkr".
                joined = Block(block.kind, f"{block.text} {following.text}", block.span, block.marker)
                figures.extend(_relabel(block_figures(joined, path, None), fallback, row_header))
                continue
            if block.kind is BlockKind.TABLE_ROW and not re.search(r"\d", block.text):
                if header_done:
                    row_header, header_done = "", False
                row_header = f"{row_header} {block.text}".strip()
                continue
            header_done = True
            in_block = block_figures(block, path, lines)
            if block.kind is BlockKind.TABLE_ROW and row_header:
                figures.extend(_relabel(in_block, fallback, row_header))
            else:
                figures.extend(item.figure for item in in_block)
    return figures
