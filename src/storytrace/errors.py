"""Named exceptions. Each message says what went wrong and, where possible, how to fix it."""

from __future__ import annotations


class StorytraceError(Exception):
    """Base class of every error storytrace raises on purpose."""


class InputError(StorytraceError):
    """A document could not be read. ``where`` names the file (and line) it came from."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class ModelNotInstalled(StorytraceError):
    """The spaCy pipeline is not installed in this environment."""


class StoreError(StorytraceError):
    """The store could not be opened or written."""


class SchemaVersionError(StoreError):
    """The store was written by a newer storytrace than this one."""


class DataFileError(StorytraceError):
    """A lexicon, gazetteer or user actor file is malformed."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.reason = reason
        self.line = line

    def __reduce__(self) -> tuple[type[DataFileError], tuple[str, str, int | None]]:
        return (type(self), (self.path, self.reason, self.line))  # raised in a worker, re-raised here
