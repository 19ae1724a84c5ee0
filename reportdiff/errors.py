"""The library's own exceptions, and the exit statuses. Only the CLI turns an exception into a message and status 2."""

from enum import IntEnum


class ReportdiffError(Exception):
    """Any problem the user can fix: bad input, bad configuration. The message is one line."""


class InputError(ReportdiffError):
    """A file that cannot be read as a report: missing, empty, binary, corrupt, encrypted, ..."""


class ConfigError(ReportdiffError):
    """A configuration file or option that does not make sense."""


class SendError(ReportdiffError):
    """An e-mail could not be sent: connection refused, TLS failure, authentication failure."""


class ExitStatus(IntEnum):
    """The exit status of every command and of the pre-commit hook, as diff(1) has them."""

    SAME = 0  # no change (diff), no error-severity finding (check, the hook)
    CHANGED = 1  # changes found (diff), an error-severity finding (check: the hook refuses the commit)
    ERROR = 2  # trouble: bad input, bad usage, bad configuration, sending failed
    INTERRUPTED = 130  # Ctrl-C
