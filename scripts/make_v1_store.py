"""Build tests/data/v1: a store in backchannel's first store schema (one JSON file), with two notes and two corrections.

Run with the code of commit a838a2b, the last to write schema 1, from a folder holding the two articles in `in/`:
    git worktree add /tmp/v1 a838a2b
    python scripts/make_v1_store.py OUT/v1-store.json /tmp/v1
"""

import os
import sys

os.environ["BACKCHANNEL_USER"] = "archivist"
sys.path.insert(0, sys.argv[2])  # the old checkout
from pathlib import Path

from store.db import Store
from store.hand.annotations import AnnotationStore, make_annotation
from store.hand.corrections import actor_target
from store.hand.edits import make_edit
from store.ingest import ingest

out = Path(sys.argv[1])
ingest([Path("in")], out, workers=1)
store = Store.open(out)
assert store.meta["version"] == 1


def named(name):
    return next(a for a in store.actors.values() if a["name"] == name)


israel, israelis = named("Israel"), named("Israelis")
m = israelis["mentions"][0]
doc = store.documents[m["doc"]]
notes = AnnotationStore.for_store(out)
notes.put(make_annotation(doc, m["start"], m["end"], "actor mention", "the people, or the state?", israelis["id"]))
text = doc["text"]
phrase = "Israel attempted to turn the U.S. and Russia"
notes.put(make_annotation(doc, text.index(phrase), text.index(phrase) + len(phrase), "follow up", "check this claim"))
notes.record(make_edit("actor.merge", actor_target(israel), other=actor_target(israelis)))
putin = named("Vladimir Putin")
notes.record(make_edit("actor.rename", actor_target(putin), name="Vladimir V. Putin"))
print(sorted(p.name for p in out.parent.iterdir()))
