//! The fast path: a stop-day by the FIFO recursion, for runs that no observer watches.
//!
//! With one FIFO queue, c clerks and patience fixed at arrival, a client's fate follows from the
//! clerks' next free times when they arrive: the earliest free time `m` (after every earlier client
//! has been placed) is the moment a clerk could take them. They start at once if `m ≤ t`; otherwise
//! they are served at `m` if `m ≤ t + patience` (a service end comes before an abandonment at the
//! same instant) and, under `turn_away`, `m ≤ H` (a service end comes before the door closing),
//! reneging or being sent home otherwise. No event heap is needed for that.
//!
//! Everything the event engine ([`super::Engine::run`]) reports comes out identical, bit for bit:
//! - the number waiting at an arrival (balking, `queue_max`) is kept by replaying the queue's
//!   departures — service starts from the queue (nondecreasing in time, a FIFO list) and
//!   abandonment timers (a short sorted list) — up to the arrival, service starts and abandonments before
//!   arrivals at equal times, as in the engine;
//! - the queue area is summed at the same instants as the engine sums it: every arrival, every
//!   service start from the queue and every abandonment timer (also those of clients already in
//!   service, which the engine cancels lazily) before H. Instants while nobody waits add exactly 0,
//!   so skipping other events (service ends with an empty queue) changes no bit;
//! - waits, busy time inside [0, H) and the served counts are summed in service-start order, which
//!   for one FIFO queue is arrival order (the engine's order, ties included).
//!
//! `tests/integration/fast_path.rs` checks the equality on random days with every feature on and off.

use rand::RngExt;

use super::client::{Client, ClientSource};
use super::closing::Closing;
use super::engine::DayRules;
use super::minutes::{earlier, later};
use super::outcome::StopOutcome;
use super::queue_area::QueueArea;
use super::rng::StreamRng;

/// A departure from the queue still ahead, or an abandonment timer that only marks an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Timer {
    /// The instant as the bits of a non-negative f64 (their integer order is the numbers' order).
    time_bits: u64,
    /// Whether the client leaves the queue then (reneges); `false`: they were served before it fired.
    leaves: bool,
}

impl Timer {
    /// Whether the timer fires before the instant `t_bits` (the bits of a non-negative f64), or at
    /// it too when `inclusive`.
    #[inline]
    fn is_due(self, t_bits: u64, inclusive: bool) -> bool {
        self.time_bits < t_bits || (inclusive && self.time_bits == t_bits)
    }
}

/// A departure from the queue being replayed.
#[derive(Debug, Clone, Copy)]
enum Departure {
    /// A queued client's service starts at this minute.
    Start(f64),
    /// An abandonment timer fires.
    Timer(Timer),
}

/// Reusable buffers of the fast path. One per worker thread (inside [`super::Engine`]).
#[derive(Debug, Default)]
pub(super) struct FifoBuffers {
    /// Next free time of each clerk, minutes after opening.
    clerk_free_min: Vec<f64>,
    /// Service starts of queued clients, minutes (nondecreasing: FIFO order); those before
    /// `starts_taken` are behind (a list read from the front, cleared each day).
    starts_min: Vec<f64>,
    /// How many of `starts_min` have been replayed.
    starts_taken: usize,
    /// Abandonment timers of queued clients still ahead, latest first (the next one is the last):
    /// a queue holds a few, so a sorted list beats a heap; equal timers are interchangeable, so
    /// the order they are taken in is the heap's.
    timers: Vec<Timer>,
}

/// Running tallies of one day on the fast path.
struct Day<'r> {
    rules: &'r DayRules,
    out: StopOutcome,
    waiting: u32,
    /// The queue's time-integral over [0, H).
    queue: QueueArea,
    busy_open_min: f64,
    last_service_end_min: f64,
}

impl Day<'_> {
    /// Adds the queue area up to `t` (clamped to H), exactly as the event engine does.
    #[inline]
    fn advance(&mut self, t: f64) {
        self.queue.advance(t, self.waiting, self.rules.dwell_min);
    }

    /// Starts serving `client` at `t` on a clerk; returns when that clerk is free again.
    #[inline]
    fn start(&mut self, client: &Client, t: f64, waits: &mut Vec<f64>) -> f64 {
        let wait = t - client.arrival_min;
        let end = t + client.service_min;
        let h = self.rules.dwell_min;
        self.out.served += 1;
        self.out.uses += client.errands;
        self.out.information_uses += client.information_errands;
        self.out.wait_total_min += wait;
        self.out.served_within_target += u32::from(wait <= self.rules.wait_target_min);
        waits.push(wait);
        self.busy_open_min += later(earlier(end, h) - earlier(t, h), 0.0);
        self.last_service_end_min = later(self.last_service_end_min, end);
        end
    }
}

impl FifoBuffers {
    /// Simulates one stop-day with clients from `source` (sorted by arrival) and at least one
    /// clerk; the served clients' waits go to `waits`. `balking_rng` is created (by the closure) and drawn from only when a
    /// client may balk, in arrival order, as in the event engine.
    pub(super) fn run<S: ClientSource>(
        &mut self,
        rules: &DayRules,
        mut source: S,
        balking_rng: impl FnOnce() -> StreamRng,
        waits: &mut Vec<f64>,
    ) -> StopOutcome {
        assert!(
            rules.clerks > 0,
            "the fast path needs at least one clerk (a validated stop has one)"
        );
        let h = rules.dwell_min;
        self.clerk_free_min.clear();
        self.clerk_free_min.resize(rules.clerks as usize, 0.0);
        self.starts_min.clear();
        self.starts_taken = 0;
        self.timers.clear();
        waits.clear();
        let mut balking_rng = LazyRng::new(balking_rng);
        let mut day = Day {
            rules,
            out: StopOutcome::default(),
            waiting: 0,
            queue: QueueArea::default(),
            busy_open_min: 0.0,
            last_service_end_min: 0.0,
        };
        while let Some(client) = source.next_client().filter(|c| c.arrival_min < h) {
            let t = client.arrival_min;
            day.out.arrivals += 1;
            self.depart_until(&mut day, t, true);
            day.advance(t);
            if rules.closing.refuses_entry(t, h) {
                day.out.turned_away += 1;
                continue;
            }
            let (clerk, free_min) = self.earliest_clerk();
            if free_min <= t {
                self.clerk_free_min[clerk] = day.start(&client, t, waits);
                continue;
            }
            if let Some(b) = rules.balking
                && day.waiting >= b.threshold
                && balking_rng.get().random::<f64>() < b.probability
            {
                day.out.balked += 1;
                continue;
            }
            day.waiting += 1;
            day.out.delayed += 1;
            day.out.queue_max = day.out.queue_max.max(day.waiting);
            self.place_queued(&mut day, &client, clerk, free_min, waits);
        }
        self.depart_until(&mut day, h, false);
        day.advance(h);
        day.out.waiting_at_close = day.waiting;
        finish(&day)
    }

    /// The clerk free first and when (the first such clerk at equal times).
    #[inline]
    fn earliest_clerk(&self) -> (usize, f64) {
        let mut best = (0, self.clerk_free_min[0]);
        for (k, &f) in self.clerk_free_min.iter().enumerate().skip(1) {
            // A select, not a branch: which clerk is free first is a coin toss the predictor loses.
            best = std::hint::select_unpredictable(f < best.1, (k, f), best);
        }
        best
    }

    /// Settles the fate of a client who joined the queue at their arrival, `free_min` being the
    /// earliest moment clerk `clerk` could take them.
    #[inline]
    fn place_queued(&mut self, day: &mut Day, client: &Client, clerk: usize, free_min: f64, waits: &mut Vec<f64>) {
        let h = day.rules.dwell_min;
        let t = client.arrival_min;
        let gives_up_min = t + client.patience_min;
        let closes_on_them = matches!(day.rules.closing, Closing::TurnAway) && free_min > h;
        if free_min <= gives_up_min && !closes_on_them {
            self.clerk_free_min[clerk] = day.start(client, free_min, waits);
            if free_min <= h {
                self.starts_min.push(free_min);
            }
            if client.patience_min.is_finite() && gives_up_min < h {
                self.push_timer(gives_up_min, false);
            }
        } else if gives_up_min < h || !closes_on_them {
            // Gives up before the door closes, or (serving those waiting at H) whenever.
            day.out.reneged += 1;
            if gives_up_min < h {
                self.push_timer(gives_up_min, true);
            }
        } else {
            // Still waiting when the door closes on them; they stay in `waiting` until H.
            day.out.turned_away += 1;
        }
    }

    /// Inserts a timer after every later one (equal ones after it): by shifting the earlier ones
    /// up from the end, which beats a binary search and a memmove on lists of a few timers.
    #[inline]
    fn push_timer(&mut self, time_min: f64, leaves: bool) {
        let timer = Timer {
            time_bits: time_min.to_bits(),
            leaves,
        };
        self.timers.push(timer);
        let mut at = self.timers.len() - 1;
        while at > 0 && self.timers[at - 1] <= timer {
            self.timers[at] = self.timers[at - 1];
            at -= 1;
        }
        self.timers[at] = timer;
    }

    /// Replays the queue's departures up to `t` in time order: service starts at or before `t`,
    /// and abandonment timers at or before `t` (`timers_inclusive`) or strictly before it (at the
    /// door closing, where abandonments at H come after the closing).
    #[inline]
    fn depart_until(&mut self, day: &mut Day, t: f64, timers_inclusive: bool) {
        if let Some(first) = self.next_departure(t, timers_inclusive) {
            self.replay_departures(day, t, timers_inclusive, first);
        } // else nothing departs before t: the usual case
    }

    /// The queue's next departure at or before `t` (timers at `t` only when `timers_inclusive`),
    /// service starts before abandonment timers at equal times.
    #[inline]
    fn next_departure(&self, t: f64, timers_inclusive: bool) -> Option<Departure> {
        // A start is due when it is at or before t; a due timer comes first when it is strictly
        // before the next start (a start that is not due is after t, so after every due timer).
        let start = self.starts_min.get(self.starts_taken).copied().unwrap_or(f64::INFINITY);
        match self.timers.last() {
            Some(&r) if r.is_due(t.to_bits(), timers_inclusive) && r.time_bits < start.to_bits() => {
                Some(Departure::Timer(r))
            }
            _ => (start <= t).then_some(Departure::Start(start)),
        }
    }

    /// [`FifoBuffers::depart_until`] from its `first` departure on.
    fn replay_departures(&mut self, day: &mut Day, t: f64, timers_inclusive: bool, first: Departure) {
        let mut next = Some(first);
        while let Some(departure) = next {
            match departure {
                Departure::Start(s) => {
                    self.starts_taken += 1;
                    day.advance(s);
                    day.waiting -= 1;
                }
                Departure::Timer(r) => {
                    self.timers.pop();
                    day.advance(f64::from_bits(r.time_bits));
                    day.waiting -= u32::from(r.leaves);
                }
            }
            next = self.next_departure(t, timers_inclusive);
        }
    }
}

/// The closing tallies, as the event engine's `finish`.
fn finish(day: &Day) -> StopOutcome {
    day.out.closed(
        day.rules.dwell_min,
        day.rules.clerks,
        day.queue.area(),
        day.busy_open_min,
        day.last_service_end_min,
    )
}

/// A generator created on first use (a day without balking never builds its stream).
struct LazyRng<F> {
    make: Option<F>,
    rng: Option<StreamRng>,
}

impl<F: FnOnce() -> StreamRng> LazyRng<F> {
    fn new(make: F) -> Self {
        Self {
            make: Some(make),
            rng: None,
        }
    }

    #[inline]
    fn get(&mut self) -> &mut StreamRng {
        let make = &mut self.make;
        self.rng.get_or_insert_with(|| (make.take().expect("made once"))())
    }
}
