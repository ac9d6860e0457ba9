#![no_main]
//! promises.toml reader: any text gives an agreement or located errors, never a panic.

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = medlofte::promises::parse(Path::new("p.toml"), &text) {
        assert!(e.to_string().contains("p.toml"));
    }
});
