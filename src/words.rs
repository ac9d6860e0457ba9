//! The words people may type in Swedish beside the English ones (SPEC, "Swedish
//! input"): ledger column names, period words, weekdays and days counted back from
//! today. Each Swedish word maps to the English one, so every rule that reads them
//! is written once, in English, and output for scripts stays English.

use unicode_normalization::UnicodeNormalization;

/// `text` trimmed and in NFC: an `ö` written as `o` and a combining diaeresis
/// (macOS, some spreadsheets) is the same `ö`.
pub fn nfc(text: &str) -> String {
    text.trim().nfc().collect()
}

/// NFC, lower case, inner runs of spaces as one: how words that may be written in
/// any case (column names, weekdays, days) are compared.
pub fn folded(text: &str) -> String {
    let lower = nfc(text).to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The ledger's columns, each with its Swedish names (the first is the one `log`
/// suggests for a file whose header is Swedish).
const COLUMNS: [(&str, &[&str]); 6] = [
    ("date", &["datum"]),
    ("promise", &["löfte"]),
    ("count", &["antal"]),
    ("by", &["av", "utförd av"]),
    ("note", &["anteckning", "kommentar"]),
    ("place", &["plats"]),
];

/// The English column a header name (already `folded`) stands for: `datum` is
/// `date`, `date` is `date`.
pub fn column(name: &str) -> Option<&'static str> {
    COLUMNS
        .iter()
        .find(|(en, sv)| *en == name || sv.contains(&name))
        .map(|(en, _)| *en)
}

/// Whether a header name (already `folded`) is one of the Swedish names.
pub fn is_swedish_column(name: &str) -> bool {
    COLUMNS.iter().any(|(_, sv)| sv.contains(&name))
}

/// The Swedish name of an English column.
pub fn swedish_column(english: &str) -> Option<&'static str> {
    COLUMNS
        .iter()
        .find(|(en, _)| *en == english)
        .map(|(_, sv)| sv[0])
}

/// Every name of every column with the column it means, English first.
pub fn column_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    let english = COLUMNS.iter().map(|(en, _)| (*en, *en));
    english.chain(
        COLUMNS
            .iter()
            .flat_map(|(en, sv)| sv.iter().map(move |s| (*s, *en))),
    )
}

/// Swedish period words on their own, and the English each stands for.
const PERIODS: [(&str, &str); 8] = [
    ("dag", "day"),
    ("vecka", "week"),
    ("månad", "month"),
    ("kvartal", "quarter"),
    ("tertial", "tertial"),
    ("halvår", "half-year"),
    ("år", "year"),
    ("hela perioden", "term"),
];

/// Swedish words after a count (`3 veckor`), singular and plural, in English.
/// Those of quarters and longer only reach the English "no multiples" refusal.
const UNITS: [(&str, &str); 11] = [
    ("dag", "day"),
    ("dagar", "days"),
    ("vecka", "week"),
    ("veckor", "weeks"),
    ("månad", "month"),
    ("månader", "months"),
    ("kvartal", "quarters"),
    ("tertial", "tertials"),
    ("tertialer", "tertials"),
    ("halvår", "half-years"),
    ("år", "years"),
];

/// The Swedish words a `per`/`over` value may be, for hints, as
/// `period::PERIOD_WORDS` lists the English ones.
pub const PERIOD_WORDS_SV: [&str; 11] = [
    "dag",
    "vecka",
    "månad",
    "kvartal",
    "tertial",
    "halvår",
    "år",
    "hela perioden",
    "N dagar",
    "N veckor",
    "N månader",
];

/// A `per`/`over` value written in Swedish, in English (`vecka` is `week`, `3
/// veckor` is `3 weeks`), split as `Period::parse` splits it; `None` when it is not
/// Swedish. Case is kept: the English words are read as written, so are these.
pub fn english_period(text: &str) -> Option<String> {
    let text = nfc(text);
    if let Some((_, en)) = PERIODS.iter().find(|(sv, _)| *sv == text) {
        return Some((*en).to_string());
    }
    let (count, word) = text.split_once(' ')?;
    english_unit(word).map(|en| format!("{count} {en}"))
}

/// A Swedish word after a count, in English: `veckor` is `weeks`.
pub fn english_unit(word: &str) -> Option<&'static str> {
    let word = nfc(word);
    UNITS.iter().find(|(sv, _)| *sv == word).map(|(_, en)| *en)
}

/// The Swedish word of a period word in English (`week` is `vecka`, `weeks` is
/// `veckor`), for hints to someone who writes Swedish.
pub fn swedish_period(english: &str) -> Option<&'static str> {
    PERIODS
        .iter()
        .chain(&UNITS)
        .find(|(_, en)| *en == english)
        .map(|(sv, _)| *sv)
}

/// Weekday tokens of `on`, Monday first, and their Swedish forms.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
pub const VECKODAGAR: [&str; 7] = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"];
/// Weekdays written out, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub const VECKODAGSNAMN: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];

/// A weekday token in any case, `sat` or `lör`: days from Monday.
pub fn weekday_token(word: &str) -> Option<usize> {
    let word = folded(word);
    let at = |list: [&str; 7]| list.iter().position(|w| *w == word);
    at(WEEKDAYS).or_else(|| at(VECKODAGAR))
}

/// A weekday written out or as a token: `lördag`, `saturday`, `lör`, `sat`.
pub fn weekday(word: &str) -> Option<usize> {
    let folded = folded(word);
    let at = |list: [&str; 7]| list.iter().position(|w| *w == folded);
    weekday_token(word)
        .or_else(|| at(WEEKDAY_NAMES))
        .or_else(|| at(VECKODAGSNAMN))
}

/// The words for days counted back from today, as shown in hints.
pub const DAY_WORDS: [&str; 5] = ["today", "yesterday", "idag", "igår", "i förrgår"];

/// How many days before today a word names: `today`/`idag` 0, `yesterday`/`igår`
/// 1, `i förrgår` 2; `i dag` and `i går` are the older spelling of the same.
pub fn days_ago(word: &str) -> Option<u64> {
    let joined: String = folded(word).split(' ').collect();
    match joined.as_str() {
        "today" | "idag" => Some(0),
        "yesterday" | "igår" => Some(1),
        "iförrgår" => Some(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_swedish_mean_the_english_ones() {
        for (name, english) in [
            ("datum", "date"),
            ("löfte", "promise"),
            ("antal", "count"),
            ("av", "by"),
            ("utförd av", "by"),
            ("anteckning", "note"),
            ("kommentar", "note"),
            ("plats", "place"),
            ("date", "date"),
        ] {
            assert_eq!(column(name), Some(english), "{name}");
        }
        assert_eq!(column("tid"), None);
        // Decomposed `ö` (macOS) and any case, once folded.
        assert_eq!(column(&folded(" LO\u{308}FTE ")), Some("promise"));
        assert_eq!(column(&folded("Utförd   Av")), Some("by"));
        assert!(is_swedish_column("plats") && !is_swedish_column("place"));
        assert_eq!(swedish_column("place"), Some("plats"));
        assert_eq!(column_names().count(), 14);
    }

    #[test]
    fn swedish_periods_become_the_english_words() {
        for (sv, en) in [
            ("vecka", "week"),
            ("  halvår ", "half-year"),
            ("hela perioden", "term"),
            ("3 veckor", "3 weeks"),
            ("2 månader", "2 months"),
            ("1 dagar", "1 days"),
            ("2 kvartal", "2 quarters"),
            ("ma\u{30a}nad", "month"),
        ] {
            assert_eq!(english_period(sv).as_deref(), Some(en), "{sv}");
        }
        for text in ["week", "Vecka", "veckovis", "3 weeks", "hela  perioden"] {
            assert_eq!(english_period(text), None, "{text}");
        }
        assert_eq!(swedish_period("days"), Some("dagar"));
        assert_eq!(swedish_period("term"), Some("hela perioden"));
    }

    #[test]
    fn weekdays_by_token_or_by_name() {
        assert_eq!(weekday_token("lör"), Some(5));
        assert_eq!(weekday_token("Sat"), Some(5));
        assert_eq!(weekday_token("lo\u{308}r"), Some(5));
        assert_eq!(weekday_token("lördag"), None);
        assert_eq!(weekday("Lördag"), Some(5));
        assert_eq!(weekday("monday"), Some(0));
        assert_eq!(weekday("sön"), Some(6));
        assert_eq!(weekday("söndagen"), None);
    }

    #[test]
    fn days_back_from_today() {
        assert_eq!(days_ago("IDAG"), Some(0));
        assert_eq!(days_ago("i dag"), Some(0));
        assert_eq!(days_ago("igår"), Some(1));
        assert_eq!(days_ago("I går"), Some(1));
        assert_eq!(days_ago("yesterday"), Some(1));
        assert_eq!(days_ago("i förrgår"), Some(2));
        assert_eq!(days_ago("i fo\u{308}rrgår"), Some(2));
        assert_eq!(days_ago("igar"), None);
        assert_eq!(days_ago("imorgon"), None);
    }
}
