//! The future-event list: ordered by time, then a fixed priority, then insertion order.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The tie-break order of things happening at the same instant: declaration order is priority order.
/// Service ends come first (a freed clerk takes the next client), then the door closing at H, then
/// abandonments, and arrivals last. Only service ends and abandonments are scheduled in the
/// [`EventQueue`]; the engine compares the closing and the next arrival against its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Priority {
    ServiceEnd,
    DoorClosing,
    Abandonment,
    Arrival,
}

/// Kinds of scheduled events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EventKind {
    ServiceEnd,
    Abandon,
}

impl EventKind {
    /// The event's tie-break priority at equal times.
    #[inline]
    pub(super) fn priority(self) -> Priority {
        match self {
            EventKind::ServiceEnd => Priority::ServiceEnd,
            EventKind::Abandon => Priority::Abandonment,
        }
    }
}

/// A scheduled event.
#[derive(Debug, Clone, Copy)]
pub(super) struct Event {
    /// When it happens, minutes after opening.
    pub time_min: f64,
    pub kind: EventKind,
    /// Insertion counter: the final tie-break.
    seq: u64,
    /// The client concerned (index into the day's client table).
    pub client: u32,
}

impl Event {
    fn key(&self) -> (f64, Priority, u64) {
        (self.time_min, self.kind.priority(), self.seq)
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
pub(super) struct EventQueue {
    heap: BinaryHeap<Event>,
    next_seq: u64,
}

impl EventQueue {
    pub(super) fn clear(&mut self) {
        self.heap.clear();
        self.next_seq = 0;
    }

    #[inline]
    pub(super) fn schedule(&mut self, time_min: f64, kind: EventKind, client: u32) {
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
    pub(super) fn peek_key(&self) -> Option<(f64, Priority)> {
        self.heap.peek().map(|e| (e.time_min, e.kind.priority()))
    }

    #[inline]
    pub(super) fn pop(&mut self) -> Option<Event> {
        self.heap.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_follow_the_documented_tie_break_order() {
        use Priority::*;
        assert!(ServiceEnd < DoorClosing && DoorClosing < Abandonment && Abandonment < Arrival);
        assert!(EventKind::ServiceEnd.priority() < EventKind::Abandon.priority());
    }

    #[test]
    fn equal_times_pop_by_priority_then_insertion() {
        let mut queue = EventQueue::default();
        queue.schedule(5.0, EventKind::Abandon, 0);
        queue.schedule(5.0, EventKind::ServiceEnd, 1);
        queue.schedule(5.0, EventKind::Abandon, 2);
        let order: Vec<u32> = std::iter::from_fn(|| queue.pop().map(|e| e.client)).collect();
        assert_eq!(order, [1, 0, 2]);
    }
}
