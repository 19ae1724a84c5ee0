"""The command line: click commands that translate flags into calls of the library. No logic here.

One module per command (``diff``, ``email``, ``check``, ``trend``; ``read`` holds ``outline``,
``figures`` and ``text``); :mod:`.app` holds the group and the exit status, :mod:`.config` the
configuration file, read once per run, :mod:`.hook` the pre-commit hook.

Exit status, as diff(1): 0 no change (or no error finding), 1 changes found, 2 trouble.
Click's own usage errors and Ctrl-C are remapped so that they are never mistaken for "changed".
"""

from reportdiff.cli import check, diff, email, read, trend  # noqa: F401  (each registers its command)
from reportdiff.cli.app import cli, main, run
from reportdiff.cli.diff import diff_command

__all__ = ["cli", "diff_command", "main", "run"]
