//! The raw model: each table's keys sorted into a struct of optional, spanned
//! values, untyped yet. A typed serde struct would stop at the first wrong type
//! and could not suggest a key; this one lets every later step report at once.

use super::Sink;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// Declares a raw table: one `Option<&Value>` per known key, and `read`, which
/// fills it and names every unknown key with the nearest known one.
macro_rules! raw_table {
    ($(#[$doc:meta])* $name:ident, $what:literal, [$($key:ident),* $(,)?]) => {
        $(#[$doc])*
        #[derive(Default)]
        pub(super) struct $name<'t, 'i> {
            $(pub $key: Option<&'t Value<'i>>,)*
        }

        impl<'t, 'i> $name<'t, 'i> {
            pub const KEYS: &'static [&'static str] = &[$(stringify!($key)),*];

            pub fn read(table: &'t DeTable<'i>, sink: &mut Sink) -> Self {
                let mut raw = Self::default();
                for (key, value) in table {
                    match key.get_ref().as_ref() {
                        $(stringify!($key) => raw.$key = Some(value),)*
                        other => sink.unknown_key(key.span(), other, Self::KEYS, $what),
                    }
                }
                raw
            }
        }
    };
}

raw_table!(
    /// The top of promises.toml.
    RawAgreement,
    "the agreement",
    [title, start, end, parties, lang, promise, event, indicator]
);

raw_table!(
    /// One `[[event]]` section.
    RawEvent,
    "an event",
    [id, title]
);

raw_table!(
    /// One `[[indicator]]` section.
    RawIndicator,
    "an indicator",
    [id, title, per, better, unit, baseline, target]
);

raw_table!(
    /// One place of an `each` list written as an inline table.
    RawItem,
    "an `each` item",
    [item, start, end]
);

raw_table!(
    /// One `[[promise]]` section.
    RawPromise,
    "a promise",
    [
        id, title, responsible, min, per, due, start, end, unit, over, part_of, each, on, months,
        dates, except, distinct, percent, after, per_event, within, note
    ]
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::promises::reported;

    #[test]
    fn known_keys_are_sorted_in_and_unknown_ones_named_with_the_nearest() {
        let text = "id = \"a\"\nmni = 1\nper = \"week\"\nzzz = 1\n";
        let ((id, min, per), messages) = reported(text, |sink, table| {
            let raw = RawPromise::read(table, sink);
            (raw.id.is_some(), raw.min.is_some(), raw.per.is_some())
        });
        assert_eq!((id, min, per), (true, false, true));
        assert_eq!(
            messages,
            [
                "unknown key `mni` in a promise — did you mean \"min\"?",
                "unknown key `zzz` in a promise — a promise may have: id, title, responsible, \
                 min, per, due, start, end, unit, over, part_of, each, on, months, dates, \
                 except, distinct, percent, after, per_event, within, note",
            ]
        );
    }
}
