use crate::cli::CheckArgs;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Outcome, Result};
use crate::ledger::Scrutiny;
use crate::project::{Ledger, Project};

/// Silent with exit 0 when all is well; every problem at once otherwise, exit 1 on
/// any error. A broken promises.toml is a finding too (exit 1); a missing one means
/// there is no project to check (exit 2).
pub fn run(config: &Config, _args: &CheckArgs) -> Result<Outcome> {
    let project = match Project::open(config) {
        Err(Error::Input(diagnostics))
            if Project::locate(config)
                .is_ok_and(|dir| Project::promises_path(Some(&dir)).is_file()) =>
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
    let indicators = project.read_indicators(Some(today))?;
    let color = project.config.color_err;
    for (path, kind) in ledger
        .skipped
        .iter()
        .map(|p| (p, "a ledger file"))
        .chain(indicators.skipped.iter().map(|p| (p, "an indicator file")))
    {
        super::err(&format!(
            "note: skipped {}: an editor's or the system's leftover, not {kind}\n",
            crate::privacy::path_for_display(path)
        ));
    }
    let look_alike = look_alike(&project, &ledger);
    let narrative = match project.narrative() {
        Err(Error::Input(diagnostics)) => diagnostics,
        other => other.map(|_| Vec::new())?,
    };
    let found = project.warnings.iter().chain(&narrative);
    let found = found.chain(&ledger.diagnostics).chain(&look_alike);
    for d in found.chain(&indicators.diagnostics) {
        super::err(&format!("{}\n", d.render(color)));
    }
    let narrative_errors = narrative.iter().filter(|d| d.is_error()).count() as u64;
    let errors = ledger.errors + indicators.errors + narrative_errors;
    let warnings =
        ledger.warnings + indicators.warnings + (project.warnings.len() + look_alike.len()) as u64;
    if errors + warnings > 0 {
        // Indicator files are named only where there are some: most projects have none.
        let values = match indicators.files {
            0 => String::new(),
            files => format!("; {files} indicator file(s), {} line(s)", indicators.lines),
        };
        super::err(&format!(
            "{errors} error(s), {warnings} warning(s) in promises.toml and {} ledger file(s), {} line(s){values}",
            ledger.files, ledger.lines
        ));
    }
    Ok(Outcome::failing_if(errors > 0))
}

/// Values of a `distinct` promise that differ only in case or spacing count apart,
/// as SPEC says; most likely one place written two ways.
fn look_alike(project: &Project, ledger: &Ledger) -> Vec<Diagnostic> {
    ledger
        .sums
        .look_alike()
        .iter()
        .map(|(p, values)| {
            let p = &project.agreement.promises[*p];
            let column = p.distinct.map_or("place", |d| d.column());
            let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
            Diagnostic::warning(
                &project.ledger_dir(),
                format!(
                    "\"{}\" counts {} as {} different values of `{column}`: they differ only in case or spacing",
                    p.id,
                    quoted.join(", "),
                    values.len()
                ),
                format!("if they are one {column}, write it the same way on every line"),
            )
        })
        .collect()
}
