"""Where the body of an article is: headline, photo caption and boilerplate lines.

They stay in the text, so that offsets are the file's offsets, but extraction
treats them differently: a headline is written in Title Case that the small
model mistakes for names ("Israel Tried"), a caption ends in a photo credit
("Carlos Barria/File Photo"), and a "Read More: …" line is another article's
headline. Each block is a paragraph (text between blank lines; a single line
break also separates paragraphs unless the next line continues a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # layout itself needs no spaCy
    from spacy.tokens import Doc, Token

BOILERPLATE = re.compile(
    r"^\s*(read more|read also|also read|see also|related|related coverage|recommended|advertisement|"
    r"subscribe|sign up|click here|follow us|share this|watch|listen|more on this story|"
    r"have an opinion|this story has been updated|copyright|all rights reserved)\b",
    re.IGNORECASE,
)
CREDIT = re.compile(
    r"(?:\b(?:File\s+)?Photo(?:graph)?\s*[:/]|/\s*(?:File\s+)?Photo\b|\bFile\s+Photo\b|\(Photo\b|"
    r"\bGetty\s+Images\b|\bPhoto\s+credit\b|\bImage\s*:|\bCredit\s*:|/\s*(?:Reuters|AP|AFP|EPA|Getty|Bloomberg)\b)",
)
# The trailing credit itself: "Carlos Barria/File Photo", "REUTERS/Kevin Lamarque", "(AP Photo/Evan Vucci)".
CREDIT_TAIL = re.compile(
    r"(?:\(?\s*(?:AP|AFP|EPA|REUTERS|Reuters)?\s*Photo\s*[:/]\s*[^()\n]*\)?"
    r"|(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*/\s*(?:File\s+)?(?:Photo|Reuters|REUTERS|AP|AFP|EPA|Getty Images)"
    r"|(?:REUTERS|Reuters|AFP|AP|EPA)\s*/\s*(?:[A-Z][\w.'’-]*\s*){1,4}"
    r"|Getty\s+Images)\s*$"
)
SENTENCE_END = re.compile(r"[.!?…\"”’')\]]\s*$")


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    role: str

    def as_record(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "role": self.role}

    def shifted(self, by: int) -> Block:
        return Block(max(0, self.start + by), self.end + by, self.role)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraph extents, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    pos = 0
    lines = text.split("\n")
    current: tuple[int, int] | None = None
    previous_line = ""
    for line in lines:
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            if current:
                spans.append(current)
            current = None
            previous_line = ""
            continue
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        s, e = line_start + lead, line_end - trail
        if current and _continues(previous_line, stripped):
            current = (current[0], e)
        else:
            if current:
                spans.append(current)
            current = (s, e)
        previous_line = stripped
    if current:
        spans.append(current)
    return spans


def _continues(previous: str, line: str) -> bool:
    """A wrapped line: the previous one ends mid-sentence and this one starts in lower case."""
    return bool(previous) and not SENTENCE_END.search(previous) and line[:1].islower()


def is_caption(paragraph: str) -> bool:
    return not SENTENCE_END.search(paragraph) and bool(CREDIT.search(paragraph))


def credit_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    match = CREDIT_TAIL.search(text, start, end)
    if not match:
        return None
    s = match.start()
    while s < end and text[s].isspace():
        s += 1
    return s, end


def find_blocks(text: str, has_headline: bool = True) -> list[Block]:
    """Label each paragraph; a caption's trailing photo credit becomes a boilerplate block of its own."""
    blocks: list[Block] = []
    for index, (start, end) in enumerate(paragraph_spans(text)):
        para = text[start:end]
        if index == 0 and has_headline and "\n" not in para and len(para.split()) <= 30:
            blocks.append(Block(start, end, "headline"))
        elif BOILERPLATE.match(para) and len(para.split()) <= 40:
            blocks.append(Block(start, end, "boilerplate"))
        elif is_caption(para):
            credit = credit_span(text, start, end)
            if credit and credit[0] > start:
                caption_end = credit[0]
                while caption_end > start and text[caption_end - 1].isspace():
                    caption_end -= 1
                blocks.append(Block(start, caption_end, "caption"))
                blocks.append(Block(credit[0], credit[1], "boilerplate"))
            else:
                blocks.append(Block(start, end, "caption"))
        else:
            blocks.append(Block(start, end, "body"))
    return blocks


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy joins it anew from the tokens on every `doc.text`."""
    text = doc.user_data.get("backchannel.text")
    if text is None:
        text = doc.user_data["backchannel.text"] = doc.text
    return text


def candidate_tokens(doc: Doc, blocks: list[Block], lemmas: frozenset[str]) -> Iterator[Token]:
    """Body and caption tokens whose lemma is in `lemmas`, found on the lemma array without building every Token."""
    from spacy.attrs import LEMMA

    strings = doc.vocab.strings
    wanted = {strings.add(lemma) for lemma in lemmas} | {strings.add(lemma.capitalize()) for lemma in lemmas}
    column = doc.to_array([LEMMA])
    for block in blocks:
        if block.role in ("body", "caption"):
            span = doc.char_span(block.start, block.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    if column[i] in wanted:
                        yield doc[i]
