use crate::cli::PromisesArgs;
use crate::error::{Outcome, Result};
use crate::project::Project;
use crate::render;

/// Each promise with its rule in words, its term and who is responsible.
pub fn run(project: &Project, _args: &PromisesArgs) -> Result<Outcome> {
    super::out(&render::promises::describe(
        &project.agreement,
        project.lang,
    ))?;
    Ok(Outcome::Success)
}
