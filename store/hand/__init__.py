"""The reader's hand work: notes, corrections and the edit log, and how they are found again in changed text."""
