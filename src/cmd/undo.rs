use crate::cli::UndoArgs;
use crate::error::{Error, Outcome, Result};
use crate::ledger;
use crate::project::Project;
use std::io::BufRead;

/// Shows the line `log` appended last and removes exactly that line, if it is still
/// the last line of its file. Nothing else in the ledger is ever touched.
pub fn run(project: &Project, args: &UndoArgs) -> Result<Outcome> {
    let Some((path, line)) = project.last_append()? else {
        return Err(Error::Usage(
            "nothing to undo: no line logged from this project since the last undo".to_string(),
        ));
    };
    let (ask, removed, kept) = project.lang.undo_words();
    super::out(&format!(
        "{}: {}\n",
        crate::privacy::path_for_display(&path),
        crate::privacy::for_display(&line.text)
    ))?;
    if !args.yes {
        if !project.config.interactive {
            return Err(Error::Usage(
                "not removed — run `medlofte undo --yes` to remove it without asking".to_string(),
            ));
        }
        super::out(ask)?;
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(
            answer.trim().to_lowercase().as_str(),
            "y" | "yes" | "j" | "ja"
        ) {
            super::out(&format!("{kept}\n"))?;
            return Ok(Outcome::Success);
        }
    }
    if !ledger::remove_last(&path, &line)? {
        return Err(Error::file(
            &path,
            "the line `log` appended is no longer the last line of the file",
            "something was added or changed after it; nothing was removed — edit the file by hand if it must go",
        ));
    }
    project.forget_append();
    super::out(&format!("{removed}\n"))?;
    Ok(Outcome::Success)
}
