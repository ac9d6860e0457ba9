//! JSON for scripts: an array of objects with SPEC's keys; numbers stay exact.

use super::{Records, Value};
use std::fmt::Write;

pub fn render(records: &Records) -> String {
    let mut out = String::from("[");
    for (n, row) in records.rows.iter().enumerate() {
        out.push_str(if n == 0 { "\n  {" } else { ",\n  {" });
        for (i, (field, value)) in records.fields.iter().zip(row).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&quote(field));
            out.push_str(": ");
            match value {
                Value::Text(s) => out.push_str(&quote(s)),
                Value::Number(n) => out.push_str(n),
                Value::Null => out.push_str("null"),
            }
        }
        out.push('}');
    }
    out.push_str(if records.rows.is_empty() {
        "]\n"
    } else {
        "\n]\n"
    });
    out
}

/// A JSON string literal.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_strings() {
        assert_eq!(quote("a\"b\\c\n\u{1}å"), "\"a\\\"b\\\\c\\n\\u0001å\"");
    }
}
