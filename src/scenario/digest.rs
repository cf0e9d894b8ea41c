//! A stable digest of a resolved season, recorded with results so that a run can be traced to its input.

use super::resolved::Season;

/// FNV-1a 64-bit offset basis.
const FNV_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

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

/// 64-bit FNV-1a of `bytes`.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET_BASIS, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_reference_vectors() {
        // Test vectors of the FNV reference (Fowler, Noll, Vo; draft-eastlake-fnv).
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
