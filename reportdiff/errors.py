"""The library's own exceptions. Only the CLI turns them into messages and exit status 2."""


class ReportdiffError(Exception):
    """Any problem the user can fix: bad input, bad configuration. The message is one line."""


class InputError(ReportdiffError):
    """A file that cannot be read as a report: missing, empty, binary, corrupt, encrypted, ..."""


class ConfigError(ReportdiffError):
    """A configuration file or option that does not make sense."""


class SendError(ReportdiffError):
    """An e-mail could not be sent: connection refused, TLS failure, authentication failure."""
