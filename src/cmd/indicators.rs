use crate::cli::IndicatorsArgs;
use crate::compliance;
use crate::error::{Outcome, Result};
use crate::project::Project;
use crate::render;

/// Each indicator's value per period of the term up to as-of, with its verdict.
/// A broken line of an indicator file is refused (exit 2), as a ledger line is.
pub fn run(project: &Project, args: &IndicatorsArgs) -> Result<Outcome> {
    let values = project.read_indicators_strict()?;
    let rows = compliance::indicator_rows(&project.agreement, &values.values, args.as_of);
    super::heading(project, args.format, args.as_of)?;
    super::out(&render::indicators::render(
        &project.agreement,
        &rows,
        args.format,
        project.lang,
        super::screen(project),
    ))?;
    Ok(Outcome::Success)
}
