//! Names to indices in a few instructions, however many names there are: a
//! line's promise id and place are looked up once per line.

/// A name's length and its first and last eight bytes (zeros where it is
/// shorter): equal keys are equal names up to 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    len: usize,
    head: u64,
    tail: u64,
}

impl Key {
    fn of(name: &[u8]) -> Key {
        let len = name.len();
        // Two loads that overlap where the name is short: with the length,
        // they are the whole name.
        let (head, tail) = match len {
            8.. => (word::<8>(name, 0), word::<8>(name, len - 8)),
            4..8 => (word::<4>(name, 0) | word::<4>(name, len - 4) << 32, 0),
            2..4 => (word::<2>(name, 0) | word::<2>(name, len - 2) << 16, 0),
            _ => (name.first().map_or(0, |&b| u64::from(b)), 0),
        };
        Key { len, head, tail }
    }

    fn hash(self, shift: u32) -> usize {
        let mixed = self.head ^ self.tail.rotate_left(31) ^ self.len as u64;
        (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
    }
}

/// `N` bytes of `name` from `at` (which holds them), as a little-endian number.
fn word<const N: usize>(name: &[u8], at: usize) -> u64 {
    let mut bytes = [0u8; 8];
    if let Some(part) = name.get(at..at + N) {
        bytes[..N].copy_from_slice(part);
    }
    u64::from_le_bytes(bytes)
}

const EMPTY: u32 = u32::MAX;

/// An open-addressed table of names; a repeated name keeps its first index.
pub(super) struct Lookup<'a> {
    names: Vec<&'a [u8]>,
    keys: Vec<Key>,
    slots: Vec<u32>,
    shift: u32,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(names: impl Iterator<Item = &'a [u8]>) -> Self {
        let names: Vec<&[u8]> = names.collect();
        // At most half full, so that a probe ends soon.
        let bits = (2 * names.len())
            .max(8)
            .next_power_of_two()
            .trailing_zeros();
        let mut table = Lookup {
            keys: names.iter().map(|n| Key::of(n)).collect(),
            names: Vec::new(),
            slots: vec![EMPTY; 1 << bits],
            shift: 64 - bits,
        };
        table.names = names;
        for i in 0..table.names.len() {
            if table.get(table.names[i]).is_none() {
                let slot = table.free_slot(table.keys[i]);
                table.slots[slot] = i as u32;
            }
        }
        table
    }

    fn free_slot(&self, key: Key) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = key.hash(self.shift);
        while self.slots[at] != EMPTY {
            at = (at + 1) & mask;
        }
        at
    }

    pub(super) fn get(&self, name: &[u8]) -> Option<usize> {
        let key = Key::of(name);
        let mask = self.slots.len() - 1;
        let mut at = key.hash(self.shift);
        loop {
            let i = *self.slots.get(at)?;
            if i == EMPTY {
                return None;
            }
            let i = i as usize;
            // Names over 16 bytes agree in their ends; the middle must too.
            if self.keys[i] == key && (key.len <= 16 || self.names[i] == name) {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The table finds what a search of the list finds: the first index of
        /// an equal name, or none.
        #[test]
        fn finds_what_a_search_finds(
            names in prop::collection::vec(prop::collection::vec(
                prop_oneof![Just(b'a'), Just(b'b'), Just(0u8), any::<u8>()], 0..20), 0..40),
            probes in prop::collection::vec(prop::collection::vec(
                prop_oneof![Just(b'a'), Just(b'b'), Just(0u8), any::<u8>()], 0..20), 0..20),
        ) {
            let table = Lookup::new(names.iter().map(Vec::as_slice));
            for name in names.iter().chain(&probes) {
                let searched = names.iter().position(|n| n == name);
                prop_assert_eq!(table.get(name), searched);
            }
        }
    }

    #[test]
    fn names_that_share_their_ends_stay_apart() {
        let names: [&[u8]; 4] = [b"abcdefgh-1-ijklmnop", b"abcdefgh-2-ijklmnop", b"a", b""];
        let table = Lookup::new(names.into_iter());
        for (i, n) in names.iter().enumerate() {
            assert_eq!(table.get(n), Some(i));
        }
        assert_eq!(table.get(b"abcdefgh-3-ijklmnop"), None);
        assert_eq!(table.get(b"a\0"), None);
    }
}
