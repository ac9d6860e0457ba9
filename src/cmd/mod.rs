//! One thin file per subcommand, on top of the library.

pub mod check;
pub mod log;
pub mod report;
pub mod status;

use crate::cli::{FailOn, Format, View};
use crate::compliance::Status;
use crate::project::Project;
use crate::render::{self, Shown};
use std::io::IsTerminal;

/// Colour only on a terminal, and never when `NO_COLOR` is set.
pub fn color_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn color_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Exit 1 when `--fail-on` asks for it and a shown row qualifies.
fn exit_code(view: &View, statuses: impl IntoIterator<Item = Status>) -> u8 {
    let failing = |s: Status| match view.fail_on {
        Some(FailOn::Missed) => s.is_missed(),
        Some(FailOn::Behind) => s.is_behind_or_worse(),
        None => false,
    };
    u8::from(statuses.into_iter().any(failing))
}

/// Prints what a command shows in the chosen format; a table gets the agreement's
/// title and the as-of day above it. The exit code `--fail-on` asks for.
pub fn show(project: &Project, view: &View, shown: Shown<'_>) -> u8 {
    let lang = project.lang;
    if view.format == Format::Table {
        println!(
            "{}, {} {}\n",
            project.agreement.title,
            lang.words().as_of,
            view.as_of
        );
    }
    print!(
        "{}",
        render::render(shown, view.format, lang, color_stdout())
    );
    exit_code(view, shown.statuses())
}
