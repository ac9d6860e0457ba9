//! The follow-up's summary in words: "47 av 53 veckor uppfyllda", "i snitt 1,2 per
//! vecka (5,2 per månad)", numbers with the language's decimal mark and the unit.

use super::Lang;
use crate::amount::Amount;
use crate::model::{Better, Distinct};
use crate::period::{Period, Unit};
use chrono::NaiveDate;

impl Lang {
    /// A word that starts a line or a label: `Läget per`.
    pub fn capital(self, word: &str) -> String {
        let mut chars = word.chars();
        chars
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
    }

    /// An amount with the promise's unit, when it has one: `6,75 timmar`.
    pub fn quantity(self, a: Amount, unit: Option<&str>) -> String {
        match unit {
            Some(unit) => format!("{} {unit}", self.number(a)),
            None => self.number(a),
        }
    }

    /// The windows of a period kind, in the plural: `veckor`, `halvår`, `periods`.
    pub fn windows(self, period: Period) -> &'static str {
        let (sv, en) = match period {
            Period::Every { unit, n: 1 } => match unit {
                Unit::Day => ("dagar", "days"),
                Unit::Week => ("veckor", "weeks"),
                Unit::Month => ("månader", "months"),
                Unit::Quarter => ("kvartal", "quarters"),
                Unit::Tertial => ("tertialer", "tertials"),
                Unit::HalfYear => ("halvår", "half-years"),
                Unit::Year => ("år", "years"),
            },
            _ => ("perioder", "periods"),
        };
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// Which way an indicator improves: `lägre är bättre`.
    pub fn better(self, better: Better) -> &'static str {
        match (better, self) {
            (Better::Lower, Lang::Sv) => "lägre är bättre",
            (Better::Lower, Lang::En) => "lower is better",
            (Better::Higher, Lang::Sv) => "högre är bättre",
            (Better::Higher, Lang::En) => "higher is better",
        }
    }

    /// What a `distinct` promise counts: `platser`, `parter`.
    pub fn distinct_values(self, d: Distinct) -> &'static str {
        match (d, self) {
            (Distinct::Place, Lang::Sv) => "olika platser",
            (Distinct::Place, Lang::En) => "different places",
            (Distinct::By, Lang::Sv) => "olika parter",
            (Distinct::By, Lang::En) => "different parties",
        }
    }

    /// `47 av 53 veckor uppfyllda`, or that none has ended yet.
    pub fn windows_met(self, met: usize, ended: usize, period: Period) -> String {
        let kind = self.windows(period);
        match (ended, self) {
            (0, Lang::Sv) => "ingen period avslutad ännu".into(),
            (0, Lang::En) => "no window ended yet".into(),
            (_, Lang::Sv) => format!("{met} av {ended} {kind} uppfyllda"),
            (_, Lang::En) => format!("{met} of {ended} {kind} met"),
        }
    }

    /// A deadline: `senast 29 februari 2020`.
    pub fn by_date(self, due: NaiveDate) -> String {
        match self {
            Lang::Sv => format!("senast {}", self.date(due)),
            Lang::En => format!("by {}", self.date(due)),
        }
    }

    /// A tracked promise's total: `6,75 timmar totalt`.
    pub fn in_all(self, total: Amount, unit: Option<&str>) -> String {
        match self {
            Lang::Sv => format!("{} totalt", self.quantity(total, unit)),
            Lang::En => format!("{} in all", self.quantity(total, unit)),
        }
    }

    /// `i snitt 1,2 per vecka, 5,25 per månad`.
    pub fn average(self, per_week: Amount, per_month: Amount, unit: Option<&str>) -> String {
        let rates = self.rates(per_week, per_month, unit);
        match self {
            Lang::Sv => format!("i snitt {rates}"),
            Lang::En => format!("on average {rates}"),
        }
    }

    /// `1,2 per vecka, 5,25 per månad`, under a heading that says "i snitt".
    pub fn rates(self, per_week: Amount, per_month: Amount, unit: Option<&str>) -> String {
        let (w, m) = (
            self.quantity(per_week, unit),
            self.quantity(per_month, unit),
        );
        match self {
            Lang::Sv => format!("{w} per vecka, {m} per månad"),
            Lang::En => format!("{w} a week, {m} a month"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_met_of_ended_in_their_own_kind() {
        let weeks = Period::Every {
            unit: Unit::Week,
            n: 1,
        };
        assert_eq!(
            Lang::Sv.windows_met(47, 53, weeks),
            "47 av 53 veckor uppfyllda"
        );
        assert_eq!(Lang::En.windows_met(47, 53, weeks), "47 of 53 weeks met");
        assert_eq!(
            Lang::Sv.windows_met(0, 0, weeks),
            "ingen period avslutad ännu"
        );
        let two = Period::Every {
            unit: Unit::Month,
            n: 2,
        };
        assert_eq!(Lang::Sv.windows_met(1, 2, two), "1 av 2 perioder uppfyllda");
        let a = |t: &str| Amount::parse(t.as_bytes(), false).unwrap();
        assert_eq!(
            Lang::Sv.average(a("1.2"), a("5.25"), None),
            "i snitt 1,2 per vecka, 5,25 per månad"
        );
        assert_eq!(
            Lang::Sv.in_all(a("6.75"), Some("timmar")),
            "6,75 timmar totalt"
        );
        assert_eq!(
            Lang::En.in_all(a("6.75"), Some("hours")),
            "6.75 hours in all"
        );
    }
}
