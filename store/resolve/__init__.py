"""Across articles: one actor per person or body, one event per meeting, one story per republished article."""
