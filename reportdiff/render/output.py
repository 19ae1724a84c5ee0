"""Writing results: atomically, so that no half-written output file is ever left behind."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from reportdiff.errors import ReportdiffError


def write_output(content: str | bytes | Iterable[str], path: str | None) -> None:
    """Write to ``path`` via a temporary file and a rename, or to stdout when path is None or ``-``.

    ``content`` may come in pieces as it is made (a large JSON diff): each is written and dropped.
    """
    pieces = [content] if isinstance(content, (str, bytes)) else content
    if path is None or path == "-":
        for piece in pieces:
            if isinstance(piece, bytes):
                sys.stdout.buffer.write(piece)
                sys.stdout.flush()
            else:
                sys.stdout.write(piece)
        return
    target = Path(path)
    if target.is_dir():
        raise ReportdiffError(f"{path}: is a directory; give the name of a file to write")
    if target.exists() and not target.is_file():
        # /dev/null, a FIFO, a terminal: renaming over it would replace the device with a file.
        try:
            with target.open("wb") as file:
                _write_all(file, pieces)
        except OSError as error:
            raise ReportdiffError(f"{path}: cannot write ({error.strerror or error})") from None
        return
    import tempfile  # only here: a diff written to stdout does not pay for importing it

    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise ReportdiffError(f"{path}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as file:
            _write_all(file, pieces)
        os.chmod(temporary, _new_file_mode(target))
        os.replace(temporary, target)
    except OSError as error:  # a full disk, a file-size limit, a target that is a folder
        Path(temporary).unlink(missing_ok=True)
        raise ReportdiffError(f"{path}: cannot write ({error.strerror or error})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_all(file: BinaryIO, pieces: Iterable[str | bytes]) -> None:
    for piece in pieces:
        file.write(piece.encode("utf-8") if isinstance(piece, str) else piece)


def _new_file_mode(target: Path) -> int:
    """The mode an ordinary ``open(target, "w")`` would give: the old file's, else 0o666 less the umask.

    mkstemp creates its file as 0o600, which would make every report we write private.
    """
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
