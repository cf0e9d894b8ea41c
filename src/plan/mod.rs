//! Itinerary generation: stops packed into bus-days with travel times from coordinates.
