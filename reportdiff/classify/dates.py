"""Dates announced in OLD that NEW has passed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from reportdiff.classify.common import (
    MONTH_WORD,
    MONTHS,
    evidence,
    find_cue,
    is_one_matter,
    is_recurring_heading,
    line_in_block,
    section_counts,
    shorten,
    title_from,
    word_offset,
)
from reportdiff.classify.rules import Rules
from reportdiff.figures import split_sentences
from reportdiff.model import Block, BlockOp, DocumentDiff, Event, EventKind, Report
from reportdiff.text.stem import content_stems, stem

_DAY_BEFORE = re.compile(r"(?<![\d-])(\d{1,2})\s$")
_YEAR_AFTER = re.compile(r"\s((?:19|20)\d\d)(?!\d)")
_SINCE = re.compile(r"\bsedan\s+(?:den\s+)?(?:\d{1,2}\s+)?$")  # "sedan december": a time past, no announcement
_MONTH_PREPOSITION = re.compile(r"\b(?:i|under|till|från|inför|senast|början av|slutet av|mitten av)\s$")


def _month_end(year: int, month: int) -> dt.date:
    """The last day of the month: the day before the first of the next one."""
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


# A season is due by the end of its last month: spring (and the spring term) by June, summer by
# August, autumn (and the autumn term) by December. Winter spans two years and is not read.
_SEASON = re.compile(
    r"\b(?:(?P<season>våren|vårterminen|sommaren|hösten|höstterminen)\s+(?P<year>(?:19|20)\d\d)\b"
    r"|i\s+(?P<season_now>höst|vår|sommar)\b)"
)
_SEASON_ENDS = {"vår": 6, "som": 8, "hös": 12}
_RECENT_MONTHS = 2  # a month named without a year up to this many months before the report is its recent past


def _year_of_month(month: int, written: dt.date) -> int:
    """The year of a month named without one: the coming one, except the month or two just before the
    report ("under februari och mars pågår …" in a March report is this February, not next)."""
    ahead = (month - written.month) % 12
    if ahead >= 12 - _RECENT_MONTHS:
        return written.year - (1 if month > written.month else 0)
    return written.year + (1 if month < written.month else 0)


def announced_dates(sentence: str, written: dt.date | None, told: bool = False) -> list[tuple[dt.date, str]]:
    """Dates a sentence names (``31 december 2024``, ``i mars``), resolved against the report date:
    a month without a year as one to come, or with ``told`` (a sentence telling what happened) as
    the last one before the report ("den 27 november införde …" in a March report)."""
    dates: list[tuple[dt.date, str]] = []
    lowered = sentence.lower()
    for match in MONTH_WORD.finditer(lowered):
        name = match.group(0)
        month = MONTHS[name]
        before = lowered[: match.start()]
        if _SINCE.search(before):
            continue
        day_match = _DAY_BEFORE.search(before)
        year_match = _YEAR_AFTER.match(lowered, match.end())
        if name in ("maj", "mars") and not day_match and not year_match:
            # "maj" and "mars" are also ordinary words only rarely; accept them with a preposition.
            if not _MONTH_PREPOSITION.search(before):
                continue
        if year_match:
            year = int(year_match.group(1))
        elif written is not None:
            year = written.year - (1 if month > written.month else 0) if told else _year_of_month(month, written)
        else:
            continue
        day = int(day_match.group(1)) if day_match else None
        try:
            when = dt.date(year, month, day) if day else _month_end(year, month)
        except ValueError:
            continue
        start = day_match.start(1) if day_match else match.start()
        end = year_match.end() if year_match else match.end()
        dates.append((when, sentence[start:end]))
    for match in _SEASON.finditer(lowered):
        season = match.group("season") or match.group("season_now")
        last_month = _SEASON_ENDS[season[:3]]
        if match.group("year"):
            year = int(match.group("year"))
        elif written is not None and not told:  # "i höst": the coming one, or the one under way
            year = written.year + (1 if last_month < written.month else 0)
        else:
            continue
        start = match.start("season") if match.group("season") else match.start()
        dates.append((_month_end(year, last_month), sentence[start : match.end()]))
    return dates


def starts_before_old(events: list[Event], diff: DocumentDiff, rules: Rules) -> None:
    """A start that its sentence dates before the old report ("efter sommaren 2024 påbörjades …" told
    again in March 2025 after a September report) is not news since then: withheld, with the date why.
    The date nearest the start word dates it ("… eftersom avtalet löpte ut 1 mars 2025" does not)."""
    old_date, new_date = diff.old.date, diff.new.date
    if old_date is None or new_date is None:
        return
    for event in events:
        if event.kind is not EventKind.NEW_INITIATIVE or not event.confident or event.rule != "sentence.start":
            continue
        sentence = event.evidence[0].sentence
        dates = announced_dates(sentence, new_date, told=True)
        cue = find_cue(rules.tokens(sentence), rules.start, rules)
        if not dates or cue is None:
            continue
        at = word_offset(sentence, cue[0])
        when, words = min(dates, key=lambda date: abs(sentence.find(date[1]) - at))
        if when < old_date:
            event.confident = False
            event.why += f"; dated {words!r}, before the old report of {old_date.isoformat()}: not news since it"


def date_events(diff: DocumentDiff, rules: Rules) -> Iterator[Event]:
    """Announcements of something to come in a month the NEW report has passed."""
    new_date = diff.new.date
    if new_date is None:
        return
    carried: set[int] = set()
    carried_old: set[int] = set()
    for pair in diff.pairs:
        for change in pair.blocks:
            if change.op is BlockOp.EQUAL and change.new is not None and change.old is not None:
                carried.add(id(change.new))
                carried_old.add(id(change.old))
                carried_old.update(id(block) for block in change.members[0])  # paragraphs split or merged
                carried.update(id(block) for block in change.members[1])
    # OLD text that NEW carries unchanged is reported once, as stale in NEW; the rest of OLD here.
    yield from _passed(diff.old, diff.old.date, new_date, rules, side="old", only=None, skip=carried_old)
    # Carried-over text was written for the OLD report: resolve its months against that date.
    yield from _passed(diff.new, diff.old.date, new_date, rules, side="new", only=carried)


def _passed(
    report: Report,
    written: dt.date | None,
    now: dt.date,
    rules: Rules,
    side: str,
    only: set[int] | None,
    skip: set[int] | None = None,
) -> Iterator[Event]:
    seen: set[tuple[tuple[str, ...], str]] = set()
    for path, section in report.root.walk_with_path():
        for block in section.blocks:
            if only is not None and id(block) not in only or skip is not None and id(block) in skip:
                continue
            lowered = block.text.lower()
            months = [match.start() for pattern in (MONTH_WORD, _SEASON) for match in pattern.finditer(lowered)]
            if not months:
                continue
            for offset, sentence in split_sentences(block.text):
                if not any(offset <= at < offset + len(sentence) for at in months):
                    continue
                tokens = rules.tokens(sentence)
                if not rules.date_future.find(tokens) or _period_of_a_figure(sentence, tokens, rules):
                    continue
                if rules.recurring_text.find(tokens):
                    continue  # "inför den årliga mässan i april": an occasion that comes back, no deadline
                passed = [
                    (when, words)
                    for when, words in announced_dates(sentence, written)
                    if (written is None or when >= written)  # already past when written: not an announcement
                    and when < now
                    and not _told_in_past_tense(sentence, words, rules)
                ]
                if passed:
                    # One sentence is one announcement, known by its last date ("färdig i oktober och
                    # handlingsplanen i december"); the same date twice in a section is one thing to know.
                    when, words = passed[-1]
                    if (path, words) in seen:
                        continue
                    seen.add((path, words))
                    heading = section.heading
                    yield Event(
                        kind=EventKind.DATE_PASSED,
                        title=title_from(sentence, heading),
                        text=shorten(sentence, keep=sentence.find(words)),
                        section_path=path,
                        line=line_in_block(block, sentence, sentence.find(words)),
                        rule="date.passed" if side == "old" else "date.stale",
                        topic=heading,
                        old_status=when.isoformat(),
                        new_status=now.isoformat(),
                        side=side,
                        evidence=[evidence(block, sentence, path, side, sentence.find(words))],
                        why=f"announced for {when.isoformat()}, before the new report's date {now.isoformat()}",
                    )


_NEWS = (EventKind.RESOLVED, EventKind.STATUS_CHANGE, EventKind.NEW_INITIATIVE)
_SAME_MATTER_WORDS = 2  # content words two sentences share when they speak of one matter
_RARE = 2  # a word in at most this many sections of a report names a matter of its own


def outcomes_told(events: list[Event], diff: DocumentDiff, rules: Rules) -> None:
    """A date passed in a section of which the new report tells news ("Inflyttning är planerad till
    januari" → "Stationen togs i drift den 19 januari"), or whose matter a sentence there speaks of
    again, may well have its outcome told there: withheld, not claimed as a date passed without a
    word. Only a date the new report is silent on is one to ask about."""
    later = {pair.old_path: pair for pair in diff.pairs if pair.old is not None and pair.new is not None}
    news: dict[tuple[str, ...], Event] = {}
    for event in events:
        if event.confident and event.side == "new" and event.kind in _NEWS:
            news.setdefault(event.section_path, event)
    for event in events:
        if event.kind is not EventKind.DATE_PASSED or event.side != "old" or not event.confident:
            continue
        pair = later.get(event.section_path)
        if pair is None or pair.new is None:
            continue
        told = news.get(pair.new_path) if is_one_matter(pair.new.heading, rules) else None
        if told is not None:
            event.confident = False
            event.why += f"; the new report's section tells news of it ({told.title!r}): its outcome may be told there"
            event.evidence.append(told.evidence[0])
            continue
        # Its sub-sections too; an announcement in a standing part (the introduction) may be told of
        # anywhere in the new report, by a sentence sharing a word few sections use.
        standing = is_recurring_heading(pair.old.heading, rules) if pair.old else False
        where = diff.new.root if standing else pair.new
        places = [
            (path, block)
            for path, part in where.walk_with_path(() if standing else pair.new_path[:-1])
            for block in part.blocks
        ]
        rare = section_counts(diff.new) if standing else None
        spoken = _spoken_of_again(event.evidence[0].sentence, places, rules, rare)
        if spoken is not None:
            path, block, sentence = spoken
            event.confident = False
            event.why += "; the new report speaks of it again: its outcome may be told there"
            event.evidence.append(evidence(block, sentence, path, "new"))


def _spoken_of_again(
    announcement: str, places: list[tuple[tuple[str, ...], Block]], rules: Rules, rare: dict[str, int] | None
) -> tuple[tuple[str, ...], Block, str] | None:
    """The sentence of ``places`` that shares the most of the announcement's matter words, where the
    places together share two (or the one there is): a section that speaks of the award and of the
    start of building speaks of "Tilldelning … i januari och byggstart i mars" however it splits
    them. With ``rare`` (places from the whole report) one sentence must share them, one of the
    words used by few sections. The words of time and of what is to come do not count."""
    time_words = {stem(word) for word in (*MONTHS, *_TIME_WORDS)}
    cues = {phrase[0] for phrase in rules.date_future.phrases}
    matter = content_stems(announcement) - time_words - cues
    need = min(_SAME_MATTER_WORDS, len(matter))
    if not need:
        return None
    found: list[tuple[set[str], tuple[str, ...], Block, str]] = []
    for path, block in places:
        for _, sentence in split_sentences(block.text):
            shared = _shared(matter, content_stems(sentence))
            if not shared:
                continue
            if rare is not None and (len(shared) < need or min(rare.get(word, 0) for word in shared) > _RARE):
                continue
            found.append((shared, path, block, sentence))
    if not found or len(set().union(*(shared for shared, *_ in found))) < need:
        return None
    _, path, block, sentence = max(found, key=lambda item: len(item[0]))
    return path, block, sentence


_TIME_WORDS = ("våren", "hösten", "sommaren", "vintern", "slutet", "början", "mitten")


def _shared(matter: set[str], words: set[str]) -> set[str]:
    """The matter words that ``words`` hold, alone or as the first part of a compound:
    "tilldelning" is in "tilldelningsbeslut" (Swedish puts the modifier first)."""
    shared = matter & words
    for word in matter - shared:
        if len(word) >= _COMPOUND_PART and any(other.startswith(word) for other in words):
            shared.add(word)
    return shared


_COMPOUND_PART = 6  # a word this long can open a compound without opening unrelated words too
_THROUGH = ("till", "och", "med")
_FIGURE = re.compile(r"\d(?:[\d ,.]*\d)?\s*(?:%|procent|mnkr|kronor|st\b)")


def _period_of_a_figure(sentence: str, tokens: list[str], rules: Rules) -> bool:
    """Whether the only cue of what is to come is "till och med" in a sentence that states a figure:
    "Övertiden till och med oktober är 4,2 procent av arbetad tid" names the period the figure
    covers, not a date something is due ("Dispensen gäller till och med 31 december" is one)."""
    cues = [tuple(tokens[index : index + 3]) for index in rules.date_future.find(tokens)]
    through = tuple(rules.tokens(" ".join(_THROUGH)))
    return all(cue == through for cue in cues) and bool(_FIGURE.search(sentence))


def _told_in_past_tense(sentence: str, words: str, rules: Rules) -> bool:
    """Whether the word right after the date is a verb in the past tense ("i februari deltog")."""
    at = sentence.find(words)
    following = sentence[at + len(words) :].split()[:1] if at >= 0 else []
    if not following:
        return False
    word = following[0].strip(",.;:!?()\"'”").lower()
    return word in rules.date_past or (len(word) > 5 and word.endswith(rules.date_past_endings))
