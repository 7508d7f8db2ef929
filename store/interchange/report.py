"""A report to mail to a colleague: one self-contained HTML file, readable in any browser, offline.

No script, no stylesheet, font or image from elsewhere: the styles are inline
and the network is inline SVG. Every piece of article text goes through
`html.escape`, so an article containing `<script>` shows those characters and
runs nothing. Every actor, meeting, quote and note links to its passage,
shown with the span highlighted in its surrounding text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from html import escape
from typing import Any

from store.db import Store
from store.hand.anchoring import anchor_all
from store.hand.corrections import Corrected
from store.resolve.stories import once_per_story
from store.views.network import Network, describe_edge, other
from store.views.queries import counts
from store.views.timeline import group, timeline

CONTEXT = 240
STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d232a;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{margin-top:2.4rem;border-bottom:2px solid #e3e6ea;padding-bottom:.2rem}
.muted{color:#5d6773} table{border-collapse:collapse;width:100%;margin:.6rem 0} th,td{text-align:left;vertical-align:top;
padding:.3rem .5rem;border-bottom:1px solid #eceff2} th{background:#f5f7f9;font-weight:600} .kind{font-size:.8rem;padding:0 .4rem;
border-radius:.6rem;background:#eef2f6} mark{background:#ffe08a;padding:0 .1rem} .passage{margin:1rem 0;padding:.6rem .9rem;
border-left:4px solid #c9d3dd;background:#fafbfc} .passage:target{border-left-color:#e0a100;background:#fff8e1}
.period{font-weight:700;margin-top:1rem} ul.timeline{list-style:none;padding-left:1rem;border-left:3px solid #d8dee4}
ul.timeline li{margin:.3rem 0} svg text{font:12px system-ui,sans-serif} .summary span{margin-right:1.2rem}
blockquote{margin:.2rem 0} a{color:#0b5cad}
"""


def _e(text: Any) -> str:
    return escape("" if text is None else str(text), quote=True)


class _Passages:
    """The passages the report links to, each written once, with its span marked in its context."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.items: dict[str, str] = {}

    def link(self, key: str, doc_id: str, start: int, end: int, label: str) -> str:
        anchor = "p-" + _e(key)
        if key not in self.items:
            doc = self.store.documents[doc_id]
            text = doc["text"]
            before = text[max(0, start - CONTEXT) : start]
            after = text[end : end + CONTEXT]
            self.items[key] = (
                f'<div class="passage" id="{anchor}"><div class="muted">{_e(doc["title"])} · {_e(doc["path"])} · '
                f"characters {start}–{end}</div><blockquote>{'…' if start > CONTEXT else ''}{_e(before)}<mark>{_e(text[start:end])}</mark>"
                f"{_e(after)}{'…' if end + CONTEXT < len(text) else ''}</blockquote></div>"
            )
        return f'<a href="#{anchor}">{_e(label)}</a>'

    def html(self) -> str:
        return "\n".join(self.items.values())


def build_report(
    corrected: Corrected, annotations: list[dict[str, Any]], actor: str | None = None, title: str = "", with_copies: bool = False
) -> str:
    """The whole report as one HTML string; with `actor`, only what concerns that actor; each story counted once
    unless `with_copies`."""
    store = corrected.store if with_copies else once_per_story(corrected.store)
    network = Network(store)
    passages = _Passages(store)
    actors = _actors_in_scope(store, network, actor)
    meetings = sorted(
        (m for m in store.meetings.values() if actor is None or actor in m["participants"]),
        key=lambda m: (m["doc"], m["evidence"][0]["start"]),
    )
    quotes = [q for q in store.quotes.values() if actor is None or q.get("speaker") == actor]
    quotes.sort(key=lambda q: (store.documents[q["doc"]].get("date") or "", q["doc"], q["content_span"]["start"]))
    anchors = anchor_all(annotations, store)
    notes = [
        a for a in annotations if anchors[a["id"]].status != "orphaned" and (actor is None or corrected.actor_id(a.get("actor")) == actor)
    ]
    name = store.actors[actor]["name"] if actor else ""
    heading = title or (f"backchannel report: {name}" if actor else "backchannel report")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(heading)}</h1>",
        _summary(store, len(annotations), actor is not None, len(actors), len(meetings), len(quotes)),
        "<h2>Network</h2>",
        _network_svg(store, network, actor, actors),
        "<h2>Actors</h2>",
        _actors_table(store, network, actors, actor, passages),
        "<h2>Meetings</h2>",
        _meetings_table(store, meetings, passages),
        "<h3>Timeline</h3>",
        _timeline(store, actor, passages),
        "<h2>Quotes</h2>",
        _quotes_table(store, quotes, passages),
        "<h2>Hand annotations</h2>",
        _notes_table(store, notes, anchors, corrected, passages),
        "<h2>Passages</h2>",
        '<p class="muted">Every linked item, highlighted in its text.</p>',
        passages.html(),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(store: Store, notes: int, focused: bool, actors: int, meetings: int, quotes: int) -> str:
    c = counts(store)
    docs = sorted(d.get("date") for d in store.documents.values() if d.get("date"))
    span = f" · articles dated {docs[0]} to {docs[-1]}" if docs else ""
    scope = f" · this report: {actors} actors, {meetings} meetings, {quotes} quotes" if focused else ""
    return (
        f'<p class="summary"><span>{c["documents"]} documents</span><span>{c["actors"]} actors</span>'
        f"<span>{c['meetings']} meetings</span><span>{c['quotes']} quotes</span><span>{notes} hand annotations</span></p>"
        f'<p class="muted">Written by backchannel on {date.today().isoformat()}{_e(span)}{_e(scope)}.</p>'
    )


def _actors_in_scope(store: Store, network: Network, actor: str | None) -> list[str]:
    if actor is None:
        return [a["id"] for a in sorted(store.actors.values(), key=lambda a: (-len(a["mentions"]), a["name"]))]
    related = {actor}
    for kind in ("met", "quoted", "mentioned"):
        related |= {other(e, actor) for e in network.by_actor[kind].get(actor, [])}
    return sorted(related, key=lambda a: (a != actor, -len(store.actors[a]["mentions"]), store.actors[a]["name"]))


def _first_mention(store: Store, actor: dict[str, Any]) -> dict[str, Any] | None:
    order = {d["id"]: (d["path"], d["id"]) for d in store.documents.values()}
    mentions = [m for m in actor["mentions"] if m["doc"] in order]
    return min(mentions, key=lambda m: (order[m["doc"]], m["start"])) if mentions else None


def _actors_table(store: Store, network: Network, ids: list[str], focus: str | None, passages: _Passages) -> str:
    rows = []
    for ident in ids:
        actor = store.actors[ident]
        first = _first_mention(store, actor)
        name = passages.link(f"a-{ident}", first["doc"], first["start"], first["end"], actor["name"]) if first else _e(actor["name"])
        link = ""
        if focus and ident != focus:
            edges = [e for kind in ("met", "quoted", "mentioned") if (e := network.edge(kind, focus, ident))]
            link = "; ".join(describe_edge(store, e, focus) for e in edges)
        rows.append(
            f'<tr><td>{name}</td><td><span class="kind">{_e(actor["kind"])}</span></td><td>{_e(", ".join(actor["aliases"]))}</td>'
            f"<td>{_e('; '.join(actor['roles']))}</td><td>{len(actor['mentions'])}</td>"
            + (f"<td>{_e(link)}</td>" if focus else "")
            + "</tr>"
        )
    head = (
        "<tr><th>actor</th><th>kind</th><th>aliases</th><th>roles</th><th>mentions</th>"
        + ("<th>connection</th>" if focus else "")
        + "</tr>"
    )
    return _table(head, rows, "no actors")


def _names(store: Store, ids: Iterable[str]) -> str:
    return ", ".join(store.actors[a]["name"] for a in ids if a in store.actors)


def _meetings_table(store: Store, meetings: list[dict[str, Any]], passages: _Passages) -> str:
    rows = []
    for m in meetings:
        first = m["evidence"][0]
        what = passages.link(f"m-{m['id']}", m["doc"], first["start"], first["end"], _names(store, m["participants"]) or "?")
        when = m.get("time_iso") or m.get("time") or ""
        rows.append(
            f"<tr><td>{what}</td><td>{_e(m.get('status') or 'happened')}</td><td>{_e(m.get('place') or '')}</td><td>{_e(when)}</td>"
            f"<td>{_e(m.get('topic') or '')}</td><td>{_e(store.documents[m['doc']]['title'])}</td></tr>"
        )
    head = "<tr><th>who</th><th>status</th><th>where</th><th>when</th><th>about</th><th>source</th></tr>"
    return _table(head, rows, "no meetings")


def _timeline(store: Store, actor: str | None, passages: _Passages) -> str:
    found, without = timeline(store, (actor,) if actor else ())
    dated = [e for e in found if e.kind == "meeting"]
    undated = [ident for kind, ident in without if kind == "meeting"]
    if not dated and not undated:
        return '<p class="muted">No meeting.</p>'
    out = [f'<p class="muted">{len(dated)} of {len(dated) + len(undated)} meetings dated.</p>']
    for period, items in group(dated):
        out.append(f'<div class="period">{_e(period)}</div><ul class="timeline">')
        for event in items:
            m = store.meetings[event.id]
            first = m["evidence"][0]
            label = f"{_names(store, m['participants'])}" + (f" in {m['place']}" if m.get("place") else "")
            link = passages.link(f"m-{m['id']}", m["doc"], first["start"], first["end"], label)
            note = " (article date)" if event.from_article else ""
            out.append(f"<li><b>{_e(event.label)}</b>{_e(note)} — {link}</li>")
        out.append("</ul>")
    if undated:
        # Neither the article nor its words give a date: listed, never dropped from the chronology.
        out.append(f'<div class="period">undated ({len(undated)})</div><ul class="timeline">')
        for ident in undated:
            m = store.meetings[ident]
            first = m["evidence"][0]
            label = f"{_names(store, m['participants'])}" + (f" in {m['place']}" if m.get("place") else "")
            out.append(f"<li>{passages.link(f'm-{ident}', m['doc'], first['start'], first['end'], label)}</li>")
        out.append("</ul>")
    return "\n".join(out)


def _quotes_table(store: Store, quotes: list[dict[str, Any]], passages: _Passages) -> str:
    rows = []
    for q in quotes:
        span = q["content_span"]
        text = store.documents[q["doc"]]["text"][span["start"] : span["end"]]
        speaker = store.actors[q["speaker"]]["name"] if q.get("speaker") in store.actors else "unknown"
        link = passages.link(f"q-{q['id']}", q["doc"], span["start"], span["end"], "passage")
        doc = store.documents[q["doc"]]
        rows.append(
            f"<tr><td>{_e(speaker)}</td><td>“{_e(text)}”</td><td>{_e(q['kind'])}</td>"
            f"<td>{_e(doc.get('date') or '')}</td><td>{link}</td></tr>"
        )
    return _table("<tr><th>speaker</th><th>said</th><th>kind</th><th>date</th><th></th></tr>", rows, "no quotes")


def _notes_table(store: Store, notes: list[dict[str, Any]], anchors: dict, corrected: Corrected, passages: _Passages) -> str:
    rows = []
    for a in notes:
        where = anchors[a["id"]]
        actor = corrected.actor_id(a.get("actor"))
        link = passages.link(f"n-{a['id']}", where.doc, where.start, where.end, a["exact"][:80])
        rows.append(
            f"<tr><td>{_e(a['label'])}</td><td>{link}</td><td>{_e(a.get('note') or '')}</td>"
            f"<td>{_e(store.actors[actor]['name'] if actor in store.actors else '')}</td></tr>"
        )
    return _table("<tr><th>label</th><th>passage</th><th>note</th><th>actor</th></tr>", rows, "no hand annotations")


def _table(head: str, rows: list[str], empty: str) -> str:
    if not rows:
        return f'<p class="muted">{_e(empty)}.</p>'
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _network_svg(store: Store, network: Network, actor: str | None, scope: list[str]) -> str:
    """Inline SVG: a star around the actor of the report, or a ring of everyone who met someone, with meeting counts."""
    if actor is not None:
        edges = network.around(actor, "met") + [e for e in network.around(actor, "mentioned") if not network.edge("met", e.a, e.b)]
        edges = edges[:16]
        nodes = [actor] + [other(e, actor) for e in edges]
        size = 560
        cx, cy = size / 2 + 120, size / 2
        pos = {actor: (cx, cy)}
        for i, node in enumerate(nodes[1:]):
            angle = 2 * math.pi * i / max(1, len(nodes) - 1) - math.pi / 2
            pos[node] = (cx + 200 * math.cos(angle), cy + 200 * math.sin(angle))
    else:
        met = sorted(network.edges["met"].values(), key=lambda e: -e.count)
        nodes = list(dict.fromkeys(n for e in met for n in (e.a, e.b)))[:30]
        edges = [e for e in met if e.a in nodes and e.b in nodes]
        size = 620
        cx, cy = size / 2 + 120, size / 2
        pos = {
            n: (cx + 230 * math.cos(2 * math.pi * i / max(1, len(nodes))), cy + 230 * math.sin(2 * math.pi * i / max(1, len(nodes))))
            for i, n in enumerate(nodes)
        }
    if not edges:
        return '<p class="muted">No connections to draw.</p>'
    lines, labels = [], []
    for e in edges:
        (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
        dash = ' stroke-dasharray="4 3"' if e.kind == "mentioned" else ""
        lines.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#8a99a8" stroke-width="1.5"{dash}/>')
        label = f"{e.count}" if e.kind == "met" else f"{e.count}¶"
        labels.append(f'<text x="{(x1 + x2) / 2:.0f}" y="{(y1 + y2) / 2 - 3:.0f}" text-anchor="middle" fill="#b06f00">{_e(label)}</text>')
    circles = []
    for n in nodes:
        x, y = pos[n]
        a = store.actors[n]
        fill = {"person": "#7fbfe6", "organization": "#f2c46b", "country": "#a9d98a", "group": "#f0a8d8"}.get(a["kind"], "#ccc")
        radius = 9 if n == actor else 6
        # Labels point away from the centre, so that neighbours on the ring do not write over each other.
        dx, dy = x - cx, y - cy
        norm = math.hypot(dx, dy) or 1.0
        lx, ly = x + 12 * dx / norm, y + 12 * dy / norm + 4
        anchor = "middle" if n == actor or abs(dx) < 1 else ("start" if dx > 0 else "end")
        if n == actor:
            ly = y + 24
        circles.append(
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{radius}" fill="{fill}" stroke="#35424f"/>'
            f'<text x="{lx:.0f}" y="{ly:.0f}" text-anchor="{anchor}">{_e(a["name"][:28])}</text>'
        )
    legend = "numbers: meetings; ¶ and dashed lines: paragraphs naming both" if actor else "numbers: meetings between the two"
    return (
        f'<svg width="{size + 240}" height="{size}" viewBox="0 0 {size + 240} {size}" role="img" '
        f'aria-label="network">{"".join(lines)}{"".join(labels)}{"".join(circles)}</svg><p class="muted">{_e(legend)}</p>'
    )
