"""A DocumentDiff as JSON, schema ``reportdiff.diff/1`` (``reportdiff/data/diff.schema.json``).

The output carries every block's text on both sides plus its place in its report, so a reader can
rebuild the old and the new body word for word (see docs/formats.md). Keys come in a fixed order,
text is kept as is (``ensure_ascii=False``): a program reading JSON escapes what it shows.

``--section`` narrows the sections, events and figure shifts written, as it does for the other
formats; ``stats`` then counts only what is written, and ``filter`` says which pattern was used.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from reportdiff.diff.stats import pair_blocks
from reportdiff.model import (
    Block,
    BlockChange,
    DocumentDiff,
    Event,
    Figure,
    FigureShift,
    Report,
    Section,
    SectionPair,
)
from reportdiff.render.jsontext import Lazy, iter_dumps
from reportdiff.render.options import RenderOptions
from reportdiff.render.select import selected_pairs, selected_stats, selected_summary

DIFF_SCHEMA = "reportdiff.diff/1"


def render_json(diff: DocumentDiff, options: RenderOptions | None = None) -> str:
    """Indented down to each block, which stands on one line (see :mod:`reportdiff.render.jsontext`)."""
    return "".join(json_chunks(diff, options))


def json_chunks(diff: DocumentDiff, options: RenderOptions | None = None) -> Iterator[str]:
    """The text of :func:`render_json` in pieces, each section's data made and dropped as it is written."""
    return iter_dumps(diff_data(diff, options, lazy=True), depth=4)


def diff_data(diff: DocumentDiff, options: RenderOptions | None = None, lazy: bool = False) -> dict[str, Any]:
    """The JSON document as data; ``lazy``: the sections as a :class:`~reportdiff.render.jsontext.Lazy`."""
    options = options or RenderOptions()
    pattern = options.section_pattern
    pairs = selected_pairs(diff, pattern)
    summary = selected_summary(diff.summary, pattern)
    stats = selected_stats(diff, pairs, pattern)
    old_places = _Places(diff.old)
    new_places = _Places(diff.new)
    data: dict[str, Any] = {
        "schema": DIFF_SCHEMA,
        "old": _report_data(diff.old),
        "new": _report_data(diff.new),
        "filter": pattern,
        "has_changes": diff.has_changes,
        "stats": {
            "sections_added": stats.sections_added,
            "sections_removed": stats.sections_removed,
            "sections_renamed": stats.sections_renamed,
            "sections_moved": stats.sections_moved,
            "sections_changed": stats.sections_changed,
            "blocks_inserted": stats.blocks_inserted,
            "blocks_deleted": stats.blocks_deleted,
            "blocks_changed": stats.blocks_changed,
            "blocks_moved": stats.blocks_moved,
            "words_inserted": stats.words_inserted,
            "words_deleted": stats.words_deleted,
        },
        "summary": {
            "events": [_event_data(event) for event in summary.events],
            "figure_shifts": [_shift_data(shift) for shift in summary.figure_shifts],
            "withheld": [_event_data(event) for event in summary.withheld],
            "one_sided": [_shift_data(shift) for shift in summary.one_sided],
        },
        "sections": Lazy(_pair_data(pair, old_places, new_places) for pair in pairs)
        if lazy
        else [_pair_data(pair, old_places, new_places) for pair in pairs],
        "toc_changes": list(diff.toc_changes),
        "layout_changes": list(diff.layout_changes),
        "notes": list(diff.notes),
    }
    return data


# -- where each section and block sits in its report -----------------------------------------------


class _Places:
    """Document-order numbers of the sections and blocks of one report.

    Found by identity first (compare() hands over the report's own objects), then by source span
    and text, so that a diff built from copies still gets its numbers. The second index is built
    at the first object not found by identity: most diffs never need it.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.section_by_id: dict[int, int] = {}
        self.block_by_id: dict[int, tuple[int, int]] = {}
        for order, section in enumerate(report.root.walk()):
            self.section_by_id[id(section)] = order
            for index, block in enumerate(section.blocks):
                self.block_by_id[id(block)] = (order, index)
        self._section_by_key: dict[tuple[int, str, int], int] | None = None
        self._block_by_key: dict[tuple[int, int, str], tuple[int, int]] = {}

    def section(self, section: Section) -> int | None:
        found = self.section_by_id.get(id(section))
        if found is None:
            found = self._by_key()[0].get((section.span.start, section.heading, section.level))
        return found

    def block(self, block: Block) -> tuple[int, int] | None:
        found = self.block_by_id.get(id(block))
        if found is None:
            found = self._by_key()[1].get((block.span.start, block.span.end, block.text))
        return found

    def _by_key(self) -> tuple[dict[tuple[int, str, int], int], dict[tuple[int, int, str], tuple[int, int]]]:
        if self._section_by_key is None:
            self._section_by_key = {}
            for order, section in enumerate(self.report.root.walk()):
                self._section_by_key.setdefault((section.span.start, section.heading, section.level), order)
                for index, block in enumerate(section.blocks):
                    self._block_by_key.setdefault((block.span.start, block.span.end, block.text), (order, index))
        return self._section_by_key, self._block_by_key


# -- pieces ----------------------------------------------------------------------------------------


def _report_data(report: Report) -> dict[str, Any]:
    return {**report.metadata(), "warnings": list(report.warnings)}


def _section_side(section: Section | None, path: tuple[str, ...], places: _Places) -> dict[str, Any] | None:
    if section is None:
        return None
    return {
        "heading": section.heading,
        "level": section.level,
        "path": list(path),
        "line": section.span.start,
        "end_line": section.span.end,
        "page": section.span.page,
        "order": places.section(section),
    }


def _pair_data(pair: SectionPair, old_places: _Places, new_places: _Places) -> dict[str, Any]:
    return {
        "status": pair.status.value,
        "renamed": pair.renamed,
        "moved": pair.moved,
        "path": list(pair.path),
        "old": _section_side(pair.old, pair.old_path, old_places),
        "new": _section_side(pair.new, pair.new_path, new_places),
        "score": round(pair.score, 4),
        "reason": pair.reason,
        "split_into": [list(path) for path in pair.split_into],
        "merged_from": [list(path) for path in pair.merged_from],
        "blocks": [_block_change_data(change, old_places, new_places) for change in pair_blocks(pair)],
    }


def _block_side(block: Block | None, places: _Places) -> dict[str, Any] | None:
    if block is None:
        return None
    place = places.block(block)
    return {
        "text": block.text,
        "marker": block.marker,
        "line": block.span.start,
        "end_line": block.span.end,
        "page": block.span.page,
        "section_order": place[0] if place else None,
        "index": place[1] if place else None,
    }


def _block_change_data(change: BlockChange, old_places: _Places, new_places: _Places) -> dict[str, Any]:
    block = change.new or change.old
    data: dict[str, Any] = {
        "op": change.op.value,
        "kind": block.kind.value if block is not None else None,
        "old": _block_side(change.old, old_places),
        "new": _block_side(change.new, new_places),
        "granularity": change.granularity,
        "moved_from": list(change.moved_from) if change.moved_from is not None else None,
        "moved_to": list(change.moved_to) if change.moved_to is not None else None,
        "ops": [{"op": op.op.value, "old": op.old, "new": op.new} for op in change.ops],
    }
    if change.regrouped is not None:
        data["regrouped"] = list(change.regrouped)
    return data


def _event_data(event: Event) -> dict[str, Any]:
    return {
        "kind": event.kind.value,
        "title": event.title,
        "text": event.text,
        "section_path": list(event.section_path),
        "line": event.line,
        "side": event.side,
        "rule": event.rule,
        "score": round(event.score, 4),
        "topic": event.topic,
        "old_status": event.old_status,
        "new_status": event.new_status,
        "evidence": [
            {"side": said.side, "line": said.line, "section_path": list(said.section_path), "sentence": said.sentence}
            for said in event.evidence
        ],
        "why": event.why,
    }


def _figure_data(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "value": _number(figure.value),
        "high": _number(figure.high),
        "unit": figure.unit,
        "label": figure.label,
        "raw": figure.raw,
        "sentence": figure.sentence,
        "section_path": list(figure.section_path),
        "line": figure.line,
    }


def _shift_data(shift: FigureShift) -> dict[str, Any]:
    return {
        "label": shift.label,
        "unit": shift.unit,
        "section_path": list(shift.section_path),
        "old": _figure_data(shift.old),
        "new": _figure_data(shift.new),
        "change": _number(shift.change),
        "relative": _number(None if shift.relative is None else round(shift.relative, 6)),
        "direction": shift.direction,
        "score": round(shift.score, 4),
    }


def _number(value: float | None) -> float | None:
    """JSON has no NaN or infinity: those become null."""
    if value is None or not math.isfinite(value):
        return None
    return value
