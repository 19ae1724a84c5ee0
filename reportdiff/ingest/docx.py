"""DOCX reader: paragraphs, lists, tables and footnotes of a Word document onto the report model.

python-docx opens the package and hands over the parsed XML; the body is then walked directly
with lxml (faster than python-docx's objects, and it sees fields, content controls and tracked
changes). What becomes what:

- headings: paragraph styles ``Heading 1``–``9`` / ``Rubrik 1``–``9``, or an outline level
  (``w:outlineLvl``) on the paragraph or its style chain. A document with no such paragraph is
  read by shape: short lines in bold or larger type, ranked by size into levels;
- list items: numbering (``w:numPr``, also inherited from the style) or a ``List …`` style;
  the marker is ``-`` for bullets and ``N.`` for numbers, as the Markdown reader writes them;
- table rows: cells joined with `` | ``, as the Markdown reader does;
- the table of contents (a ``TOC`` field, a TOC content control, ``toc N`` styles) goes to
  ``Report.toc`` and ``Aside(TOC)``, never into the body;
- footnotes: paragraphs at the end of the section that refers to them, marker ``[n]``;
- emphasis and other run formatting are dropped; deleted text (tracked changes) and hidden
  text (``w:vanish``) are left out.

Source positions: ``Span.start``/``Span.end`` are 1-based paragraph numbers, counting every
``w:p`` of the main document in order (table cells included); ``Span.page`` is None.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportdiff.errors import InputError
from reportdiff.ingest.docx_parts import (
    Style,
    W,
    attr,
    collapse,
    half_points,
    num_pr,
    outline_level,
    read_footnotes,
    read_numbering,
    read_styles,
    toggle,
)
from reportdiff.ingest.safety import open_office_zip
from reportdiff.ingest.tree import RawBlock, build_tree
from reportdiff.model import Aside, AsideKind, BlockKind, Report, Span, TocEntry

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*([1-9])$", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^(?:toc|innehåll|innehållsförteckning)\s*([1-9])$", re.IGNORECASE)
_TOC_TITLE_STYLE = re.compile(r"^(?:toc heading|innehållsförteckningsrubrik|rubrik för innehållsförteckning)$", re.I)
_TOC_TITLES = {"innehållsförteckning", "innehåll", "table of contents", "contents"}
_TITLE_STYLE = re.compile(r"^(?:title|subtitle|rubrik|underrubrik)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^(?:list|liststycke|punktlista|numrerad lista)", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"^(.*?)[\s.…·_-]*?(\d{1,4})?$")
_SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}drawing", f"{W}pict", f"{W}object", f"{W}pPr", f"{W}rPr"}


@dataclass(slots=True)
class _Paragraph:
    """What the walk found in one ``w:p``."""

    number: int
    text: str
    style: str
    level: int = 0  # heading level from the style or outline level
    list_marker: str | None = None
    in_toc: bool = False
    bold: bool = True  # every visible run bold
    size: float = 0.0  # largest visible run size in points
    footnotes: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, document, source: str) -> None:  # type: ignore[no-untyped-def]
        self.source = source
        self.styles, self.default_size = read_styles(document)
        self.numbering = read_numbering(document)
        self.footnotes = read_footnotes(document)
        self.paragraph_number = 0
        self.fields: list[list[str]] = []  # open fields: [instruction text] each
        self.counters: dict[tuple[str, int], int] = {}
        self.items: list[_Paragraph | tuple[str, Span]] = []  # paragraphs, and table rows as (text, span)
        self.in_toc_control = 0

    # ------------------------------------------------------------------------------- the walk

    def walk_body(self, body) -> None:  # type: ignore[no-untyped-def]
        for child in body.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                self.items.append(self.paragraph(child))
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}customXml"):
                is_toc = tag == f"{W}sdt" and _is_toc_control(child)
                self.in_toc_control += is_toc
                content = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
                if content is not None:
                    self.walk_body(content)
                self.in_toc_control -= is_toc

    def table(self, table) -> None:  # type: ignore[no-untyped-def]
        for row in table.iterchildren(f"{W}tr"):
            cells: list[str] = []
            first = self.paragraph_number + 1
            for cell in row.iterchildren(f"{W}tc"):
                texts: list[str] = []
                for element in cell.iter(f"{W}p"):
                    texts.append(self.paragraph(element).text)
                cells.append(collapse(" ".join(texts)))
            if any(cells):
                self.items.append((" | ".join(cells), Span(first, max(first, self.paragraph_number))))

    def paragraph(self, element) -> _Paragraph:  # type: ignore[no-untyped-def]
        self.paragraph_number += 1
        properties = element.find(f"{W}pPr")
        style_id = attr(properties, "pStyle") or "Normal"
        style = self.styles.get(style_id) or Style(name=style_id)
        paragraph = _Paragraph(self.paragraph_number, "", style.name)
        toc_open = self.in_toc_control > 0 or self._toc_field_open()
        parts: list[str] = []
        runs = _RunState(self, paragraph, parts, style_id)
        runs.walk(element)
        paragraph.text = collapse("".join(parts))
        paragraph.in_toc = toc_open or runs.toc_seen or bool(_TOC_STYLE.match(style.name))
        paragraph.in_toc = paragraph.in_toc or bool(_TOC_TITLE_STYLE.match(style.name))
        heading = _HEADING_STYLE.match(style.name)
        outline = outline_level(properties)
        if outline is None:
            outline = self._inherited(style_id, "outline_level")
        if heading:
            paragraph.level = int(heading.group(1))
        elif outline is not None and 0 <= outline < 9:
            paragraph.level = outline + 1
        paragraph.list_marker = self._list_marker(properties, style_id, style.name)
        return paragraph

    def _toc_field_open(self) -> bool:
        return any("".join(instruction).strip().upper().startswith("TOC") for instruction in self.fields)

    # ------------------------------------------------------------------------------ properties

    def _inherited(self, style_id: str, name: str):  # type: ignore[no-untyped-def]
        """A style property, looked up along the ``basedOn`` chain (bounded against cycles)."""
        for _ in range(20):
            style = self.styles.get(style_id)
            if style is None:
                return None
            value = getattr(style, name)
            if value is not None:
                return value
            style_id = style.based_on
        return None

    def run_bold_and_size(self, run_properties, style_id: str, char_style: str) -> tuple[bool, float]:  # type: ignore[no-untyped-def]
        bold = toggle(run_properties, "b")
        if bold is None and char_style:
            bold = self._inherited(char_style, "bold")
        if bold is None:
            bold = self._inherited(style_id, "bold")
        size = half_points(run_properties)
        if size is None and char_style:
            size = self._inherited(char_style, "size")
        if size is None:
            size = self._inherited(style_id, "size")
        return bool(bold), size or self.default_size

    def _list_marker(self, properties, style_id: str, style_name: str) -> str | None:  # type: ignore[no-untyped-def]
        num_id, level = num_pr(properties)
        if num_id is None:
            num_id = self._inherited(style_id, "num_id")
            level = self._inherited(style_id, "num_level") or 0 if level is None else level
        level = level or 0
        if num_id is not None and num_id != "0":
            number_format, start = self.numbering.get((num_id, level), ("bullet", 1))
            if number_format in ("bullet", "none"):
                return "-"
            for key in [key for key in self.counters if key[0] == num_id and key[1] > level]:
                del self.counters[key]  # a shallower item restarts the deeper counters
            count = self.counters.get((num_id, level), start - 1) + 1
            self.counters[(num_id, level)] = count
            return f"{count}."
        if _LIST_STYLE.match(style_name) and "number" not in style_name.lower():
            return "-"
        if _LIST_STYLE.match(style_name):
            count = self.counters.get((style_name, 0), 0) + 1
            self.counters[(style_name, 0)] = count
            return f"{count}."
        return None


class _RunState:
    """Collects the visible text of one paragraph and tracks fields that span paragraphs."""

    def __init__(self, reader: _Reader, paragraph: _Paragraph, parts: list[str], style_id: str) -> None:
        self.reader = reader
        self.paragraph = paragraph
        self.parts = parts
        self.style_id = style_id
        self.toc_seen = False
        self.max_size = 0.0

    def walk(self, element) -> None:  # type: ignore[no-untyped-def]
        for child in element.iterchildren():
            tag = child.tag
            if tag in _SKIPPED or not isinstance(tag, str):
                continue
            if tag == f"{W}r":
                self.run(child)
            elif tag.endswith("}AlternateContent") or tag == f"{W}txbxContent":
                continue  # text boxes and their fallbacks: floating, not body text
            else:
                self.walk(child)  # hyperlink, ins, fldSimple, smartTag, sdt, sdtContent, customXml, ...

    def run(self, run) -> None:  # type: ignore[no-untyped-def]
        reader = self.reader
        visible: list[str] = []
        for child in run.iterchildren():
            tag = child.tag
            if tag == f"{W}t":
                visible.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}br", f"{W}cr", f"{W}ptab"):
                visible.append(" ")
            elif tag == f"{W}noBreakHyphen":
                visible.append("-")
            elif tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    reader.fields.append([])
                elif kind == "end" and reader.fields:
                    reader.fields.pop()
            elif tag == f"{W}instrText":
                if reader.fields:
                    reader.fields[-1].append(child.text or "")
                    if reader._toc_field_open():
                        self.toc_seen = True
            elif tag == f"{W}footnoteReference":
                note = reader.footnotes.get(child.get(f"{W}id") or "")
                if note:
                    self.paragraph.footnotes.append(note)
        text = "".join(visible)
        if not text.strip():
            self.parts.append(text)
            return
        properties = run.find(f"{W}rPr")
        if toggle(properties, "vanish"):
            return  # hidden text is not on the page
        char_style = attr(properties, "rStyle") or ""
        bold, size = reader.run_bold_and_size(properties, self.style_id, char_style)
        self.paragraph.bold = self.paragraph.bold and bold
        self.paragraph.size = max(self.paragraph.size, size)
        self.parts.append(text)


# ---------------------------------------------------------------------------------- entry point


def read_docx(data: bytes, source: str = "<bytes>") -> Report:
    """Read a Word report. Raises InputError for corrupt, hostile or mislabelled files."""
    if Path(source).suffix.lower() == ".pdf":
        raise InputError(f"{source}: the name says PDF but the content is a ZIP archive (DOCX?)")
    archive = open_office_zip(data, source, "DOCX")
    names = set(archive.namelist())
    if "word/document.xml" not in names and "[Content_Types].xml" in names:
        raise InputError(f"{source}: a ZIP archive but not a Word document (no word/document.xml)")
    if "[Content_Types].xml" not in names:
        raise InputError(f"{source}: a ZIP archive but not a Word document (DOCX)")
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency, but say so clearly if it is missing
        raise InputError(f"{source}: reading DOCX needs the python-docx package (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as error:
        if "not a Word file" in str(error):
            raise InputError(f"{source}: a ZIP archive but not a Word document (DOCX)") from None
        raise InputError(f"{source}: corrupt or truncated DOCX") from None
    except Exception:  # lxml, zipfile and python-docx raise many kinds; all mean "cannot be read"
        raise InputError(f"{source}: corrupt or truncated DOCX") from None
    reader = _Reader(document, source)
    reader.walk_body(document.element.body)
    return _build_report(reader, source)


def _build_report(reader: _Reader, source: str) -> Report:
    paragraphs = [item for item in reader.items if isinstance(item, _Paragraph) and item.text]
    styled = any(paragraph.level for paragraph in paragraphs if not paragraph.in_toc)
    shape_levels = {} if styled else _levels_by_shape(paragraphs, reader.default_size)
    report = Report(source=source, root=build_tree([]), style="docx")
    raw_blocks: list[RawBlock] = []
    pending_notes: list[tuple[str, Span]] = []
    note_number = 0
    for index, item in enumerate(reader.items):
        if isinstance(item, tuple):
            raw_blocks.append(RawBlock(item[0], item[1], kind=BlockKind.TABLE_ROW))
            continue
        if not item.text:
            continue
        span = Span(item.number, item.number)
        if item.in_toc or _is_toc_title(item, reader.items[index + 1 : index + 3]):
            report.asides.append(Aside(AsideKind.TOC, item.text, span))
            entry = _toc_entry(item)
            if entry is not None:
                report.toc.append(entry)
            continue
        level = item.level if styled else shape_levels.get(item.number, 0)
        if level:
            raw_blocks.extend(_footnote_blocks(pending_notes, note_number))
            note_number += len(pending_notes)
            pending_notes = []
            raw_blocks.append(RawBlock(item.text, span, level=level))
        elif item.list_marker is not None:
            raw_blocks.append(RawBlock(item.text, span, kind=BlockKind.LIST_ITEM, marker=item.list_marker))
        else:
            raw_blocks.append(RawBlock(item.text, span))
        pending_notes.extend((note, span) for note in item.footnotes)
    raw_blocks.extend(_footnote_blocks(pending_notes, note_number))
    report.root = build_tree(raw_blocks)
    _finish(report)
    return report


def _finish(report: Report) -> None:
    """Title, date and signature as the text reader finds them (cover lines become COVER asides)."""
    from reportdiff.ingest.metadata import finish_report

    finish_report(report)
    if not report.title:
        first = next(report.sections(), None)
        report.title = first.heading if first is not None and first.level == 1 else ""


def _footnote_blocks(notes: list[tuple[str, Span]], numbered_before: int) -> list[RawBlock]:
    return [
        RawBlock(text, Span(span.start, span.end), marker=f"[{numbered_before + number}]")
        for number, (text, span) in enumerate(notes, start=1)
    ]


def _levels_by_shape(paragraphs: list[_Paragraph], default_size: float) -> dict[int, int]:
    """Headings written with direct formatting: short, whole-line bold or larger type, no full stop.

    The body size is the most common size by characters; heading sizes rank into levels
    (largest = 1) and bold at body size comes last.
    """
    sizes: Counter[float] = Counter()
    for paragraph in paragraphs:
        sizes[paragraph.size or default_size] += len(paragraph.text)
    if not sizes:
        return {}
    body = sizes.most_common(1)[0][0]
    candidates: dict[int, float] = {}
    for paragraph in paragraphs:
        if paragraph.in_toc or paragraph.list_marker is not None or not _short_heading_shape(paragraph.text):
            continue
        if _TITLE_STYLE.match(paragraph.style):
            continue  # the cover title is a COVER line, never a heading
        size = paragraph.size or default_size
        if size > body + 0.4 and (paragraph.bold or size >= body + 2):
            candidates[paragraph.number] = size
        elif paragraph.bold and size >= body - 0.4:
            candidates[paragraph.number] = body
    _drop_leading_cover_lines(paragraphs, candidates)
    ranks = {size: rank for rank, size in enumerate(sorted(set(candidates.values()), reverse=True), start=1)}
    return {number: ranks[size] for number, size in candidates.items()}


def _drop_leading_cover_lines(paragraphs: list[_Paragraph], candidates: dict[int, float]) -> None:
    """The cover's title and date are set large, but they are not headings: drop them while they lead."""
    from reportdiff.ingest.metadata import is_cover_date, is_title

    for paragraph in paragraphs:
        if paragraph.number not in candidates:
            continue
        if not (is_title(paragraph.text) or is_cover_date(paragraph.text) or _TITLE_STYLE.match(paragraph.style)):
            return
        del candidates[paragraph.number]


def _short_heading_shape(text: str) -> bool:
    """The shape of a heading line (short, capitalised, no sentence end): the text reader's rule."""
    from reportdiff.text.headings import is_heading_shape

    return is_heading_shape(text)


def _is_toc_title(paragraph: _Paragraph, following: list) -> bool:  # type: ignore[type-arg]
    """ "Innehållsförteckning" just before TOC entries belongs to the TOC, whatever its style."""
    if paragraph.text.strip().rstrip(":").casefold() not in _TOC_TITLES:
        return False
    return any(isinstance(item, _Paragraph) and item.in_toc for item in following)


def _toc_entry(paragraph: _Paragraph) -> TocEntry | None:
    match = _TOC_STYLE.match(paragraph.style)
    text = paragraph.text
    found = re.match(r"^(.*?)(?:\s*[.…·_]{2,}\s*|\s+)(\d{1,4})$", text)
    if found is None and not match:
        return None
    heading = found.group(1).strip() if found else text
    page = int(found.group(2)) if found else None
    return TocEntry(heading, int(match.group(1)) if match else None, page, paragraph.number)


def _is_toc_control(sdt) -> bool:  # type: ignore[no-untyped-def]
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(f"{W}val") or "").lower()
