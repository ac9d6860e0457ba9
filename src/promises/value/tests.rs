use super::*;
use crate::promises::reported;

/// Reads key `k` of `text` with `typed`; returns the value and what was reported.
fn read<T>(text: &str, typed: impl FnOnce(&mut Sink, &Value) -> T) -> (T, Vec<String>) {
    reported(text, |sink, table| {
        typed(sink, table.get("k").expect("key k"))
    })
}

#[test]
fn strings_refuse_personal_numbers_control_characters_and_other_types() {
    assert_eq!(
        read("k = \"Hamnen\"", |s, v| string(s, v, "k"))
            .0
            .as_deref(),
        Some("Hamnen")
    );
    for text in [
        "k = \"ring 19121212-1212\"",
        "k = \"a\\u001b[31m\"",
        "k = 3",
    ] {
        let (got, messages) = read(text, |s, v| string(s, v, "k"));
        assert_eq!((got, messages.len()), (None, 1), "{text}: {messages:?}");
    }
    let (got, messages) = read("k = [\"a\", 1, \"b\"]", |s, v| strings(s, v, "k"));
    let names: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!((names, messages.len()), (vec!["a", "b"], 1));
}

#[test]
fn dates_are_days_without_a_time() {
    let day = NaiveDate::from_ymd_opt(2020, 2, 29);
    assert_eq!(read("k = 2020-02-29", |s, v| date(s, v, "k")).0, day);
    assert_eq!(read("k = \"2020-02-29\"", |s, v| date(s, v, "k")).0, day);
    for (text, message) in [
        ("k = \"2019-02-29\"", "`k` is not a date"),
        ("k = 2019-02-28T10:00:00", "`k` has a time part"),
        ("k = 20190228", "`k` must be a date, not integer"),
    ] {
        let (got, messages) = read(text, |s, v| date(s, v, "k"));
        assert_eq!(got, None);
        assert!(messages[0].starts_with(message), "{text}: {messages:?}");
    }
}

#[test]
fn amounts_are_plain_decimals() {
    assert_eq!(
        read("k = 1_000", |s, v| amount(s, v, "min"))
            .0
            .map(|a| a.to_string()),
        Some("1000".into())
    );
    assert_eq!(
        read("k = 1.5", |s, v| amount(s, v, "min"))
            .0
            .map(|a| a.to_string()),
        Some("1.5".into())
    );
    for text in ["k = 0x10", "k = 1e400", "k = \"2\"", "k = 0.0000001"] {
        let (got, messages) = read(text, |s, v| amount(s, v, "min"));
        assert_eq!((got, messages.len()), (None, 1), "{text}");
    }
}

#[test]
fn a_period_that_is_not_one_gets_the_nearest_word() {
    assert_eq!(
        read("k = \"2 months\"", |s, v| period(s, v, "k"))
            .0
            .map(|p| p.to_string()),
        Some("2 months".into())
    );
    for (text, hint) in [
        ("k = \"weekly\"", "did you mean \"week\"?"),
        ("k = \"Months\"", "did you mean \"month\"?"),
        ("k = \"0 weeks\"", "the count must be 1 or more"),
        (
            "k = \"3 quarters\"",
            "only days, weeks and months come in multiples: use \"quarter\"",
        ),
        ("k = \"fortnight\"", "use one of: day, week, month"),
    ] {
        let (got, messages) = read(text, |s, v| period(s, v, "k"));
        assert_eq!(got, None);
        assert!(
            messages[0].contains(&format!("— {hint}")),
            "{text}: {messages:?}"
        );
    }
}

#[test]
fn swedish_periods_read_as_the_english_ones_and_follow_their_rules() {
    let period_of = |text: &str| {
        read(&format!("k = \"{text}\""), |s, v| period(s, v, "per"))
            .0
            .map(|p| p.to_string())
    };
    for (sv, en) in [
        ("dag", "day"),
        ("3 dagar", "3 days"),
        ("vecka", "week"),
        ("1 vecka", "week"),
        ("2 veckor", "2 weeks"),
        ("månad", "month"),
        ("ma\u{30a}nad", "month"),
        ("2 månader", "2 months"),
        ("kvartal", "quarter"),
        ("tertial", "tertial"),
        ("halvår", "half-year"),
        ("år", "year"),
        ("hela perioden", "term"),
    ] {
        assert_eq!(period_of(sv), period_of(en), "{sv}");
        assert!(period_of(sv).is_some(), "{sv}");
    }
    // Refused as the English forms are, with the hint in Swedish words.
    for (text, hint) in [
        (
            "1 dagar",
            "one day is written \"dag\"; groups of days are \"N dagar\"",
        ),
        ("1 dag", "one day is written \"dag\""),
        ("1 days", "one day is written \"day\""),
        (
            "0 veckor",
            "the count must be 1 or more, e.g. \"2 månader\"",
        ),
        ("2 kvartal", "use \"kvartal\" or \"N månader\""),
        ("2 år", "use \"år\" or \"N månader\""),
        ("Vecka", "did you mean \"vecka\"? (dag, vecka"),
        ("veckovis", "did you mean \"vecka\"?"),
        ("månadsvis", "did you mean \"månad\"?"),
        ("hela  perioden", "did you mean \"hela perioden\"?"),
        ("weekly", "did you mean \"week\"? (day, week"),
        ("fortnight", "(or in Swedish: dag, vecka"),
    ] {
        let (got, messages) = read(&format!("k = \"{text}\""), |s, v| period(s, v, "per"));
        assert_eq!(got, None, "{text}");
        assert!(messages[0].contains(hint), "{text}: {messages:?}");
    }
}

#[test]
fn within_takes_days_or_weeks_in_either_language() {
    for (text, days) in [
        ("1 day", Some(1)),
        ("1 dag", Some(1)),
        ("0 dagar", Some(0)),
        ("3 dagar", Some(3)),
        ("2 veckor", Some(14)),
        ("1 vecka", Some(7)),
        ("2 månader", None),
        ("dag", None),
    ] {
        let (got, _) = read(&format!("k = \"{text}\""), within);
        assert_eq!(got, days, "{text}");
    }
}

#[test]
fn weekdays_in_either_language_and_typos_get_the_day_they_near() {
    let (got, _) = read("k = [\"lör\", \"SUN\", \"so\u{308}n\"]", weekdays);
    assert_eq!(got, Some([false, false, false, false, false, true, true]));
    for (word, hint) in [
        ("satruday", "did you mean \"sat\"? (mon, tue"),
        ("saturday", "did you mean \"sat\"? (mon, tue"),
        ("lördag", "did you mean \"sat\"? (or \"lör\": mån, tis"),
        ("lordag", "did you mean \"sat\"? (or \"lör\""),
        ("sondag", "did you mean \"sun\"? (or \"sön\""),
        ("xyz", "use mon, tue, wed, thu, fri, sat, sun or mån, tis"),
    ] {
        let (_, messages) = read(&format!("k = [\"{word}\"]"), weekdays);
        assert!(messages[0].contains(hint), "{word}: {messages:?}");
    }
}

#[test]
fn swedish_values_are_told_with_the_english_they_stand_for() {
    let text = "per = \"2 veckor\"\nover = \"year\"\nwithin = \"3 dagar\"\non = [\"lör\", \"sun\"]";
    let (found, _) = reported(text, |sink, table| {
        aliases(&crate::promises::raw::RawPromise::read(table, sink))
    });
    let shown: Vec<String> = found
        .iter()
        .map(|a| format!("{} = {} ({})", a.key, a.written, a.english))
        .collect();
    assert_eq!(
        shown,
        [
            "per = \"2 veckor\" (2 weeks)",
            "within = \"3 dagar\" (3 days)",
            "on = [\"lör\", \"sun\"] (sat, sun)",
        ]
    );
    let (none, _) = reported("per = \"tertial\"\non = [\"sat\"]", |sink, table| {
        aliases(&crate::promises::raw::RawPromise::read(table, sink))
    });
    assert!(none.is_empty());
}

#[test]
fn ids_are_lowercase_ascii_and_a_wrong_one_gets_its_fixed_form() {
    assert_eq!(id_fix("narvaro-2"), None);
    assert_eq!(id_fix("Närvaro Torg").as_deref(), Some("narvaro-torg"));
    assert_eq!(id_fix("").as_deref(), Some("my-promise"));
    let (got, messages) = read("k = \"Ö\"", id);
    assert_eq!(got.as_deref(), Some("Ö"));
    assert_eq!(
        messages,
        ["id \"Ö\" may only hold a-z, 0-9 and - — write it as \"o\""]
    );
}

#[test]
fn a_field_tells_absent_from_broken() {
    let (fields, _) = reported("a = 1\nb = \"x\"", |sink, table| {
        let mut typed = |key: &str| {
            Field::read(table.get(key), |v| {
                amount(sink, v, "min").map(|a| a.to_string())
            })
        };
        (typed("a"), typed("b"), typed("c"))
    });
    assert_eq!(fields.0.value().map(String::as_str), Some("1"));
    assert_eq!(fields.1, Field::Broken);
    assert_eq!(fields.2, Field::Absent);
}
