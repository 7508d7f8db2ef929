"""Extraction with spaCy: actors, quotes, meetings and their times and status, per article, in worker processes."""
