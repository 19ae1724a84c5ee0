"""A series as JSON, schema ``reportdiff.trend/1`` (``reportdiff/data/trend.schema.json``).

Everything the other trend views show, and more: every figure track (also the constant ones),
every section row with one cell per report, the topic points with their sections and status
words. Keys come in a fixed order and text is kept as written (``ensure_ascii=False``).
Reports are referred to by their index in ``reports`` (time order).
"""

from __future__ import annotations

from typing import Any

from reportdiff.model.series import FigureTrack, SectionRow, SeriesEntry, SeriesReport, TopicTrack
from reportdiff.render.jsontext import dumps
from reportdiff.render.trend_common import TrendOptions

TREND_SCHEMA = "reportdiff.trend/1"


def render_trend_json(result: SeriesReport, options: TrendOptions | None = None) -> str:
    """One top-level key a line, and one item a line inside lists."""
    return dumps(trend_data(result), depth=2)


def trend_data(result: SeriesReport) -> dict[str, Any]:
    return {
        "schema": TREND_SCHEMA,
        "topic": result.topic_query,
        "reports": [_entry(entry) for entry in result.reports],
        "figures": [_figure(track) for track in result.figures],
        "topics": [_topic(topic) for topic in result.topics],
        "lasting": [_topic(topic) for topic in result.lasting],
        "changing": [_topic(topic) for topic in result.changing],
        "sections": [_row(row) for row in result.sections.rows],
        "warnings": list(result.warnings),
    }


def _entry(entry: SeriesEntry) -> dict[str, Any]:
    return {
        "index": entry.index,
        "source": entry.source,
        "title": entry.title,
        "date": entry.date.isoformat() if entry.date else None,
        "date_text": entry.date_text,
        "date_origin": entry.date_origin,
        "estimated": entry.estimated.isoformat() if entry.estimated else None,
        "label": entry.label,
    }


def _number(value: float | None) -> float | int | None:
    """Whole numbers as integers (7452, not 7452.0), so the output reads like the report."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)


def _figure(track: FigureTrack) -> dict[str, Any]:
    return {
        "id": track.id,
        "label": track.label,
        "unit": track.unit,
        "section_path": list(track.section_path),
        "change": _number(track.change),
        "varies": track.varies,
        "points": [
            {
                "report": point.report,
                "value": _number(point.value),
                "high": _number(point.high),
                "change": _number(point.change),
                "raw": point.raw,
                "label": point.label,
                "section_path": list(point.section_path),
                "line": point.line,
                "sentence": point.sentence,
            }
            for point in track.points
        ],
    }


def _topic(topic: TopicTrack) -> dict[str, Any]:
    return {
        "topic": topic.topic,
        "kind": topic.kind,
        "present": topic.present,
        "points": [
            {
                "report": point.report,
                "mentions": point.mentions,
                "words": point.words,
                "sections": [list(path) for path in point.sections],
                "status_words": list(point.status_words),
                "phase": point.phase,
                "phase_label": point.phase_label,
                "phase_certain": point.phase_certain,
            }
            for point in topic.points
        ],
    }


def _row(row: SectionRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "heading": row.heading,
        "level": row.level,
        "path": list(row.path),
        "present": row.present,
        "cells": [
            {
                "state": cell.state.value,
                "heading": cell.heading,
                "path": list(cell.path),
                "words": cell.words,
                "changed": cell.changed,
                "renamed": cell.renamed,
                "moved": cell.moved,
            }
            for cell in row.cells
        ],
    }
