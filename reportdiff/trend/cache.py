"""A cache of parsed reports, so that following a long series a second time costs almost nothing.

An entry is keyed by what can change its content: the sha256 of the file's bytes, the reportdiff
version and the *reader version* — a hash of the source of the modules that turn bytes into a
report and find its figures (``ingest``, ``text``, ``figures``, ``model``). A new release or an
edited reader therefore never serves stale entries, and no version number has to be bumped by hand.

Entries are JSON of the model (never pickle): loading one cannot run code, and every field is
type-checked while the dataclasses are rebuilt. Writes go to a temporary file in the same
directory and are renamed into place (``os.replace``), so concurrent runs at worst both write the
same entry, and a reader never sees half of one. Any error while reading an entry — missing,
truncated, corrupt, wrong types, another version — means "not cached": the report is parsed again
and the entry rewritten. The cache never makes a run fail.

Location: ``REPORTDIFF_CACHE_DIR`` if set, else ``platformdirs.user_cache_dir("reportdiff")``.
Pairs of reports get entries too (the section alignment of two consecutive reports), keyed by
both reports' keys and a hash of the alignment code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportdiff.model import Aside, AsideKind, Block, BlockKind, Figure, Report, Section, Span, TocEntry

CACHE_FORMAT = 1  # the layout of an entry; bump when the JSON below changes shape
_PACKAGE = Path(__file__).resolve().parent.parent  # reportdiff/
READER_SOURCES = ("ingest", "text", "model", "figures")  # what decides a parsed report and its figures
ALIGN_SOURCES = (
    "align",
    "text/sequence.py",
    "text/tokens.py",
    "text/normalize.py",
    "trend/series.py",
)  # what decides a pair entry


class CorruptEntry(Exception):
    """An entry that does not hold what it should; the caller treats it as a miss."""


@lru_cache(maxsize=8)
def source_version(names: tuple[str, ...]) -> str:
    """A short hash of the package version and the source files under ``names`` (files or folders)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{package_version()}".encode())
    for name in names:
        target = _PACKAGE / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for file in files:
            try:
                digest.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0" + file.read_bytes())
            except OSError:
                digest.update(b"missing")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reportdiff")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "source"


def content_key(data: bytes) -> str:
    """The cache key of a report file: its bytes' sha256, the reader version and the heading words.

    The organisation words can be configured (``[tool.reportdiff.headings]``) and set heading levels.
    """
    from reportdiff.text.heading_words import heading_words

    words = hashlib.sha256(repr(heading_words()).encode()).hexdigest()[:8]
    return hashlib.sha256(data).hexdigest() + "-" + source_version(READER_SOURCES) + words


def default_cache_dir() -> Path:
    override = os.environ.get("REPORTDIFF_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("reportdiff"))


class ReportCache:
    """Parsed reports (with their figures) and pair alignments, as JSON files under one directory."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.writable = True  # set to False after the first failed write: no use trying 60 times
        self.hits = 0
        self.misses = 0

    # -- reports ---------------------------------------------------------------------------------

    def get_report(self, key: str, source: str) -> tuple[Report, list[Figure]] | None:
        """The parsed report and its figures, or None when not cached (or not readable)."""
        data = self._read(self._path("reports", key))
        if data is None:
            self.misses += 1
            return None
        try:
            if data.get("key") != key:
                raise CorruptEntry("key mismatch")
            report = report_from_json(data["report"])
            report.source = source  # the same bytes may be read under another name
            figures = [figure_from_json(item) for item in _list(data["figures"])]
        except (CorruptEntry, KeyError, TypeError, ValueError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return report, figures

    def put_report(self, key: str, report: Report, figures: list[Figure]) -> None:
        entry = {"format": CACHE_FORMAT, "key": key, "report": report_to_json(report)}
        entry["figures"] = [figure_to_json(figure) for figure in figures]
        self._write(self._path("reports", key), entry)

    # -- pairs -----------------------------------------------------------------------------------

    def get_pair(self, old_key: str, new_key: str) -> list[list[Any]] | None:
        data = self._read(self._path("pairs", self.pair_key(old_key, new_key)))
        if data is None or data.get("old") != old_key or data.get("new") != new_key:
            return None
        steps = data.get("steps")
        if not isinstance(steps, list) or not all(_is_step(step) for step in steps):
            return None
        return steps

    def put_pair(self, old_key: str, new_key: str, steps: list[list[Any]]) -> None:
        entry = {"format": CACHE_FORMAT, "old": old_key, "new": new_key, "steps": steps}
        self._write(self._path("pairs", self.pair_key(old_key, new_key)), entry)

    @staticmethod
    def pair_key(old_key: str, new_key: str) -> str:
        joined = f"{old_key}:{new_key}:{source_version(ALIGN_SOURCES)}"
        return hashlib.sha256(joined.encode()).hexdigest()

    # -- files -----------------------------------------------------------------------------------

    def _path(self, kind: str, key: str) -> Path:
        return self.directory / kind / key[:2] / f"{key}.json"

    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return None
        return data

    def _write(self, path: Path, entry: dict[str, Any]) -> None:
        if not self.writable:
            return
        payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.stem[:12]}.", suffix=".tmp", dir=path.parent)
        except OSError:
            self.writable = False
            return
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(payload)
            os.replace(temporary, path)
        except OSError:
            self.writable = False
            Path(temporary).unlink(missing_ok=True)


def _is_step(step: Any) -> bool:
    return (
        isinstance(step, list)
        and len(step) == 5
        and all(isinstance(value, int) and not isinstance(value, bool) for value in step[:2])
        and all(isinstance(value, bool) for value in step[2:])
    )


# -- the model as JSON ---------------------------------------------------------------------------


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise CorruptEntry("expected a list")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise CorruptEntry("expected a string")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise CorruptEntry("expected an integer")
    return value


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _float(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise CorruptEntry("expected a number")
    return float(value)


def span_to_json(span: Span) -> list[Any]:
    return [span.start, span.end, span.page]


def span_from_json(data: Any) -> Span:
    start, end, page = _list(data)
    return Span(_int(start), _int(end), _opt_int(page))


def section_to_json(section: Section) -> dict[str, Any]:
    return {
        "h": section.heading,
        "l": section.level,
        "s": span_to_json(section.span),
        "b": [[block.kind.value, block.text, span_to_json(block.span), block.marker] for block in section.blocks],
        "c": [section_to_json(child) for child in section.children],
    }


def section_from_json(data: Any, depth: int = 0) -> Section:
    if not isinstance(data, dict) or depth > 64:
        raise CorruptEntry("expected a section")
    blocks = []
    for item in _list(data["b"]):
        kind, text, span, marker = _list(item)
        blocks.append(Block(BlockKind(_str(kind)), _str(text), span_from_json(span), _str(marker)))
    children = [section_from_json(child, depth + 1) for child in _list(data["c"])]
    return Section(_str(data["h"]), _int(data["l"]), span_from_json(data["s"]), blocks, children)


def report_to_json(report: Report) -> dict[str, Any]:
    return {
        **report.metadata(),
        "root": section_to_json(report.root),
        "toc": [[entry.heading, entry.level, entry.page, entry.line] for entry in report.toc],
        "outline": [[entry.heading, entry.level, entry.page, entry.line] for entry in report.outline],
        "asides": [[aside.kind.value, aside.text, span_to_json(aside.span)] for aside in report.asides],
        "warnings": list(report.warnings),
    }


def _toc(data: Any) -> list[TocEntry]:
    entries = []
    for item in _list(data):
        heading, level, page, line = _list(item)
        entries.append(TocEntry(_str(heading), _opt_int(level), _opt_int(page), _int(line)))
    return entries


def report_from_json(data: Any) -> Report:
    if not isinstance(data, dict):
        raise CorruptEntry("expected a report")
    date = dt.date.fromisoformat(_str(data["date"])) if data["date"] is not None else None
    asides = []
    for item in _list(data["asides"]):
        kind, text, span = _list(item)
        asides.append(Aside(AsideKind(_str(kind)), _str(text), span_from_json(span)))
    return Report(
        source=_str(data["source"]),
        root=section_from_json(data["root"]),
        title=_str(data["title"]),
        date=date,
        date_text=_str(data["date_text"]),
        date_source=_str(data["date_source"]),
        author=_str(data["author"]),
        author_role=_str(data["author_role"]),
        style=_str(data["style"]),
        toc=_toc(data["toc"]),
        outline=_toc(data["outline"]),
        asides=asides,
        warnings=[_str(warning) for warning in _list(data["warnings"])],
    )


def figure_to_json(figure: Figure) -> list[Any]:
    return [
        figure.value,
        figure.unit,
        figure.label,
        figure.raw,
        figure.sentence,
        list(figure.section_path),
        figure.line,
        figure.high,
        figure.noun,
    ]


def figure_from_json(data: Any) -> Figure:
    value, unit, label, raw, sentence, path, line, high, noun = _list(data)
    return Figure(
        value=_float(value),
        unit=_str(unit),
        label=_str(label),
        raw=_str(raw),
        sentence=_str(sentence),
        section_path=tuple(_str(part) for part in _list(path)),
        line=_int(line),
        high=None if high is None else _float(high),
        noun=_str(noun),
    )
