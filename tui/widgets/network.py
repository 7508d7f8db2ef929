"""The network drawn as a star: the actor in the centre, its strongest counterparts in two columns around it.

A star stays legible where a force layout would be a hairball: every
counterpart has a row of its own, joined to the centre by a line that
carries the edge's count, the strongest nearest the top on both sides, and
whatever does not fit is one "+N more" row. Drawing is done on a grid of
characters so that the joins of the lines are proper box-drawing glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from ..safe_text import one_line

# (up, down, left, right) -> the glyph that joins those directions
JOINS = {
    (True, True, True, True): "┼",
    (True, True, True, False): "┤",
    (True, True, False, True): "├",
    (True, True, False, False): "│",
    (True, False, True, True): "┴",
    (True, False, True, False): "┘",
    (True, False, False, True): "└",
    (False, True, True, True): "┬",
    (False, True, True, False): "┐",
    (False, True, False, True): "┌",
    (False, False, True, True): "─",
    (False, False, True, False): "─",
    (False, False, False, True): "─",
    (False, False, False, False): " ",
}


@dataclass(frozen=True)
class Spoke:
    name: str
    count: int
    style: str = ""


class _Grid:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[(" ", "")] * width for _ in range(height)]

    def put(self, x: int, y: int, text: str, style: str = "") -> None:
        if not 0 <= y < self.height:
            return
        for i, ch in enumerate(text):
            if 0 <= x + i < self.width:
                self.cells[y][x + i] = (ch, style)

    def text(self) -> Text:
        out = Text(no_wrap=True, overflow="crop")
        for y, row in enumerate(self.cells):
            for ch, style in row:
                out.append(ch, style=style)
            if y < self.height - 1:
                out.append("\n")
        return out


def layout(n: int, rows: int) -> tuple[list[int], list[int], bool]:
    """Which spokes go left and right (indices, strongest first, alternating), and whether a "+N more" row is needed."""
    capacity = 2 * rows
    more = n > capacity
    shown = min(n, capacity - (1 if more else 0))
    order = list(range(shown))
    return order[0::2], order[1::2], more


def draw_star(centre: str, spokes: list[Spoke], width: int, height: int, cursor: int | None) -> tuple[Text, int]:
    """The star as Rich Text of exactly width × height cells, and how many spokes it shows."""
    width, height = max(width, 30), max(height, 3)
    grid = _Grid(width, height)
    cy = height // 2
    label = f" {one_line(centre, max(8, width // 4))} "
    cx = (width - len(label)) // 2
    left_bus, right_bus = cx - 2, cx + len(label) + 1
    left, right, more = layout(len(spokes), height)
    shown = len(left) + len(right)
    name_width = max(4, left_bus - 9)

    def rows_for(count: int) -> list[int]:
        top = cy - count // 2
        top = max(0, min(top, height - count))
        return list(range(top, top + count))

    for side, indices, bus in (("left", left, left_bus), ("right", right, right_bus)):
        extra = 1 if (more and side == "right") else 0
        ys = rows_for(len(indices) + extra)
        if not ys:
            continue
        for y, index in zip(ys, indices, strict=False):
            spoke = spokes[index]
            name = one_line(spoke.name, name_width)
            count = f" {spoke.count} "
            style = "reverse bold" if index == cursor else spoke.style
            if side == "left":
                line_start = bus - 7
                grid.put(line_start - 1 - len(name), y, name, style)
                grid.put(line_start, y, "─" * 7)
                grid.put(line_start + (7 - len(count)) // 2, y, count, "bold #ffd866")
            else:
                grid.put(bus + 1, y, "─" * 7)
                grid.put(bus + 1 + (7 - len(count)) // 2, y, count, "bold #ffd866")
                grid.put(bus + 9, y, name, style)
        if extra:
            grid.put(bus + 1, ys[-1], "─")
            hidden = len(spokes) - shown
            ties = sum(s.count for s in spokes[shown:])
            grid.put(bus + 3, ys[-1], f"+{hidden} not drawn ({ties} ties)", "dim italic")  # the list beside it has them all
        top, bottom = min(ys[0], cy), max(ys[-1], cy)
        spoke_rows = set(ys[: len(indices)]) | ({ys[-1]} if extra else set())
        for y in range(top, bottom + 1):
            outward = y in spoke_rows
            inward = y == cy
            glyph = JOINS[(y > top, y < bottom, outward if side == "left" else inward, inward if side == "left" else outward)]
            grid.put(bus, y, glyph, "dim")
        grid.put(bus + (1 if side == "left" else -1), cy, "─", "dim")
    if not spokes:
        grid.put(0, cy + 1 if cy + 1 < height else cy, "no counterparts of this kind", "dim italic")
    grid.put(cx, cy, label, "bold reverse #7fdbff")
    return grid.text(), shown
