//! The stop-day engine: one FIFO queue, c clerks, reneging, balking and a closing policy.
//!
//! Discrete-event simulation over minutes since opening. Events are taken in time order, then by a
//! fixed priority at equal times (service end, door closing, abandonment, arrival), then by
//! insertion order. Abandonment timers are cancelled lazily: a timer that fires for a client who is
//! no longer waiting is ignored. The engine owns its buffers and reuses them across replications.

use std::collections::VecDeque;

use rand::RngExt;

use super::client::{Client, ClientModel, ClientSource, ReplayClients};
use super::closing::Closing;
use super::event::{EventKind, EventQueue, Priority};
use super::fifo::FifoBuffers;
use super::observer::{ClientFate, ClientRecord, Observer};
use super::outcome::StopOutcome;
use super::queue_area::QueueArea;
use super::rng::{Purpose, StopStreams, StreamRng};
use super::stop::{Balking, StopSpec};

/// The rules of a stop-day that do not concern who arrives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayRules {
    /// The door closes this many minutes after opening.
    pub dwell_min: f64,
    /// Clerks serving the single FIFO queue.
    pub clerks: u32,
    pub balking: Option<Balking>,
    pub closing: Closing,
    /// Wait threshold (minutes) for the `served_within_target` count.
    pub wait_target_min: f64,
}

impl StopSpec {
    /// The rules part of the spec.
    pub fn rules(&self) -> DayRules {
        DayRules {
            dwell_min: self.dwell_min,
            clerks: self.clerks,
            balking: self.balking,
            closing: self.closing,
            wait_target_min: self.wait_target_min,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SlotState {
    Waiting,
    InService,
    Gone,
}

/// A client's row in the day's table.
#[derive(Debug, Clone, Copy)]
struct Slot {
    client: Client,
    state: SlotState,
}

/// Reusable buffers for simulating stop-days. Create one per worker thread.
#[derive(Debug, Default)]
pub struct Engine {
    events: EventQueue,
    slots: Vec<Slot>,
    /// Indices of waiting clients in arrival order; may hold stale entries of clients who left.
    queue: VecDeque<u32>,
    /// Waits of served clients, minutes (handed over for the percentiles, which `stats` computes).
    waits: Vec<f64>,
    /// Buffers of the fast path ([`Engine::run_fast`]).
    fifo: FifoBuffers,
    /// The clients of the day being simulated by [`Engine::run_fast_drawn`], drawn stream by stream.
    day_clients: Vec<Client>,
}

/// Running tallies of one day.
struct Day<'r> {
    rules: &'r DayRules,
    out: StopOutcome,
    free_clerks: u32,
    waiting: u32,
    /// The queue's time-integral over [0, H).
    queue: QueueArea,
    busy_open_min: f64,
    last_service_end_min: f64,
    closed: bool,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    /// Waits (minutes) of the clients served in the last run, in no particular order.
    pub fn served_waits(&self) -> &[f64] {
        &self.waits
    }

    /// The same waits, mutable: a percentile may reorder them in place (no copy per replication).
    pub fn served_waits_mut(&mut self) -> &mut [f64] {
        &mut self.waits
    }

    /// The same stop-day as [`Engine::run`] without observer, by the FIFO recursion (no event heap;
    /// see `fifo.rs`; at least one clerk): every metric and the served waits come out identical. `balking_rng` makes the
    /// balking stream, called only when a client may balk.
    pub fn run_fast<S: ClientSource>(
        &mut self,
        rules: &DayRules,
        source: S,
        balking_rng: impl FnOnce() -> StreamRng,
    ) -> StopOutcome {
        self.fifo.run(rules, source, balking_rng, &mut self.waits)
    }

    /// [`Engine::run_fast`] with the clients of `model`'s replication `replication` (arrivals made
    /// `intensity_factor` times as dense when given): the whole day is drawn first, one stream
    /// after another ([`ClientModel::draw_day`]; the same clients as [`ClientModel::clients`]), then
    /// simulated. Draws in tight loops, with the generators kept in place.
    pub(super) fn run_fast_drawn(
        &mut self,
        rules: &DayRules,
        model: &ClientModel,
        streams: &StopStreams,
        replication: u64,
        intensity_factor: Option<f64>,
    ) -> StopOutcome {
        model.draw_day(
            streams,
            replication,
            intensity_factor,
            rules.dwell_min,
            &mut self.day_clients,
        );
        self.fifo.run(
            rules,
            ReplayClients::new(&self.day_clients),
            || streams.rng(replication, Purpose::Balking),
            &mut self.waits,
        )
    }

    /// Simulates one stop-day with clients from `source` (sorted by arrival). `balking_rng` is
    /// drawn from only when a client may balk.
    pub fn run<S: ClientSource, O: Observer>(
        &mut self,
        rules: &DayRules,
        mut source: S,
        balking_rng: &mut StreamRng,
        observer: &mut O,
    ) -> StopOutcome {
        self.events.clear();
        self.slots.clear();
        self.queue.clear();
        self.waits.clear();
        let h = rules.dwell_min;
        let mut day = Day {
            rules,
            out: StopOutcome::default(),
            free_clerks: rules.clerks,
            waiting: 0,
            queue: QueueArea::default(),
            busy_open_min: 0.0,
            last_service_end_min: 0.0,
            closed: false,
        };
        let mut next_arrival = source.next_client().filter(|c| c.arrival_min < h);
        loop {
            let scheduled = self.events.peek_key();
            let arrival = next_arrival.map(|c| (c.arrival_min, Priority::Arrival));
            let next = match (scheduled, arrival) {
                (Some(a), Some(b)) => Some(if earlier(a, b) { a } else { b }),
                (a, b) => a.or(b),
            };
            if !day.closed && next.is_none_or(|k| earlier((h, Priority::DoorClosing), k)) {
                self.close(&mut day, observer);
                continue;
            }
            let Some((time_min, priority)) = next else { break };
            day.advance(time_min);
            if priority == Priority::Arrival && arrival == next {
                let client = next_arrival.take().expect("an arrival was chosen");
                self.arrive(&mut day, client, balking_rng, observer);
                next_arrival = source.next_client().filter(|c| c.arrival_min < h);
            } else {
                let event = self.events.pop().expect("a scheduled event was chosen");
                match event.kind {
                    EventKind::ServiceEnd => self.service_ended(&mut day, time_min, observer),
                    EventKind::Abandon => self.abandon(&mut day, event.client, time_min, observer),
                }
            }
        }
        self.finish(day)
    }

    fn arrive<O: Observer>(&mut self, day: &mut Day, client: Client, rng: &mut StreamRng, observer: &mut O) {
        let index = self.slots.len() as u32;
        let t = client.arrival_min;
        day.out.arrivals += 1;
        self.slots.push(Slot {
            client,
            state: SlotState::Gone,
        });
        if day.rules.closing.refuses_entry(t, day.rules.dwell_min) {
            day.out.turned_away += 1;
            observer.client_settled(&left(index, &client, t, ClientFate::TurnedAway));
            return;
        }
        if day.free_clerks > 0 {
            self.start_service(day, index, t, observer);
            return;
        }
        if let Some(b) = day.rules.balking
            && day.waiting >= b.threshold
            && rng.random::<f64>() < b.probability
        {
            day.out.balked += 1;
            observer.client_settled(&left(index, &client, t, ClientFate::Balked));
            return;
        }
        self.slots[index as usize].state = SlotState::Waiting;
        self.queue.push_back(index);
        day.waiting += 1;
        day.out.delayed += 1;
        day.out.queue_max = day.out.queue_max.max(day.waiting);
        observer.queue_changed(t, day.waiting);
        if client.patience_min.is_finite() {
            self.events.schedule(t + client.patience_min, EventKind::Abandon, index);
        }
    }

    fn start_service<O: Observer>(&mut self, day: &mut Day, index: u32, t: f64, observer: &mut O) {
        let slot = &mut self.slots[index as usize];
        slot.state = SlotState::InService;
        let c = slot.client;
        let wait = t - c.arrival_min;
        let end = t + c.service_min;
        let h = day.rules.dwell_min;
        day.free_clerks -= 1;
        day.out.served += 1;
        day.out.uses += c.errands;
        day.out.information_uses += c.information_errands;
        day.out.wait_total_min += wait;
        day.out.served_within_target += u32::from(wait <= day.rules.wait_target_min);
        self.waits.push(wait);
        day.busy_open_min += (end.min(h) - t.min(h)).max(0.0);
        day.last_service_end_min = day.last_service_end_min.max(end);
        self.events.schedule(end, EventKind::ServiceEnd, index);
        observer.client_settled(&ClientRecord {
            index,
            arrival_min: c.arrival_min,
            service_start_min: Some(t),
            leave_min: end,
            fate: ClientFate::Served,
        });
    }

    fn service_ended<O: Observer>(&mut self, day: &mut Day, t: f64, observer: &mut O) {
        day.free_clerks += 1;
        while let Some(next) = self.queue.pop_front() {
            if self.slots[next as usize].state == SlotState::Waiting {
                day.waiting -= 1;
                observer.queue_changed(t, day.waiting);
                self.start_service(day, next, t, observer);
                break;
            }
        }
    }

    fn abandon<O: Observer>(&mut self, day: &mut Day, index: u32, t: f64, observer: &mut O) {
        let slot = &mut self.slots[index as usize];
        if slot.state != SlotState::Waiting {
            return; // lazily cancelled: service already started or the client was sent home
        }
        slot.state = SlotState::Gone;
        day.out.reneged += 1;
        day.waiting -= 1;
        observer.queue_changed(t, day.waiting);
        observer.client_settled(&left(index, &slot.client, t, ClientFate::Reneged));
    }

    fn close<O: Observer>(&mut self, day: &mut Day, observer: &mut O) {
        let h = day.rules.dwell_min;
        day.advance(h);
        day.closed = true;
        day.out.waiting_at_close = day.waiting;
        if day.rules.closing.serves_waiting_at_close() {
            return;
        }
        for index in self.queue.drain(..) {
            let slot = &mut self.slots[index as usize];
            if slot.state == SlotState::Waiting {
                slot.state = SlotState::Gone;
                day.out.turned_away += 1;
                observer.client_settled(&left(index, &slot.client, h, ClientFate::TurnedAway));
            }
        }
        if day.waiting > 0 {
            day.waiting = 0;
            observer.queue_changed(h, 0);
        }
    }

    // One signature for the engine's steps (`&mut self`, the day by value as the loop hands it over).
    #[allow(clippy::unused_self, clippy::needless_pass_by_value)]
    fn finish(&mut self, day: Day) -> StopOutcome {
        day.out.closed(
            day.rules.dwell_min,
            day.rules.clerks,
            day.queue.area(),
            day.busy_open_min,
            day.last_service_end_min,
        )
    }
}

impl Day<'_> {
    /// Adds the queue area up to `t` (clamped to H: the time average is over `[0, H)`).
    #[inline]
    fn advance(&mut self, t: f64) {
        self.queue.advance(t, self.waiting, self.rules.dwell_min);
    }
}

/// Whether event key `a` (time, priority) comes strictly before `b`.
#[inline]
fn earlier(a: (f64, Priority), b: (f64, Priority)) -> bool {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).is_lt()
}

fn left(index: u32, c: &Client, t: f64, fate: ClientFate) -> ClientRecord {
    ClientRecord {
        index,
        arrival_min: c.arrival_min,
        service_start_min: None,
        leave_min: t,
        fate,
    }
}
