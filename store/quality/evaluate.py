"""Scoring extraction against the gold annotations: precision, recall and F1 per kind.

- Actors, mention level: a system mention is right when its span equals a gold
  mention's span. Actor level, per document: a system actor is matched to the
  gold actor most of its mentions overlap; unmatched system actors are false
  positives, unmatched gold actors false negatives. Merge quality: over pairs
  of surface forms (within and across documents), whether the system puts
  them in one actor exactly when the gold does.
- Quotes: a system quote matches a gold quote of the same document when their
  content spans overlap by at least the threshold of *both* spans (0.3 and
  0.8); one to one, best overlap first. Speaker accuracy over the matches at
  0.3: the speaker spans overlap, or the linked actor is the gold speaker.
- Meetings: matched one to one by participant overlap (Jaccard >= 0.5, after
  mapping system actors to gold actors); participant-set F1 is micro-averaged
  over all meetings, unmatched ones counting in full; place and time accuracy
  over the matches (the texts equal or one contains the other); status
  accuracy over the matches; normalised time accuracy over the matches where
  the gold or the system gives a `time_iso` (equal strings: a time where the
  gold has none is wrong, so is a birth date taken for the meeting's day).
  Articles annotated for meetings only (`scope: meetings`) count for these
  figures alone; a negative article's every meeting is a false one.
- Time (`scope: time`): the article's date, exact (null when the gold says
  the article is undated); each gold time of a quote or meeting against the
  `time_iso` of the system item its anchor falls in (accuracy over the items
  found, and how many were found); and how many look-alikes (ages,
  durations, other events' dates) the system gave as an item's time.
- Identity pairs (`identity/pairs.jsonl`): two mentions a reader judged to
  name one actor or two; a pair is merged when one system actor holds the
  mentions at both (any occurrence, or the N-th for `text@N`; a gold mention
  whose text the system gives to two actors, "Trump-Biden", is held by none). Precision and
  recall of "one actor" over the pairs of each split.
- One event across articles: over pairs of matched meetings in different
  articles, whether the system gives them one `event` exactly when the gold
  gives them one `event` key.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from store.db import Store
from store.db.schema import document_id
from store.language.gazetteer import norm
from store.quality.gold import GoldDocument, GoldPair, GoldSpan, occurrences
from store.quality.shapes import speaker_shape
from store.quality.story_gold import StoryPair, score_story_pairs

THRESHOLDS = (0.3, 0.8)


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.value, 4), "right": self.right, "total": self.total}


@dataclass
class Scores:
    documents: int = 0
    mentions: PRF = field(default_factory=PRF)
    actors: PRF = field(default_factory=PRF)
    actor_kind: Ratio = field(default_factory=Ratio)
    merges: PRF = field(default_factory=PRF)
    quotes: dict[float, PRF] = field(default_factory=lambda: {t: PRF() for t in THRESHOLDS})
    speaker: Ratio = field(default_factory=Ratio)
    speaker_by_shape: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))  # store.quality.shapes
    quote_kind: Ratio = field(default_factory=Ratio)
    meetings: PRF = field(default_factory=PRF)
    participants: PRF = field(default_factory=PRF)
    place: Ratio = field(default_factory=Ratio)
    time: Ratio = field(default_factory=Ratio)
    time_iso: Ratio = field(default_factory=Ratio)
    status: Ratio = field(default_factory=Ratio)
    negative_documents: int = 0
    negative_meetings: int = 0  # meetings found in articles that have none
    events: PRF = field(default_factory=PRF)
    identity: PRF = field(default_factory=PRF)  # gold pairs of mentions: one actor or two
    identity_by_kind: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))  # decided as the reader did
    stories: PRF = field(default_factory=PRF)  # gold pairs of article versions: one story or two
    article_date: Ratio = field(default_factory=Ratio)
    event_time: Ratio = field(default_factory=Ratio)  # over gold times whose item the system found
    time_items_found: Ratio = field(default_factory=Ratio)
    not_times: int = 0
    not_times_taken: int = 0  # ages, durations, other events' dates given as a quote's or meeting's time
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "actors": {
                "mentions": self.mentions.as_dict(),
                "actors": self.actors.as_dict(),
                "kind": self.actor_kind.as_dict(),
                "merge_pairs": self.merges.as_dict(),
            },
            "quotes": {
                **{f"overlap_{t}": prf.as_dict() for t, prf in self.quotes.items()},
                "speaker": self.speaker.as_dict(),
                "speaker_by_shape": {k: r.as_dict() for k, r in sorted(self.speaker_by_shape.items())},
                "kind": self.quote_kind.as_dict(),
            },
            "meetings": {
                "meetings": self.meetings.as_dict(),
                "participants": self.participants.as_dict(),
                "place": self.place.as_dict(),
                "time": self.time.as_dict(),
                "time_iso": self.time_iso.as_dict(),
                "status": self.status.as_dict(),
                "negative_documents": self.negative_documents,
                "meetings_in_negative_documents": self.negative_meetings,
                "cross_article_pairs": self.events.as_dict(),
            },
            "identity_pairs": self.identity.as_dict(),
            "identity_pairs_by_kind": {k: r.as_dict() for k, r in sorted(self.identity_by_kind.items())},
            "near_duplicate_pairs": self.stories.as_dict(),
            "time": {
                "article_date": self.article_date.as_dict(),
                "event_time": self.event_time.as_dict(),
                "items_found": self.time_items_found.as_dict(),
                "not_times": self.not_times,
                "not_times_taken": self.not_times_taken,
            },
        }


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _span(record: dict[str, int] | None) -> tuple[int, int] | None:
    return None if record is None else (record["start"], record["end"])


def _text(span: GoldSpan | None) -> str | None:
    return span.text if span is not None else None


def _g(span: GoldSpan | None) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


@dataclass
class _DocMap:
    """Which gold actor each system actor of one document stands for."""

    to_gold: dict[str, str]  # system actor id -> gold actor name


def evaluate(
    store: Store, gold_docs: list[GoldDocument], pairs: Sequence[GoldPair] = (), story_pairs: Sequence[StoryPair] = ()
) -> dict[str, Scores]:
    """Scores per split ('dev', 'test', …) and over everything ('all')."""
    by_split: dict[str, Scores] = defaultdict(Scores)
    _score_pairs(store, pairs, by_split)
    for split, (tp, fp, fn, errors) in score_story_pairs(list(story_pairs)).items():
        by_split[split].stories.add(PRF(tp, fp, fn))
        by_split[split].errors.extend(errors)
    form_actor: dict[str, list[tuple[str, str]]] = defaultdict(list)  # system: surface form -> [(doc, actor id)]
    gold_form_actor: dict[str, set[str]] = defaultdict(set)
    split_of_form: dict[str, set[str]] = defaultdict(set)
    matched_events: dict[str, list[_EventMatch]] = defaultdict(list)
    for gold in gold_docs:
        doc_id = document_id(gold.text)
        scores = by_split[gold.split]
        scores.documents += 1
        if doc_id not in store.documents:
            scores.errors.append(f"{gold.name}: not in the store")
            continue
        if "actors" in gold.kinds:
            mapping = _score_actors(store, gold, doc_id, scores)
        else:
            mapping = _DocMap(_actor_votes(store, gold, doc_id)[0])
        if "quotes" in gold.kinds:
            _score_quotes(store, gold, doc_id, mapping, scores)
        if "times" in gold.kinds:
            _score_times(store, gold, doc_id, scores)
            continue
        if "meetings" in gold.kinds:
            matched_events[gold.split].extend(_score_meetings(store, gold, doc_id, mapping, scores))
        if "actors" not in gold.kinds:
            continue
        for actor in store.actors.values():
            for m in actor["mentions"]:
                if m["doc"] == doc_id:
                    form_actor[norm(gold.text[m["start"] : m["end"]])].append((doc_id, actor["id"]))
        for actor in gold.actors:
            for mention in actor.mentions:
                gold_form_actor[norm(mention.text)].add(actor.name)
                split_of_form[norm(mention.text)].add(gold.split)
    _score_merges(form_actor, gold_form_actor, split_of_form, by_split)
    for split, matches in matched_events.items():
        _score_events(matches, by_split[split])
    total = Scores()
    for scores in by_split.values():
        _accumulate(total, scores)
    by_split["all"] = total
    return dict(by_split)


def _accumulate(total: Scores, part: Scores) -> None:
    total.documents += part.documents
    for name in ("mentions", "actors", "merges", "meetings", "participants", "events", "identity", "stories"):
        getattr(total, name).add(getattr(part, name))
    for t in THRESHOLDS:
        total.quotes[t].add(part.quotes[t])
    total.negative_documents += part.negative_documents
    total.negative_meetings += part.negative_meetings
    total.not_times += part.not_times
    total.not_times_taken += part.not_times_taken
    for name in (
        "actor_kind",
        "speaker",
        "quote_kind",
        "place",
        "time",
        "time_iso",
        "status",
        "article_date",
        "event_time",
        "time_items_found",
    ):
        r = getattr(total, name)
        r.right += getattr(part, name).right
        r.total += getattr(part, name).total
    for into, parts in ((total.speaker_by_shape, part.speaker_by_shape), (total.identity_by_kind, part.identity_by_kind)):
        for key, r in parts.items():
            into[key].right += r.right
            into[key].total += r.total
    total.errors.extend(part.errors)


def _actor_votes(store: Store, gold: GoldDocument, doc_id: str) -> tuple[dict[str, str], dict[str, list[tuple[int, int]]]]:
    """Each system actor of the document -> the gold actor most of its mentions overlap; and every system actor's spans."""
    gold_mentions = {(m.start, m.end): a.name for a in gold.actors for m in a.mentions}
    system: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for actor in store.actors.values():
        for m in actor["mentions"]:
            if m["doc"] == doc_id:
                system[actor["id"]].append((m["start"], m["end"]))
    mapping: dict[str, str] = {}
    for actor_id, spans in sorted(system.items(), key=lambda kv: -len(kv[1])):
        votes: Counter = Counter()
        for span in spans:
            for gspan, name in gold_mentions.items():
                if overlap(span, gspan):
                    votes[name] += 1
        if votes:
            mapping[actor_id] = votes.most_common(1)[0][0]
    return mapping, system


def _score_actors(store: Store, gold: GoldDocument, doc_id: str, scores: Scores) -> _DocMap:
    gold_mentions = {(m.start, m.end): a.name for a in gold.actors for m in a.mentions}
    mapping, system = _actor_votes(store, gold, doc_id)
    sys_spans = {span for spans in system.values() for span in spans}
    scores.mentions.tp += len(sys_spans & set(gold_mentions))
    scores.mentions.fp += len(sys_spans - set(gold_mentions))
    scores.mentions.fn += len(set(gold_mentions) - sys_spans)
    claimed: Counter = Counter(mapping.values())
    matched_gold = set(mapping.values())
    scores.actors.tp += len(matched_gold)
    scores.actors.fp += (
        len(system) - len(mapping) + sum(n - 1 for n in claimed.values())
    )  # a gold actor split in two: the extra halves are wrong
    scores.actors.fn += len({a.name for a in gold.actors if a.mentions}) - len(matched_gold)
    for actor_id, name in mapping.items():
        scores.actor_kind.total += 1
        right_kind = store.actors[actor_id]["kind"] == gold.actor(name).kind
        scores.actor_kind.right += right_kind
        if not right_kind:
            scores.errors.append(f"{gold.name}: {name!r} is a {gold.actor(name).kind}, not a {store.actors[actor_id]['kind']}")
    for junk in gold.not_actors:
        for actor_id, spans in system.items():
            if any(norm(gold.text[s:e]) == norm(junk) for s, e in spans) and actor_id not in mapping:
                scores.errors.append(f"{gold.name}: {junk!r} taken for an actor")
    for actor_id in system:
        if actor_id not in mapping:
            scores.errors.append(f"{gold.name}: extra actor {store.actors[actor_id]['name']!r}")
    for actor in gold.actors:
        if actor.mentions and actor.name not in matched_gold:
            scores.errors.append(f"{gold.name}: missed actor {actor.name!r}")
    return _DocMap(mapping)


def _score_quotes(store: Store, gold: GoldDocument, doc_id: str, mapping: _DocMap, scores: Scores) -> None:
    system = [q for q in store.quotes.values() if q["doc"] == doc_id]
    for threshold in THRESHOLDS:
        pairs = _match_quotes(system, gold.quotes, threshold)
        prf = scores.quotes[threshold]
        prf.tp += len(pairs)
        prf.fp += len(system) - len(pairs)
        prf.fn += len(gold.quotes) - len(pairs)
        if threshold == THRESHOLDS[0]:
            for sq, gq in pairs:
                scores.speaker.total += 1
                sys_span = _span(sq.get("speaker_span"))
                span_ok = sys_span is not None and gq.speaker is not None and overlap(sys_span, _g(gq.speaker)) > 0
                actor_ok = gq.actor is not None and mapping.to_gold.get(sq.get("speaker") or "") == gq.actor
                wrong_actor = gq.actor is not None and sq.get("speaker") and not actor_ok
                right = (actor_ok or span_ok) and not wrong_actor
                scores.speaker.right += right
                shape = scores.speaker_by_shape[speaker_shape(_text(gq.speaker), _text(gq.cue))]
                shape.total += 1
                shape.right += right
                if not right:
                    scores.errors.append(
                        f"{gold.name}: speaker of “{gq.content.text[:50]}” should be {gq.actor or (gq.speaker.text if gq.speaker else None)!r}"
                    )
                scores.quote_kind.total += 1
                scores.quote_kind.right += sq["kind"] == gq.kind
            matched = {id(g) for _, g in pairs}
            for gq in gold.quotes:
                if id(gq) not in matched:
                    scores.errors.append(f"{gold.name}: missed quote “{gq.content.text[:60]}”")
            hit = {s["id"] for s, _ in pairs}
            for sq in system:
                if sq["id"] not in hit:
                    span = sq["content_span"]
                    scores.errors.append(f"{gold.name}: extra quote “{gold.text[span['start'] : span['end']][:60]}”")


def _match_quotes(system: list[dict[str, Any]], gold: list[Any], threshold: float) -> list[tuple[dict[str, Any], Any]]:
    candidates = []
    for sq in system:
        s = _span(sq["content_span"])
        for gq in gold:
            g = _g(gq.content)
            inter = overlap(s, g)
            if inter >= threshold * (s[1] - s[0]) and inter >= threshold * (g[1] - g[0]) and inter > 0:
                candidates.append((inter, sq, gq))
    pairs, used_s, used_g = [], set(), set()
    for _, sq, gq in sorted(candidates, key=lambda c: -c[0]):
        if sq["id"] in used_s or id(gq) in used_g:
            continue
        used_s.add(sq["id"])
        used_g.add(id(gq))
        pairs.append((sq, gq))
    return pairs


def _same_text(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    na, nb = norm(a), norm(b)
    return na == nb or na in nb or nb in na


@dataclass(frozen=True)
class _EventMatch:
    """A gold meeting and the system meeting matched to it, with their cross-article event keys."""

    doc: str
    gold_event: str | None
    system_event: str


def _score_meetings(store: Store, gold: GoldDocument, doc_id: str, mapping: _DocMap, scores: Scores) -> list[_EventMatch]:
    system = [m for m in store.meetings.values() if m["doc"] == doc_id]
    if gold.negative:
        scores.negative_documents += 1
        scores.negative_meetings += len(system)
    sys_sets = [(m, {mapping.to_gold.get(a, "?" + a) for a in m["participants"]}) for m in system]
    candidates = []
    for m, ps in sys_sets:
        for gm in gold.meetings:
            gs = set(gm.participants)
            jaccard = len(ps & gs) / len(ps | gs)
            if jaccard >= 0.5:
                candidates.append((jaccard, m, ps, gm))
    used_s, used_g = set(), set()
    matches: list[_EventMatch] = []
    for _, m, ps, gm in sorted(candidates, key=lambda c: -c[0]):
        if m["id"] in used_s or id(gm) in used_g:
            continue
        used_s.add(m["id"])
        used_g.add(id(gm))
        matches.append(_EventMatch(doc_id, gm.event, m.get("event") or m["id"]))
        gs = set(gm.participants)
        scores.meetings.tp += 1
        scores.participants.tp += len(ps & gs)
        scores.participants.fp += len(ps - gs)
        scores.participants.fn += len(gs - ps)
        if gs != ps:
            scores.errors.append(f"{gold.name}: meeting participants {sorted(ps)}, gold {sorted(gs)}")
        _score_fields(gold.name, m, gm, scores)
    for m, ps in sys_sets:
        if m["id"] not in used_s:
            scores.meetings.fp += 1
            scores.participants.fp += len(ps)
            evidence = m["evidence"][0] if m.get("evidence") else None
            where = f" “{gold.text[evidence['start'] : evidence['end']][:70]}”" if evidence else ""
            scores.errors.append(f"{gold.name}: extra meeting {sorted(ps)}{where}")
    for gm in gold.meetings:
        if id(gm) not in used_g:
            scores.meetings.fn += 1
            scores.participants.fn += len(gm.participants)
            where = f" “{gm.evidence[0].text[:70]}”" if gm.evidence else ""
            scores.errors.append(f"{gold.name}: missed meeting {gm.participants}{where}")
    return matches


def _score_fields(name: str, m: dict[str, Any], gm: Any, scores: Scores) -> None:
    """Place, time (as written and normalised) and status of one matched meeting."""
    if gm.place:
        scores.place.total += 1
        scores.place.right += _same_text(m.get("place"), gm.place)
        if not _same_text(m.get("place"), gm.place):
            scores.errors.append(f"{name}: meeting place {m.get('place')!r}, gold {gm.place!r}")
    if gm.time:
        scores.time.total += 1
        scores.time.right += _same_text(m.get("time"), gm.time)
    if gm.time_iso or m.get("time_iso"):
        scores.time_iso.total += 1
        right = m.get("time_iso") == gm.time_iso
        scores.time_iso.right += right
        if not right:
            scores.errors.append(f"{name}: meeting time {m.get('time')!r} = {m.get('time_iso')!r}, gold {gm.time!r} = {gm.time_iso!r}")
    if gm.status:
        scores.status.total += 1
        scores.status.right += m.get("status") == gm.status
        if m.get("status") != gm.status:
            scores.errors.append(f"{name}: meeting status {m.get('status')!r}, gold {gm.status!r} ({sorted(gm.participants)})")


def _score_times(store: Store, gold: GoldDocument, doc_id: str, scores: Scores) -> None:
    """The article's date; each gold time against the time of the system item its anchor falls in; look-alikes taken."""
    own = store.documents[doc_id].get("date")
    scores.article_date.total += 1
    scores.article_date.right += own == gold.date
    if own != gold.date:
        scores.errors.append(f"{gold.name}: article date {own!r}, gold {gold.date!r}")
    items = {
        "quote": [q for q in store.quotes.values() if q["doc"] == doc_id],
        "meeting": [m for m in store.meetings.values() if m["doc"] == doc_id],
    }
    for gt in gold.times:
        anchor = _g(gt.anchor)
        found = [i for i in items[gt.item] if any(overlap(anchor, sp) for sp in _item_spans(i))]
        scores.time_items_found.total += 1
        if not found:
            scores.errors.append(f"{gold.name}: no {gt.item} found at “{gt.anchor.text[:50]}” (gold time {gt.time.text!r})")
            continue
        scores.time_items_found.right += 1
        # Of several items there (a quote told in two pieces), the one that gives this time, if any does.
        item = next((i for i in found if i.get("time_span") and overlap(_span(i["time_span"]), _g(gt.time))), found[0])
        scores.event_time.total += 1
        right = item.get("time_iso") == gt.time_iso
        if gt.time_iso is None:  # an undated article's "On Friday": no date to compare, so the words must be the ones
            right = right and bool(item.get("time_span")) and overlap(_span(item["time_span"]), _g(gt.time)) > 0
        scores.event_time.right += right
        if not right:
            scores.errors.append(
                f"{gold.name}: {gt.item} time {item.get('time')!r} = {item.get('time_iso')!r}, gold {gt.time.text!r} = {gt.time_iso!r}"
            )
    taken = [i.get("time_span") for kind in items.values() for i in kind if i.get("time_span")]
    for span in gold.not_times:
        scores.not_times += 1
        if any(overlap(_g(span), _span(t)) for t in taken):
            scores.not_times_taken += 1
            scores.errors.append(f"{gold.name}: {span.text!r} taken as a time, but it is not one")


def _item_spans(item: dict[str, Any]) -> list[tuple[int, int]]:
    keys = ("content_span", "cue_span", "speaker_span") if "content_span" in item else ("time_span", "place_span")
    spans = [_span(item.get(k)) for k in keys if item.get(k)]
    return spans + [_span(e) for e in item.get("evidence", []) + item.get("triggers", [])]


def _score_events(matches: list[_EventMatch], scores: Scores) -> None:
    """Pairs of matched meetings from different articles: one event in the gold, one event in the system?"""
    for a, b in itertools.combinations(matches, 2):
        if a.doc == b.doc:
            continue
        same_gold = a.gold_event is not None and a.gold_event == b.gold_event
        same_sys = a.system_event == b.system_event
        if same_sys and same_gold:
            scores.events.tp += 1
        elif same_sys:
            scores.events.fp += 1
            scores.errors.append(f"events: {a.gold_event!r} and {b.gold_event!r} made one event")
        elif same_gold:
            scores.events.fn += 1
            scores.errors.append(f"events: {a.gold_event!r} reported in two articles, not made one event")


def _score_pairs(store: Store, pairs: Sequence[GoldPair], by_split: dict[str, Scores]) -> None:
    """Each gold pair of mentions: does the system give them one actor exactly when the reader did?"""
    if not pairs:
        return
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for actor in store.actors.values():
        for m in actor["mentions"]:
            by_doc[m["doc"]].append((m["start"], m["end"], actor["id"]))
    for pair in pairs:
        ids = []
        for (_name, needle), text in zip((pair.a, pair.b), pair.texts, strict=True):
            spans = occurrences(text, needle)
            found = by_doc.get(document_id(text), [])
            ids.append(set().union(*[_holders(found, span) for span in spans]) if spans else set())
        same_sys = bool(ids[0] & ids[1])
        scores = by_split[pair.split]
        kind = scores.identity_by_kind[pair.kind]
        kind.total += 1
        kind.right += same_sys == pair.same
        what = f"{pair.kind}: {pair.a[1]!r} ({pair.a[0]}) and {pair.b[1]!r} ({pair.b[0]})"
        if same_sys and pair.same:
            scores.identity.tp += 1
        elif same_sys:
            scores.identity.fp += 1
            scores.errors.append(f"identity {what} are one actor, but the reader says two")
        elif pair.same:
            scores.identity.fn += 1
            missing = " (one has no actor)" if not ids[0] or not ids[1] else ""
            scores.errors.append(f"identity {what} are two actors{missing}, but the reader says one")


def _holders(found: list[tuple[int, int, str]], span: tuple[int, int]) -> set[str]:
    """The actor a gold mention is given: that of the system mentions inside it ("Pelosi" of "Speaker Pelosi"),
    or none when they belong to two actors (the system read "Trump-Biden" as two people)."""
    actors = {actor for s, e, actor in found if overlap((s, e), span)}
    return actors if len(actors) == 1 else set()


def _score_merges(
    form_actor: dict[str, list[tuple[str, str]]],
    gold_form_actor: dict[str, set[str]],
    split_of_form: dict[str, set[str]],
    by_split: dict[str, Scores],
) -> None:
    """Pairs of gold surface forms: should they be one actor, and does the system make them one?"""
    forms = sorted(f for f in gold_form_actor if len(gold_form_actor[f]) == 1 and f in form_actor)
    sys_ids = {f: {a for _, a in form_actor[f]} for f in forms}
    for a, b in itertools.combinations(forms, 2):
        same_gold = gold_form_actor[a] == gold_form_actor[b]
        same_sys = bool(sys_ids[a] & sys_ids[b])
        # A pair counts in a split both forms occur in (the first by name, so the figures do not depend on hash order).
        split = min(split_of_form[a] & split_of_form[b], default=None) or min(split_of_form[a])
        prf = by_split[split].merges
        if same_sys and same_gold:
            prf.tp += 1
        elif same_sys:
            prf.fp += 1
            by_split[split].errors.append(f"merged {a!r} and {b!r}, which the gold keeps apart")
        elif same_gold:
            prf.fn += 1
            by_split[split].errors.append(f"kept {a!r} and {b!r} apart, which the gold makes one actor")
