//! medlofte: keep medborgarlöften honest.
//!
//! Data flows one way: files (`promises`, `ledger`) → model → `tally` (per-day sums)
//! → `compliance` (rows with a status) → `render`. Each subcommand in `cmd` is a
//! thin file on top.

pub mod amount;
pub mod cache;
pub mod cli;
pub mod cmd;
pub mod complete;
pub mod compliance;
pub mod config;
pub mod encoding;
pub mod error;
pub mod files;
pub mod i18n;
pub mod indicators;
pub mod lang;
pub mod ledger;
pub mod model;
pub mod narrative;
pub mod period;
pub mod privacy;
pub mod project;
pub mod promises;
pub mod render;
pub mod tally;
pub mod words;

use cli::{Cli, Command};
use error::{Outcome, Result};
use project::Project;

/// Runs one command to its outcome: one arm per subcommand.
pub fn run(cli: &Cli, config: &config::Config) -> Result<Outcome> {
    let open = || Project::open(config);
    match &cli.command {
        Command::Log(args) => cmd::log::run(&open()?, args),
        Command::Status(args) => cmd::status::run(&open()?, args),
        Command::Report(args) => cmd::report::run(&open()?, args),
        Command::Check(args) => cmd::check::run(config, args),
        Command::Calendar(args) => cmd::calendar::run(&open()?, args),
        Command::Promises(args) => cmd::promises::run(&open()?, args),
        Command::Indicators(args) => cmd::indicators::run(&open()?, args),
        Command::Undo(args) => cmd::undo::run(&open()?, args),
        Command::Init(args) => cmd::init::run(config, args),
        Command::Completions(args) => cmd::completions::run(args),
        Command::Man(_) => cmd::man::run(cli.dir.as_deref()),
    }
}
