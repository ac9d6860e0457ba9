//! The common line read in place: its values are slices of the scanner's
//! buffer, judged by the same rules (`entry::Rules`) as every other line, with
//! no record built. A line the rules have anything at all to say about goes
//! back to be read as a record, which says it with file, line and column.

use super::entry::{Fields, Rules};
use super::findings::FileText;
use super::header::Columns;
use super::scan::{Plain, Scanner, unquote};
use super::{Activity, Overflow};
use crate::encoding::Encoding;
use std::io::{self, Read};

/// What became of a plain line.
pub(super) enum Quick {
    /// Its activity went to the sink.
    Counted,
    /// It is to be read again as a record: something is to be said about it.
    Record,
    /// The sink refused it: the sum of this promise would overflow.
    Overflow(usize),
}

/// Reads plain lines of one file.
pub(super) struct Lane<'a> {
    rules: &'a Rules<'a>,
    columns: &'a Columns,
    /// How many columns the header names.
    width: usize,
    /// `check`: the text of the line must be sound too.
    thorough: bool,
    /// The sink wants each activity's note.
    notes: bool,
    /// Values that hold `""`, unquoted.
    scratch: Vec<u8>,
    /// `check`: whether the text of all lines of a pass (see [`Plain::run`])
    /// is sound, which then need not be looked at one by one.
    run_sound: Option<(u64, bool)>,
}

impl<'a> Lane<'a> {
    /// The lane for a file, when `wanted` and the file is for it: Windows-1252
    /// text is decoded, and `check` judges a file's own columns, only in a record.
    pub(super) fn of(
        wanted: bool,
        rules: &'a Rules<'a>,
        file: &FileText<'_>,
        columns: &'a Columns,
        width: usize,
        notes: bool,
    ) -> Option<Lane<'a>> {
        let thorough = rules.today.is_some();
        let fit =
            file.encoding != Encoding::Windows1252 && (!thorough || columns.others.is_empty());
        (wanted && fit).then(|| Lane {
            rules,
            columns,
            width,
            thorough,
            notes,
            scratch: Vec::new(),
            run_sound: None,
        })
    }

    /// Counts the next line when it is plain and nothing in it is to be said;
    /// else leaves it to be read as a record.
    pub(super) fn next<R: Read>(
        &mut self,
        scanner: &mut Scanner<R>,
        sink: &mut dyn FnMut(Activity<'_>) -> Result<(), Overflow>,
    ) -> io::Result<Quick> {
        let Some(plain) = scanner.next_plain()? else {
            return Ok(Quick::Record);
        };
        let quick = self.line(&plain, sink);
        if !matches!(quick, Quick::Counted) {
            scanner.rewind();
        }
        Ok(quick)
    }

    /// What `check` asks of a line's text as a whole: no NUL byte, and UTF-8.
    /// Asked first of all the lines split with it at once, and of the line
    /// alone only when they are not all sound: valid UTF-8 split at line ends
    /// is valid in each line.
    fn text_sound(&mut self, plain: &Plain<'_>) -> bool {
        let (pass, run) = plain.run();
        let all = match self.run_sound {
            Some((seen, sound)) if seen == pass => sound,
            _ => {
                let sound = text_sound(run);
                self.run_sound = Some((pass, sound));
                sound
            }
        };
        all || text_sound(plain.bytes())
    }

    /// Counts a plain line's activity when nothing in it is to be said.
    fn line(
        &mut self,
        plain: &Plain<'_>,
        sink: &mut dyn FnMut(Activity<'_>) -> Result<(), Overflow>,
    ) -> Quick {
        let c = self.columns;
        if plain.len() > self.width || (self.thorough && !self.text_sound(plain)) {
            return Quick::Record;
        }
        // Each value between its quotes, and whether it holds `""`.
        let [date, promise, count, place, by, note] = [
            Some(c.date),
            Some(c.promise),
            c.count,
            c.place,
            c.by,
            c.note.filter(|_| self.notes || self.thorough),
        ]
        .map(|i| i.and_then(|i| plain.get(i)).unwrap_or_default());
        // Only `check` looks at a note, and only `--notes` shows it. `check`
        // looks for a personal number or a formula, which `""` neither makes
        // nor hides: the note is judged as written, and one with either goes
        // to the record, which names it unquoted.
        let note = match (self.notes, self.thorough) {
            (false, true) => (note.0, false),
            _ => note,
        };
        // A figure that holds `""` is wrong anyway: the record says why.
        if date.1 || promise.1 || count.1 {
            return Quick::Record;
        }
        let [place, by, note] = texts([place, by, note], &mut self.scratch);
        let fields = Fields {
            date: trimmed(date.0),
            promise: trimmed(promise.0),
            count: trimmed(count.0),
            by,
            note,
            place,
            cut_short: plain.len() <= c.promise,
            place_column: c.place.is_some(),
        };
        let mut said = false;
        let activity = self.rules.check(&fields, &mut |_, _, _| said = true);
        let Some(activity) = activity.filter(|_| !said) else {
            return Quick::Record;
        };
        match sink(Activity {
            place,
            by,
            note: if self.notes { note } else { b"" },
            ..activity
        }) {
            Ok(()) => Quick::Counted,
            Err(Overflow(p)) => Quick::Overflow(p),
        }
    }
}

/// A value without surrounding spaces, which few have: two bytes looked at.
fn trimmed(value: &[u8]) -> &[u8] {
    let spaced = |b: Option<&u8>| b.is_some_and(|b| *b <= b' ');
    if spaced(value.first()) || spaced(value.last()) {
        value.trim_ascii()
    } else {
        value
    }
}

/// What `check` asks of a line's text as a whole: no NUL byte, and UTF-8.
fn text_sound(bytes: &[u8]) -> bool {
    let looked = super::text::look(bytes);
    !looked.nul && looked.utf8
}

/// The values of free-text columns, trimmed: slices of the line, or of
/// `scratch` for those that hold `""`.
fn texts<'s>(values: [(&'s [u8], bool); 3], scratch: &'s mut Vec<u8>) -> [&'s [u8]; 3] {
    if values.iter().all(|(_, doubled)| !doubled) {
        return values.map(|(v, _)| trimmed(v));
    }
    scratch.clear();
    let ends = values.map(|(inner, doubled)| {
        if doubled {
            unquote(inner, scratch);
        }
        scratch.len()
    });
    let scratch = &*scratch;
    let mut from = 0;
    std::array::from_fn(|k| {
        let (inner, doubled) = values[k];
        let value = if doubled {
            &scratch[from..ends[k]]
        } else {
            inner
        };
        from = ends[k];
        trimmed(value)
    })
}

#[cfg(test)]
mod tests {
    use super::super::read::{Scrutiny, read_with};
    use crate::model::Agreement;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use std::path::Path;

    const PROMISES: &str = r#"
start = 2019-01-01
end = 2019-12-31
parties = ["polisen", "kommunen"]

[[promise]]
id = "vandringar"
min = 1
per = "week"
each = ["Torget", "Öxnehaga", { item = "Hamnen", start = 2019-06-01 }]

[[promise]]
id = "moten"
min = 2
per = "month"
distinct = "by"

[[promise]]
id = "timmar"
min = 10
per = "quarter"
unit = "timmar"

[[promise]]
id = "sommar"
min = 1
per = "week"
months = [6, 7, 8]
"#;

    fn agreement() -> Agreement {
        crate::promises::parse(Path::new("promises.toml"), PROMISES).unwrap()
    }

    /// Everything a reading gives: each activity, every diagnostic, the counts.
    fn reading(path: &Path, a: &Agreement, scrutiny: Scrutiny<'_>, lane: bool) -> String {
        let mut seen = String::new();
        let report = read_with(path, a, scrutiny, lane, &mut |x| {
            seen += &format!(
                "{} {} {} {:?} {:?} {:?}\n",
                x.date,
                x.promise,
                x.amount,
                String::from_utf8_lossy(x.place),
                String::from_utf8_lossy(x.by),
                String::from_utf8_lossy(x.note)
            );
            Ok(())
        });
        format!(
            "{seen}{:?}\n{} {} {}",
            report.diagnostics, report.lines, report.errors, report.warnings
        )
    }

    fn pick(values: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop::sample::select(values).prop_map(str::to_string)
    }

    /// Anything one may find in a field.
    fn field() -> impl Strategy<Value = String> {
        pick(&[
            "",
            " ",
            "2019-03-04",
            "2019-02-29",
            "2019-3-4",
            " 2019-06-10 ",
            "2020-01-01",
            "vandringar",
            "moten",
            "timmar",
            "sommar",
            "vandring",
            " moten",
            "\"moten\"",
            "1",
            "2",
            "2.5",
            "1,5",
            "0",
            "-1",
            "x",
            "\"3\"",
            "\"\"\"3\"\"\"",
            "Torget",
            "Öxnehaga",
            "Hamnen",
            "torget",
            "polisen",
            "kommunen",
            "skolan",
            "\"a, b\"",
            "\"\"\"Lugnt\"\"\" vid",
            "\"x \"\"y\"\" z\"",
            "19850101-1234",
            "=SUM(A1)",
            "a\"b",
            "\"open",
            "\"x\"y",
            "\u{0}",
            "\u{e9}",
            "\"a\nb\"",
            "\"\"",
        ])
    }

    /// A line of the usual shape, mostly sound: each column from its own kind
    /// of values, now and then anything.
    fn shaped() -> impl Strategy<Value = Vec<String>> {
        let or_any = |s: BoxedStrategy<String>| prop_oneof![6 => s, 1 => field()];
        (
            or_any(
                pick(&[
                    "2019-03-04",
                    "2019-06-10",
                    "2019-07-01",
                    " 2019-12-31",
                    "2019-05-31",
                ])
                .boxed(),
            ),
            or_any(pick(&["vandringar", "moten", "timmar", "sommar", "\"timmar\""]).boxed()),
            or_any(pick(&["", "1", "2", "2.5", " 3 ", "\"4\""]).boxed()),
            or_any(pick(&["polisen", "kommunen", "", "\"polisen\""]).boxed()),
            or_any(
                pick(&[
                    "",
                    "Lugnt",
                    "\"\"\"Lugnt\"\" vid torget\"",
                    "\"a, \"\"b\"\"\"",
                    " kort ",
                    "\"\"\"Lugnt\"\" 19850101-1234\"",
                    "\"=1+\"\"2\"\"\"",
                ])
                .boxed(),
            ),
            or_any(
                pick(&[
                    "Torget",
                    "Öxnehaga",
                    "Hamnen",
                    "",
                    "\"Torget\"",
                    "\"\"\"Torget\"\"\"",
                ])
                .boxed(),
            ),
        )
            .prop_map(|(a, b, c, d, e, f)| vec![a, b, c, d, e, f])
    }

    fn ledger() -> impl Strategy<Value = Vec<u8>> {
        let line = prop_oneof![3 => shaped(), 1 => prop::collection::vec(field(), 0..8)];
        let eol = prop::sample::select(vec!["\n", "\r\n", "\r"]);
        (
            prop::sample::select(vec![
                "date,promise,count,by,note,place",
                "datum;löfte;antal;av;anteckning;plats",
                "date,promise,count,by,note,place,own",
                "promise,date,place",
            ]),
            prop::collection::vec((line, eol), 0..40),
            any::<bool>(),
        )
            .prop_map(|(header, lines, latin)| {
                let delimiter = if header.contains(';') { ";" } else { "," };
                let mut text = format!("{header}\n");
                for (fields, eol) in lines {
                    text += &fields.join(delimiter);
                    text += eol;
                }
                let mut bytes = text.into_bytes();
                if latin {
                    // A byte that is not UTF-8: Windows-1252, or a broken line.
                    bytes.push(0xe9);
                }
                bytes
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Reading plain lines in place comes to exactly what reading every
        /// line as a record does, in `report`'s reading and in `check`'s.
        #[test]
        fn plain_lines_read_as_records(bytes in ledger()) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("2019.csv");
            std::fs::write(&path, &bytes).unwrap();
            let a = agreement();
            let today = NaiveDate::from_ymd_opt(2019, 12, 1).unwrap();
            for scrutiny in [
                Scrutiny::Figures,
                Scrutiny::Notes,
                Scrutiny::Everything { today, completed: &[] },
            ] {
                prop_assert_eq!(
                    reading(&path, &a, scrutiny, true),
                    reading(&path, &a, scrutiny, false)
                );
            }
        }
    }
}
