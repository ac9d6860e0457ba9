//! medlofte: keep medborgarlöften honest.
//!
//! Data flows one way: files (`promises`, `ledger`) → model → `tally` (per-day sums)
//! → `compliance` (rows with a status) → `render`. Each subcommand in `cmd` is a
//! thin file on top.

pub mod amount;
pub mod cli;
pub mod cmd;
pub mod compliance;
pub mod config;
pub mod encoding;
pub mod error;
pub mod i18n;
pub mod lang;
pub mod ledger;
pub mod model;
pub mod period;
pub mod privacy;
pub mod project;
pub mod promises;
pub mod render;
pub mod tally;

use cli::{Cli, Command};
use error::{Error, Outcome, Result};
use project::Project;

/// Runs one command; the exit code on success (0, or 1 when asked to fail).
pub fn run(cli: &Cli, config: &config::Config) -> Result<Outcome> {
    // Commands that need no project.
    match &cli.command {
        Command::Init(args) => return cmd::init::run(config, args),
        Command::Completions(args) => return cmd::completions::run(args),
        Command::Man(_) => return cmd::completions::man(),
        _ => {}
    }
    let opened = Project::open(config);
    let project = match (&cli.command, opened) {
        // check reports a broken promises.toml as a finding: exit 1, not 2. A
        // missing one means there is no project to check: exit 2.
        (Command::Check(_), Err(Error::Input(diagnostics)))
            if Project::promises_path(config.dir.as_deref()).is_file() =>
        {
            let color = config.color_err;
            for d in &diagnostics {
                cmd::err(&format!("{}\n", d.render(color)));
            }
            return Ok(Outcome::AskedToFail);
        }
        (_, opened) => opened?,
    };
    match &cli.command {
        Command::Log(args) => cmd::log::run(&project, args),
        Command::Status(args) => cmd::status::run(&project, args),
        Command::Report(args) => cmd::report::run(&project, args),
        Command::Check(args) => cmd::check::run(&project, args),
        Command::Calendar(args) => cmd::calendar::run(&project, args),
        Command::Promises(args) => cmd::promises::run(&project, args),
        Command::Undo(args) => cmd::undo::run(&project, args),
        Command::Init(_) | Command::Completions(_) | Command::Man(_) => Ok(Outcome::Success),
    }
}
