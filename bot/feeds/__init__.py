"""Feeds: fetching under a URL policy and byte bounds, parsing, normalising and deduplicating."""
