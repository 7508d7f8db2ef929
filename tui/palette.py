"""Command palette providers (ctrl+p): jump to an actor or a document by typing part of its name."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from .safe_text import one_line


class ActorCommands(Provider):
    """Actors by fuzzy name, alias or role, the same ranking as `/` search."""

    async def search(self, query: str) -> Hits:
        app = self.app
        index, store = getattr(app, "search_index", None), getattr(app, "store", None)
        if index is None or store is None:
            return
        for hit in index.search(query, limit=15):
            actor = store.actors[hit.actor_id]
            display = Text("actor  ", style="dim")
            name = one_line(actor["name"], 60)
            marks = set(hit.matched)
            for i, ch in enumerate(name):
                display.append(ch, style="bold underline" if i in marks else "")
            yield Hit(
                min(1.0, hit.score / 100),
                display,
                partial(app.jump_to, "actor", actor["id"]),
                text=f"actor {actor['name']}",
                help=f"{actor['kind']} · {len(actor['mentions'])} mentions"
                + (f" · via {hit.field} “{one_line(hit.key, 40)}”" if hit.field != "name" else ""),
            )

    async def discover(self) -> Hits:
        store = getattr(self.app, "store", None)
        if store is None:
            return
        top = sorted(store.actors.values(), key=lambda a: -len(a["mentions"]))[:10]
        for actor in top:
            yield DiscoveryHit(
                Text("actor  ", style="dim").append(one_line(actor["name"], 60)),
                partial(self.app.jump_to, "actor", actor["id"]),
                text=f"actor {actor['name']}",
                help=f"{actor['kind']} · {len(actor['mentions'])} mentions",
            )


# A name typed into the palette is first of all the actor of that name; the articles whose titles hold it come after.
DOCUMENT_WEIGHT = 0.8


class DocumentCommands(Provider):
    """Documents by title."""

    async def search(self, query: str) -> Hits:
        store = getattr(self.app, "store", None)
        if store is None:
            return
        matcher = self.matcher(query)
        for doc in store.documents.values():
            title = one_line(doc["title"], 90)
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    DOCUMENT_WEIGHT * score / (score + 1),  # the matcher's score is unbounded: below 0.8 whatever it is
                    Text("document  ", style="dim").append(title),
                    partial(self.app.jump_to, "document", doc["id"]),
                    text=f"document {title}",
                    help=one_line(doc["path"], 80),
                )
