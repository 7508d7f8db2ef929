"""Errors that reach the user as one line: what happened and what to do."""

from __future__ import annotations


class BackchannelError(Exception):
    """An expected failure whose message is shown to the user as is."""

    exit_code = 1


class StoreError(BackchannelError):
    """The store file cannot be used as it is; it was left untouched."""


class StoreLocked(BackchannelError):
    """Another process holds the writer lock."""

    exit_code = 3


class ModelMissing(BackchannelError):
    """No spaCy model package is installed under the asked name."""


class InputError(BackchannelError):
    """A path the user named cannot be read as articles."""

    exit_code = 2
