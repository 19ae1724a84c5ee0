"""Guards for hostile office files: zip bombs and XML entity attacks, checked before any parsing.

A DOCX is a ZIP of XML parts. Two classic attacks hide in that shape:

- a *zip bomb*: a small archive whose members inflate to gigabytes. The declared sizes in the
  central directory are checked first (Python's zipfile never inflates a member past its declared
  size and checks the CRC, so the declared sizes really bound the work);
- an *entity expansion* ("billion laughs") or external entity: a DTD inside an XML part. Office
  files never carry a DTD, so any ``<!DOCTYPE`` or ``<!ENTITY`` in a part is refused outright.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from reportdiff.errors import InputError

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # a 45-page report with images is a few MB
MAX_RATIO = 100  # deflated XML is typically 5-15 times smaller; far more is a bomb
RATIO_CHECK_FROM = 1024 * 1024  # tiny parts may compress very well without harm
MAX_MEMBERS = 10_000

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def open_office_zip(data: bytes, source: str, kind: str = "DOCX") -> zipfile.ZipFile:
    """Open the archive and check sizes, ratios and every XML part; raise InputError if unsafe or broken."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise InputError(f"{source}: corrupt or truncated {kind} (not a readable ZIP archive)") from None
    check_sizes(archive, source, kind)
    check_xml_parts(archive, source, kind)
    return archive


def check_sizes(archive: zipfile.ZipFile, source: str, kind: str = "DOCX") -> None:
    """Refuse archives that would inflate beyond the limits (a zip bomb)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{source}: the {kind} has {len(members)} parts, more than {MAX_MEMBERS} (refused)")
    total = 0
    total_compressed = 0
    for member in members:
        total += member.file_size
        total_compressed += member.compress_size
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM and ratio > MAX_RATIO:
            name = member.filename
            raise InputError(f"{source}: the {kind} part {name} inflates {ratio} times (a zip bomb?); refused")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            f"{source}: the {kind} would inflate to {total // (1024 * 1024)} MB, more than "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB (a zip bomb?); refused"
        )
    if total > RATIO_CHECK_FROM and total > MAX_RATIO * max(total_compressed, 1):
        raise InputError(f"{source}: the {kind} inflates more than {MAX_RATIO} times (a zip bomb?); refused")


def check_xml_parts(archive: zipfile.ZipFile, source: str, kind: str = "DOCX") -> None:
    """Refuse any XML part that declares a DTD or entities (billion laughs, external entities)."""
    for member in archive.infolist():
        if not member.filename.lower().endswith(_XML_SUFFIXES):
            continue
        try:
            content = archive.read(member)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
            raise InputError(f"{source}: corrupt or truncated {kind} (part {member.filename} is damaged)") from None
        if has_dtd(content):
            raise InputError(f"{source}: the {kind} part {member.filename} declares a DTD or entities (refused)")


def has_dtd(content: bytes) -> bool:
    """Whether XML bytes (UTF-8 or UTF-16) contain a DOCTYPE or ENTITY declaration."""
    head = content[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) == 4 and (head[1] == 0 or head[0] == 0)):
        encoding = (
            "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-16-le" if head[1] == 0 else "utf-16-be")
        )
        content = content.decode(encoding, errors="replace").encode("utf-8")
    return _DTD.search(content) is not None
