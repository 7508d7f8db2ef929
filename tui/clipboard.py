"""Getting text to the user's clipboard from a terminal, with a file when no clipboard can be reached.

A terminal program has no clipboard of its own: it can ask a clipboard
program of the desktop (wl-copy, xclip, xsel, pbcopy, clip.exe), or send
the text through the terminal (OSC 52), which many terminals and tmux
honour but none confirm. So the text also goes to a file whenever no
clipboard program took it, and the user is told where.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# (command, the environment variable it needs to reach a display, or "" for none)
COMMANDS: tuple[tuple[list[str], str], ...] = (
    (["wl-copy"], "WAYLAND_DISPLAY"),
    (["xclip", "-selection", "clipboard"], "DISPLAY"),
    (["xsel", "--clipboard", "--input"], "DISPLAY"),
    (["pbcopy"], ""),
    (["clip.exe"], ""),
)
CLIPS_FILE = "backchannel-clips.txt"


def to_clipboard_program(text: str) -> str | None:
    """Hand the text to the first clipboard program that takes it; its name, or None."""
    for command, needs in COMMANDS:
        if shutil.which(command[0]) is None or (needs and not os.environ.get(needs)):
            continue
        try:
            subprocess.run(command, input=text.encode("utf-8"), timeout=3, check=True, capture_output=True)
        except (OSError, subprocess.SubprocessError):
            continue
        return command[0]
    return None


def to_file(text: str, directory: Path) -> Path:
    """Append the text to the clips file beside the store, one clip after another."""
    path = directory / CLIPS_FILE
    with path.open("a", encoding="utf-8") as out:
        out.write(text + "\n")
    return path
