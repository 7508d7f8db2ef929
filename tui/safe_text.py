"""Showing untrusted article text: control characters become visible symbols, one for one.

Replacing each control character by a single printable one keeps every
character offset valid, so spans from the store still land on the right text,
while an ESC byte in an article can never reach the terminal as an escape
sequence. Rich markup needs no treatment here: the text is never parsed as
markup, only ever wrapped in plain Text/Content objects.
"""

from __future__ import annotations

_TABLE = {code: 0x2400 + code for code in range(32) if code not in (10,)}
_TABLE[9] = ord(" ")  # a tab shows as one space, keeping offsets
_TABLE[127] = 0x2421
for code in range(0x80, 0xA0):  # C1 controls (CSI among them)
    _TABLE[code] = 0xFFFD


def displayable(text: str) -> str:
    return text.translate(_TABLE)


def one_line(text: str, limit: int = 200) -> str:
    """A single display line: newlines folded, controls made visible, cut to `limit`."""
    flat = " ".join(displayable(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_LINE_TABLE = dict(_TABLE)
_LINE_TABLE[10] = 0x2424  # ␤: a newline inside a file name or a message would start a line the reader did not expect


def visible(text: str) -> str:
    """For one line of terminal output: every control character, newline included, shown as a symbol."""
    return text.translate(_LINE_TABLE)
