//! End to end: the real binary on temp folders, one test crate for all of it.

mod broken_inputs;
mod cache;
mod calendar_rules;
mod cli;
mod common;
mod concurrency;
mod daily;
mod event_rules;
mod followup;
mod hostile;
mod indicators;
mod oracle;
mod oracle_shapes;
mod privacy;
mod properties;
mod reader_properties;
mod real_promises;
mod shapes;
mod snapshots;
mod spec_examples;
mod spreadsheet;
mod swedish;
mod writers;
