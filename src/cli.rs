//! The command line: every subcommand, its options and its help text.

use crate::render::{ReportFormat, Rows, StatusFormat};
use chrono::{Datelike, Days, NaiveDate};
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;
use std::path::PathBuf;

/// Keep medborgarlöften honest: record what was done, see which promises are on
/// track, and hand over a follow-up.
#[derive(Debug, Parser)]
#[command(name = "medlofte", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  medlofte log narvaro --note \"Torget\"\n  medlofte status\n  medlofte report --format csv --as-of 2019-12-31\n  medlofte check"
)]
pub struct Cli {
    /// Project folder holding promises.toml and ledger/ [env: MEDLOFTE_DIR] [default:
    /// the current folder, or the nearest one above it with a promises.toml]; for
    /// `man`, the folder to write the pages to
    // MEDLOFTE_DIR is read in `config`, not here, so that `man --dir` is only ever
    // what was typed: a project folder from the environment must not receive pages.
    #[arg(short = 'C', long = "dir", global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Language of tables and words for people [default: promises.toml's `lang`, else en]
    #[arg(
        long,
        global = true,
        env = "MEDLOFTE_LANG",
        value_enum,
        value_name = "LANG"
    )]
    pub lang: Option<crate::i18n::Lang>,

    /// Colour: on a terminal unless NO_COLOR is set (auto), always, or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Log(LogArgs),
    Status(StatusArgs),
    Report(ReportArgs),
    Check(CheckArgs),
    Calendar(CalendarArgs),
    Promises(PromisesArgs),
    Indicators(IndicatorsArgs),
    Init(InitArgs),
    Undo(UndoArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
}

/// Record an activity: one line per promise in ledger/<year>.csv.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte log narvaro --note \"Torget, kväll\"\n  medlofte log insatser --date yesterday --count 2 --by polisen\n  medlofte log fotpatrull --place Råslätt --date 2022-03-01"
)]
pub struct LogArgs {
    /// The promise(s) the activity counts for (ids from promises.toml)
    #[arg(required = true, value_name = "PROMISE", add = ArgValueCandidates::new(crate::complete::ids))]
    pub promises: Vec<String>,

    /// Day of the activity: YYYY-MM-DD, today, yesterday, idag, igår, i förrgår, or a
    /// weekday (monday, måndag, mon, mån: the latest one, today included)
    #[arg(long, default_value = "today", value_parser = parse_day, value_name = "DATE")]
    pub date: NaiveDate,

    /// How many activities, or the amount for a promise with a unit (e.g. 1.5)
    #[arg(long, value_name = "N")]
    pub count: Option<String>,

    /// The party that did it (one of `parties` in promises.toml)
    #[arg(long, value_name = "PARTY", add = ArgValueCandidates::new(crate::complete::parties))]
    pub by: Option<String>,

    /// Free text: where, what. Never names of people.
    // A note may start with a dash ("- kort besök"); it is still the value.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,

    /// The place, for a promise kept per place (`each`)
    #[arg(long, value_name = "PLACE", add = ArgValueCandidates::new(crate::complete::places))]
    pub place: Option<String>,
}

/// Show each promise's current window: done, required, left, and status.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte status\n  medlofte status --as-of 2019-06-30 --promise narvaro\n  medlofte status --format json --fail-on behind"
)]
pub struct StatusArgs {
    #[command(flatten)]
    pub view: View,

    /// Output format
    #[arg(long, default_value = "table", value_parser = NoHtml::<StatusFormat>::default())]
    pub format: StatusFormat,
}

/// Compliance per promise and period, for people and for scripts.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte report\n  medlofte report --from 2019-07-01 --to 2019-12-31 --promise insatser\n  medlofte report --format csv --as-of 2019-12-31 > uppfoljning.csv"
)]
pub struct ReportArgs {
    #[command(flatten)]
    pub view: View,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Show windows that end on or after this day, written as for --as-of [default:
    /// the term's start]
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub from: Option<NaiveDate>,

    /// Show windows that start on or before this day, written as for --as-of
    /// [default: as-of]
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub to: Option<NaiveDate>,

    /// With --format html or markdown: the activities' notes, grouped by promise
    #[arg(long)]
    pub notes: bool,
}

/// Validate promises.toml and every ledger line; silent when all is well.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte check\n  medlofte -C ~/medlofte/haparanda check && git push"
)]
pub struct CheckArgs {}

/// A year at a glance: one line per promise, one cell per window.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte calendar\n  medlofte calendar --year 2019 --as-of 2019-10-15\n  medlofte calendar --promise narvaro --lang en"
)]
pub struct CalendarArgs {
    /// The year to show [default: the as-of day's year]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,

    /// Only this promise (repeatable)
    #[arg(long = "promise", value_name = "ID")]
    pub promises: Vec<String>,

    /// Compute as of this day: YYYY-MM-DD, today, yesterday, idag, igår, i förrgår, or
    /// a weekday (monday, måndag, mon, mån: the latest one, today included)
    #[arg(long, default_value = "today", value_parser = parse_day, value_name = "DATE")]
    pub as_of: NaiveDate,
}

/// Each promise with its rule in words, its term and who is responsible.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  medlofte promises\n  medlofte promises --lang en")]
pub struct PromisesArgs {}

/// Each indicator's value per period, against its baseline and target.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte indicators\n  medlofte indicators --as-of 2019-12-31 --format csv\n  medlofte indicators --lang en --format markdown"
)]
pub struct IndicatorsArgs {
    /// Show the periods that start on or before this day: YYYY-MM-DD, today or yesterday
    #[arg(long, default_value = "today", value_parser = parse_day, value_name = "DATE")]
    pub as_of: NaiveDate,

    /// Output format
    #[arg(long, default_value = "table", value_parser = NoHtml::<Rows>::default())]
    pub format: Rows,
}

/// Start a project: a commented promises.toml, an empty ledger/, and git settings.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte init haparanda\n  cd haparanda && git init && medlofte check"
)]
pub struct InitArgs {
    /// The folder to create the project in [default: the current folder, or -C]
    #[arg(value_name = "DIR")]
    pub path: Option<PathBuf>,
}

/// Remove the line `log` appended last, if it is still the last line of its file.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte undo\n  medlofte undo --yes    # in a script: do not ask"
)]
pub struct UndoArgs {
    /// Remove without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Print a shell completion script.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte completions bash > ~/.local/share/bash-completion/completions/medlofte\n  medlofte completions zsh > ~/.zfunc/_medlofte\n  medlofte completions fish > ~/.config/fish/completions/medlofte.fish"
)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Print the manual page (roff), or with --dir write every page to a folder:
/// medlofte(1), one medlofte-<command>(1) per command and medlofte-promises(5)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  medlofte man | man -l -\n  mkdir -p ~/.local/share/man/man1 ~/.local/share/man/man5\n  medlofte man --dir ~/.local/share/man   # pages go to man1/ and man5/; then: man medlofte-log"
)]
pub struct ManArgs {}

/// Options shared by status and report.
#[derive(Debug, Args)]
pub struct View {
    /// Compute as of this day (it counts as elapsed): YYYY-MM-DD, today, yesterday,
    /// idag, igår, i förrgår, or a weekday (monday, måndag, mon, mån: the latest one,
    /// today included)
    #[arg(long, default_value = "today", value_parser = parse_day, value_name = "DATE")]
    pub as_of: NaiveDate,

    /// Only this promise (repeatable)
    #[arg(long = "promise", value_name = "ID")]
    pub promises: Vec<String>,

    /// Exit 1 when a shown window is missed (missed, late, overdue), or also behind
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<FailOn>,
}

/// `--format` of `status` and `indicators`: the formats of `T`, and for `html` the
/// command that makes it instead of a bare "invalid value".
#[derive(Clone)]
struct NoHtml<T>(std::marker::PhantomData<T>);

impl<T> Default for NoHtml<T> {
    fn default() -> Self {
        NoHtml(std::marker::PhantomData)
    }
}

impl<T: ValueEnum + Clone + Send + Sync + 'static> clap::builder::TypedValueParser for NoHtml<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        if value == "html" {
            let message = "--format html is the follow-up: use it with `medlofte report`\n";
            return Err(clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                message,
            ));
        }
        clap::builder::EnumValueParser::<T>::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            T::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Missed,
    Behind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The local calendar's today, read once per run; `MEDLOFTE_TODAY` (YYYY-MM-DD)
/// fixes it, so that tests of "today" and "yesterday" do not depend on the clock.
pub fn today() -> NaiveDate {
    static TODAY: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| {
        fixed_today()
            .ok()
            .flatten()
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    })
}

/// The day `MEDLOFTE_TODAY` fixes (`None` when unset or empty), or what is wrong
/// with it: `main` refuses to run on a clock it cannot read rather than fall
/// back to the real one in silence.
pub fn fixed_today() -> Result<Option<NaiveDate>, String> {
    let text = match std::env::var("MEDLOFTE_TODAY") {
        Err(std::env::VarError::NotPresent) => return Ok(None),
        Ok(t) if t.is_empty() => return Ok(None),
        Ok(t) => t,
        Err(std::env::VarError::NotUnicode(t)) => t.to_string_lossy().into_owned(),
    };
    match crate::ledger::parse_date(text.as_bytes()) {
        Ok(day) => Ok(Some(day)),
        Err(_) => Err(format!(
            "MEDLOFTE_TODAY is \"{text}\", not a day — set it as YYYY-MM-DD (e.g. 2019-03-14), or unset it to use today's date"
        )),
    }
}

/// A day as the user may write it, counted from the run's one today.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    day_from(today(), text)
}

/// `YYYY-MM-DD`; `today`, `yesterday`, `idag`, `igår`, `i förrgår` (any case); or a
/// weekday (`monday`, `måndag`, `mon`, `mån`): the latest such day, today included,
/// since a day not yet come has nothing to log. `3/4/2026` is refused: 3 April or
/// March 4 would be a guess.
pub fn day_from(today: NaiveDate, text: &str) -> Result<NaiveDate, String> {
    let back = crate::words::days_ago(text).or_else(|| {
        let day = crate::words::weekday(text)?;
        Some((today.weekday().num_days_from_monday() as usize + 7 - day) as u64 % 7)
    });
    if let Some(n) = back {
        return today
            .checked_sub_days(Days::new(n))
            .ok_or_else(|| "that day is before the calendar begins".to_string());
    }
    let how = "write YYYY-MM-DD, today or yesterday (idag, igår, i förrgår), or a weekday such as monday or måndag";
    let text = text.trim();
    crate::ledger::parse_date(text.as_bytes()).map_err(|why| {
        use crate::words::{DAY_WORDS, VECKODAGSNAMN, WEEKDAY_NAMES};
        let words = DAY_WORDS.iter().chain(&WEEKDAY_NAMES).chain(&VECKODAGSNAMN);
        let why = match crate::error::did_you_mean(text, words.copied()) {
            // `igar`, `lordag`; a date with a digit in it is a date, not a word.
            Some(w) if !text.bytes().any(|b| b.is_ascii_digit()) => {
                format!("\"{text}\" is not a day: did you mean \"{w}\"?")
            }
            _ => why,
        };
        format!("{why}; {how}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn days_in_words_count_back_from_today() {
        // A Wednesday.
        let today = NaiveDate::from_ymd_opt(2026, 4, 8).unwrap();
        let day = |text| day_from(today, text).map(|d| d.to_string());
        for (text, expected) in [
            ("2026-01-31", "2026-01-31"),
            ("today", "2026-04-08"),
            ("Idag", "2026-04-08"),
            ("i dag", "2026-04-08"),
            ("yesterday", "2026-04-07"),
            ("IGÅR", "2026-04-07"),
            ("i förrgår", "2026-04-06"),
            ("i fo\u{308}rrgår", "2026-04-06"),
            ("onsdag", "2026-04-08"),
            ("wednesday", "2026-04-08"),
            ("tisdag", "2026-04-07"),
            ("mån", "2026-04-06"),
            ("Monday", "2026-04-06"),
            ("torsdag", "2026-04-02"),
            ("lör", "2026-04-04"),
            ("sun", "2026-04-05"),
        ] {
            assert_eq!(day(text).as_deref(), Ok(expected), "{text}");
        }
        let refused = |text| day(text).unwrap_err();
        assert!(refused("3/4/2026").contains("(is it 2026-04-03 or 2026-03-04?)"));
        assert!(refused("igar").contains("did you mean \"igår\"?"));
        assert!(refused("lordag").contains("did you mean \"lördag\"?"));
        assert!(refused("imorgon").contains("YYYY-MM-DD, today or yesterday"));
        let first = NaiveDate::MIN;
        assert!(day_from(first, "igår").is_err());
    }
}
