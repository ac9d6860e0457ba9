//! JSON for scripts: an array of objects with SPEC's keys; numbers stay exact.

use super::{Records, Value};

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

/// A JSON string literal, escaped by serde_json. (Numbers are written from their
/// exact decimal text, which serde_json would round through a float.)
fn quote(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_strings() {
        assert_eq!(quote("a\"b\\c\n\u{1}å"), "\"a\\\"b\\\\c\\n\\u0001å\"");
    }
}
