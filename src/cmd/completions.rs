use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Outcome, Result};
use clap::CommandFactory;

/// The shell's completion script. It asks medlofte itself on every TAB (through
/// `COMPLETE=<shell>`), so it offers the ids, parties and places of the project
/// at hand, not those of the day the script was written.
pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    let name = args.shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let Some(shell) = shells.completer(&name) else {
        // Every shell clap_complete names has a dynamic completer; a future one may not.
        let mut script = Vec::new();
        clap_complete::generate(args.shell, &mut Cli::command(), "medlofte", &mut script);
        super::out(&String::from_utf8_lossy(&script))?;
        return Ok(Outcome::Success);
    };
    let mut script = Vec::new();
    shell
        .write_registration("COMPLETE", "medlofte", "medlofte", "medlofte", &mut script)
        .map_err(|source| Error::Io {
            path: "the completion script".into(),
            source,
        })?;
    super::out(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Success)
}
