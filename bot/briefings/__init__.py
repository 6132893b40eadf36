"""Briefings: what a reader is shown (views, digest schedule, timeline, itinerary, rendering)."""
