"""Extraction: what an article states (people, places, meetings, trips, quotes), from text."""
