"""Small charts in text: a sparkline for the actor card, columns of block characters for the timeline."""

from __future__ import annotations

from rich.text import Text

BLOCKS = " ▁▂▃▄▅▆▇█"


def sparkline(values: list[int], width: int = 40) -> str:
    """One character per value (the last `width` values), scaled to the largest."""
    values = values[-width:]
    top = max(values, default=0)
    if top <= 0:
        return ""
    return "".join(BLOCKS[0 if v <= 0 else max(1, round(v / top * 8))] for v in values)


def columns(series: list[tuple[str, int]], width: int, height: int = 5, style: str = "#7fdbff") -> Text:
    """A column chart `height` rows high, one column per period, the first and last period named underneath."""
    if not series:
        return Text("no dated mentions", style="dim italic")
    per = max(1, min(3, (width - 8) // max(1, len(series))))
    series = series[-max(1, (width - 8) // per) :]
    top = max(v for _, v in series) or 1
    out = Text(no_wrap=True, overflow="crop")
    for row in range(height, 0, -1):
        out.append(f"{top if row == height else '':>6} ", style="dim")
        for _, value in series:
            eighths = value / top * height * 8 - (row - 1) * 8
            out.append(BLOCKS[max(0, min(8, round(eighths)))] * per, style=style)
        out.append("\n")
    first, last = series[0][0], series[-1][0]
    gap = max(1, len(series) * per - len(first) - len(last))
    out.append(" " * 7 + first + " " * gap + (last if len(series) > 1 else ""), style="dim")
    return out
