"""Dates announced in OLD that NEW has passed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from reportdiff.classify.common import MONTH_WORD, MONTHS, evidence, line_in_block, shorten
from reportdiff.classify.rules import Rules
from reportdiff.figures import split_sentences
from reportdiff.model import BlockOp, DocumentDiff, Event, EventKind, Report

_DAY_BEFORE = re.compile(r"(?<![\d-])(\d{1,2})\s$")
_YEAR_AFTER = re.compile(r"\s((?:19|20)\d\d)(?!\d)")
_MONTH_PREPOSITION = re.compile(r"\b(?:i|under|till|från|inför|senast|början av|slutet av|mitten av)\s$")


def _month_end(year: int, month: int) -> dt.date:
    """The last day of the month: the day before the first of the next one."""
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def announced_dates(sentence: str, written: dt.date | None) -> list[tuple[dt.date, str]]:
    """Dates a sentence names (``31 december 2024``, ``i mars``), resolved against the report date."""
    dates: list[tuple[dt.date, str]] = []
    lowered = sentence.lower()
    for match in MONTH_WORD.finditer(lowered):
        name = match.group(0)
        month = MONTHS[name]
        before = lowered[: match.start()]
        day_match = _DAY_BEFORE.search(before)
        year_match = _YEAR_AFTER.match(lowered, match.end())
        if name in ("maj", "mars") and not day_match and not year_match:
            # "maj" and "mars" are also ordinary words only rarely; accept them with a preposition.
            if not _MONTH_PREPOSITION.search(before):
                continue
        if year_match:
            year = int(year_match.group(1))
        elif written is not None:
            year = written.year + (1 if month < written.month else 0)
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
    return dates


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
            months = [match.start() for match in MONTH_WORD.finditer(block.text.lower())]
            if not months:
                continue
            for offset, sentence in split_sentences(block.text):
                if not any(offset <= at < offset + len(sentence) for at in months):
                    continue
                tokens = rules.tokens(sentence)
                if not rules.date_future.find(tokens) or _period_of_a_figure(sentence, tokens, rules):
                    continue
                for when, words in announced_dates(sentence, written):
                    if written is not None and when < written:
                        continue  # already past when it was written: not an announcement
                    if when >= now:
                        continue
                    if _told_in_past_tense(sentence, words, rules):
                        continue
                    if (path, words) in seen:
                        continue  # the same date announced twice in one section is one thing to know
                    seen.add((path, words))
                    heading = section.heading
                    yield Event(
                        kind=EventKind.DATE_PASSED,
                        title=f"{heading}: {words}" if heading else words,
                        text=shorten(sentence),
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
