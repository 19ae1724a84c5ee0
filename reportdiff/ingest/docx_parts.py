"""The parts of a DOCX beside its body: styles, numbering and footnotes, and the small XML readers
the body walk (``docx.py``) shares with them."""

from __future__ import annotations

import re
from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SPACES = re.compile(r"\s+")

TRUE = {"1", "true", "on", None}


@dataclass(slots=True)
class Style:
    name: str = ""
    based_on: str = ""
    outline_level: int | None = None
    num_id: str | None = None
    num_level: int = 0
    bold: bool | None = None
    size: float | None = None  # points


def read_styles(document) -> tuple[dict[str, Style], float]:  # type: ignore[no-untyped-def]
    styles: dict[str, Style] = {}
    default_size = 10.0
    try:
        root = document.styles.element
    except Exception:  # a document without a styles part
        return styles, default_size
    size = half_points(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
    default_size = size or default_size
    for element in root.iterchildren(f"{W}style"):
        style_id = element.get(f"{W}styleId") or ""
        name_element = element.find(f"{W}name")
        properties = element.find(f"{W}pPr")
        run_properties = element.find(f"{W}rPr")
        num_id, num_level = num_pr(properties)
        styles[style_id] = Style(
            name=(name_element.get(f"{W}val") if name_element is not None else None) or style_id,
            based_on=attr(element, "basedOn") or "",
            outline_level=outline_level(properties),
            num_id=num_id,
            num_level=num_level or 0,
            bold=toggle(run_properties, "b"),
            size=half_points(run_properties),
        )
    return styles, default_size


def read_numbering(document) -> dict[tuple[str, int], tuple[str, int]]:  # type: ignore[no-untyped-def]
    """(numId, level) → (number format, start) from numbering.xml."""
    try:
        root = document.part.numbering_part.element
    except Exception:  # no numbering part
        return {}
    abstract: dict[str, dict[int, tuple[str, int]]] = {}
    for element in root.iterchildren(f"{W}abstractNum"):
        levels: dict[int, tuple[str, int]] = {}
        for level in element.iterchildren(f"{W}lvl"):
            number = int(level.get(f"{W}ilvl") or 0)
            levels[number] = (attr(level, "numFmt") or "decimal", int(attr(level, "start") or 1))
        abstract[element.get(f"{W}abstractNumId") or ""] = levels
    result: dict[tuple[str, int], tuple[str, int]] = {}
    for element in root.iterchildren(f"{W}num"):
        num_id = element.get(f"{W}numId") or ""
        for number, value in abstract.get(attr(element, "abstractNumId") or "", {}).items():
            result[(num_id, number)] = value
    return result


def read_footnotes(document) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Footnote id → text, from the footnotes part (already checked for DTDs by the safety guard)."""
    from lxml import etree

    for relationship in document.part.rels.values():
        if relationship.reltype.endswith("/footnotes") and not relationship.is_external:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(relationship.target_part.blob, parser)
            notes: dict[str, str] = {}
            for note in root.iterchildren(f"{W}footnote"):
                if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join(collapse("".join(t.text or "" for t in p.iter(f"{W}t"))) for p in note.iter(f"{W}p"))
                if text.strip():
                    notes[note.get(f"{W}id") or ""] = collapse(text)
            return notes
    return {}


def attr(element, child: str) -> str | None:  # type: ignore[no-untyped-def]
    if element is None:
        return None
    found = element.find(f"{W}{child}")
    return found.get(f"{W}val") if found is not None else None


def toggle(properties, name: str) -> bool | None:  # type: ignore[no-untyped-def]
    if properties is None:
        return None
    found = properties.find(f"{W}{name}")
    if found is None:
        return None
    return found.get(f"{W}val") in TRUE


def half_points(properties) -> float | None:  # type: ignore[no-untyped-def]
    value = attr(properties, "sz")
    try:
        return int(value) / 2 if value else None
    except ValueError:
        return None


def outline_level(properties) -> int | None:  # type: ignore[no-untyped-def]
    value = attr(properties, "outlineLvl")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def num_pr(properties) -> tuple[str | None, int | None]:  # type: ignore[no-untyped-def]
    if properties is None:
        return None, None
    numbering = properties.find(f"{W}numPr")
    if numbering is None:
        return None, None
    level = attr(numbering, "ilvl")
    return attr(numbering, "numId"), int(level) if level and level.isdigit() else None


def collapse(text: str) -> str:
    return SPACES.sub(" ", text).strip()
