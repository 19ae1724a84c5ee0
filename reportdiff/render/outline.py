"""The outline of one report as text or as JSON (``reportdiff.outline/1``)."""

from __future__ import annotations

import json
from typing import Any

from reportdiff.model import Report, Section
from reportdiff.render.jsontext import escape_unsafe
from reportdiff.text.normalize import safe_text

OUTLINE_SCHEMA = "reportdiff.outline/1"


def outline_data(report: Report, explain: bool = False) -> dict[str, Any]:
    reasons = explanations(report) if explain else {}
    return {
        "schema": OUTLINE_SCHEMA,
        **report.metadata(),
        "sections": [_section_data(child, reasons) for child in report.root.children],
        "warnings": list(report.warnings),
    }


def _section_data(section: Section, reasons: dict[int, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "heading": section.heading,
        "level": section.level,
        "line": section.span.start,
        "page": section.span.page,
        "end_line": section.span.end,
        "blocks": len(section.blocks),
        "children": [_section_data(child, reasons) for child in section.children],
    }
    if reasons:
        data["why"] = reasons.get(id(section), "")
    return data


def explanations(report: Report) -> dict[int, str]:
    """For each section (by id): why it is a heading, why it has its level, and who its parent is."""
    own = dict(zip((id(s) for s in report.sections()), report.explanations, strict=False))
    reasons: dict[int, str] = {}
    for path, section in report.root.walk_with_path():
        if section.level == 0:
            continue
        why = own.get(id(section)) or _format_reason(report)
        parent = f"parent '{path[-2]}', the nearest heading above at a higher level" if len(path) > 1 else "a top part"
        reasons[id(section)] = f"{why}; {parent}"
    return reasons


def _format_reason(report: Report) -> str:
    """Readers that take headings from the file format say so."""
    return {
        "markdown": "a Markdown heading (#); its level is the number of #",
        "docx": "a DOCX heading style or outline level; its level is the style's",
        "pdf": "a PDF bookmark or a larger, bold font; its level is the bookmark depth or the font size rank",
    }.get(report.style, "a heading as the reader found it")


def render_outline(report: Report, fmt: str = "text", explain: bool = False) -> str:
    if fmt == "json":
        return escape_unsafe(json.dumps(outline_data(report, explain), ensure_ascii=False, indent=2)) + "\n"
    reasons = explanations(report) if explain else {}
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
        if explain:
            lines.append(f"{'':>8}  {indent}  why: {safe_text(reasons[id(section)])}")
    return "\n".join(lines) + "\n"
