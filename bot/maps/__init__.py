"""Pictures of places: coordinates from the gazetteer and the itinerary map (matplotlib, offline)."""
