use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Outcome, Result};
use clap::CommandFactory;

/// Shell completions, generated from the command-line definition.
pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "medlofte", &mut script);
    super::out(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Success)
}

/// The manual page, generated from the command-line definition.
pub fn man() -> Result<Outcome> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|source| Error::Io {
            path: "the manual page".into(),
            source,
        })?;
    super::out(&String::from_utf8_lossy(&page))?;
    Ok(Outcome::Success)
}
