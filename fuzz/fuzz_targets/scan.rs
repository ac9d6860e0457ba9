#![no_main]
//! The scanner's fast path against its exact state machine: any bytes, either
//! delimiter, with or without the ledger's shape, reads of any size. The first
//! byte chooses; the rest is the file.

use libfuzzer_sys::fuzz_target;
use medlofte::ledger::scan::{Shape, first_difference};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let delimiter = if choice & 1 == 0 { b',' } else { b';' };
    let shape = (choice & 2 != 0).then_some(Shape {
        columns: 6,
        date: 0,
        promise: 1,
    });
    let step = match choice >> 2 {
        0 => usize::MAX,
        s => usize::from(s),
    };
    if let Some(diff) = first_difference(bytes, delimiter, shape, step) {
        panic!("the fast path and the state machine differ:\n{diff}");
    }
});
