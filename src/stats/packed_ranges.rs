//! A row of range sketches packed into bytes (variable-length integers): a stop's season ranges in about a quarter of the memory.
//!
//! A season of thousands of stops keeps one [`RangeSketch`] per metric per stop for the whole run;
//! as `(key, count)` pairs of 8 bytes that is most of a run's memory. Packed, a sketch is its step
//! exponent, its rounding flag, its number of cells and then each cell as the gap to the previous
//! key and its count, both as LEB128 variable-length integers: neighbouring keys of a full sketch
//! are usually 1 apart and counts are below 16,384, so a cell takes 2–3 bytes. The sketches are
//! unpacked to be updated and packed again, so results are exactly those of the unpacked sketches.

use super::range_sketch::RangeSketch;

/// Several range sketches with the same cell budget, stored packed one after another.
#[derive(Debug, Clone, PartialEq)]
pub struct PackedRanges {
    /// The packed sketches, in order (empty: every sketch is still empty).
    bytes: Vec<u8>,
    /// Number of sketches.
    sketches: usize,
    /// Distinct keys each sketch holds before its step doubles.
    cells_max: u16,
}

/// The sketches' buffer grows in whole steps of this many bytes: a stop's sketches grow by a few
/// bytes per merge for a while, and reallocating each time would leave the heap full of holes
/// (at most this much slack is kept per row of sketches).
const GROWTH_STEP_BYTES: usize = 64;

thread_local! {
    /// Where [`PackedRanges::update`] packs before copying into the sketches' own buffer.
    static PACKING: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl PackedRanges {
    /// `sketches` empty sketches of `cells_max` cells each.
    pub fn new(sketches: usize, cells_max: u16) -> Self {
        Self {
            bytes: Vec::new(),
            sketches,
            cells_max,
        }
    }

    /// Number of sketches.
    pub fn len(&self) -> usize {
        self.sketches
    }

    /// Whether there are no sketches at all.
    pub fn is_empty(&self) -> bool {
        self.sketches == 0
    }

    /// Bytes held by the packed sketches (their heap buffer).
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
    }

    /// The sketches, unpacked.
    pub fn unpacked(&self) -> Vec<RangeSketch> {
        let mut input = self.bytes.as_slice();
        (0..self.sketches).map(|_| self.unpack_next(&mut input)).collect()
    }

    /// Applies `update(index, sketch)` to every sketch in order and packs the results again. The
    /// buffer is reused when the new packing fits it and grows by [`GROWTH_STEP_BYTES`] steps when
    /// not (sketches grow up to their cell budget and then stay about the same size).
    pub fn update(&mut self, mut update: impl FnMut(usize, &mut RangeSketch)) {
        PACKING.with_borrow_mut(|out| {
            out.clear();
            let mut input = self.bytes.as_slice();
            // One buffer for every sketch of the row: unpacking does not allocate per sketch.
            let mut sketch = RangeSketch::with_cells(self.cells_max);
            for index in 0..self.sketches {
                Self::unpack_into(&mut input, &mut sketch);
                update(index, &mut sketch);
                pack(&sketch, out);
            }
            self.bytes.clear();
            if out.len() > self.bytes.capacity() {
                self.bytes.reserve_exact(out.len().next_multiple_of(GROWTH_STEP_BYTES));
            }
            self.bytes.extend_from_slice(out);
        });
    }

    /// Merges `other`'s sketches (same count and budget) into these, sketch by sketch.
    pub fn merge(&mut self, other: &Self) {
        debug_assert_eq!((self.sketches, self.cells_max), (other.sketches, other.cells_max));
        if other.bytes.is_empty() {
            return;
        }
        let mut input = other.bytes.as_slice();
        let mut theirs = RangeSketch::with_cells(other.cells_max);
        self.update(|_, sketch| {
            Self::unpack_into(&mut input, &mut theirs);
            sketch.merge(&theirs);
        });
    }

    /// The next sketch of `input` (an empty one when the buffer is empty).
    fn unpack_next(&self, input: &mut &[u8]) -> RangeSketch {
        let mut sketch = RangeSketch::with_cells(self.cells_max);
        Self::unpack_into(input, &mut sketch);
        sketch
    }

    /// Unpacks the next sketch of `input` into `sketch`, reusing its buffer (empty when the
    /// buffer is empty).
    fn unpack_into(input: &mut &[u8], sketch: &mut RangeSketch) {
        sketch.clear();
        if input.is_empty() {
            return;
        }
        sketch.step_exponent = unzigzag(read_varint(input));
        sketch.rounded = read_varint(input) != 0;
        let cells = read_varint(input) as usize;
        sketch.cells.reserve_exact(cells);
        let mut key = 0i64;
        for i in 0..cells {
            let gap = read_varint(input);
            key = if i == 0 {
                i64::from(unzigzag(gap))
            } else {
                key + i64::from(gap)
            };
            let count = read_varint(input);
            sketch.cells.push((key as i32, count));
        }
    }
}

/// Appends `sketch` packed to `out`.
fn pack(sketch: &RangeSketch, out: &mut Vec<u8>) {
    write_varint(out, zigzag(sketch.step_exponent));
    write_varint(out, u32::from(sketch.rounded));
    write_varint(out, sketch.cells.len() as u32);
    let mut previous = None;
    for &(key, count) in &sketch.cells {
        let gap = match previous {
            // Keys are sorted and distinct, so the gap is positive and fits a u32.
            Some(previous) => (i64::from(key) - i64::from(previous)) as u32,
            None => zigzag(key),
        };
        write_varint(out, gap);
        write_varint(out, count);
        previous = Some(key);
    }
}

/// Maps a signed integer to an unsigned one with small magnitudes first (0, −1, 1, −2, …).
fn zigzag(value: i32) -> u32 {
    ((value << 1) ^ (value >> 31)) as u32
}

/// Inverse of [`zigzag`].
fn unzigzag(value: u32) -> i32 {
    ((value >> 1) as i32) ^ -((value & 1) as i32)
}

/// Low 7 bits of a LEB128 byte carry data; the high bit says another byte follows.
const VARINT_DATA_BITS: u32 = 7;
const VARINT_MORE: u8 = 0x80;

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= u32::from(VARINT_MORE) {
        out.push(value as u8 | VARINT_MORE);
        value >>= VARINT_DATA_BITS;
    }
    out.push(value as u8);
}

fn read_varint(input: &mut &[u8]) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    loop {
        let (&byte, rest) = input.split_first().expect("a packed sketch ends within its buffer");
        *input = rest;
        value |= u32::from(byte & !VARINT_MORE) << shift;
        if byte & VARINT_MORE == 0 {
            return value;
        }
        shift += VARINT_DATA_BITS;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::range_sketch::STOP_RANGE_CELLS_MAX;

    /// A deterministic spread of values (a Weyl sequence mapped through `f`).
    fn values(n: usize, f: impl Fn(f64) -> f64) -> Vec<f64> {
        (0..n).map(|i| f((i as f64 * 0.618_033_988_749_895).fract())).collect()
    }

    #[test]
    fn packing_keeps_every_sketch_exactly() {
        let columns = [
            values(3_000, |u| 0.1 * 300f64.powf(u)),
            values(3_000, |u| (20.0 + 40.0 * u).floor()),
            values(3_000, |u| -1e9 + 2e9 * u),
            vec![],
        ];
        let mut packed = PackedRanges::new(columns.len(), STOP_RANGE_CELLS_MAX);
        let mut plain: Vec<RangeSketch> = columns.iter().map(|_| RangeSketch::default()).collect();
        for part in 0..30 {
            let rows = part * 100..(part + 1) * 100;
            packed.update(|i, s| {
                columns[i]
                    .get(rows.clone())
                    .into_iter()
                    .flatten()
                    .for_each(|&v| s.push(v));
            });
            for (s, column) in plain.iter_mut().zip(&columns) {
                column.get(rows.clone()).into_iter().flatten().for_each(|&v| s.push(v));
            }
        }
        assert_eq!(packed.unpacked(), plain);
        let mut twice = packed.clone();
        twice.merge(&packed);
        let mut plain_twice = plain.clone();
        plain_twice.iter_mut().zip(&plain).for_each(|(a, b)| a.merge(b));
        assert_eq!(twice.unpacked(), plain_twice);
    }

    #[test]
    fn a_full_sketch_packs_in_at_most_three_bytes_a_cell() {
        let xs = values(2_000, |u| 5.0 + 10.0 * u * u);
        let mut packed = PackedRanges::new(1, STOP_RANGE_CELLS_MAX);
        packed.update(|_, s| xs.iter().for_each(|&v| s.push(v)));
        let cells = packed.unpacked()[0].cells.len();
        assert!(cells > usize::from(STOP_RANGE_CELLS_MAX) / 2, "{cells} cells");
        assert!(
            packed.heap_bytes() <= 3 * cells + GROWTH_STEP_BYTES,
            "{} bytes",
            packed.heap_bytes()
        );
        // Packing again (with the same values added once more) reuses the buffer.
        let before = packed.heap_bytes();
        packed.update(|_, _| {});
        assert_eq!(packed.heap_bytes(), before);
    }

    #[test]
    fn zigzag_round_trips() {
        for v in [0, 1, -1, 63, -64, i32::MAX, i32::MIN] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }
}
