//! The future-event list: ordered by time, then a fixed priority, then insertion order.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Kinds of scheduled events. The discriminant is the tie-break priority at equal times:
/// service ends come first (a freed clerk takes the next client), then abandonments.
/// Arrivals (not stored here; see the engine) come after both, and closing sits between
/// service ends and abandonments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKind {
    ServiceEnd = 0,
    Abandon = 2,
}

/// Priority of the door closing at H, between service ends and abandonments.
pub const PRIORITY_CLOSE: u8 = 1;
/// Priority of an arrival: after every other event at the same instant.
pub const PRIORITY_ARRIVAL: u8 = 3;

/// A scheduled event.
#[derive(Debug, Clone, Copy)]
pub struct Event {
    /// When it happens, minutes after opening.
    pub time_min: f64,
    pub kind: EventKind,
    /// Insertion counter: the final tie-break.
    seq: u64,
    /// The client concerned (index into the day's client table).
    pub client: u32,
}

impl Event {
    fn key(&self) -> (f64, u8, u64) {
        (self.time_min, self.kind as u8, self.seq)
    }
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Event {
    /// Reversed, so that the max-heap pops the earliest event first.
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.key(), other.key());
        b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2))
    }
}

/// The pending events of one stop-day; reused across replications (cleared, not reallocated).
#[derive(Debug, Default)]
pub struct EventQueue {
    heap: BinaryHeap<Event>,
    next_seq: u64,
}

impl EventQueue {
    pub fn clear(&mut self) {
        self.heap.clear();
        self.next_seq = 0;
    }

    #[inline]
    pub fn schedule(&mut self, time_min: f64, kind: EventKind, client: u32) {
        self.heap.push(Event {
            time_min,
            kind,
            seq: self.next_seq,
            client,
        });
        self.next_seq += 1;
    }

    /// Time and priority of the earliest event, if any.
    #[inline]
    pub fn peek_key(&self) -> Option<(f64, u8)> {
        self.heap.peek().map(|e| (e.time_min, e.kind as u8))
    }

    #[inline]
    pub fn pop(&mut self) -> Option<Event> {
        self.heap.pop()
    }
}
