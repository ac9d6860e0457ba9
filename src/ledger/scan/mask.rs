//! Where the bytes that matter to CSV are (delimiters, quotes, line ends), as
//! bit masks over 64 bytes at a time: what the fast path walks instead of bytes.

pub(super) const WINDOW: usize = 64;

/// Where the delimiters, quotes, LFs and CRs of 64 bytes are: bit `i` stands
/// for byte `i`.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(super) struct Mask {
    pub(super) delimiter: u64,
    pub(super) quote: u64,
    pub(super) lf: u64,
    pub(super) cr: u64,
}

/// Marks one window with SSE2, which every x86-64 has: 16 bytes per compare,
/// and a movemask turns each compare into bits.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn window(bytes: &[u8; WINDOW], delimiter: u8) -> Mask {
    use safe_arch::{cmp_eq_mask_i8_m128i as eq, load_unaligned_m128i, move_mask_i8_m128i};
    use safe_arch::{m128i, set_splat_i8_m128i as splat};
    let bits = |v: m128i| u64::from(move_mask_i8_m128i(v) as u16);
    let [d, q, lf, cr] = [delimiter, b'"', b'\n', b'\r'].map(|b| splat(b as i8));
    let (sixteens, _) = bytes.as_chunks::<16>();
    let mut m = Mask::default();
    for (k, sixteen) in sixteens.iter().enumerate() {
        let v = load_unaligned_m128i(sixteen);
        m.delimiter |= bits(eq(v, d)) << (16 * k);
        m.quote |= bits(eq(v, q)) << (16 * k);
        m.lf |= bits(eq(v, lf)) << (16 * k);
        m.cr |= bits(eq(v, cr)) << (16 * k);
    }
    m
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn window(bytes: &[u8; WINDOW], delimiter: u8) -> Mask {
    portable_window(bytes, delimiter)
}

/// Marks one window anywhere: the bytes become flags in a loop the compiler
/// turns into vector compares, then eight at a time become bits by one
/// multiplication.
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2", not(test)),
    allow(dead_code)
)]
fn portable_window(bytes: &[u8; WINDOW], delimiter: u8) -> Mask {
    let mut flags = [0u8; WINDOW];
    for (f, &b) in flags.iter_mut().zip(bytes) {
        *f = u8::from(b == delimiter)
            | u8::from(b == b'"') << 1
            | u8::from(b == b'\n') << 2
            | u8::from(b == b'\r') << 3;
    }
    let (eights, _) = flags.as_chunks::<8>();
    let bits = |plane: u32| {
        eights.iter().enumerate().fold(0u64, |m, (k, e)| {
            let ones = u64::from_le_bytes(*e) >> plane & 0x0101_0101_0101_0101;
            // Byte j (0 or 1) of the word lands on bit 56 + j of the product.
            m | (ones.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k)
        })
    };
    Mask {
        delimiter: bits(0),
        quote: bits(1),
        lf: bits(2),
        cr: bits(3),
    }
}

/// Marks the 64 bytes from `at` on, zeros standing in for those past the end.
#[inline]
pub(super) fn at(bytes: &[u8], at: usize, delimiter: u8) -> Mask {
    let rest = bytes.get(at..).unwrap_or_default();
    match rest.first_chunk::<WINDOW>() {
        Some(w) => window(w, delimiter),
        None => {
            let mut last = [0u8; WINDOW];
            last[..rest.len()].copy_from_slice(rest);
            window(&last, delimiter)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The SSE2 masks and the portable ones agree on every byte.
        #[test]
        fn both_ways_of_marking_agree(
            bytes in prop::collection::vec(prop_oneof![
                prop::sample::select(&b"\",;\n\r\0"[..]), any::<u8>()
            ], WINDOW),
            semicolon in any::<bool>(),
        ) {
            let delimiter = if semicolon { b';' } else { b',' };
            let bytes: [u8; WINDOW] = bytes.try_into().unwrap();
            prop_assert_eq!(window(&bytes, delimiter), portable_window(&bytes, delimiter));
        }
    }
}
