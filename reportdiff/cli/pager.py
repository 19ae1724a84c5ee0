"""Show long output through a pager, as git does: only for a person at a terminal.

The pager is ``$PAGER`` (default ``less``, with ``LESS=FRX`` so that short output and colours pass
straight through). Output to a file, a pipe or a test never goes through it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO


def should_page(text: str, stream: TextIO | None = None, wanted: bool | None = None) -> bool:
    """Page when not refused, the stream is a terminal and the text is taller than the terminal."""
    stream = stream or sys.stdout
    if wanted is False or not _isatty(stream):
        return False
    height = shutil.get_terminal_size(fallback=(80, 24)).lines
    return text.count("\n") >= height - 1


def write_paged(chunks: Iterable[str], stream: TextIO | None = None, wanted: bool | None = None) -> None:
    """Write ``chunks`` to ``stream``, through the pager once they fill the terminal.

    The same choice as :func:`should_page` on the whole text, made as soon as a screenful is
    there: the pager shows the first page while the rest is still being made.
    """
    stream = stream or sys.stdout
    height = shutil.get_terminal_size(fallback=(80, 24)).lines if wanted is not False and _isatty(stream) else 0
    pending: list[str] = []
    lines = 0
    rest: Iterator[str] = iter(chunks)
    for chunk in rest:
        pending.append(chunk)
        lines += chunk.count("\n")
        if height and lines >= height - 1:
            if page(_chained(pending, rest)):
                return
            break
    stream.write("".join(pending))
    for chunk in rest:
        stream.write(chunk)


def _chained(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest


def page(text: str | Iterable[str]) -> bool:
    """Send ``text`` (a string, or its pieces as they are made) to the pager; False when there is no
    usable pager, before any of it is taken (the caller writes it instead)."""
    command = os.environ.get("PAGER", "").strip() or "less"
    try:
        argv = shlex.split(command)
    except ValueError:
        return False
    if not argv or shutil.which(argv[0]) is None:
        return False
    import subprocess

    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    try:
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    assert process.stdin is not None
    encoding = sys.stdout.encoding or "utf-8"
    try:
        for piece in [text] if isinstance(text, str) else text:
            process.stdin.write(piece.encode(encoding, errors="replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early: not an error
        pass
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:  # less handles Ctrl-C itself; keep waiting for it to exit
            continue
    return True


def _isatty(stream: TextIO) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)())
