"""Speaker accuracy is cut by the shape of the reader's attribution, read from the gold alone."""

from __future__ import annotations

import pytest

from store.quality.shapes import speaker_shape


@pytest.mark.parametrize(
    ("speaker", "cue", "shape"),
    [
        ("US President Donald Trump", "said", "named"),
        ("Trump's spokesman", "said", "named"),
        ("the Kremlin", "said", "named"),
        ("he", "told", "pronoun"),
        ("She", "explained", "pronoun"),
        ("The German government", "said", "common noun"),
        ("the minister", "said", "common noun"),
        ("the company", "announced", "common noun"),
        ("Soufan", "according to", "according to"),
        ("Dan Smith", None, "no verb"),
        (None, None, "continuation"),
    ],
)
def test_a_quotes_attribution_shape_comes_from_its_speaker_phrase_and_cue(speaker: str | None, cue: str | None, shape: str) -> None:
    assert speaker_shape(speaker, cue) == shape
