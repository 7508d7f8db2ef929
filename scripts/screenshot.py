"""Save the README's screenshots: docs/explorer.svg (Vladimir Putin selected), docs/corrections.svg (review mode,
a corrected speaker, the fix menu), docs/network.svg (the network around Putin) and docs/timeline.svg (Trump's timeline).

The corrections screenshot works on a copy of the store, so your own notes and corrections are not touched.

Usage: .venv/bin/python scripts/screenshot.py [STORE]   (default backchannel.json; run `make run` once first)
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
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


async def corrections(store: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / store.name
        shutil.copy(store, copy)
        app = BackchannelApp(copy)
        async with app.run_test(size=(140, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("3", "R")
            for key in ("y", "x", "y"):
                await app.workers.wait_for_complete()
                await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.press("S", *"israel", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.clear_notifications()
            await pilot.press("f")
            await pilot.pause()
            app.save_screenshot(filename="corrections.svg", path=str(ROOT / "docs"))


async def views(store: Path) -> None:
    for name, query, keys in (("network", "vladimir putin", ("m",)), ("timeline", "donald trump", ("t",))):
        app = BackchannelApp(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("slash", *query, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            app.save_screenshot(filename=f"{name}.svg", path=str(ROOT / "docs"))


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "backchannel.json"
    asyncio.run(main(path))
    asyncio.run(corrections(path))
    asyncio.run(views(path))
