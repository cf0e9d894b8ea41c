//! The link of a stop to its settlement's next visit: how the clients it loses come back.

/// A visit's place in its settlement's pending-needs pool, as the season engine needs it to carry
/// the clients a visit lost (sent home, reneged, balked) to the settlement's later visits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReturnLink {
    /// The settlement's carry slot within the season (0-based; one slot per settlement).
    pub slot: usize,
    /// Share of the needs carried from the settlement's previous visit still pending at this one,
    /// e^{−δ·gap} (1 at the first visit).
    pub survival: f64,
    /// Share of the pending needs this visit meets, κ (0–1).
    pub capture: f64,
    /// Share of this visit's lost clients whose need returns to the pool, ρ (0–1).
    pub return_share: f64,
}
