//! A set of indices 0..n that finds its k-th smallest member in O(log n) (a Fenwick tree of 0/1).
//!
//! The optimiser picks a random placed (or left-out) visit every iteration; listing them all
//! would cost O(visits) an iteration. This keeps the pick the same, `list[k]` of the ascending
//! list, at O(log visits).

/// Members of 0..n, counted by a binary indexed tree.
#[derive(Clone)]
pub(super) struct IndexSet {
    /// tree[i] (from 1): the members among the 2^(trailing zeros of i) indices ending at i − 1.
    tree: Vec<u32>,
    member: Vec<bool>,
    len: usize,
}

impl IndexSet {
    /// The set of `members(i)` over 0..n.
    pub(super) fn new(n: usize, members: impl Fn(usize) -> bool) -> Self {
        let mut set = Self {
            tree: vec![0; n + 1],
            member: vec![false; n],
            len: 0,
        };
        for i in (0..n).filter(|&i| members(i)) {
            set.insert(i);
        }
        set
    }

    /// How many members.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Makes `i` a member (or not), whatever it was.
    pub(super) fn set(&mut self, i: usize, member: bool) {
        match (self.member[i], member) {
            (false, true) => self.insert(i),
            (true, false) => self.remove(i),
            _ => {}
        }
    }

    fn insert(&mut self, i: usize) {
        self.member[i] = true;
        self.len += 1;
        let mut j = i + 1;
        while j < self.tree.len() {
            self.tree[j] += 1;
            j += j & j.wrapping_neg();
        }
    }

    fn remove(&mut self, i: usize) {
        self.member[i] = false;
        self.len -= 1;
        let mut j = i + 1;
        while j < self.tree.len() {
            self.tree[j] -= 1;
            j += j & j.wrapping_neg();
        }
    }

    /// The k-th smallest member (from 0); `k < len()`.
    pub(super) fn nth(&self, k: usize) -> usize {
        debug_assert!(k < self.len);
        // Descend the implicit tree: the largest prefix holding at most k members.
        let mut position = 0;
        let mut remaining = k as u32;
        let mut step = (self.tree.len() - 1).checked_next_power_of_two().unwrap_or(1);
        while step > 0 {
            let next = position + step;
            if next < self.tree.len() && self.tree[next] <= remaining {
                position = next;
                remaining -= self.tree[next];
            }
            step /= 2;
        }
        position
    }
}

#[cfg(test)]
mod tests {
    use super::IndexSet;

    #[test]
    fn the_kth_member_is_the_kth_of_the_sorted_list() {
        // A deterministic sequence of inserts and removals over several sizes (powers of two and not).
        for n in [1usize, 2, 3, 7, 8, 9, 100, 257] {
            let mut set = IndexSet::new(n, |i| i % 3 == 0);
            let mut naive: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
            for step in 0..(4 * n) {
                let i = (step * 7919 + 13) % n;
                let member = (step * 31) % 5 < 2;
                set.set(i, member);
                naive[i] = member;
                let list: Vec<usize> = (0..n).filter(|&j| naive[j]).collect();
                assert_eq!(set.len(), list.len());
                for (k, &want) in list.iter().enumerate() {
                    assert_eq!(set.nth(k), want, "n {n}, step {step}, k {k}");
                }
            }
        }
    }
}
