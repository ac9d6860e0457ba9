//! One thin file per subcommand, on top of the library.

pub mod calendar;
pub mod check;
pub mod completions;
pub mod indicators;
pub mod init;
pub mod log;
pub mod man;
pub mod promises;
pub mod report;
pub mod status;
pub mod undo;

use crate::cli::{FailOn, View};
use crate::compliance::Status;
use crate::error::{Error, Outcome, Result};
use crate::project::{Need, Project};
use crate::render::Rows;
use crate::render::{self, Shown};
use std::io::Write;

/// Exit 1 when `--fail-on` asks for it and a shown row qualifies.
pub fn fail_code(view: &View, statuses: impl IntoIterator<Item = Status>) -> Outcome {
    let failing = |s: Status| match view.fail_on {
        Some(FailOn::Missed) => s.is_missed(),
        Some(FailOn::Behind) => s.is_behind_or_worse(),
        None => false,
    };
    Outcome::failing_if(statuses.into_iter().any(failing))
}

/// The ledger for a command that shows figures: refused when a line is broken,
/// with a word on standard error when there is nothing in it yet.
pub fn read_ledger(project: &Project, need: Need<'_>) -> Result<crate::project::Ledger> {
    let ledger = project.read_ledger_strict(need)?;
    if ledger.files == 0 {
        err(&format!(
            "note: no activities: {} holds no .csv files yet (medlofte log creates them)",
            crate::privacy::path_for_display(&project.ledger_dir())
        ));
    }
    Ok(ledger)
}

/// Writes a line to standard error; a closed standard error is no reason to stop
/// (or to panic, as `eprintln!` would).
pub fn err(text: &str) {
    // Whatever a message quotes, no personal number leaves through it.
    let text = crate::privacy::mask_all(text);
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Writes to standard output piece by piece (a follow-up with every note is
/// written as it is rendered), with `out`'s handling of a reader that went away.
pub fn out_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::BrokenPipe),
        Err(source) => Err(Error::Io {
            path: "standard output".into(),
            source,
        }),
    }
}

/// Writes to standard output. A reader that went away (`| head`) ends the command
/// quietly instead of in a panic.
pub fn out(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::BrokenPipe),
        Err(source) => Err(Error::Io {
            path: "standard output".into(),
            source,
        }),
    }
}

/// Prints what a command shows in the chosen format; a table gets the agreement's
/// title and the as-of day above it. The exit code `--fail-on` asks for.
pub fn show(project: &Project, view: &View, form: Rows, shown: Shown<'_>) -> Result<Outcome> {
    heading(project, form, view.as_of)?;
    out(&render::render(shown, form, project.lang, screen(project)))?;
    Ok(fail_code(view, shown.statuses()))
}

/// Where tables go: colour and width, as the run decided them.
pub fn screen(project: &Project) -> render::table::Screen {
    render::table::Screen {
        color: project.config.color_out,
        width: project.config.width,
    }
}

/// Above a table: the agreement's title and the as-of day.
pub fn heading(project: &Project, form: Rows, as_of: chrono::NaiveDate) -> Result<()> {
    if form != Rows::Table {
        return Ok(());
    }
    let as_of_word = project.lang.words().as_of;
    let tail = format!(", {as_of_word} {as_of}");
    let room = project
        .config
        .width
        .map(|w| w.saturating_sub(tail.chars().count()));
    let title = render::table::ellipsis(&project.agreement.title, room);
    out(&format!("{title}{tail}\n\n"))
}
