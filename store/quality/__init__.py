"""Judging extraction: the gold annotations and the evaluation against them."""
