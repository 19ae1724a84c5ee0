"""Bytes to text: the encodings a Swedish Windows user may have, and a clear 'no' for binary files."""

from __future__ import annotations

import codecs
import re

from reportdiff.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that never appear in a text file; a few of them mean "binary".
_BINARY_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}
_BINARY_DELETE = bytes(sorted(_BINARY_BYTES))


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Decode a text report: BOM first, then strict UTF-8, then cp1252 (with latin-1 for its 5 gaps).

    Raises InputError for empty, whitespace-only and binary input.
    """
    text = _decode(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{source}: the file is empty" if not data else f"{source}: the file holds only whitespace")
    return text


def _decode(data: bytes, source: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(f"{source}: undecodable {encoding} text at byte {error.start}") from None
    if _looks_utf16_without_bom(data):
        try:
            return data.decode("utf-16-le" if data[1:2] == b"\0" else "utf-16-be")
        except UnicodeDecodeError:
            pass
    sample = data[:65536]
    binary_count = len(sample) - len(sample.translate(None, _BINARY_DELETE))  # C speed, not a Python loop
    if sample and binary_count > max(2, len(sample) // 1000):
        raise InputError(f"{source}: this is a binary file, not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined; latin-1 maps every byte.
    text = "".join(_decode_cp1252_byte(byte) for byte in data) if _has_cp1252_gaps(data) else data.decode("cp1252")
    return _dos_or_mac(data, text)


# DOS (cp850) and classic Mac OS (mac-roman) files put å ä ö in 0x80-0x9F, where cp1252 has quotes,
# daggers and ligatures that never sit inside a word. Count Swedish letters inside words under each
# reading; another code page wins only with strictly more of them, so cp1252 keeps every tie.
_SWEDISH_IN_WORD = re.compile(r"(?<=[A-Za-z])[åäö](?=[A-Za-z])|(?<![^\W\d_])[ÅÄÖ](?=[a-zåäö])")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")


def _dos_or_mac(data: bytes, cp1252_text: str) -> str:
    if not _C1_BYTES.search(data):
        return cp1252_text
    best, best_score = cp1252_text, len(_SWEDISH_IN_WORD.findall(cp1252_text))
    for encoding in ("cp850", "mac_roman"):
        candidate = data.decode(encoding)  # both map all 256 bytes
        score = len(_SWEDISH_IN_WORD.findall(candidate))
        if score > best_score:
            best, best_score = candidate, score
    return best


def _has_cp1252_gaps(data: bytes) -> bool:
    return any(gap in data for gap in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def _decode_cp1252_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def _looks_utf16_without_bom(data: bytes) -> bool:
    """Mostly-ASCII UTF-16 has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even_nuls, odd_nuls) > 0.4 * half and min(even_nuls, odd_nuls) < 0.05 * half
