//! Everything a command needs from its surroundings, decided once in `main` from
//! the arguments and the environment: no subcommand reads the environment or the
//! clock itself.

use crate::cli::{Cli, ColorChoice};
use crate::i18n::Lang;
use chrono::NaiveDate;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// `-C`/`--dir` or `MEDLOFTE_DIR`; the current folder when `None`.
    pub dir: Option<PathBuf>,
    /// `--lang` or `MEDLOFTE_LANG`; else promises.toml's `lang`.
    pub lang: Option<Lang>,
    /// Colour on standard output and standard error.
    pub color_out: bool,
    pub color_err: bool,
    /// The width tables and the calendar fit: `COLUMNS`, else the terminal's;
    /// `None` when output goes elsewhere (a pipe, a file), where nothing is cut.
    pub width: Option<usize>,
    /// Whether a person can answer a question (`undo` asks first).
    pub interactive: bool,
    /// The one clock of the run (`MEDLOFTE_TODAY` fixes it, for tests).
    pub today: NaiveDate,
    /// Threads for reading the ledger: `MEDLOFTE_THREADS`, else the cores.
    pub threads: usize,
    /// Whether `MEDLOFTE_THREADS` asked for that many, however small the ledger.
    pub threads_forced: bool,
    /// Whether ledger sums may be kept in and read from .medlofte/cache/; off when
    /// `MEDLOFTE_NO_CACHE` is set to anything but the empty string.
    pub cache: bool,
}

impl Config {
    pub fn new(cli: &Cli) -> Config {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = |terminal: bool| match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color,
        };
        Config {
            dir: cli.dir.clone().or_else(|| {
                std::env::var_os("MEDLOFTE_DIR")
                    .filter(|d| !d.is_empty())
                    .map(PathBuf::from)
            }),
            lang: cli.lang,
            color_out: color(std::io::stdout().is_terminal()),
            color_err: color(std::io::stderr().is_terminal()),
            width: std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|&c| c > 0)
                .or_else(|| {
                    std::io::stdout()
                        .is_terminal()
                        .then(|| comfy_table::Table::new().width().map(usize::from))
                        .flatten()
                }),
            interactive: std::io::stdin().is_terminal(),
            today: crate::cli::today(),
            threads: forced_threads()
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)),
            threads_forced: forced_threads().is_some(),
            cache: std::env::var_os("MEDLOFTE_NO_CACHE").is_none_or(|v| v.is_empty()),
        }
    }
}

fn forced_threads() -> Option<usize> {
    std::env::var("MEDLOFTE_THREADS")
        .ok()
        .and_then(|t| t.parse::<usize>().ok())
        .filter(|&t| t > 0)
}
