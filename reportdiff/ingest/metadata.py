"""Title, report date and signing director: read from the cover and the signature, else estimated.

Shared by every reader. The cover of this series is two lines before the first heading
(``Regiondirektörens rapport`` and ``18 mars 2025``); the signature closes the introduction
(a name line, then a role line such as ``Regiondirektör`` or ``Tf Regiondirektör``). When the
cover is missing (PDF text often starts at the first heading), the date is estimated from the
content, and ``date_text`` says what it was read from.
"""

from __future__ import annotations

import datetime as dt
import re

from reportdiff.model import Aside, AsideKind, Block, Report, Span
from reportdiff.text.dates import DAY_MONTH_YEAR as _DAY_MONTH_YEAR
from reportdiff.text.dates import ISO_DATE as _ISO_DATE
from reportdiff.text.dates import MONTH_NAMES, MONTH_PATTERN, MONTHS, parse_date
from reportdiff.text.dates import safe_date as _safe_date

_MONTH_NAMES = MONTH_PATTERN
_YEAR = re.compile(r"\b(20\d\d)\b")
_MONTH_REPORT = re.compile(
    rf"^(?:Månadsrapport|Resultat|Månadsuppföljning|Ekonomisk rapport)\s+(?:per\s+|för\s+)?(?P<month>{_MONTH_NAMES})\b",
    re.I,
)
_ROLE = re.compile(
    r"^(?:(?:Tf\.?|T\.f\.|Tillförordnad|Biträdande|Bitr\.?)\s+)?(?:region|landstings|hälso- och sjukvårds)?direktör"
    r"(?:,?\s+Region\s+\S+)?$",
    re.I,
)
_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéüA-ZÅÄÖ'’]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?$")
_NAME_PARTICLES = frozenset({"af", "von", "van", "de", "der", "la"})
_TITLE = re.compile(r"^(?:Regiondirektörens|Landstingsdirektörens|Hälso- och sjukvårdsdirektörens)\s+rapport$", re.I)


def is_cover_date(text: str) -> bool:
    """A line that is only a date (perhaps after a place name): ``18 mars 2025``, ``Luleå 18 mars 2025``."""
    stripped = text.strip()
    return len(stripped) <= 40 and parse_date(stripped) is not None and len(stripped.split()) <= 5


def is_title(text: str) -> bool:
    return bool(_TITLE.match(text.strip()))


def is_role_line(text: str) -> bool:
    return bool(_ROLE.match(text.strip().rstrip(".")))


def is_name_line(text: str) -> bool:
    """Two to four capitalised words and nothing else: ``Ulrika Sundquist``, ``Ulf Bergman``."""
    words = text.split()
    names = [word for word in words if word not in _NAME_PARTICLES]
    return 2 <= len(words) <= 4 and len(names) >= 2 and all(_NAME_WORD.match(word) for word in names)


def month_report_month(heading: str) -> int | None:
    """The month of a monthly-report part heading (``Månadsrapport juli`` → 7)."""
    match = _MONTH_REPORT.match(heading.strip())
    return MONTHS[match["month"].lower()] if match else None


def finish_report(report: Report) -> None:
    """Fill title, date and author from cover lines, a signature and the content, where still empty.

    Cover lines left as body blocks before the first heading become COVER asides, a name line
    followed by a role line becomes a SIGNATURE aside: neither is body text to diff.
    """
    _take_cover(report)
    _take_signature(report)
    if report.date is None:
        report.date, report.date_source = estimate_date(report)


def _take_cover(report: Report) -> None:
    kept: list[Block] = []
    for block in report.root.blocks:
        if not report.title and is_title(block.text):
            report.title = block.text
            report.asides.append(Aside(AsideKind.COVER, block.text, block.span))
        elif report.date is None and is_cover_date(block.text):
            report.date = parse_date(block.text)
            report.date_text = block.text
            report.date_source = "cover"
            report.asides.append(Aside(AsideKind.COVER, block.text, block.span))
        else:
            kept.append(block)
    report.root.blocks[:] = kept


def _take_signature(report: Report) -> None:
    """The first name line + role line pair in the body (normally the end of the introduction)."""
    if report.author:
        return
    for section in report.root.walk():
        blocks = section.blocks
        for index in range(len(blocks) - 1):
            name, role = blocks[index], blocks[index + 1]
            if is_name_line(name.text) and is_role_line(role.text):
                report.author, report.author_role = name.text, role.text
                span = Span(name.span.start, role.span.end, name.span.page)
                report.asides.append(Aside(AsideKind.SIGNATURE, f"{name.text}\n{role.text}", span))
                del blocks[index : index + 2]
                return


def estimate_date(report: Report) -> tuple[dt.date | None, str]:
    """The report's date from the content when no cover date was found.

    Evidence, best first: a publication block (``PUBLICERINGSDATUM`` … ``2023-03-14``); the
    dates of the attachments listed under Bilagor (the report follows them by about three weeks,
    as in the series); the monthly-report heading (figures of month M appear in the report of
    month M+1 or M+2: we take M+1, the 15th); last, the month its text speaks of (the median of
    the dates it mentions), which ``trend`` also orders undated reports by.
    """
    published = _publication_date(report)
    if published is not None:
        return published
    year = _dominant_year(report)
    attached = _attachment_date(report, year)
    if attached is not None:
        return attached
    for section in report.sections():
        month = month_report_month(section.heading)
        if month is not None:
            heading_year = _YEAR.search(section.heading)
            found_year = int(heading_year.group(1)) if heading_year else year
            if found_year is None:
                continue
            month_after = dt.date(found_year + month // 12, month % 12 + 1, 15)
            return month_after, f"estimated: the month after the heading '{section.heading}'"
    mentioned = mentioned_date(report)
    if mentioned is not None:
        return mentioned, f"{TEXT_ESTIMATE} (median {mentioned:%Y-%m})"
    return None, ""


_MONTH_YEAR = re.compile(r"\b(?:(" + MONTH_PATTERN + r")\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-\d\d\b")


def mentioned_date(report: Report) -> dt.date | None:
    """The time a report's text speaks of: the median year it mentions, then the median month in that year.

    Reports talk mostly about the recent past, a little about plans; the median ignores both the
    history and the far future. ``None`` when the text mentions no year.
    """
    import statistics

    years: list[int] = []
    months: list[tuple[int, int]] = []
    for block in report.blocks():
        for match in _MONTH_YEAR.finditer(block.text):
            year = int(match.group(2))
            years.append(year)
            if match.group(1):
                months.append((year, MONTH_NAMES.index(match.group(1).lower()) + 1))
        for match in _ISO.finditer(block.text):
            years.append(int(match.group(1)))
            months.append((int(match.group(1)), int(match.group(2))))
    if not years:
        return None
    year = int(statistics.median_low(years))
    in_year = [month for y, month in months if y == year]
    month = int(statistics.median_low(in_year)) if in_year else 6
    return dt.date(year, month, 1)


TEXT_ESTIMATE = "estimated: the dates its text mentions"


def _publication_date(report: Report) -> tuple[dt.date, str] | None:
    for index, aside in enumerate(report.asides):
        if aside.kind is AsideKind.FURNITURE and "PUBLICERINGSDATUM" in aside.text.upper():
            for candidate in [aside] + report.asides[index + 1 : index + 3]:
                match = _ISO_DATE.search(candidate.text)
                if match:
                    found = parse_date(match.group(0))
                    if found is not None:
                        return found, f"publication block: {match.group(0)}"
    return None


def _attachment_date(report: Report, year: int | None) -> tuple[dt.date, str] | None:
    latest: tuple[dt.date, str] | None = None
    for section in report.sections():
        if section.level != 1 or not section.heading.lower().startswith("bilag"):
            continue
        for block in section.blocks:
            for match in _DAY_MONTH_YEAR.finditer(block.text):
                found_year = int(match["year"]) if match["year"] else year
                if found_year is None:
                    continue
                found = _safe_date(found_year, MONTHS[match["month"].lower()], int(match["day"]))
                if found is not None and (latest is None or found > latest[0]):
                    latest = (found, match.group(0))
    if latest is None:
        return None
    return latest[0] + dt.timedelta(days=21), f"estimated: about three weeks after the attachment dated '{latest[1]}'"


def _dominant_year(report: Report) -> int | None:
    """The most recent year named in a heading or in the Bilagor list; else the most frequent in the text."""
    years: list[int] = []
    for section in report.sections():
        years += [int(year) for year in _YEAR.findall(section.heading)]
        if section.heading.lower().startswith("bilag"):
            for block in section.blocks:
                years += [int(year) for year in _YEAR.findall(block.text)]
    if years:
        return max(years)
    counts: dict[int, int] = {}
    for block in report.blocks():
        for year in _YEAR.findall(block.text):
            counts[int(year)] = counts.get(int(year), 0) + 1
    return max(counts, key=lambda year: (counts[year], year)) if counts else None


__all__ = [
    "MONTHS",
    "TEXT_ESTIMATE",
    "mentioned_date",
    "estimate_date",
    "finish_report",
    "is_cover_date",
    "is_name_line",
    "is_role_line",
    "is_title",
    "month_report_month",
    "parse_date",
]
