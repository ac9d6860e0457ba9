//! The rule of a line's `count`: a positive whole number, or a positive amount
//! for a promise with a unit.

use crate::amount::{Amount, AmountError};

/// Why a count is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountError {
    NotPositive,
    NotWhole,
    TooManyDecimals,
    TooLarge,
    NotANumber,
}

/// A count must be a positive whole number, or a positive amount for a promise
/// with a unit.
pub fn check_count(
    raw: &[u8],
    comma_decimal: bool,
    unit: Option<&str>,
) -> Result<Amount, CountError> {
    match Amount::parse(raw, comma_decimal) {
        Ok(a) if !a.is_positive() => Err(CountError::NotPositive),
        Ok(a) if unit.is_none() && !a.is_whole() => Err(CountError::NotWhole),
        Ok(a) => Ok(a),
        Err(AmountError::TooManyDecimals) => Err(CountError::TooManyDecimals),
        Err(AmountError::TooLarge) => Err(CountError::TooLarge),
        Err(_) => Err(CountError::NotANumber),
    }
}

impl CountError {
    /// The message and the hint for a refused count.
    pub fn describe(self, raw: &[u8], unit: Option<&str>, comma_decimal: bool) -> (String, String) {
        let text = String::from_utf8_lossy(raw);
        let whole = "write a whole number of activities, 1 or more (empty means 1)".to_string();
        match self {
            CountError::NotPositive => (
                format!("count {text} is not positive"),
                match unit {
                    Some(u) => format!("write the amount of {u} done, more than 0"),
                    None => whole,
                },
            ),
            CountError::NotWhole => (
                format!("count {text} is not a whole number"),
                format!("{whole}; decimals need `unit` on the promise"),
            ),
            CountError::TooManyDecimals => (
                format!("count {text} has more than 6 decimals"),
                "round it to at most 6 decimals".to_string(),
            ),
            CountError::TooLarge => (
                format!("count {text} is too large to be counted exactly"),
                "check the number; split it over several lines if it is real".to_string(),
            ),
            CountError::NotANumber => (
                format!("count \"{text}\" is not a number"),
                match (unit, comma_decimal) {
                    (Some(_), true) => "write an amount such as 2 or 1,5".to_string(),
                    (Some(_), false) => "write an amount such as 2 or 1.5".to_string(),
                    (None, _) => whole,
                },
            ),
        }
    }
}
