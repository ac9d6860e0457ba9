//! Exact decimal amounts: counts, hours, required minimums.
//!
//! Stored as whole millionths in an `i64`, so sums are exact (0.1 + 0.2 is 0.3) and
//! the hot path stays integer arithmetic. Six decimals is far more than any ledger
//! needs; more are refused rather than silently rounded.

use std::fmt;

/// Decimal digits kept after the decimal point.
pub const DECIMALS: u32 = 6;
const SCALE: i64 = 10i64.pow(DECIMALS);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i64);

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    NotANumber,
    TooManyDecimals,
    TooLarge,
}

impl Amount {
    pub const ZERO: Amount = Amount(0);
    pub const ONE: Amount = Amount(SCALE);

    pub fn from_int(n: i64) -> Amount {
        Amount(n.saturating_mul(SCALE))
    }

    /// The amount in millionths.
    pub fn micros(self) -> i64 {
        self.0
    }

    pub fn from_micros(m: i64) -> Amount {
        Amount(m)
    }

    pub fn is_whole(self) -> bool {
        self.0 % SCALE == 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    pub fn saturating_add(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }

    pub fn saturating_sub(self, other: Amount) -> Amount {
        Amount(self.0.saturating_sub(other.0))
    }

    /// `ceil(self × num / den)` as a whole amount; `den` must be positive.
    pub fn mul_ratio_ceil(self, num: i128, den: i128) -> Amount {
        let n = self.0 as i128 * num;
        let d = den * SCALE as i128;
        Amount::whole_from_i128(n.div_euclid(d) + i128::from(n.rem_euclid(d) != 0))
    }

    /// `floor(self × num / den)` as a whole amount; `den` must be positive.
    pub fn mul_ratio_floor(self, num: i128, den: i128) -> Amount {
        let n = self.0 as i128 * num;
        let d = den * SCALE as i128;
        Amount::whole_from_i128(n.div_euclid(d))
    }

    /// `self × num / den` rounded half up to hundredths, for averages people read;
    /// `den` must be positive.
    pub fn mul_ratio_hundredths(self, num: i128, den: i128) -> Amount {
        let step = (SCALE / 100) as i128;
        let n = self.0 as i128 * num;
        let d = den * step;
        let hundredths = (2 * n + d).div_euclid(2 * d);
        let bound = (i64::MAX / (SCALE / 100)) as i128;
        Amount(hundredths.clamp(-bound, bound) as i64 * (SCALE / 100))
    }

    fn whole_from_i128(v: i128) -> Amount {
        let clamped = v.clamp((i64::MIN / SCALE) as i128, (i64::MAX / SCALE) as i128);
        Amount(clamped as i64 * SCALE)
    }

    /// Parses `12`, `1.5` or, with `comma_decimal`, `1,5`. Leading `+`/`-` allowed
    /// (the caller decides whether the sign is acceptable); no exponents, no spaces
    /// inside. Never panics.
    pub fn parse(text: &[u8], comma_decimal: bool) -> Result<Amount, AmountError> {
        let (negative, digits) = match text.first() {
            None => return Err(AmountError::Empty),
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            Some(_) => (false, text),
        };
        // Fast path: the whole-number counts that make up nearly every ledger line.
        let mut whole: i64 = 0;
        let mut i = 0;
        while i < digits.len() && digits[i].is_ascii_digit() {
            whole = whole
                .checked_mul(10)
                .and_then(|w| w.checked_add(i64::from(digits[i] - b'0')))
                .ok_or(AmountError::TooLarge)?;
            i += 1;
        }
        let mut frac: i64 = 0;
        let mut frac_digits = 0u32;
        if i < digits.len() && (digits[i] == b'.' || (comma_decimal && digits[i] == b',')) {
            i += 1;
            let frac_start = i;
            while i < digits.len() && digits[i].is_ascii_digit() {
                if frac_digits == DECIMALS {
                    // Trailing zeros beyond the precision are harmless.
                    if digits[i] != b'0' {
                        return Err(AmountError::TooManyDecimals);
                    }
                } else {
                    frac = frac * 10 + i64::from(digits[i] - b'0');
                    frac_digits += 1;
                }
                i += 1;
            }
            if i == frac_start {
                return Err(AmountError::NotANumber);
            }
        }
        let int_len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        if i != digits.len() || (int_len == 0 && frac_digits == 0) {
            return Err(AmountError::NotANumber);
        }
        let micros = whole
            .checked_mul(SCALE)
            .and_then(|w| w.checked_add(frac * 10i64.pow(DECIMALS - frac_digits)))
            .ok_or(AmountError::TooLarge)?;
        Ok(Amount(if negative { -micros } else { micros }))
    }
}

impl fmt::Display for Amount {
    /// Whole amounts print as integers, others without trailing zeros: `3`, `1.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = abs / SCALE as u64;
        let frac = abs % SCALE as u64;
        if frac == 0 {
            return write!(f, "{sign}{whole}");
        }
        let digits = format!("{frac:0width$}", width = DECIMALS as usize);
        write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, Amount::saturating_add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Amount {
        Amount::parse(s.as_bytes(), true).unwrap()
    }

    #[test]
    fn sums_exactly_and_prints_without_trailing_zeros() {
        assert_eq!((p("0.1").saturating_add(p("0.2"))).to_string(), "0.3");
        assert_eq!(p("2,5").to_string(), "2.5");
        assert_eq!(p("3").to_string(), "3");
        assert_eq!(p("3.000").to_string(), "3");
        assert_eq!(p("0.000001").to_string(), "0.000001");
        assert_eq!(p("-1.25").to_string(), "-1.25");
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in [
            "", "-", ".", "1.", "1e3", "1 000", "abc", "1.2.3", "0x10", "1,5",
        ] {
            let comma = bad != "1,5";
            assert!(Amount::parse(bad.as_bytes(), comma).is_err(), "{bad:?}");
        }
        assert_eq!(
            Amount::parse(b"0.1234567", false),
            Err(AmountError::TooManyDecimals)
        );
        assert_eq!(
            Amount::parse(b"99999999999999999999", false),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn averages_round_half_up_to_hundredths() {
        // 47 activities over 365 days: 0.9013… per week; 3.9116… per month of 30.4375 days.
        assert_eq!(
            Amount::from_int(47)
                .mul_ratio_hundredths(7, 365)
                .to_string(),
            "0.9"
        );
        assert_eq!(
            Amount::from_int(47)
                .mul_ratio_hundredths(1461, 48 * 365)
                .to_string(),
            "3.92"
        );
        // Exactly half a hundredth rounds up: 1 × 1 / 200 = 0.005.
        assert_eq!(Amount::ONE.mul_ratio_hundredths(1, 200).to_string(), "0.01");
        assert_eq!(Amount::ONE.mul_ratio_hundredths(1, 201).to_string(), "0");
        assert_eq!(Amount::ZERO.mul_ratio_hundredths(7, 1).to_string(), "0");
    }

    #[test]
    fn ratio_rounding() {
        assert_eq!(
            Amount::from_int(1).mul_ratio_ceil(5, 7),
            Amount::from_int(1)
        );
        assert_eq!(
            Amount::from_int(3).mul_ratio_ceil(30, 120),
            Amount::from_int(1)
        );
        assert_eq!(
            Amount::from_int(2).mul_ratio_ceil(7, 7),
            Amount::from_int(2)
        );
        assert_eq!(
            Amount::from_int(900).mul_ratio_floor(166, 365),
            Amount::from_int(409)
        );
        assert_eq!(Amount::from_int(2).mul_ratio_floor(59, 181), Amount::ZERO);
    }
}
