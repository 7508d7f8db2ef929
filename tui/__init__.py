"""backchannel's terminal half: the command line and the Textual explorer. Never imports spaCy."""
