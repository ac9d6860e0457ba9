use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Result};
use clap::CommandFactory;

/// Shell completions, generated from the command-line definition.
pub fn run(args: &CompletionsArgs) -> Result<u8> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "medlofte", &mut script);
    super::out(&String::from_utf8_lossy(&script))?;
    Ok(0)
}

/// The manual page, generated from the command-line definition.
pub fn man() -> Result<u8> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::Usage(format!("cannot write the manual page: {e}")))?;
    super::out(&String::from_utf8_lossy(&page))?;
    Ok(0)
}
