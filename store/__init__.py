"""backchannel's data half: reading articles, extraction, the TinyDB store, export.

Nothing here imports Textual; spaCy is imported only by the ingest pipeline,
so that the explorer can open a store without loading a language model.
"""

__version__ = "0.1.0"
