"""Whose hand work is whose: the user a note or a correction is recorded under.

The name comes from `--user` (which sets BACKCHANNEL_USER for the process) or
BACKCHANNEL_USER, else the system login; it is one line of at most 80
characters, so a name can never break a table or a terminal. Notes record it
as `creator`, every entry of the edit log as `by`; the W3C export gives it as
the annotation's creator Agent, with backchannel as its generator.
"""

from __future__ import annotations

import getpass
import os
import re
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import quote

USER_ENV = "BACKCHANNEL_USER"
MAX_NAME = 80
_SPACE = re.compile(r"\s+")


def clean_name(name: str) -> str:
    """One line, no control characters, at most MAX_NAME characters; empty when nothing printable is left."""
    printable = "".join(c if c.isprintable() else " " for c in name)
    return _SPACE.sub(" ", printable).strip()[:MAX_NAME]


def login() -> str:
    try:
        return clean_name(getpass.getuser()) or "unknown"
    except (OSError, KeyError):  # no user name in a bare container
        return "unknown"


def current_user() -> str:
    """Who is working now: BACKCHANNEL_USER (set by --user), else the system login."""
    return clean_name(os.environ.get(USER_ENV, "")) or login()


def agent(name: str) -> dict[str, Any]:
    """A W3C Web Annotation Agent for a person named in backchannel: an IRI of its own, its type, one name, one nickname."""
    return {"id": f"urn:backchannel:user:{quote(name, safe='')}", "type": "Person", "name": name, "nickname": name}


def generator() -> dict[str, Any]:
    try:
        release = version("backchannel")
    except PackageNotFoundError:
        release = "0"
    return {
        "id": f"urn:backchannel:software:{release}",
        "type": "Software",
        "name": f"backchannel {release}",
        "nickname": "backchannel",
    }
