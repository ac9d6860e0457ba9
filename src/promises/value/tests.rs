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
