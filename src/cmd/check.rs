use crate::cli::CheckArgs;
use crate::config::Config;
use crate::error::{Error, Outcome, Result};
use crate::ledger::Scrutiny;
use crate::project::Project;

/// Silent with exit 0 when all is well; every problem at once otherwise, exit 1 on
/// any error. A broken promises.toml is a finding too (exit 1); a missing one means
/// there is no project to check (exit 2).
pub fn run(config: &Config, _args: &CheckArgs) -> Result<Outcome> {
    let project = match Project::open(config) {
        Err(Error::Input(diagnostics))
            if Project::promises_path(config.dir.as_deref()).is_file() =>
        {
            for d in &diagnostics {
                super::err(&format!("{}\n", d.render(config.color_err)));
            }
            return Ok(Outcome::AskedToFail);
        }
        opened => opened?,
    };
    let today = project.config.today;
    let mut ledger = project.read_ledger(Scrutiny::Everything {
        today,
        completed: &[],
    })?;
    // Lines waiting for a stage are known once its completion day is: read again.
    if project.agreement.promises.iter().any(|p| p.after.is_some()) {
        let completed = ledger.sums.completed().to_vec();
        ledger = project.read_ledger(Scrutiny::Everything {
            today,
            completed: &completed,
        })?;
    }
    let color = project.config.color_err;
    for path in &ledger.skipped {
        super::err(&format!(
            "note: skipped {}: an editor's or the system's leftover, not a ledger file\n",
            path.display()
        ));
    }
    for d in &ledger.diagnostics {
        super::err(&format!("{}\n", d.render(color)));
    }
    let (errors, warnings) = (ledger.errors, ledger.warnings);
    if errors + warnings > 0 {
        super::err(&format!(
            "{errors} error(s), {warnings} warning(s) in {} ledger file(s), {} line(s)",
            ledger.files, ledger.lines
        ));
    }
    Ok(Outcome::failing_if(errors > 0))
}
