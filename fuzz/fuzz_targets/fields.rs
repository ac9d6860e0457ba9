#![no_main]
//! The field parsers: amounts, dates, periods, personal numbers.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = medlofte::amount::Amount::parse(data, true) {
        let again = medlofte::amount::Amount::parse(a.to_string().as_bytes(), false);
        assert_eq!(again, Ok(a));
    }
    let _ = medlofte::ledger::parse_date(data);
    if let Some(r) = medlofte::privacy::personal_number(data) {
        assert!(r.end <= data.len());
    }
    let _ = medlofte::period::Period::parse(&String::from_utf8_lossy(data));
    let _ = medlofte::ledger::Layout::sniff(data);
});
