//! Random-number streams: one PCG key per (seed, stop), one stream per (replication, purpose).
//!
//! Every purpose has its own stream, so two runs that differ only in clerks or closing policy meet
//! the same clients with the same errands, service times and patience (common random numbers).

/// The simulation's generator: PCG-64 MCG (O'Neill 2014, the `rand_pcg` crate's `Pcg64Mcg`), a
/// 128-bit multiplicative congruential generator with an XSL-RR output. It is named and portable
/// (its output is specified by the algorithm, not by a crate version) and about twice as fast per
/// number as ChaCha8, which the engine spent a tenth of its time in (issue 14).
pub type StreamRng = rand_pcg::Pcg64Mcg;

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

/// Salt that makes the low half of a stop's key differ from its high half: the fractional part of
/// the golden ratio times 2^64, minus one (so that it is not SplitMix64's own increment).
const LOW_KEY_SALT: u64 = 0x9E37_79B9_7F4A_7C16;

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
    /// The generator for one purpose of this key's replication.
    pub fn rng(&self, purpose: Purpose) -> StreamRng {
        StopStreams::new(self.seed, self.stop).rng(self.replication, purpose)
    }

    /// The stop's key, prepared once for all its replications.
    pub fn stop_streams(&self) -> StopStreams {
        StopStreams::new(self.seed, self.stop)
    }
}

/// The 128-bit key of one (seed, stop), mixed once: each replication's streams then cost two
/// SplitMix64 rounds each.
///
/// A PCG-64 MCG has one sequence, so a stream is a starting state, not a nonce: the state of
/// stream `s` is SplitMix64 of the stop's key and `s`, 128 bits drawn from a bijective mixer.
/// Two streams overlap only if their starting states lie within one day's draws (a few thousand)
/// of each other on a cycle of 2^126; over 10^7 streams that chance is below 10^-20.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StopStreams {
    high_key: u64,
    low_key: u64,
}

impl StopStreams {
    /// The key of `stop` under `seed`; neighbouring stops and seeds get unrelated keys.
    pub fn new(seed: u64, stop: u64) -> Self {
        let high_key = splitmix64(seed ^ splitmix64(stop));
        Self {
            high_key,
            low_key: splitmix64(high_key ^ LOW_KEY_SALT),
        }
    }

    /// The generator for one purpose of one replication.
    #[inline]
    pub fn rng(&self, replication: u64, purpose: Purpose) -> StreamRng {
        let stream = replication.wrapping_mul(PURPOSES).wrapping_add(purpose as u64);
        let high = splitmix64(self.high_key ^ splitmix64(stream));
        let low = splitmix64(self.low_key ^ high);
        StreamRng::new((u128::from(high) << 64) | u128::from(low))
    }
}

/// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
