"""Reading a file as it was at a git revision: for ``check --against REV`` and the pre-commit hook.

Safely: git runs without a shell, with a timeout, with no pager, no terminal prompt and no
textconv (``cat-file blob`` gives the bytes as committed), and a revision that looks like an
option is refused before git sees it.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import NamedTuple

from reportdiff.errors import InputError

GIT_TIMEOUT = 10.0  # seconds; reading one blob is instant, anything longer is a hung git
_SAFE_REVISION = re.compile(r"^[A-Za-z0-9_./@{}~^:+-]+$")


class GitResult(NamedTuple):
    """What one git command answered."""

    returncode: int
    stdout: bytes
    stderr: str


def run_git(args: list[str], cwd: str | Path, timeout: float = GIT_TIMEOUT) -> GitResult:
    """Run ``git ARGS`` in ``cwd``; InputError when git is missing or hangs."""
    environment = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", PAGER="cat", LC_ALL="C")
    try:
        completed = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            timeout=timeout,
            env=environment,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise InputError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise InputError(f"git {args[0]} took longer than {timeout:g} s; gave up") from None
    except OSError as error:
        raise InputError(f"cannot run git ({error.strerror or error})") from None
    return GitResult(completed.returncode, completed.stdout, completed.stderr.decode("utf-8", "replace").strip())


def repository_root(path: str | Path) -> Path | None:
    """The top folder of the git work tree holding ``path``; None outside a repository."""
    folder = Path(path).resolve()
    folder = folder if folder.is_dir() else folder.parent
    if not folder.is_dir():
        return None
    result = run_git(["rev-parse", "--show-toplevel"], folder)
    if result.returncode != 0:
        return None
    return Path(result.stdout.decode("utf-8", "replace").strip())


def revision_exists(revision: str, cwd: str | Path) -> bool:
    _check_revision(revision)
    return run_git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], cwd).returncode == 0


def read_at_revision(path: str | Path, revision: str = "HEAD", timeout: float = GIT_TIMEOUT) -> bytes | None:
    """The bytes of ``path`` as committed at ``revision``; None when the file is not in it.

    Raises InputError when ``path`` is not in a git repository or the revision is unknown.
    """
    _check_revision(revision)
    file = Path(path).resolve()
    root = repository_root(file.parent)
    if root is None:
        raise InputError(f"{path}: not inside a git repository")
    if not revision_exists(revision, root):
        raise InputError(f"{revision}: no such revision in {root}")
    try:
        relative = file.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise InputError(f"{path}: outside the repository at {root}") from None
    result = run_git(["cat-file", "blob", f"{revision}:{relative}"], root, timeout)
    if result.returncode != 0:
        return None
    return result.stdout


def _check_revision(revision: str) -> None:
    if not revision or revision.startswith("-") or not _SAFE_REVISION.match(revision):
        raise InputError(f"{revision!r}: not a revision name")
