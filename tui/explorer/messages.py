"""What the explorer's workers post back to it: a view to show, a network built, a load that failed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from store.db import Store
from store.views.network import Network

from ..view import Focus, View


@dataclass
class ViewReady(Message):
    """A load, or a save of a note or a correction, finished: what to show now."""

    pristine: Store
    view: View
    annotations: list[dict[str, Any]]
    log: list[dict[str, Any]]
    notice: str = ""
    then: Focus | None = None


@dataclass
class NetworkReady(Message):
    """The network and every article's date, worked out in the background for the network view and actor cards."""

    view: View
    network: Network
    dates: dict[str, Any]


@dataclass
class LoadFailed(Message):
    """The store could not be opened: the app exits with this one line."""

    error: str
