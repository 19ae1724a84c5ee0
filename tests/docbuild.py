"""Build real DOCX and PDF files from a Markdown report, for the reader tests and the benchmark.

The Markdown is read with :func:`reportdiff.ingest.read_markdown` and laid out again, so the three
files carry the same headings, levels and block texts: a reader that understands the layout gives
back the Markdown original. The PDF layout is done by hand on a reportlab canvas (not platypus) so
that a test can ask for exactly the awkward things real reports have: hyphenated line ends, a
two-column page, running headers and footers, page numbers, with or without a bookmark outline.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from reportdiff.ingest import read_markdown
from reportdiff.model import BlockKind, Report

SAMPLE_REPORT = """\
Regiondirektörens rapport

12 februari 2025

# Inledning

Den här rapporten är ett påhittat exempel som används av testerna. Den beskriver en region som
arbetar med tillgänglighetsuppföljningen inom hälso- och sjukvården, med kompetensförsörjningen
och med de ekonomiska förutsättningarna för det kommande verksamhetsåret.

Regionstyrelsen får en sammanfattning av läget varje månad. Underlaget tas fram av
verksamhetsområdena tillsammans med ekonomistaben och personalavdelningen.

# Månadsrapport

Sjukfrånvaron var 6,1 procent i januari, vilket är något lägre än motsvarande månad föregående år.
Antalet inhyrda sjuksköterskor minskade från 42 till 35 årsarbetare under perioden.

| Mått | Januari | December |
| --- | --- | --- |
| Sjukfrånvaro | 6,1 % | 6,4 % |
| Väntande till operation | 2 310 | 2 455 |

## Ekonomi

Resultatet för perioden visar ett underskott på 38 miljoner kronor. Det förklaras främst av
kostnadsutvecklingen för läkemedel och av högre pensionskostnader än budgeterat, medan
skatteintäkterna utvecklats i nivå med prognosen.

- Läkemedelskostnaderna ökade med 7 procent.
- Pensionskostnaderna blev 21 miljoner kronor högre än budget.
- Investeringsplanen följs i stort sett.

# Aktuella händelser

## Division Närsjukvård

### VO Primärvård

Vårdcentralerna har infört en gemensam telefonlösning som förkortar väntetiderna i telefonkön.
Uppföljningen visar att andelen samtal som besvarades samma dag ökade till 91 procent, och
verksamhetsutvecklingen fortsätter under våren med digitaliseringsprojekten.

### VO Ambulanssjukvård

Ambulanssjukvården har rekryterat elva nya specialistsjuksköterskor. Beredskapen i
inlandskommunerna har därmed kunnat upprätthållas under hela perioden utan
tillfälliga neddragningar.

## Division Opererande specialiteter

Operationsverksamheten har återgått till full kapacitet efter semesterperioden. Köerna till
höftledsoperationer och kataraktoperationer minskar, och målet om vård inom nittio dagar nås för
fler patientgrupper än tidigare.

#### Samverkan med kommunerna

Utskrivningsklara patienter skrivs ut snabbare än under hösten. Samverkansöverenskommelsen med
kommunerna följs upp gemensamt varje kvartal.

## Division Psykiatri

Barn- och ungdomspsykiatrin har kortat väntetiden till första bedömning från sju till fem veckor.
Förbättringen beror på att mottagningarna arbetar med gemensamma bedömningsteam och att
telefonrådgivningen bemannas av erfarna sjuksköterskor under hela dagen.

Vuxenpsykiatrins slutenvård har haft en hög beläggning under perioden, i genomsnitt 97 procent.
Divisionen planerar därför att öppna fyra nya vårdplatser under våren, förutsatt att
rekryteringen av skötare och sjuksköterskor går enligt plan.

## Division Diagnostik

Laboratoriemedicin har infört automatiserad provhantering vid länssjukhuset. Svarstiderna för de
vanligaste analyserna har halverats, och antalet felaktigt märkta prover har minskat tydligt sedan
införandet. Bild- och funktionsmedicin fortsätter att korta köerna till magnetkameraundersökningar.

Upphandlingen av en ny datortomograf är avslutad och installationen påbörjas i april. Under
installationsperioden remitteras en del undersökningar till grannregionen enligt det avtal som
tecknades förra året.

# Avrapportering av pågående ärenden

Upphandlingen av det nya vårdinformationssystemet fortsätter enligt tidplanen. Implementeringen
planeras i etapper, och utbildningsinsatserna för medarbetarna påbörjas i god tid före
driftstarten. Patientsäkerhetsarbetet bedrivs parallellt och rapporteras särskilt.

1. Kravspecifikationen är fastställd.
2. Utbildningsplanen skickas på remiss i mars.

# Bilagor

Bilaga 1 redovisar personalstatistiken per förvaltning och yrkesgrupp.
"""

TWO_COLUMN_HEADING = "Aktuella händelser"  # build_pdf(two_column_at=...) lays this part out in two columns


def sample_report(copies: int = 1) -> str:
    """The sample report, or several copies of its body under numbered parts (for long documents)."""
    if copies <= 1:
        return SAMPLE_REPORT
    cover, body = SAMPLE_REPORT.split("# Inledning", 1)
    parts = [cover]
    for number in range(1, copies + 1):
        parts.append(
            ("# Inledning" + body)
            .replace("\n# ", f"\n# Del {number}: ")
            .replace("# Inledning", f"# Del {number}: Inledning", 1)
        )
    return "\n".join(parts)


@dataclass(slots=True)
class Item:
    """One thing to lay out: a heading (level >= 1) or a body block."""

    text: str
    level: int = 0
    kind: BlockKind = BlockKind.PARAGRAPH
    marker: str = ""


def items_from_markdown(markdown: str | Report) -> list[Item]:
    """The Markdown report (or a report read otherwise) as a flat list of headings and blocks.

    The cover lines and the signature, which the reader sets aside, are put back where they
    stood in the source, so that the built document carries them too.
    """
    from reportdiff.model import AsideKind

    report = read_markdown(markdown, "<sample>") if isinstance(markdown, str) else markdown
    placed: list[tuple[int, int, Item]] = []
    for section in report.root.walk():
        if section.level > 0:
            placed.append((section.span.start, len(placed), Item(section.heading, level=section.level)))
        for block in section.blocks:
            placed.append((block.span.start, len(placed), Item(block.text, kind=block.kind, marker=block.marker)))
    for aside in report.asides:
        if aside.kind in (AsideKind.COVER, AsideKind.SIGNATURE):
            for offset, line in enumerate(aside.text.split("\n")):
                placed.append((aside.span.start, offset - 1000, Item(line)))
    return [item for _, _, item in sorted(placed, key=lambda entry: (entry[0], entry[1]))]


# --------------------------------------------------------------------------------------------- DOCX


def build_docx(markdown: str | Report, *, styles: bool = True, toc: bool = False, footnote: str = "") -> bytes:
    """A DOCX with Heading styles (or, with ``styles=False``, headings in bold and larger type only).

    ``toc`` adds a table-of-contents field after the cover lines; ``footnote`` attaches a footnote
    with that text to the first body paragraph.
    """
    from docx import Document
    from docx.shared import Pt

    document = Document()
    items = items_from_markdown(markdown)
    toc_done = not toc
    index = 0
    while index < len(items):
        item = items[index]
        if item.level and not toc_done:
            _add_toc(document, [entry for entry in items if entry.level])
            toc_done = True
        if item.level:
            if styles:
                document.add_heading(item.text, level=item.level)
            else:
                paragraph = document.add_paragraph()
                run = paragraph.add_run(item.text)
                run.bold = True
                run.font.size = Pt({1: 16, 2: 14, 3: 12.5}.get(item.level, 11))
        elif item.kind == BlockKind.TABLE_ROW:
            rows = []
            while index < len(items) and items[index].kind == BlockKind.TABLE_ROW:
                rows.append(items[index].text.split(" | "))
                index += 1
            table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, text in zip(row.cells, cells, strict=False):
                    cell.text = text
            continue
        elif item.kind == BlockKind.LIST_ITEM:
            document.add_paragraph(item.text, style="List Number" if item.marker[:1].isdigit() else "List Bullet")
        elif index == 0:
            document.add_paragraph(item.text, style="Title")  # the cover title, as Word users set it
        else:
            document.add_paragraph(item.text)
        index += 1
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if footnote:
        data = _add_footnote(data, footnote)
    return data


def _add_toc(document, headings: list[Item]) -> None:  # type: ignore[no-untyped-def]
    """A TOC field as Word writes it: a begin/instr/separate run, cached entries, an end run."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for level in (1, 2, 3):
        name = f"toc {level}"
        if name not in [style.name for style in document.styles]:
            document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Innehållsförteckning")
    entries = [heading for heading in headings if heading.level <= 3]
    for number, heading in enumerate(entries):
        paragraph = document.add_paragraph(style=f"toc {heading.level}")
        if number == 0:
            paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
            paragraph._p.append(
                parse_xml(
                    f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r>'
                )
            )
            paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
        paragraph.add_run(heading.text)
        paragraph.add_run().add_tab()
        paragraph.add_run(str(2 + number // 4))
        if number == len(entries) - 1:
            paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))


_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
    '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
    '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _add_footnote(data: bytes, text: str) -> bytes:
    """Add word/footnotes.xml and a reference to it at the end of the first paragraph after a heading."""
    from xml.sax.saxutils import escape

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            elif info.filename == "word/document.xml":
                heading_end = content.index(b"</w:p>", content.index(b'w:val="Heading1"'))
                paragraph_end = content.index(b"</w:p>", heading_end + 6)
                reference = (
                    b'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
                )
                content = content[:paragraph_end] + reference + content[paragraph_end:]
            target.writestr(info, content)
        target.writestr("word/footnotes.xml", _FOOTNOTES_XML.format(text=escape(text)))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- PDF

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points
MARGIN = 60.0
BODY_FONT, BOLD_FONT = "Helvetica", "Helvetica-Bold"
BODY_SIZE = 10.5
HEADING_SIZES = {1: 17.0, 2: 14.0, 3: 12.0, 4: 10.5}


@dataclass
class _Frame:
    x: float
    width: float


@dataclass
class _Layout:
    """A tiny flowing layout: frames (one, or two columns) per page, top to bottom."""

    canvas: object
    footer: bool
    header: bool
    page: int = 0
    frames: list[_Frame] = field(default_factory=list)
    frame_index: int = 0
    y: float = 0.0
    two_column_page: bool = False
    interleave: bool = False  # write two-column pages line by line across both columns
    pending: list[tuple[float, float, str, float, str]] = field(default_factory=list)

    def draw(self, x: float, y: float, font: str, size: float, text: str) -> None:
        """Draw now, or, on an interleaved two-column page, when the page is done (sorted by y, x)."""
        if self.interleave and self.two_column_page:
            self.pending.append((-y, x, font, size, text))
            return
        self.canvas.setFont(font, size)  # type: ignore[attr-defined]
        self.canvas.drawString(x, y, text)  # type: ignore[attr-defined]

    def _flush(self) -> None:
        for minus_y, x, font, size, text in sorted(self.pending):
            self.canvas.setFont(font, size)  # type: ignore[attr-defined]
            self.canvas.drawString(x, -minus_y, text)  # type: ignore[attr-defined]
        self.pending.clear()

    def new_page(self, two_columns: bool = False) -> None:
        if self.page:
            self._flush()
            self._furniture()
            self.canvas.showPage()  # type: ignore[attr-defined]
        self.page += 1
        self.two_column_page = two_columns
        if two_columns:
            gutter = 24.0
            half = (PAGE_WIDTH - 2 * MARGIN - gutter) / 2
            self.frames = [_Frame(MARGIN, half), _Frame(MARGIN + half + gutter, half)]
        else:
            self.frames = [_Frame(MARGIN, PAGE_WIDTH - 2 * MARGIN)]
        self.frame_index = 0
        self.y = PAGE_HEIGHT - MARGIN

    def finish(self) -> None:
        self._flush()
        self._furniture()
        self.canvas.save()  # type: ignore[attr-defined]

    def _furniture(self) -> None:
        canvas = self.canvas
        if self.footer:
            canvas.setFont(BODY_FONT, 8)  # type: ignore[attr-defined]
            canvas.drawString(MARGIN, 30, "Regiondirektörens rapport, februari 2025")  # type: ignore[attr-defined]
            canvas.drawRightString(PAGE_WIDTH - MARGIN, 30, f"Sida {self.page}")  # type: ignore[attr-defined]
        if self.header and self.page > 1:
            canvas.setFont(BODY_FONT, 8)  # type: ignore[attr-defined]
            canvas.drawString(MARGIN, PAGE_HEIGHT - 35, "Exempelregionen · Dnr RS 2025/17")  # type: ignore[attr-defined]

    @property
    def frame(self) -> _Frame:
        return self.frames[self.frame_index]

    def room(self, height: float) -> None:
        """Move to the next frame or page when ``height`` does not fit."""
        if self.y - height >= MARGIN:
            return
        if self.frame_index + 1 < len(self.frames):
            self.frame_index += 1
            self.y = PAGE_HEIGHT - MARGIN
        else:
            self.new_page()


def build_pdf(
    markdown: str | Report,
    *,
    outline: bool = True,
    two_column_at: str = "",
    interleave: bool = False,
    footer: bool = True,
    header: bool = True,
    hyphenate: bool = True,
    break_after: tuple[str, ...] = ("hälso-",),
    encrypt: str = "",
    toc: bool = False,
) -> bytes:
    """A PDF of the report; headings in bold and larger type, bookmarks when ``outline``.

    ``two_column_at`` starts a new two-column page at the level-1 heading with that text (the
    page after it is single-column again); ``interleave`` writes that page's text line by line
    across both columns, as some producers do, so that content-stream order is not reading
    order. ``hyphenate`` splits long words at line ends with a
    bare ``-``; ``break_after`` forces a line break after words such as ``hälso-`` so that a
    real compound hyphen lands at a line end. ``toc`` adds a contents list (dot leaders, page
    numbers, indented by level) after the cover.
    """
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, encrypt=encrypt or None)
    canvas.setTitle("Regiondirektörens rapport")
    layout = _Layout(canvas, footer=footer, header=header, interleave=interleave)
    layout.new_page()
    items = items_from_markdown(markdown)
    outline_level = 0
    toc_done = not toc
    for number, item in enumerate(items):
        if item.level and not toc_done:
            _draw_toc(layout, [entry for entry in items if 0 < entry.level <= 3])
            toc_done = True
        if item.level == 1 and two_column_at:
            if item.text.endswith(two_column_at):
                layout.new_page(two_columns=True)
            elif layout.two_column_page:
                layout.new_page()
        if item.level:
            size = HEADING_SIZES.get(item.level, BODY_SIZE)
            lines = _wrap(item.text, BOLD_FONT, size, layout.frame.width, hyphenate=False, break_after=())
            layout.room(size * 1.3 * len(lines) + size + BODY_SIZE * 3)
            layout.y -= size * 0.8
            key = f"h{number}"
            if outline:
                canvas.bookmarkPage(key, fit="XYZ", top=layout.y + size)
                level = min(item.level - 1, outline_level + 1) if number else 0
                canvas.addOutlineEntry(item.text, key, level=level)
                outline_level = level
            _draw_lines(layout, lines, BOLD_FONT, size, 0.0)
            layout.y -= size * 0.3
            continue
        if item.kind == BlockKind.TABLE_ROW:
            if number == 0 or items[number - 1].kind != BlockKind.TABLE_ROW:
                widths = _column_widths(items[number:], layout.frame.width)
            layout.room(BODY_SIZE * 1.4)
            layout.y -= BODY_SIZE * 1.3
            x = layout.frame.x
            for cell, width in zip(item.text.split(" | "), widths, strict=False):
                layout.draw(x, layout.y, BODY_FONT, BODY_SIZE, cell)
                x += width
            if number + 1 >= len(items) or items[number + 1].kind != BlockKind.TABLE_ROW:
                layout.y -= BODY_SIZE * 0.6
            continue
        if number < 2 and not any(previous.level for previous in items[:number]):
            cover_size = 22.0 if number == 0 else 13.0  # the cover: title and date, large
            _draw_lines(layout, [item.text], BOLD_FONT if number == 0 else BODY_FONT, cover_size, 0.0)
            layout.y -= cover_size
            continue
        indent = 18.0 if item.kind == BlockKind.LIST_ITEM else 0.0
        lines = _wrap(item.text, BODY_FONT, BODY_SIZE, layout.frame.width - indent, hyphenate, break_after)
        if item.kind == BlockKind.LIST_ITEM:
            layout.room(BODY_SIZE * 1.3)
            marker = item.marker if item.marker[:1].isdigit() else "•"
            layout.draw(layout.frame.x + 4, layout.y - BODY_SIZE * 1.3, BODY_FONT, BODY_SIZE, marker)
        _draw_lines(layout, lines, BODY_FONT, BODY_SIZE, indent)
        layout.y -= BODY_SIZE * 0.7 if item.kind == BlockKind.PARAGRAPH else BODY_SIZE * 0.2
    layout.finish()
    return buffer.getvalue()


def _draw_toc(layout: _Layout, headings: list[Item]) -> None:
    """Innehållsförteckning: each entry indented by level, dot leaders, a right-aligned page number."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _draw_lines(layout, ["Innehållsförteckning"], BOLD_FONT, 13.0, 0.0)
    right = layout.frame.x + layout.frame.width
    for number, heading in enumerate(headings):
        indent = 14.0 * (heading.level - 1)
        text = heading.text + " "
        while stringWidth(text + ". ", BODY_FONT, BODY_SIZE) < layout.frame.width - indent - 24:
            text += ". "
        _draw_lines(layout, [text], BODY_FONT, BODY_SIZE, indent)
        layout.draw(
            right - stringWidth(str(2 + number // 5), BODY_FONT, BODY_SIZE),
            layout.y,
            BODY_FONT,
            BODY_SIZE,
            str(2 + number // 5),
        )
    layout.new_page()


def _column_widths(items: list[Item], frame_width: float) -> list[float]:
    """Each column as wide as its widest cell plus a gap, for the table that starts at items[0]."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths: list[float] = []
    for item in items:
        if item.kind != BlockKind.TABLE_ROW:
            break
        for column, cell in enumerate(item.text.split(" | ")):
            width = stringWidth(cell, BODY_FONT, BODY_SIZE) + 3 * BODY_SIZE
            if column < len(widths):
                widths[column] = max(widths[column], width)
            else:
                widths.append(width)
    scale = min(1.0, frame_width / sum(widths))
    return [width * scale for width in widths]


def _draw_lines(layout: _Layout, lines: list[str], font: str, size: float, indent: float) -> None:
    for line in lines:
        layout.room(size * 1.3)
        layout.y -= size * 1.3
        layout.draw(layout.frame.x + indent, layout.y, font, size, line)


def _wrap(text: str, font: str, size: float, width: float, hyphenate: bool, break_after: tuple[str, ...]) -> list[str]:
    """Greedy line filling; long words that do not fit may be split with a bare hyphen."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    words = text.split()
    while words:
        word = words.pop(0)
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            if word in break_after:
                lines.append(current)
                current = ""
            continue
        if hyphenate and len(word) >= 9 and word.isalpha():
            for cut in range(len(word) - 3, 3, -1):
                head = f"{current} {word[:cut]}-" if current else f"{word[:cut]}-"
                if stringWidth(head, font, size) <= width:
                    lines.append(head)
                    current = ""
                    words.insert(0, word[cut:])
                    break
            else:
                lines.append(current)
                current = word
            continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def build_image_pdf() -> bytes:
    """A 'scanned' page: an image and shapes, no text layer at all."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    image = Image.new("L", (200, 280), color=200)
    canvas.drawImage(ImageReader(image), 50, 50, width=495, height=742)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# ------------------------------------------------------------------------------------ hostile files


def build_zip_bomb_docx(uncompressed_mb: int = 300) -> bytes:
    """A DOCX whose document.xml inflates to ``uncompressed_mb`` megabytes of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(uncompressed_mb):
                member.write(chunk)
    return out.getvalue()


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">\n' for n in range(1, 10)
    )
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def build_billion_laughs_docx() -> bytes:
    """A real DOCX whose document.xml is replaced by the classic entity-expansion attack."""
    data = build_docx("# Rubrik\n\nText.\n")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = BILLION_LAUGHS.encode()
            target.writestr(info, content)
    return out.getvalue()


# -------------------------------------------------------------------------------------- comparing


def flatten(report) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Headings (with their level) and body blocks (with their kind) in document order."""
    out: list[tuple[str, str]] = []
    for section in report.root.walk():
        if section.level:
            out.append((f"h{section.level}", section.heading))
        for block in section.blocks:
            out.append((block.kind.value, block.text))
    return out


def markdown_model(markdown: str):  # type: ignore[no-untyped-def]
    """The Markdown original as the Markdown reader reads it."""
    return read_markdown(markdown, "<original>")


def build_pdf_flowing(markdown: str | Report) -> bytes:
    """The same report laid out by reportlab's own flowing engine (platypus), a second producer.

    Justified text, platypus's heading styles, its default tables and hanging bullets: none of
    the choices of :func:`build_pdf`, so a reader tuned to one layout shows up here.
    """
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.alignment = TA_JUSTIFY
    story: list[object] = []
    rows: list[list[str]] = []
    for item in items_from_markdown(markdown):
        if item.kind == BlockKind.TABLE_ROW:
            rows.append(item.text.split(" | "))
            continue
        if rows:
            story.append(Table(rows))
            rows = []
        text = escape(item.text)
        if item.level:
            story.append(Paragraph(text, styles[f"Heading{min(item.level, 6)}"]))
        elif item.kind == BlockKind.LIST_ITEM:
            story.append(Paragraph(text, body, bulletText="•" if item.marker == "-" else item.marker))
        else:
            story.append(Paragraph(text, body))
    if rows:
        story.append(Table(rows))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(story)
    return buffer.getvalue()
