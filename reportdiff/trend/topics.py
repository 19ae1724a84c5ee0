"""Topics through a series: where a named topic stands in each report, and the names that last or come and go."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportdiff.errors import InputError
from reportdiff.model import Report
from reportdiff.model.series import TopicPoint, TopicTrack
from reportdiff.text.dates import MONTH_NAMES

_TOPIC_WORD = re.compile(r"[^\W\d_][^\W_]*")  # hyphenated compounds are split, so "Cosmic-relaterade" counts


@dataclass(slots=True)
class _Query:
    text: str
    stems: tuple[str, ...]


def topic_query(text: str) -> _Query:
    from reportdiff.text.stem import stem

    stems = tuple(stem(word) for word in _TOPIC_WORD.findall(text))
    if not stems:
        raise InputError(f"--topic {text!r}: give at least one word")
    return _Query(text.strip(), stems)


def _mentions(text: str, query: _Query) -> int:
    """How often the query's words stand in ``text`` in a row (stems compared, case ignored)."""
    from reportdiff.text.stem import stem

    lowered = text.lower()
    if query.stems[0] not in lowered:  # a stem is a prefix of its word: a cheap filter first
        return 0
    words = [stem(word) if word.lower().startswith(query.stems[0]) else "" for word in _TOPIC_WORD.findall(text)]
    size = len(query.stems)
    if size == 1:
        return sum(word == query.stems[0] for word in words)
    full = [stem(word) for word in _TOPIC_WORD.findall(text)]
    return sum(tuple(full[at : at + size]) == query.stems for at, word in enumerate(words) if word == query.stems[0])


def topic_point(report: Report, index: int, query: _Query, rules: Any) -> TopicPoint:
    """Where and how much a topic appears in one report, and the phase its text reads as."""
    point = TopicPoint(report=index)
    home: list[str] = []  # text of sections whose heading names the topic
    elsewhere: list[str] = []  # paragraphs elsewhere that mention it
    for path, section in report.root.walk_with_path():
        in_heading = _mentions(section.heading, query) if section.level > 0 else 0
        hits = in_heading
        texts = []
        for block in section.blocks:
            found = _mentions(block.text, query)
            hits += found
            if found or in_heading:
                texts.append(block.text)
        if not hits:
            continue
        point.mentions += hits
        point.sections.append(path)
        point.words += sum(len(text.split()) for text in texts)
        (home if in_heading else elsewhere).append(
            ". ".join([section.heading, *texts]) if in_heading else " ".join(texts)
        )
    if point.mentions and rules is not None:
        from reportdiff.classify.topics import first_phase, status_words  # only a topic needs the classifier

        text = "\n".join(home or elsewhere)
        point.phase, point.phase_certain = first_phase(home or [text], rules)
        point.phase_label = rules.status_labels.get(point.phase, point.phase) if point.phase else ""
        point.status_words = status_words(text, rules)
    return point


_NAME = re.compile(r"(?<=[\w,;)]\s)[A-ZÅÄÖ][\wåäöÅÄÖ]{2,}|\b[A-ZÅÄÖ]{2,}\b")  # inside a sentence, or an acronym

_SKIP_NAMES = frozenset(MONTH_NAMES) | frozenset("region regionen division den det de en ett vi och".split())


def name_counts(report: Report) -> dict[str, tuple[int, str]]:
    """Names and acronyms in the body (capitalised inside a sentence): lower-cased → (mentions, as written)."""
    counts: dict[str, tuple[int, str]] = {}
    for block in report.blocks():
        for name in _NAME.findall(block.text):
            key = name.lower()
            if key in _SKIP_NAMES:
                continue
            mentions, written = counts.get(key, (0, name))
            counts[key] = (mentions + 1, written)
    return counts


def notable_topics(ordered: Sequence[Report], limit: int = 8) -> tuple[list[TopicTrack], list[TopicTrack]]:
    """Without --topic: the names that run longest, and those whose mentions moved most.

    Only mentions are counted here (a name's place and phase are what ``--topic`` is for).
    """

    per_report = [name_counts(report) for report in ordered]
    totals: dict[str, int] = {}
    written: dict[str, str] = {}
    for counts in per_report:
        for key, (mentions, name) in counts.items():
            totals[key] = totals.get(key, 0) + mentions
            written.setdefault(key, name)
    candidates = [key for key, total in totals.items() if total >= 2 * max(1, len(ordered) // 4)]

    def presence(key: str) -> tuple[int, int, int]:
        runs = [key in counts for counts in per_report]
        return (sum(runs), _longest_run(runs), totals[key])

    def churn(key: str) -> float:
        counts = [per_report[i].get(key, (0, ""))[0] for i in range(len(ordered))]
        return sum(abs(b - a) / max(a, b, 1) for a, b in zip(counts, counts[1:], strict=False))

    lasting = sorted(candidates, key=lambda key: (tuple(-v for v in presence(key)), key))[:limit]
    changing = sorted((key for key in candidates if churn(key) > 0), key=lambda key: (-churn(key), key))[:limit]
    tracks: dict[str, TopicTrack] = {}
    for key in dict.fromkeys(lasting + changing):
        points = [TopicPoint(report=i, mentions=per_report[i].get(key, (0, ""))[0]) for i in range(len(ordered))]
        tracks[key] = TopicTrack(written[key], "term", points)
    return [tracks[key] for key in lasting], [tracks[key] for key in changing]


def _longest_run(flags: list[bool]) -> int:
    best = current = 0
    for flag in flags:
        current = current + 1 if flag else 0
        best = max(best, current)
    return best
