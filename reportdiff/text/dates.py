"""Swedish month names and dates as reports write them: the one list every stage reads.

A reader finds a report's date with :func:`parse_date`; the classifier, the figure extractor,
the heading cues and the renderers name months from :data:`MONTH_NAMES` and :data:`SHORT_MONTHS`.
"""

from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
# Abbreviations as written in tables and dates ("5 okt"), in month order.
SHORT_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Abbreviations that are also words or names in running text ("jul", Christmas): not a month there.
WORDLIKE_SHORT_MONTHS = frozenset({"mar", "jun", "jul"})
MONTH_PATTERN = "|".join(MONTH_NAMES)  # for a regular expression: januari|februari|…

ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>[0-3]?\d)\s+(?P<month>{MONTH_PATTERN})(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE
)


def parse_date(text: str) -> dt.date | None:
    """``18 mars 2025`` or ``2023-03-14`` anywhere in ``text``; None without a full date."""
    match = ISO_DATE.search(text)
    if match:
        return safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    match = DAY_MONTH_YEAR.search(text)
    if match and match["year"]:
        return safe_date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    return None


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None for one that does not exist (``30 februari``)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
