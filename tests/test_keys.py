"""The one key table: each key bound once, each action real, printable keys off in fields, the palette fed from it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tui import keys
from tui.app import BackchannelApp

from .explorer import explorer, settle


def test_every_key_is_bound_once_to_an_action_the_app_has() -> None:
    bound = Counter(k.strip() for key in keys.EXPLORER_KEYS for k in key.keys.split(","))
    assert [k for k, n in bound.items() if n > 1] == []
    for key in keys.EXPLORER_KEYS:
        assert callable(getattr(BackchannelApp, f"action_{key.action_name}", None)), key.action


def test_printable_keys_are_off_while_typing_and_the_rest_are_not() -> None:
    typed = keys.typed_actions()
    assert {"search", "help", "back", "step", "tab", "filter", "skip"} <= typed
    assert "redo" not in typed  # ctrl+r types nothing


def test_the_palette_and_the_footer_come_from_the_table() -> None:
    titles = [title for title, _help, _action in keys.palette_entries()]
    assert "Filter this list" in titles and "Sort this list" in titles
    assert all(help_text.endswith(")") for _t, help_text, _a in keys.palette_entries())
    shown = {b.key for b in keys.bindings() if b.show}
    assert {"slash", "a", "f", "m", "t", "q,escape", "question_mark"} <= shown


async def test_a_palette_command_runs_its_action(explorer_store: Path) -> None:
    async with explorer(explorer_store) as (app, pilot):
        [sort] = [c for c in app.get_system_commands(app.screen) if c.title == "Sort this list"]
        await sort.callback()
        await settle(pilot)
        assert app.list_sorts["actors"] == "name"
