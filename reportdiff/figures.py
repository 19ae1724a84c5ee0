"""Figures: find every quantity in report text, say what it measures, and pair them across versions.

Extraction is a handful of regular expressions compiled once, plus small word lists: a number
(``7 419``, ``5,7``, ``-1,2``, ``(- 241 mnkr)``, ``6–8``), then what follows it (a unit such as
``procent`` or ``miljoner kronor``, or the noun it counts), then what precedes it (the noun
phrase it qualifies: ``Sjukfrånvaron … är 5,7 procent``). Dates, years, week and ward numbers,
names (``Pelikanen 13``, ``1177``), attachment and page numbers are recognised and left out.

Pairing (:func:`figure_shifts`) only looks at changed content of a :class:`DocumentDiff`:
numbers inside an unchanged or merely moved sentence are never shifts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reportdiff.model import (
    BlockChange,
    BlockOp,
    DocumentDiff,
    Figure,
    FigureShift,
    Report,
    SectionStatus,
    TextOpKind,
)
from reportdiff.model.document import Block, BlockKind
from reportdiff.text.stem import base_form, stem, stem_phrase

# --- the number itself -------------------------------------------------------------------

_SEP = "[ \u00a0\u202f\u2009]"
_NUMBER = rf"(?:[1-9]\d{{0,2}}(?:{_SEP}\d{{3}})+(?![\d])|\d+)(?:,\d+|\.\d+(?![.\d]))?"
_SEP_PATTERN = re.compile(_SEP)
_CANDIDATE = re.compile(rf"(?<![\w./:\u00ad])(?<![^\W\d_]-)(?P<sign>\+/-\s?|[-+\u2212\u2013]\s?)?(?P<num>{_NUMBER})")
_RANGE_TAIL = re.compile(rf"\s?[-\u2013\u2014]\s?(?P<num>{_NUMBER})(?![\w-])")
_BETWEEN_TAIL = re.compile(rf"\s(?:till|och)\s(?P<num>{_NUMBER})(?![\w-])")
_TILL_TAIL = re.compile(rf"\s(?:till|och)\s(?P<num>{_NUMBER})")
_ISO_DATE = re.compile(r"-\d{2}-\d{2}")
_SUFFIX_BLOCKERS = re.compile(r"(?::\w|-\w|/\d|[.:]\d)")  # 4:e, 19-, 2-kirurgi, 22/2, 13.00
_TAL = re.compile(r"-tal\b")

_MONTHS = (
    "januari februari mars april maj juni juli augusti september oktober november december "
    "jan feb mar apr jun jul aug sep sept okt nov dec"
).split()
_MONTH_AFTER = re.compile(r"\s?(?:" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)

# Units: what is written → the canonical unit. Longest first, so "miljoner kronor" beats "miljoner".
_UNIT_WORDS: dict[str, str] = {
    "procentenheter": "procentenheter",
    "procentenhet": "procentenheter",
    "procent": "procent",
    "%": "procent",
    "miljarder kronor": "mdkr",
    "miljard kronor": "mdkr",
    "mdkr": "mdkr",
    "mdr kr": "mdkr",
    "miljoner kronor": "mnkr",
    "miljon kronor": "mnkr",
    "mnkr": "mnkr",
    "mkr": "mnkr",
    "milj kr": "mnkr",
    "tusen kronor": "tkr",
    "tkr": "tkr",
    "kronor": "kronor",
    "kr": "kronor",
    "år": "år",
    "åren": "år",
    "månader": "månader",
    "månaderna": "månader",
    "månad": "månader",
    "veckor": "veckor",
    "veckorna": "veckor",
    "dagar": "dagar",
    "dagarna": "dagar",
    "dygn": "dygn",
    "timmar": "timmar",
    "timme": "timmar",
    "minuter": "minuter",
    "minut": "minuter",
    "mil": "mil",
    "km": "km",
    "årsarbetare": "årsarbetare",
    "stycken": "st",
    "st": "st",
}
_UNIT = re.compile(
    r"(?:\s(?:föregående|senaste|kommande|närmaste|närmsta|gångna))?\s?(?P<unit>"
    + "|".join(re.escape(word).replace(r"\ ", r"\s") for word in sorted(_UNIT_WORDS, key=len, reverse=True))
    + r")(?![\wåäöÅÄÖ])",
    re.IGNORECASE,
)

_NUMBER_WORDS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
    "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17,
    "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "hundra": 100,
}  # fmt: skip

_WORD = re.compile(r"[^\W\d_][\w/:-]*", re.UNICODE)


def _trie_pattern(words: list[str]) -> str:
    """An alternation grouped by first letter ("t(?:vå|re|io)|f(?:yra|em)"), far faster to search."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


# Number words, lower case or capitalised at a sentence start ("Fem lex Maria-ärenden").
_NUMBER_WORD_QUICK = re.compile(
    r"(?<![\w-])(?:" + _trie_pattern([*_NUMBER_WORDS, *(word.capitalize() for word in _NUMBER_WORDS)]) + r")(?![\w-])"
)
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]–]|\s(?:vilket|vilka|varav|och|men|medan|samt|respektive|eller)\s")
_FIXED_PHRASES = re.compile(r"\b(?:till och med|till exempel|och med|bland annat)\b", re.IGNORECASE)
_LABEL_REACH = 200  # characters around a figure read for its label
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖ0-9\"”(])")

# Words before a number that make it a name or a position, not a quantity.
_NOT_BEFORE = frozenset(
    """avdelning avd avdelningen vecka veckan v graviditetsvecka sida sidan bilaga bilagan bilagor punkt fas
    fasen steg kapitel nr nummer plats platsen placering klad prio version anslag anslaget lagen rum hus
    artikel paragraf § kl klockan sfs sal station rad kvartal tertial covid covid-19 dnr diarienummer id
    år året årets budgetåret kv etapp omgång nivå""".split()
)
# Words before a four-digit number that make it a year.
_YEAR_BEFORE = frozenset(
    """under sedan till från i inför mellan år året våren hösten sommaren vintern fram före efter per med
    om jämfört hela inom t.o.m. tom fr.o.m. början slutet mitten halvåret""".split()
    + _MONTHS
)
# Words that carry no meaning of their own when looking for what a figure measures.
_FUNCTION = frozenset(
    """den det de denna detta dessa en ett som i på av till för med under inom vid från per mot om efter än
    vilket vilka varav samt men där när och eller att så både även också nu redan ca cirka drygt knappt
    nästan totalt sammanlagt över upp ned in ut här sin sitt sina dess deras vår våra vi jag ni man hela
    alla samtliga några flera andra övriga fler färre mer mindre högre lägre bättre sämre positivt
    negativt positiv negativ jämfört samma period föregående fortsatt fortfarande endast bara ackumulerat
    dock således därmed exempelvis bland annat ungefär motsvarande är var har hade blir blev bli vara varit
    uppgår uppgick ökat ökade ökar minskat minskade minskar sänkts sjunkit ligger låg motsvarar
    beräknas visar pekar prognosticeras innebär kommer ska kan skulle kunde får fick totala ökning
    minskning förbättring försämring ökningen minskningen förbättringen försämringen inte ej knappt
    regionen region norrbotten norrbottens idag nuläget just mycket stor stora liten små genomsnitt
    snitt hittills enligt kring cirka tidigare senaste sista första procent mnkr kronor miljoner min mitt
    vill viss vissa utifrån eftersom högt klar tillkommer relativt ansvarar ökad ökade positiva negativa
    preliminärt medför godkänd före slumpmässigt utöver gjort gör görs vidare därtill dessutom""".split()
    + _MONTHS
)
# Words right after a count number that qualify it rather than name what is counted.
_COUNT_MODIFIERS = frozenset("fler färre nya nytt ny extra ytterligare cirka ca drygt olika".split())
# Words after a number that cannot be the counted noun.
_NOT_NOUN = frozenset(
    """och eller som i på av till för med under inom vid från per mot om efter än är var har hade blir ska
    kan kommer har procent via""".split()
)
_COMPARATIVES = frozenset("större mindre högre lägre äldre yngre längre kortare fler färre".split())
_GENERIC_HEADS = frozenset("antal antalet andel andelen kostnad kostnaden kostnaderna intäkter intäkterna".split())


@dataclass(slots=True)
class Found:
    """A figure and where its text is in the block: ``start``/``end`` are character offsets."""

    figure: Figure
    start: int
    end: int


def parse_number(text: str) -> float:
    """``7 419`` → 7419, ``5,7`` → 5.7, ``−1,2`` → -1.2."""
    cleaned = _SEP_PATTERN.sub("", text).replace("\u2212", "-").replace("\u2013", "-").replace(",", ".")
    return float(cleaned)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of a block with their start offsets; abbreviations rarely matter for figures."""
    sentences: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        sentences.append((start, text[start : match.start() + 1]))
        start = match.end()
    sentences.append((start, text[start:]))
    return [(offset, sentence) for offset, sentence in sentences if sentence.strip()]


def _previous_raw_word(text: str, end: int) -> str:
    words = text[max(0, end - 40) : end].split()
    return words[-1] if words else ""


def _previous_word(text: str, end: int) -> str:
    return _previous_raw_word(text, end).strip("()[]\"'”,.;:").lower()


def _words_after(text: str, start: int, limit: int = 4) -> list[str]:
    words: list[str] = []
    for word in text[start : start + 80].split():
        clean = word.strip("()[]\"'”,.;:!?")
        words.append(clean)
        if clean != word.rstrip(".,;:!?)\"'”") or word[-1:] in ".,;:!?)" or len(words) >= limit:
            break
    return words


def _is_verb_like(word: str) -> bool:
    lowered = word.lower()
    return len(lowered) > 5 and lowered.endswith(("ades", "ats", "its", "tts", "des", "tes", "ade", "erar", "ras"))


def _counted_noun(text: str, start: int) -> tuple[str, str]:
    """The noun a bare number counts (``361 fler anställda`` → ``anställda``) and its modifier."""
    words = _words_after(text, start, limit=5)
    modifier = ""
    phrase: list[str] = []
    for index, word in enumerate(words):
        lowered = word.lower()
        if not phrase and lowered in _COUNT_MODIFIERS:
            if lowered in ("fler", "färre", "nya", "nytt", "ny", "ytterligare"):
                modifier = "nya" if lowered in ("nya", "nytt", "ny") else lowered
            continue
        if not word or not word[0].isalpha() or lowered in _NOT_NOUN or lowered in _MONTHS:
            break
        if not phrase and lowered.endswith(("igt", "vis")) and index + 1 < len(words):
            continue  # an adverb: "2 000 slumpmässigt utvalda individer"
        if _is_verb_like(word):
            following = words[index + 1] if index + 1 < len(words) else ""
            if phrase or not following[:1].isalpha() or following.lower() in _NOT_NOUN or _is_verb_like(following):
                break
            phrase.append(word)  # a participle used as an adjective: "10–20 diagnosticerade fall"
            continue
        phrase.append(word)
        if lowered == "lex" and index + 1 < len(words):
            continue  # "lex Maria-anmälningar"
        if (lowered.endswith("a") or lowered in _COMPARATIVES) and (
            index + 1 < len(words) and words[index + 1][:1].isalpha() and words[index + 1].lower() not in _NOT_NOUN
        ):
            continue  # an adjective: "6 allmänmedicinska vårdplatser"
        break
    while phrase and (len(phrase[-1]) < 3 or phrase[-1].lower() in _FUNCTION):
        phrase.pop()
    if not phrase:
        return "", modifier
    return " ".join(phrase), modifier


def _is_definite(word: str) -> bool:
    """A noun in definite form ("Sjukfrånvaron", "väntetiden", "Finansnettot"): usually what is measured."""
    lowered = word.lower()
    return len(lowered) > 5 and base_form(lowered) != lowered and not lowered.endswith(("ande", "ende"))


def _subject(clause: str) -> str:
    """The noun phrase a figure qualifies, read from the clause before it.

    In order: a genitive phrase at the start ("Periodens resultat"), a generic head ("antalet
    besök", "kostnaderna för …"), the last noun in definite form ("… den kortaste väntetiden"),
    else the first content word.
    """
    words = _WORD.findall(clause)
    content = [
        (i, w) for i, w in enumerate(words) if w.lower() not in _FUNCTION and len(w) > 2 and not _is_verb_like(w)
    ]
    if not content:
        return ""
    first_index, first = content[0]
    generic = next(((i, w) for i, w in content if w.lower() in _GENERIC_HEADS), None)
    definite = [
        (i, w) for i, w in content if _is_definite(w) and w[:1].islower() or (i, w) == content[0] and _is_definite(w)
    ]
    genitive = first.lower().endswith(("ens", "ets", "ns")) and first_index + 1 < len(words)
    if genitive and words[first_index + 1].lower() not in _FUNCTION:
        index, word = first_index, first
    elif generic is not None:
        index, word = generic
    elif definite:
        index, word = definite[-1]
    else:
        index, word = first_index, first
    phrase = [word]
    lowered = word.lower()
    following = words[index + 1 : index + 5]
    if lowered.endswith("s") and following and following[0].lower() not in _FUNCTION and len(lowered) > 4:
        phrase.append(following[0])  # genitive: "Periodens resultat"
    elif lowered in _GENERIC_HEADS or lowered.endswith(("ade", "iska", "rad", "rd")) and following:
        for extra in following[:3]:
            if extra.lower() in ("för", "av") and lowered not in _GENERIC_HEADS:
                break
            phrase.append(extra)
            if extra.lower() not in ("för", "av") and not extra.lower().endswith(("ade", "da", "ska", "na")):
                break
    return " ".join(base_form(part) for part in phrase)


def _qualifier(text_after: str) -> str:
    clause = _CLAUSE_BREAK.split(text_after, maxsplit=1)[0].lower()
    if "budget" in clause:
        return " (budget)"
    if "föregående år" in clause or "förra året" in clause or "samma period" in clause or "fg år" in clause:
        return " (fg år)"
    return ""


def _label_for(sentence: str, rel_start: int, rel_end: int, previous: str, parenthesised: bool) -> tuple[str, bool]:
    """What a unit figure measures; returns (label, inherited)."""
    before = _FIXED_PHRASES.sub(" ", sentence[max(0, rel_start - _LABEL_REACH) : rel_start])
    clause = _CLAUSE_BREAK.split(before)[-1]
    subject = _subject(clause)
    if subject and subject.split()[0] in ("förbättring", "försämring", "ökning", "minskning") and previous:
        subject = ""
    qualifier = _qualifier(sentence[rel_end : rel_end + _LABEL_REACH])
    if parenthesised and previous:
        return previous + " (parentes)", True
    if subject:
        return subject + qualifier, False
    if previous:
        return previous + qualifier, True
    subject = _subject(before)
    if subject:
        return subject + qualifier, False
    match = re.match(r"\s+av\s+(?:de\s+|den\s+|det\s+)?([^\W\d]+)", sentence[rel_end:])
    if match:
        return base_form(match.group(1)) + qualifier, False
    return "", False


def figures_in_text(text: str, section_path: tuple[str, ...] = (), line: int = 1) -> list[Found]:
    """Every quantity in ``text`` (one block), in order of appearance."""
    found: list[Found] = []
    if not _DIGIT.search(text) and not _has_number_word(text):
        return found  # most paragraphs: nothing to look at
    carried = ""
    for sentence_start, sentence in split_sentences(text):
        if not _may_hold_figure(sentence):
            carried = ""
            continue
        in_sentence = _figures_in_sentence(sentence, sentence_start, section_path, line, carried)
        found.extend(in_sentence)
        counts = [item.figure.noun for item in in_sentence if item.figure.unit == "st" and item.figure.noun]
        carried = counts[-1] if counts else ""
    return found


def _figures_in_sentence(
    sentence: str, offset: int, section_path: tuple[str, ...], line: int, carried: str = ""
) -> list[Found]:
    """Figures of one sentence; ``carried`` is the last counted noun of the sentence before ("Tre av dessa")."""
    results: list[
        tuple[int, int, float, float | None, str, str, str, str]
    ] = []  # start, end, v, hi, unit, noun, raw, mod
    if carried:
        results.append((-1, -1, 0.0, None, "st", carried, "", ""))
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
        if not unit_match and _is_name(previous_raw, sentence, start):
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
                noun, inherited_modifier = _inherited_count(results, sentence, start, end, modifier)
                if not noun:
                    noun = _antal_noun(sentence[:start])
                if not noun:
                    continue
                modifier = modifier or inherited_modifier
                unit = "st"
        raw = sentence[start:end].strip()
        results.append((start, end, value, high, unit, noun, raw, modifier))
    results.extend(_number_word_figures(sentence, results))
    results = sorted(item for item in results if item[0] >= 0)
    return _labelled(results, sentence, offset, section_path, line)


_PLURALS = ("ar", "er", "or", "are", "der", "da", "na")
_ANTAL = re.compile(r"\bantalet\s+((?:[^\W\d_]+\s+)?[^\W\d_]+)[^,;:]*$", re.IGNORECASE)


def _antal_noun(before: str) -> str:
    """``Antalet anställda … är 7 600``: a bare number at the end of such a clause counts that noun."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    match = _ANTAL.search(clause)
    if match is None:
        return ""
    words = [word for word in match.group(1).split() if word.lower() not in _FUNCTION]
    return words[-1] if words else ""


def _is_name(previous_raw: str, sentence: str, start: int) -> bool:
    """A capitalised word right before a number, not at the sentence start, names it."""
    if not previous_raw[:1].isupper() or previous_raw.endswith((".", ":", ",")):
        return False
    return sentence[:start].strip() != previous_raw


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


def _may_hold_figure(text: str) -> bool:
    return bool(text) and (_DIGIT.search(text) is not None or _has_number_word(text))


def _has_number_word(text: str) -> bool:
    return _NUMBER_WORD_QUICK.search(text) is not None


def _inherited_count(
    results: list[tuple[int, int, float, float | None, str, str, str, str]],
    sentence: str,
    start: int,
    end: int,
    modifier: str = "",
) -> tuple[str, str]:
    """A bare number after a count in the same sentence counts the same thing ("varav 1531 i …").

    So does ``361 fler`` after ``7 419 anställda``.
    """
    before = sentence[max(0, start - 30) : start].lower().split()[-2:]
    inherit = (
        modifier in ("fler", "färre", "ytterligare")
        or "ytterligare" in before
        or re.match(r"\s+av\s+(?:dessa|dem|de)\b", sentence[end:])
    )
    if inherit or _previous_word(sentence, start) in ("varav", "och", "respektive", "samt", "medan", "bli", "blir"):
        for item in reversed(results):
            if item[4] == "st" and item[5]:
                return item[5], ""
    return "", ""


def _unit_ahead(sentence: str, end: int) -> str:
    """The unit of ``från 30 till 36 månader``: a bare number borrows it from the number after."""
    match = _TILL_TAIL.match(sentence, end)
    if match is None:
        return ""
    unit_match = _UNIT.match(sentence, match.end())
    return _UNIT_WORDS[" ".join(unit_match.group("unit").lower().split())] if unit_match else ""


def _number_word_figures(
    sentence: str, taken: list[tuple[int, int, float, float | None, str, str, str, str]]
) -> list[tuple[int, int, float, float | None, str, str, str, str]]:
    extra: list[tuple[int, int, float, float | None, str, str, str, str]] = []
    for match in _NUMBER_WORD_QUICK.finditer(sentence):
        start, end = match.start(), match.end()
        if any(start < item[1] and end > item[0] for item in taken):
            continue
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
            extra.append((start, stop, value, None, unit, noun, sentence[start:stop], ""))
            continue
        noun, modifier = _counted_noun(sentence, end)
        if not noun:
            noun, _ = _inherited_count(sorted(taken + extra), sentence, start, end, modifier)
        if not noun or noun.lower() in _NUMBER_WORDS:
            continue
        extra.append((start, end, value, None, "st", noun, sentence[start:end], modifier))
    return extra


def _labelled(
    results: list[tuple[int, int, float, float | None, str, str, str, str]],
    sentence: str,
    offset: int,
    section_path: tuple[str, ...],
    line: int,
) -> list[Found]:
    found: list[Found] = []
    previous_label = ""
    for start, end, value, high, unit, noun, raw, modifier in results:
        if unit == "st" and noun:
            label = noun.lower()
            if modifier:
                label += f" ({modifier})"
        else:
            parenthesised = sentence[:start].rstrip().endswith("(")
            label, _ = _label_for(sentence, start, end, previous_label, parenthesised)
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
            sentence=sentence.strip(),
            section_path=section_path,
            line=line,
            high=high,
            noun=noun,
        )
        found.append(Found(figure, offset + start, offset + end))
    return found


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


def iter_blocks(report: Report) -> Iterator[tuple[tuple[str, ...], Block]]:
    for path, section in report.root.walk_with_path():
        for block in section.blocks:
            yield path, block


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


# --- pairing across versions --------------------------------------------------------------


def pairing_key(figure: Figure) -> tuple[str, str]:
    """Labels compared by stems, so that "sjukfrånvaron" and "sjukfrånvaro" are one figure."""
    return stem_phrase(figure.label), figure.unit


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
    """Two labels that share a word stem ("lex maria-anmälningar", "lex maria-ärenden")."""
    return not set(stem_phrase(a.label.replace("-", " ")).split()).isdisjoint(
        stem_phrase(b.label.replace("-", " ")).split()
    )


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
        match = next((candidate for candidate in left_old if pairing_key(candidate.figure) == key), None)
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
        _may_hold_figure(op.old) or _may_hold_figure(op.new) for op in change.ops if op.op is not TextOpKind.EQUAL
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
    for pair in diff.pairs:
        if pair.status in (SectionStatus.ADDED, SectionStatus.REMOVED):
            # A whole new or removed section is one event; its figures are not listed one by one
            # (that would bury the figures that really moved, and costs most of the time).
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
    shifts.extend(_shift(item.figure, None) for item in only_old)
    shifts.extend(_shift(None, item.figure) for item in only_new)
    return shifts


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
        match = next((c for c in candidates if _same(c.figure, item.figure)), candidates[0])
        candidates.remove(match)
        pairs.append((match, item))
    paired = {id(a) for a, _ in pairs}
    return pairs, [item for item in old if id(item) not in paired], only_new


__all__ = [
    "Found",
    "block_figures",
    "extract_figures",
    "figure_shifts",
    "figures_in_text",
    "pairing_key",
    "parse_number",
    "split_sentences",
    "stem",
]


# --- the figures command's output ---------------------------------------------------------

FIGURES_SCHEMA = "reportdiff.figures/1"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def figure_record(figure: Figure) -> dict[str, object]:
    """One figure as plain JSON data (the ``figures`` items of ``reportdiff.figures/1``)."""
    return {
        "line": figure.line,
        "section_path": list(figure.section_path),
        "label": figure.label,
        "noun": figure.noun,
        "value": figure.value,
        "high": figure.high,
        "unit": figure.unit,
        "raw": figure.raw,
        "sentence": figure.sentence,
    }


def format_figures(report: Report, figures: list[Figure], fmt: str) -> str:
    """The ``reportdiff figures`` listing as ``text``, ``json`` or ``csv``."""
    if fmt == "json":
        import json

        document = {
            "schema": FIGURES_SCHEMA,
            "source": report.source,
            "date": report.date.isoformat() if report.date else None,
            "count": len(figures),
            "figures": [figure_record(figure) for figure in figures],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["line", "section", "label", "noun", "value", "high", "unit", "raw"])
        for figure in figures:
            writer.writerow(
                [
                    figure.line,
                    " > ".join(figure.section_path),
                    figure.label,
                    figure.noun,
                    _number_text(figure.value),
                    _number_text(figure.high),
                    figure.unit,
                    figure.raw,
                ]
            )
        return buffer.getvalue()
    lines: list[str] = []
    for figure in figures:
        value = _number_text(figure.value) + (f"–{_number_text(figure.high)}" if figure.high is not None else "")
        section = figure.section_path[-1] if figure.section_path else ""
        row = f"{figure.line:>6}  {value:>12} {figure.unit:<15} {figure.label}" + (f"  [{section}]" if section else "")
        lines.append(_CONTROL.sub(" ", row))
    lines.append(f"{len(figures)} figures")
    return "\n".join(lines) + "\n"
