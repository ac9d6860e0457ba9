use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Outcome, Result};
use clap::CommandFactory;

/// Shell completions, generated from the command-line definition.
pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "medlofte", &mut script);
    super::out(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Success)
}
