//! A stable digest of a resolved season, recorded with results so that a run can be traced to its input.

use super::resolved::Season;
use crate::vocab::fnv::fnv1a64;

/// `fnv1a64:` and 16 hex digits: the 64-bit FNV-1a hash of the season's `Debug` text.
///
/// The `Debug` text lists every resolved value (name, simulation settings, and each stop's date,
/// time, settlement, demand and full engine description), so two seasons have the same digest
/// exactly when they simulate the same thing with the same settings. It does not depend on
/// comments, key order or spelling in the TOML. It is deterministic across runs and machines; a
/// change of the resolved types (a new field) changes every digest, which is intended.
pub fn digest(season: &Season) -> String {
    format!("fnv1a64:{:016x}", fnv1a64(format!("{season:?}").as_bytes()))
}
