use crate::cli::ReportArgs;
use crate::compliance;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::render::Shown;

pub fn run(project: &Project, args: &ReportArgs) -> Result<u8> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(Error::Usage(format!(
            "--from {from} is after --to {to} — swap them"
        )));
    }
    let only = project.promise_indices(&args.view.promises)?;
    let ledger = project.read_ledger_strict()?;
    let rows = compliance::report(
        &project.agreement,
        &ledger.sums,
        args.view.as_of,
        args.from,
        args.to,
        &only,
    );
    super::show(project, &args.view, Shown::Report(&rows))
}
