//! The words of the shapes beyond "N per period": answers to events, shares,
//! different places, the days a promise counts, stages and places' own terms.

use super::Lang;
use crate::amount::Amount;
use crate::model::{Agreement, Distinct, Promise, Source};
use crate::period::{Calendar, Period};

impl Lang {
    /// `minst 20 procent av narkotikabrott`, `at least 20 percent of …`.
    pub(super) fn share(self, a: Option<&Agreement>, p: &Promise, percent: Amount) -> String {
        let parent = match (a, p.part_of) {
            (Some(a), Some(i)) => a.promises[i].id.as_str(),
            _ => "…",
        };
        match self {
            Lang::Sv => format!("minst {} procent av {parent}", self.number(percent)),
            Lang::En => format!("at least {percent} percent of {parent}"),
        }
    }

    /// `ett svar per «Felanmäld belysning», inom 1 dag`.
    pub(super) fn per_event(
        self,
        a: Option<&Agreement>,
        source: Source,
        within: Option<u32>,
        per: Period,
    ) -> String {
        let what = match (a, source) {
            (Some(a), Source::Event(k)) => a.events[k].title.clone(),
            (Some(a), Source::Promise(i)) => a.promises[i].title.clone(),
            (None, _) => "…".to_string(),
        };
        let by = match (self, within) {
            (Lang::Sv, Some(1)) => "inom 1 dag".to_string(),
            (Lang::Sv, Some(n)) => format!("inom {n} dagar"),
            (Lang::Sv, None) => "inom perioden".to_string(),
            (Lang::En, Some(1)) => "within 1 day".to_string(),
            (Lang::En, Some(n)) => format!("within {n} days"),
            (Lang::En, None) => "within the term".to_string(),
        };
        let mut text = match self {
            Lang::Sv => format!("ett svar per «{what}», {by}"),
            Lang::En => format!("one answer per «{what}», {by}"),
        };
        if per != Period::Term {
            text = format!("{text}, {}", self.per(per));
        }
        text
    }

    /// `minst 3 på olika platser per år`, `at least 2 by different parties …`.
    pub(super) fn distinct(self, min: Amount, d: Option<Distinct>, per: String) -> String {
        let which = match (self, d) {
            (Lang::Sv, Some(Distinct::By)) => "av olika parter",
            (Lang::Sv, _) => "på olika platser",
            (Lang::En, Some(Distinct::By)) => "by different parties",
            (Lang::En, _) => "in different places",
        };
        match self {
            Lang::Sv => format!("minst {min} {which} {per}"),
            Lang::En => format!("at least {min} {which} {per}"),
        }
    }

    /// `, lördagar och söndagar, i juni, juli och augusti, utom 2017-05-25`.
    pub(super) fn calendar_words(self, c: &Calendar) -> String {
        const DAYS_SV: [&str; 7] = [
            "måndagar",
            "tisdagar",
            "onsdagar",
            "torsdagar",
            "fredagar",
            "lördagar",
            "söndagar",
        ];
        const DAYS_EN: [&str; 7] = [
            "Mondays",
            "Tuesdays",
            "Wednesdays",
            "Thursdays",
            "Fridays",
            "Saturdays",
            "Sundays",
        ];
        let mut text = String::new();
        if let Some(on) = c.on {
            let names = match self {
                Lang::Sv => DAYS_SV,
                Lang::En => DAYS_EN,
            };
            let days: Vec<String> = (0..7)
                .filter(|&i| on[i])
                .map(|i| names[i].to_string())
                .collect();
            text += &format!(", {}", self.and_list(&days, "on"));
        }
        if let Some(months) = c.months {
            let names: Vec<String> = (0..12u32)
                .filter(|&m| months[m as usize])
                .map(|m| self.month(m).to_string())
                .collect();
            text += &format!(", {}", self.and_list(&names, "in"));
        }
        if let Some(dates) = &c.dates {
            let days: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
            text += &format!(", {}", self.and_list(&days, "on"));
        }
        if !c.except.is_empty() {
            let days: Vec<String> = c.except.iter().map(|d| d.to_string()).collect();
            let except = match self {
                Lang::Sv => "utom",
                Lang::En => "except",
            };
            text += &format!(", {except} {}", self.and_list(&days, ""));
        }
        text
    }

    /// `a, b och c` / `on a, b and c`.
    fn and_list(self, items: &[String], en_prefix: &str) -> String {
        let and = match self {
            Lang::Sv => "och",
            Lang::En => "and",
        };
        let list = match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
        };
        match (self, en_prefix) {
            (Lang::Sv, "in") => format!("i {list}"),
            (Lang::Sv, _) | (Lang::En, "") => list,
            (Lang::En, prefix) => format!("{prefix} {list}"),
        }
    }

    /// The places of an `each` list, with their own terms where they have one.
    pub(super) fn items(self, p: &Promise) -> String {
        let (from, until) = match self {
            Lang::Sv => ("från", "till"),
            Lang::En => ("from", "until"),
        };
        let shown: Vec<String> = p
            .each
            .iter()
            .map(|item| {
                let mut s = item.name.clone();
                let mut own = Vec::new();
                if item.term.start != p.term.start {
                    own.push(format!("{from} {}", item.term.start));
                }
                if let Some(end) = item.term.end.filter(|e| Some(*e) != p.term.end) {
                    own.push(format!("{until} {end}"));
                }
                if !own.is_empty() {
                    s = format!("{s} ({})", own.join(" "));
                }
                s
            })
            .collect();
        shown.join(", ")
    }

    /// `, efter dialog`.
    pub(super) fn after(self, stage: &str) -> String {
        match self {
            Lang::Sv => format!(", efter {stage}"),
            Lang::En => format!(", after {stage}"),
        }
    }
}
