//! Hooks for watching a stop-day (traces, queue curves) without costing the plain run anything.

/// How a client's visit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientFate {
    Served,
    Reneged,
    Balked,
    TurnedAway,
}

impl ClientFate {
    /// Lower-case name used in traces.
    pub fn as_str(&self) -> &'static str {
        match self {
            ClientFate::Served => "served",
            ClientFate::Reneged => "reneged",
            ClientFate::Balked => "balked",
            ClientFate::TurnedAway => "turned_away",
        }
    }
}

/// One client's visit, as reported to an observer when it is settled.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ClientRecord {
    /// Order of arrival, from 0.
    pub index: u32,
    /// Arrival, minutes after opening.
    pub arrival_min: f64,
    /// Service start, minutes after opening (served clients only).
    pub service_start_min: Option<f64>,
    /// Service end for the served; departure time for everyone else (minutes after opening).
    pub leave_min: f64,
    pub fate: ClientFate,
}

/// Receives events of a stop-day. Every method has an empty default, so a plain run pays nothing.
pub trait Observer {
    /// The number waiting (not in service) changed to `waiting` at `time_min`.
    #[inline]
    fn queue_changed(&mut self, _time_min: f64, _waiting: u32) {}
    /// A client's fate is settled (served clients are reported when service starts).
    #[inline]
    fn client_settled(&mut self, _record: &ClientRecord) {}
}

/// Watches nothing.
pub struct NoObserver;
impl Observer for NoObserver {}

/// Collects every client record (for `replay --trace`).
#[derive(Debug, Default)]
pub struct TraceObserver {
    pub records: Vec<ClientRecord>,
}

impl Observer for TraceObserver {
    fn client_settled(&mut self, record: &ClientRecord) {
        self.records.push(*record);
    }
}
