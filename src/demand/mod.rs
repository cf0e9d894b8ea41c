//! Demand: the settlements data and the expected clients of a stop.
