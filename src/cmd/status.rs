use crate::cli::StatusArgs;
use crate::compliance;
use crate::error::{Outcome, Result};
use crate::project::{Need, Project};
use crate::render::Shown;

pub fn run(project: &Project, args: &StatusArgs) -> Result<Outcome> {
    let only = project.promise_indices(&args.view.promises)?;
    let ledger = super::read_ledger(project, Need::Figures)?;
    let standings = compliance::status(&project.agreement, &ledger.sums, args.view.as_of, &only);
    super::show(
        project,
        &args.view,
        args.format.into(),
        Shown::Status(&standings),
    )
}
