//! CSV for scripts: SPEC's fields, in SPEC's order.

use super::Records;

pub fn render(records: &Records) -> String {
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = out.write_record(records.fields);
    for row in &records.rows {
        let _ = out.write_record(row.iter().map(|v| v.text()));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
