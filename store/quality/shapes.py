"""The attribution shape of a gold quote, read from the reader's own speaker and cue.

Speaker accuracy is reported per shape because the shapes fail differently: a name at the cue is rarely wrong, a
pronoun or a common noun needs the article's context, a line without a verb needs its layout. The shape comes from
the gold alone (never from what the system found), so every split is cut the same way.
"""

from __future__ import annotations

from store.language.gazetteer import gazetteer

PRONOUNS = frozenset("he she they it i we you him her them his its their".split())
DETERMINERS = frozenset("the a an this that these those".split())

# In the order the report lists them.
SHAPES = ("named", "pronoun", "common noun", "according to", "no verb", "continuation")


def speaker_shape(speaker: str | None, cue: str | None) -> str:
    """One of SHAPES for a gold quote's speaker phrase and cue (both as written, or None)."""
    if speaker is None:
        return "continuation"  # a quotation that goes on in the words of the speaker before
    words = speaker.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if cue is None:
        return "no verb"  # "Name, The Outlet:" before a quotation, "— Name" after it
    if cue.lower().startswith("according"):
        return "according to"
    return "named" if _names_someone(words) else "common noun"


def _names_someone(words: list[str]) -> bool:
    """A capitalised word past the determiners that is no nationality: "The German government" names no one, "the
    Kremlin" and "Trump's spokesman" do."""
    gaz = gazetteer()
    rest = words[1:] if words and words[0].lower() in DETERMINERS else words
    for word in rest:
        word = word.strip("'’\".,:;()").removesuffix("'s").removesuffix("’s")
        if word[:1].isupper() and not gaz.demonym(word):
            return True
    return False
