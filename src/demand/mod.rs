//! Demand: the settlements data and the expected clients of a stop.

pub mod model;
pub mod pending;
pub mod profile;
pub mod settlements;
pub mod stop_log;

pub use model::{DemandModel, StopContext, VenueMultipliers};
pub use pending::{InitialPool, PendingNeeds, PoolVisit};
pub use profile::ArrivalShape;
pub use settlements::{GovernmentWindow, RowProblem, Settlement, SettlementTable, SettlementsError};
pub use stop_log::{ErrandTotals, LogFileError, LoggedStop, StopLog, parse_stop_log, read_stop_log};
