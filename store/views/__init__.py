"""What readers ask of a store: counts, search (fuzzy and full-text), highlights, networks, timelines, filters."""
