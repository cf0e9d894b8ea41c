//! Random-number streams: one ChaCha8 key per (seed, stop), one stream per (replication, purpose).
//!
//! Every purpose has its own stream, so two runs that differ only in clerks or closing policy meet
//! the same clients with the same errands, service times and patience (common random numbers).

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

/// What a stream is used for. Each purpose draws from its own independent stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    /// Arrival times and the day's over-dispersion factor.
    Arrivals = 0,
    /// Number and types of errands per client.
    Errands = 1,
    /// Desk times of the errands.
    Service = 2,
    /// Patience of each client.
    Patience = 3,
    /// Balking decisions (state-dependent, so kept apart from the others).
    Balking = 4,
}

/// Number of purposes; stream ids are `replication * PURPOSES + purpose`.
const PURPOSES: u64 = 5;

/// Identifies the random numbers of one stop in one replication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamKey {
    /// The scenario's seed.
    pub seed: u64,
    /// Index of the stop in the season (independent keys per stop).
    pub stop: u64,
    /// Replication index.
    pub replication: u64,
}

impl StreamKey {
    /// The generator for one purpose. ChaCha streams are cipher nonces, so streams of one key are
    /// independent; the key mixes seed and stop with SplitMix64 so that neighbouring stops differ.
    pub fn rng(&self, purpose: Purpose) -> ChaCha8Rng {
        StopStreams::new(self.seed, self.stop).rng(self.replication, purpose)
    }

    /// The stop's cipher key, prepared once for all its replications.
    pub fn stop_streams(&self) -> StopStreams {
        StopStreams::new(self.seed, self.stop)
    }
}

/// The ChaCha8 key of one (seed, stop), expanded once: each replication's streams then cost only
/// the cipher set-up, not the SplitMix64 mixing and seed expansion again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StopStreams {
    key: [u8; 32],
}

impl StopStreams {
    /// The key of `stop` under `seed` (the same bytes [`StreamKey::rng`] has always used).
    pub fn new(seed: u64, stop: u64) -> Self {
        Self {
            key: ChaCha8Rng::seed_from_u64(splitmix64(seed ^ splitmix64(stop))).get_seed(),
        }
    }

    /// The generator for one purpose of one replication.
    #[inline]
    pub fn rng(&self, replication: u64, purpose: Purpose) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::from_seed(self.key);
        rng.set_stream(replication.wrapping_mul(PURPOSES).wrapping_add(purpose as u64));
        rng
    }
}

/// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
