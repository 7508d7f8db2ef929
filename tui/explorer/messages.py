"""What the explorer's workers post back to it: a view to show, a network built, a load that failed."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from store.db import Store
from store.views.network import Network

from ..view import Focus, View


class ViewReady(Message):
    """A load, or a save of a note or a correction, finished: what to show now."""

    def __init__(
        self,
        pristine: Store,
        view: View,
        annotations: list[dict[str, Any]],
        log: list[dict[str, Any]],
        notice: str = "",
        then: Focus | None = None,
    ) -> None:
        super().__init__()
        self.pristine, self.view, self.annotations, self.log, self.notice, self.then = pristine, view, annotations, log, notice, then


class NetworkReady(Message):
    """The network and every article's date, worked out in the background for the network view and actor cards."""

    def __init__(self, view: View, network: Network, dates: dict[str, Any]) -> None:
        super().__init__()
        self.view, self.network, self.dates = view, network, dates


class LoadFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error
