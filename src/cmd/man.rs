//! Manual pages, generated from the command-line definition: medlofte(1) with the
//! sections a tool's page is expected to have, one page per command, and
//! medlofte-promises(5) for the file format.

use crate::cli::Cli;
use crate::error::{Error, Outcome, Result};
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::path::Path;

/// `medlofte man`: the main page on standard output; with `--dir`, every page
/// written under it (`man1/`, `man5/`), as `man` finds them in a MANPATH folder.
pub fn run(dir: Option<&Path>) -> Result<Outcome> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = dir else {
        super::out(&main_page(&cmd).map_err(|e| io("the manual page", e))?)?;
        return Ok(Outcome::Success);
    };
    let mut pages = vec![(Path::new("man1").join("medlofte.1"), main_page(&cmd))];
    for sub in cmd.get_subcommands() {
        let name = format!("medlofte-{}", sub.get_name());
        let man = Man::new(sub.clone().display_name(&name));
        let mut page = Vec::new();
        let rendered = man
            .render(&mut page)
            .map(|()| see_also(page, &["medlofte(1)"]));
        pages.push((Path::new("man1").join(format!("{name}.1")), rendered));
    }
    pages.push((
        Path::new("man5").join("medlofte-promises.5"),
        Ok(promises_page()),
    ));
    for (rel, page) in pages {
        let path = dir.join(&rel);
        let page = page.map_err(|e| io("a manual page", e))?;
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, page));
        written.map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        super::out(&format!("{}\n", crate::privacy::path_for_display(&path)))?;
    }
    Ok(Outcome::Success)
}

fn io(what: &str, source: std::io::Error) -> Error {
    Error::Io {
        path: what.into(),
        source,
    }
}

/// medlofte(1): clap's sections, then exit status, environment and files.
fn main_page(cmd: &clap::Command) -> std::io::Result<String> {
    let mut page = Vec::new();
    Man::new(cmd.clone()).render(&mut page)?;
    let mut roff = Roff::new();
    section(&mut roff, "EXIT STATUS");
    item(&mut roff, "0", "Success.");
    item(
        &mut roff,
        "1",
        "Only when asked: --fail-on missed|behind on status and report found such a window, or check found an error.",
    );
    item(
        &mut roff,
        "2",
        "Bad usage or bad input (promises.toml, the ledger, followup.md), with a message naming the file, line and column.",
    );
    environment(&mut roff);
    section(&mut roff, "FILES");
    item(
        &mut roff,
        "promises.toml",
        "The promises and their rules; see medlofte-promises(5). Looked for in the current folder and the folders above it.",
    );
    item(
        &mut roff,
        "ledger/*.csv",
        "Activities, one CSV line each: date, promise, count, by, note, place (Swedish headers too). log appends to ledger/<year>.csv.",
    );
    item(
        &mut roff,
        "followup.md",
        "The keepers' own words for the written follow-up: an introduction and a section \"## <promise id>\" per promise.",
    );
    item(
        &mut roff,
        "indicators/*.csv",
        "Outcome statistics copied in from elsewhere: period,indicator,value,source.",
    );
    item(
        &mut roff,
        ".medlofte/",
        "log's note of the lines it appended last, for undo; cache/ keeps each ledger file's sums and dates, trusted only while the file's device, inode, size, mtime and ctime are those it was made for. Deleting it is always safe.",
    );
    let mut text = String::from_utf8_lossy(&page).into_owned();
    text.push_str(&roff.render());
    Ok(see_also_text(text, &subcommand_pages(cmd)))
}

/// The variables medlofte reads, for the main page.
fn environment(roff: &mut Roff) {
    section(roff, "ENVIRONMENT");
    item(
        roff,
        "MEDLOFTE_DIR",
        "The project folder, when -C/--dir is not given.",
    );
    item(
        roff,
        "MEDLOFTE_LANG",
        "sv or en: the language of tables and words for people.",
    );
    item(
        roff,
        "MEDLOFTE_TODAY",
        "YYYY-MM-DD: what today is for this run (tests, replaying a day).",
    );
    item(
        roff,
        "MEDLOFTE_THREADS",
        "Threads for reading the ledger (default: the cores).",
    );
    item(
        roff,
        "MEDLOFTE_NO_CACHE",
        "When set and not empty, ledger sums are neither read from nor kept in .medlofte/cache/: every file is read.",
    );
    item(
        roff,
        "NO_COLOR",
        "When set and not empty, no colour (unless --color always).",
    );
    item(
        roff,
        "COLUMNS",
        "The terminal's width, when it cannot be asked.",
    );
}

fn subcommand_pages(cmd: &clap::Command) -> Vec<String> {
    cmd.get_subcommands()
        .map(|s| format!("medlofte-{}(1)", s.get_name()))
        .chain(["medlofte-promises(5)".to_string()])
        .collect()
}

fn see_also(page: Vec<u8>, pages: &[&str]) -> String {
    let pages: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
    see_also_text(String::from_utf8_lossy(&page).into_owned(), &pages)
}

fn see_also_text(mut text: String, pages: &[String]) -> String {
    let mut roff = Roff::new();
    section(&mut roff, "SEE ALSO");
    roff.text([roman(pages.join(", "))]);
    text.push_str(&roff.render());
    text
}

fn section(roff: &mut Roff, title: &str) {
    roff.control("SH", [title]);
}

/// A tagged paragraph: the term in bold, then what it means.
fn item(roff: &mut Roff, term: &str, text: &str) {
    roff.control("TP", [])
        .text([bold(term)])
        .text([roman(text)]);
}

/// medlofte-promises(5): the format of promises.toml, in brief.
fn promises_page() -> String {
    let mut roff = Roff::new();
    roff.control(
        "TH",
        ["MEDLOFTE-PROMISES", "5", "", "medlofte", "File formats"],
    );
    section(&mut roff, "NAME");
    roff.text([roman("promises.toml - the promises medlofte keeps")]);
    section(&mut roff, "SYNOPSIS");
    roff.text([
        roman("A TOML file in the project folder: the agreement's keys, then one "),
        bold("[[promise]]"),
        roman(" section per promise."),
    ]);
    section(&mut roff, "DESCRIPTION");
    roff.text([roman("Unknown keys are errors, so that a typo never turns a promise into one that is only tracked. "), bold("medlofte check"), roman(" names every problem with line and column.")]);
    section(&mut roff, "THE AGREEMENT");
    for (key, text) in AGREEMENT_KEYS {
        item(&mut roff, key, text);
    }
    section(&mut roff, "A PROMISE");
    for (key, text) in PROMISE_KEYS {
        item(&mut roff, key, text);
    }
    section(&mut roff, "EVENTS AND INDICATORS");
    item(
        &mut roff,
        "[[event]]",
        "id and title only: something promises answer (a request, a fault report). Logged like an activity.",
    );
    item(
        &mut roff,
        "[[indicator]]",
        "id, title, per, better = lower|higher, and optional unit, baseline, target: outcome statistics, values in indicators/*.csv. They never change a promise's status.",
    );
    section(&mut roff, "EXAMPLE");
    roff.control("nf", []);
    for line in EXAMPLE.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    section(&mut roff, "SEE ALSO");
    roff.text([roman(
        "medlofte(1), medlofte-check(1), medlofte-promises(1)",
    )]);
    roff.render()
}

const AGREEMENT_KEYS: [(&str, &str); 5] = [
    ("title", "The agreement's name, shown on every report."),
    (
        "start",
        "The first day of its term (required), e.g. 2019-01-01.",
    ),
    ("end", "Its last day; open-ended when absent."),
    (
        "parties",
        "The parties that keep the promises; `by` and `responsible` must name them.",
    ),
    (
        "lang",
        "sv or en: the language of tables and the follow-up.",
    ),
];

const PROMISE_KEYS: [(&str, &str); 16] = [
    (
        "id",
        "a-z, 0-9 and -, unique: what log and the ledger name.",
    ),
    ("title", "The promise in the agreement's own words."),
    ("responsible", "Who keeps it: parties."),
    (
        "min, per",
        "At least min per period: day, week, month, quarter, tertial, half-year, year, term, or \"N days\", \"N weeks\", \"N months\" (Swedish words too).",
    ),
    ("over", "With min/per: on average over these periods."),
    ("due", "A deadline: done once, on or before this date."),
    (
        "start, end",
        "The promise's own term, inside the agreement's.",
    ),
    (
        "unit",
        "count is an amount in this unit (decimals allowed).",
    ),
    ("part_of", "Its activities count for this promise too."),
    (
        "percent",
        "With part_of: a share of what the parent has done.",
    ),
    (
        "each",
        "The rule holds for each place on its own; lines name it in `place`. An item may be { item, start, end }.",
    ),
    (
        "on, months, dates, except",
        "Only these weekdays, months or days count; never the except days.",
    ),
    (
        "distinct",
        "place or by: done is the number of different places or parties.",
    ),
    (
        "after",
        "Only activities from the day that promise was completed count.",
    ),
    (
        "per_event, within",
        "One answer per event of that id, within \"N days\".",
    ),
    ("note", "Free text for the keepers; ignored."),
];

const EXAMPLE: &str = "title = \"Haparanda – medborgarlöften\"
start = 2019-01-01
end = 2019-12-31
parties = [\"polisen\", \"kommunen\"]

[[promise]]
id = \"narvaro\"
title = \"Polisen finns på publika platser minst en gång i veckan\"
min = 1
per = \"week\"";
