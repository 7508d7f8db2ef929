"""Save docs/explorer.svg: the explorer on the ingested seeds with Vladimir Putin selected.

Usage: .venv/bin/python scripts/screenshot.py [STORE]   (default backchannel.json; run `make run` once first)
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.app import BackchannelApp  # noqa: E402


async def main(store: Path) -> None:
    app = BackchannelApp(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash", *"vladimir putin", "enter")
        await pilot.pause()
        app.save_screenshot(filename="explorer.svg", path=str(ROOT / "docs"))


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "backchannel.json"))
