"""The outline of one report as text or as JSON (``reportdiff.outline/1``)."""

from __future__ import annotations

import json
from typing import Any

from reportdiff.jsontext import escape_unsafe
from reportdiff.model import Report, Section
from reportdiff.text.normalize import safe_text

OUTLINE_SCHEMA = "reportdiff.outline/1"


def outline_data(report: Report) -> dict[str, Any]:
    return {
        "schema": OUTLINE_SCHEMA,
        **report.metadata(),
        "sections": [_section_data(child) for child in report.root.children],
        "warnings": list(report.warnings),
    }


def _section_data(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "level": section.level,
        "line": section.span.start,
        "page": section.span.page,
        "end_line": section.span.end,
        "blocks": len(section.blocks),
        "children": [_section_data(child) for child in section.children],
    }


def render_outline(report: Report, fmt: str = "text") -> str:
    if fmt == "json":
        return escape_unsafe(json.dumps(outline_data(report), ensure_ascii=False, indent=2)) + "\n"
    date = report.date.isoformat() if report.date else "-"
    lines = [
        f"title:  {report.title or '-'}",
        f"date:   {date}" + (f" ({report.date_source})" if report.date_source else ""),
        f"author: {report.author or '-'}" + (f", {report.author_role}" if report.author_role else ""),
        "",
    ]
    lines = [safe_text(line) for line in lines]  # report text is data, never terminal commands
    for section in report.sections():
        indent = "  " * (section.level - 1)
        where = f"p{section.span.page}:{section.span.start}" if section.span.page else str(section.span.start)
        lines.append(f"{where:>8}  {indent}{safe_text(section.heading)}")
    return "\n".join(lines) + "\n"
