//! Promises tied to the calendar (SPEC, "The calendar"), end to end. Each figure is
//! worked out by hand in the comment above it.

use crate::common::{HEADER, Project};

fn project(keys: &str, ledger: &str) -> Project {
    let p = Project::new(&format!(
        "title = \"T\"\nstart = 2016-12-20\nend = 2016-12-31\n\n[[promise]]\nid = \"p\"\ntitle = \"P\"\n{keys}\n"
    ));
    p.ledger("2016.csv", &format!("{HEADER}{ledger}"));
    p
}

#[test]
fn a_daily_promise_has_a_window_per_day_labelled_by_its_date() {
    // Days 12-20..12-22 as of 12-22: the 20th done, the 21st missed, the 22nd
    // begun with nothing done: floor(1 × 1/1) = 1 > 0 → behind.
    let p = project("min = 1\nper = \"day\"", "2016-12-20,p,1,,\n");
    p.run(&["report", "--format", "csv", "--as-of", "2016-12-22"])
        .code(0)
        .stdout_is(
            "promise,period,start,end,required,done,status\n\
             p,2016-12-20,2016-12-20,2016-12-20,1,1,met\n\
             p,2016-12-21,2016-12-21,2016-12-21,1,0,missed\n\
             p,2016-12-22,2016-12-22,2016-12-22,1,0,behind\n",
        );
}

#[test]
fn groups_of_days_start_with_the_term_and_dates_pick_the_holidays() {
    // "vid högtider": only 12-24, 12-25, 12-26 and 12-31 count, in groups of 5
    // days from the term's start: 12-20..12-24 holds one of them (the 24th),
    // 12-25..12-29 two, 12-30..01-03 (cut by the term at 12-31, labelled as the
    // whole group, like `N weeks`) one. Each group holds every listed day of its
    // period, so each requires min = 1.
    let p = project(
        "min = 1\nper = \"5 days\"\ndates = [2016-12-24, 2016-12-25, 2016-12-26, 2016-12-31]",
        "2016-12-23,p,1,,not a holiday\n2016-12-26,p,1,,\n",
    );
    p.run(&["report", "--format", "csv", "--as-of", "2016-12-31"])
        .code(0)
        .stdout_is(
            "promise,period,start,end,required,done,status\n\
             p,2016-12-20..2016-12-24,2016-12-20,2016-12-24,1,0,missed\n\
             p,2016-12-25..2016-12-29,2016-12-25,2016-12-29,1,1,met\n\
             p,2016-12-30..2017-01-03,2016-12-30,2016-12-31,1,0,behind\n",
        );
}

#[test]
fn a_week_whose_only_filtered_day_is_excepted_has_no_window() {
    // "varje helgfri torsdag" in 2017-05: Thursdays 4, 11, 18, 25 (Ascension,
    // excepted). Weeks 18..21 as of 05-28: week 21 has no day of the promise and
    // no row; the others each require 1.
    let p = Project::new(
        "title = \"T\"\nstart = 2017-05-01\nend = 2017-05-28\n\n[[promise]]\nid = \"p\"\n\
         title = \"P\"\nmin = 1\nper = \"week\"\non = [\"thu\"]\nexcept = [2017-05-25]\n",
    );
    p.ledger(
        "2017.csv",
        &format!("{HEADER}2017-05-04,p,1,,\n2017-05-25,p,1,,excepted\n"),
    );
    let out = p
        .run(&["report", "--format", "csv", "--as-of", "2017-05-28"])
        .code(0);
    assert_eq!(out.csv_column(1), ["2017-W18", "2017-W19", "2017-W20"]);
    out.stdout_has("p,2017-W18,2017-05-01,2017-05-07,1,1,met");
}

#[test]
fn check_names_each_wrong_calendar_key() {
    for (keys, message, hint) in [
        (
            "min = 1\nper = \"week\"\non = [\"lördag\"]",
            "`on` has \"lördag\", not a weekday",
            "did you mean \"sat\"?",
        ),
        (
            "min = 1\nper = \"week\"\non = [\"satruday\"]",
            "not a weekday",
            "did you mean \"sat\"?",
        ),
        (
            "min = 1\nper = \"year\"\nmonths = [13]",
            "`months` holds months 1–12",
            "months = [6, 7, 8]",
        ),
        (
            "min = 1\nper = \"week\"\non = []",
            "`on` is empty",
            "on = [\"sat\", \"sun\"]",
        ),
        (
            "due = 2016-12-24\non = [\"sat\"]",
            "`on` cannot go with `due`",
            "remove `on` or `due`",
        ),
        (
            "min = 1\nper = \"1 days\"",
            "is not a period",
            "one day is written \"day\"",
        ),
        (
            "min = 1\nper = \"0 days\"",
            "is not a period",
            "the count must be 1 or more",
        ),
    ] {
        let p = project(keys, "");
        p.run(&["check"])
            .code(1)
            .stderr_has(message)
            .stderr_has(hint);
    }
    // Swedish weekday names are accepted as they are (SPEC, "Swedish input").
    project("min = 1\nper = \"week\"\non = [\"lör\", \"sön\"]", "")
        .run(&["check"])
        .code(0);
}

#[test]
fn check_warns_about_listed_days_outside_the_term_and_repeated_entries() {
    // A holiday of the wrong year and a doubled weekday change no figure, so they
    // are warnings (exit 0), each pointing at the entry.
    let p = project(
        "min = 1\nper = \"week\"\non = [\"thu\", \"fri\", \"thu\"]\nexcept = [2016-12-22, 2015-12-24]\nmonths = [12, 12]",
        "",
    );
    p.run(&["check"])
        .code(0)
        .stderr_has("promises.toml:10:21: warning: `on` lists \"thu\" twice")
        .stderr_has("promises.toml:11:23: warning: `except` lists 2015-12-24, outside the promise's term 2016-12-20..2016-12-31")
        .stderr_has("promises.toml:12:15: warning: `months` lists 12 twice")
        .stderr_has("0 error(s), 3 warning(s)")
        .stderr_lacks("2016-12-22, outside")
        .stderr_has("2015-12-24, outside the promise's term 2016-12-20..2016-12-31 — correct the year, or remove the date: as it stands it changes nothing");
    // Other commands read the same file without a word about it.
    p.run(&["status", "--as-of", "2016-12-22"])
        .code(0)
        .stderr_is("");
}

#[test]
fn check_warns_when_distinct_values_differ_only_in_case_or_spacing() {
    // "Torget", "torget" and " Torget " (trimmed: "Torget") are two values, not
    // three: trimming is SPEC's, case is not folded. The warning names both.
    let p = Project::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\n\n[[promise]]\nid = \"moten\"\ntitle = \"M\"\nmin = 3\nper = \"year\"\ndistinct = \"place\"\n",
    );
    p.ledger(
        "2019.csv",
        "date,promise,place\n2019-02-01,moten,Torget\n2019-03-01,moten,torget\n2019-04-01,moten, Torget \n2019-05-01,moten,Kyrkan\n",
    );
    p.run(&["check"])
        .code(0)
        .stderr_has("\"moten\" counts \"Torget\", \"torget\" as 2 different values of `place`")
        .stderr_lacks("Kyrkan");
    p.run(&["report", "--format", "csv", "--as-of", "2019-12-31"])
        .stdout_is(
            "promise,period,start,end,required,done,status\nmoten,2019,2019-01-01,2019-12-31,3,3,met\n",
        );
}

#[test]
fn status_says_not_started_until_the_first_window_of_a_promise_or_place() {
    // A summer promise (June–August) and a place whose own term starts in March,
    // in a term from January: in January neither has a window yet, so each
    // shows its first one, not started, with what it will require. Before the
    // term the summer promise shows June too, not the whole term.
    let p = Project::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\n\n\
         [[promise]]\nid = \"sommar\"\ntitle = \"S\"\nmin = 2\nper = \"month\"\nmonths = [6, 7, 8]\n\n\
         [[promise]]\nid = \"kiosk\"\ntitle = \"K\"\nmin = 1\nper = \"month\"\n\
         each = [\"A\", { item = \"B\", start = 2019-03-01 }]\n",
    );
    p.ledger("2019.csv", HEADER);
    let status = |as_of: &str| {
        p.run(&["status", "--format", "csv", "--as-of", as_of])
            .code(0)
            .stdout
    };
    let january = status("2019-01-15");
    let rows: Vec<&str> = january.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "sommar,2019-06,2019-06-01,2019-06-30,2,0,not-started,2,30,0,0",
            "kiosk:A,2019-01,2019-01-01,2019-01-31,1,0,on-track,1,16,0,0",
            "kiosk:B,2019-03,2019-03-01,2019-03-31,1,0,not-started,1,31,0,0",
        ]
    );
    let before = status("2018-12-20");
    assert_eq!(
        before.lines().nth(1),
        Some("sommar,2019-06,2019-06-01,2019-06-30,2,0,not-started,2,30,0,0")
    );
    // Once a window holds as-of, it is judged as usual.
    let march = status("2019-03-01");
    assert!(march.contains("\nkiosk:B,2019-03,2019-03-01,2019-03-31,1,0,on-track,1,30,0,0\n"));
}

#[test]
fn a_listed_day_before_the_term_in_a_month_the_term_cuts_changes_what_it_requires() {
    // Two a month on listed days, a term from 12-20: December's listed days are
    // 12-10 and 12-27, so the month cut at 12-20 holds one of its two and
    // requires ceil(2 × 1/2) = 1. Without 12-10 it would hold both of one and
    // require 2. As of its last day with nothing done it is behind. check must
    // not call 12-10 harmless.
    let p = project(
        "min = 2\nper = \"month\"\ndates = [2016-12-10, 2016-12-27]",
        "",
    );
    p.run(&["report", "--format", "csv", "--as-of", "2016-12-31"])
        .code(0)
        .stdout_is(
            "promise,period,start,end,required,done,status\n\
             p,2016-12,2016-12-20,2016-12-31,1,0,behind\n",
        );
    p.run(&["check"])
        .code(0)
        .stderr_has("`dates` lists 2016-12-10, outside the promise's term 2016-12-20..2016-12-31")
        .stderr_has("changes what that window requires")
        .stderr_lacks("changes nothing");
}

#[test]
fn status_of_a_place_that_starts_inside_the_current_month_agrees_with_report() {
    // Place B starts 03-20: as of 03-10 its March window (03-20..03-31) is still
    // to come, so report shows no row of it and status says not started.
    let p = Project::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\n\n\
         [[promise]]\nid = \"kiosk\"\ntitle = \"K\"\nmin = 1\nper = \"month\"\n\
         each = [\"A\", { item = \"B\", start = 2019-03-20 }]\n",
    );
    p.ledger("2019.csv", HEADER);
    p.run(&["report", "--format", "csv", "--as-of", "2019-03-10"])
        .code(0)
        .stdout_lacks("kiosk:B");
    p.run(&["status", "--format", "csv", "--as-of", "2019-03-10"])
        .code(0)
        .stdout_has("\nkiosk:B,2019-03,2019-03-20,2019-03-31,1,0,not-started,1,12,0,0\n");
}
