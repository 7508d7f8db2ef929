"""What a full-text query asks and where an article answers it: the query read, words folded, passages found.

Queries are read by our own small parser rather than tantivy's, so that nothing a
user types can fail: words are AND-ed, `OR` joins alternatives, `NOT word` and
`-word` exclude, `"a phrase"` (an unclosed quote runs to the end) and `prefix*`.
The same parse finds the passages to show, by matching the query's words against
the article's words folded the way the index folds them (store.views.fulltext).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import tantivy

PASSAGE_REACH = 240  # characters either side of a hit that a passage may take, up to a sentence end
# A sentence ends at . ! ? before a capital, never after a lone capital ("U.S. officials", "D.C. police").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?…]['\"”’)]*\s+(?=[A-Z0-9\"“‘(])|\n")


def _analyzer() -> tantivy.TextAnalyzer:
    """Split on anything not a letter or digit, lower-case, fold accents to ASCII: `Erdoğan` finds `Erdogan`."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


_ANALYZER = _analyzer()


WORD_ANALYZER = _analyzer()


def words(text: str) -> list[str]:
    """The index's terms for a piece of text."""
    return WORD_ANALYZER.analyze(text)


@dataclass(frozen=True)
class Clause:
    """One thing the user asked for: a word, a phrase, or a prefix (the last word may be cut short)."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Clause]] = field(default_factory=list)  # AND of ORs
    excluded: list[Clause] = field(default_factory=list)

    @property
    def positive(self) -> list[Clause]:
        return [c for group in self.groups for c in group]

    @property
    def empty(self) -> bool:
        return not self.groups and not self.excluded


def _raw_clauses(query: str) -> Iterable[tuple[str, str, bool]]:
    """(kind, text, prefix) in order; kind is "word", "phrase" or an operator."""
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            text = query[i + 1 : end]
            i = end + 1
            prefix = i < n and query[i] == "*"
            i += 1 if prefix else 0
            yield "phrase", text, prefix
            continue
        j = i
        while j < n and not query[j].isspace() and query[j] != '"':
            j += 1
        word = query[i:j]
        i = j
        if word in ("AND", "OR", "NOT"):
            yield word, "", False
        elif word.startswith("-") and len(word) > 1:
            yield "NOT", "", False
            yield "word", word[1:].rstrip("*"), word.endswith("*")
        else:
            yield "word", word.lstrip("+").rstrip("*"), word.endswith("*")


def parse_query(query: str) -> ParsedQuery:
    """Read what the user typed; never fails: what has no letters or digits is left out."""
    parsed = ParsedQuery()
    negate = join = False
    for kind, text, prefix in _raw_clauses(query):
        if kind == "NOT":
            negate = True
            continue
        if kind == "OR":
            join = bool(parsed.groups)
            continue
        if kind == "AND":
            join = False
            continue
        terms = tuple(words(text))
        if not terms:
            continue
        clause = Clause(terms, prefix)
        if negate:
            parsed.excluded.append(clause)
        elif join:
            parsed.groups[-1].append(clause)
        else:
            parsed.groups.append([clause])
        negate = join = False
    return parsed


def as_you_type(query: str) -> str:
    """While a query is being typed its last word is a prefix: "negot" already finds "negotiations"."""
    if not query or not query[-1].isalnum() or query.count('"') % 2 or query.split()[-1] in ("AND", "OR", "NOT"):
        return query
    return query + "*"


@dataclass(frozen=True)
class Passage:
    """Where an article answers the query: the passage to show and the words in it that matched."""

    start: int
    end: int
    spans: tuple[tuple[int, int], ...]  # matched words, absolute offsets inside [start, end)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character as the index folds it, or itself when folding would change the length (offsets stay true)."""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


def fold_text(text: str) -> str:
    """The text lower-cased and without accents, character for character: a match in it is a match in the text."""
    return text.lower() if text.isascii() else "".join(map(_fold_char, text))


_ALNUM_BEFORE = r"(?<![^\W_])"
_ALNUM_AFTER = r"(?![^\W_])"


def _clause_pattern(clause: Clause) -> str:
    body = r"[\W_]+".join(re.escape(t) for t in clause.terms)
    return _ALNUM_BEFORE + body + (r"[^\W_]*" if clause.prefix else _ALNUM_AFTER)


def find_matches(text: str, query: str | ParsedQuery, cap: int = 2000) -> list[tuple[int, int, int]]:
    """(start, end, clause number) of every place the query's words stand in the text, in text order."""
    parsed = parse_query(query) if isinstance(query, str) else query
    clauses = parsed.positive
    if not clauses:
        return []
    pattern = re.compile("|".join(f"(?P<c{n}>{_clause_pattern(c)})" for n, c in enumerate(clauses)))
    out = []
    for m in pattern.finditer(fold_text(text)):
        out.append((m.start(), m.end(), int(m.lastgroup[1:])))  # type: ignore[index]
        if len(out) >= cap:
            break
    return out


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or at most PASSAGE_REACH characters either side) around a hit."""
    lo = max(0, start - PASSAGE_REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    begin = ends[-1] if ends else (lo if lo == 0 else text.find(" ", lo, start) + 1 or lo)
    hi = min(len(text), end + PASSAGE_REACH)
    after = _SENTENCE_END.search(text, end, hi)
    if after:
        finish = after.start() + len(after.group().rstrip())
    elif hi == len(text):
        finish = hi
    else:
        space = text.rfind(" ", end, hi)
        finish = space if space > end else hi
    return begin, max(finish, end)


def find_passage(text: str, query: str | ParsedQuery) -> Passage:
    """The passage that holds most of the query's words: what a reader needs to see why the article matched."""
    matches = find_matches(text, query)
    if not matches:
        begin, finish = _bounds(text, 0, 0)
        return Passage(begin, finish, ())
    clauses = {n for _s, _e, n in matches}
    best = matches[0]
    if len(clauses) > 1:  # the first place where most of the query's words stand together
        near = matches[:300]
        best = max(near, key=lambda m: (len({n for s, e, n in near if m[0] - PASSAGE_REACH <= s and e <= m[1] + PASSAGE_REACH}), -m[0]))
    begin, finish = _bounds(text, best[0], best[1])
    spans = tuple((s, e) for s, e, _n in matches if begin <= s and e <= finish)
    return Passage(begin, finish, spans)
