//! Indicators for people: verdicts in words, and numbers written as the language
//! writes them (a decimal comma in Swedish).

use super::Lang;
use crate::amount::Amount;
use crate::model::Verdict;

impl Lang {
    pub fn verdict(self, verdict: Verdict) -> &'static str {
        let w = self.words();
        match verdict {
            Verdict::Met => w.reached,
            Verdict::Better => w.better,
            Verdict::NotBetter => w.not_better,
            Verdict::NoValue => w.no_value,
        }
    }

    /// `6,75` in Swedish, `6.75` in English; whole numbers without decimals.
    pub fn number(self, amount: Amount) -> String {
        let text = amount.to_string();
        match self {
            Lang::Sv => text.replace('.', ","),
            Lang::En => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_verdicts_in_both_languages() {
        let a = Amount::parse(b"-6.75", false).unwrap();
        assert_eq!(Lang::Sv.number(a), "-6,75");
        assert_eq!(Lang::En.number(a), "-6.75");
        assert_eq!(Lang::Sv.number(Amount::from_int(31)), "31");
        assert_eq!(Lang::Sv.verdict(Verdict::NotBetter), "inte bättre");
        assert_eq!(Lang::En.verdict(Verdict::NoValue), "no value");
    }
}
