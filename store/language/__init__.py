"""Language helpers without spaCy: dates, country and organisation tables, word lists, person names."""
