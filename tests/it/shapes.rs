//! Published medborgarlöften of the shapes in SPEC's "Promises that follow events and
//! the calendar", encoded as they are written (tests/fixtures/shapes/<name>) and run
//! end to end: `report` and `status` in CSV, as of a fixed date. Every figure is
//! worked out by hand from SPEC's words in the comment above it, not copied from the
//! program. Day counts are inclusive: the as-of day counts as elapsed.

use crate::common::{Output, repo_root, run_in};

const REPORT: &str = "promise,period,start,end,required,done,status\n";
const STATUS: &str = "promise,period,start,end,required,done,status,left,days_left,met,ended\n";

fn fixture(name: &str) -> std::path::PathBuf {
    repo_root().join("tests/fixtures/shapes").join(name)
}

fn csv(name: &str, command: &str, as_of: &str) -> Output {
    run_in(
        &fixture(name),
        &[command, "--format", "csv", "--as-of", as_of],
    )
    .code(0)
}

fn lines(header: &str, rows: &[&str]) -> String {
    rows.iter()
        .fold(header.to_string(), |all, row| all + row + "\n")
}

/// `report --format csv --as-of` prints exactly these rows after the header.
fn report(name: &str, as_of: &str, rows: &[&str]) {
    csv(name, "report", as_of).stdout_is(&lines(REPORT, rows));
}

/// `status --format csv --as-of` prints exactly these rows after the header.
fn status(name: &str, as_of: &str, rows: &[&str]) {
    csv(name, "status", as_of).stdout_is(&lines(STATUS, rows));
}

/// `check` accepts the fixture: exit 0, whatever it warns about.
fn accepted(name: &str) -> Output {
    run_in(&fixture(name), &["check"]).code(0)
}

// ---------------------------------------------------------------------------------
// The calendar (on main): "varje helgfri torsdag", Mora's weekends, Halmstad's summer.

#[test]
fn helgfri_torsdag_a_week_whose_only_thursday_is_a_holiday_has_no_row() {
    accepted("helgfri-torsdag");
    // Term 2017-04-01 (Sat, ISO week 13) .. 2017-06-30 (Fri, week 26); on = thu,
    // except Kristi himmelsfärds dag 2017-05-25 (the other excepted dates are not
    // Thursdays). Weeks and their Thursdays:
    //   W13 03-27..04-02: the term holds only 04-01 (Sat) and 04-02 (Sun), no
    //       Thursday: no day of the promise, no window, no row.
    //   W14 04-06, W15 04-13 (skärtorsdag is no holiday), W16 04-20, W17 04-27,
    //   W18 05-04, W19 05-11, W20 05-18: one Thursday each, the whole period's only
    //       filtered day, so each requires min = 1.
    //   W21 05-22..05-28: its only Thursday, 05-25, is excepted: no window, no row;
    //       the line dated 05-25 counts nowhere.
    //   W22 05-29..06-04: Thursday 06-01.
    // Ledger: W14, W15, W17..W20 have their Thursday; W16's line is a Wednesday
    // (04-19), which counts nowhere, so W16 is 0 of 1.
    // As of 2017-05-31 (Wed): W14..W20 ended. W22 holds as-of; of its one day of the
    // promise (06-01) none has elapsed: floor(1 × 0 / 1) = 0, done 0 ≥ 0: on-track.
    report(
        "helgfri-torsdag",
        "2017-05-31",
        &[
            "torsdag,2017-W14,2017-04-03,2017-04-09,1,1,met",
            "torsdag,2017-W15,2017-04-10,2017-04-16,1,1,met",
            "torsdag,2017-W16,2017-04-17,2017-04-23,1,0,missed",
            "torsdag,2017-W17,2017-04-24,2017-04-30,1,1,met",
            "torsdag,2017-W18,2017-05-01,2017-05-07,1,1,met",
            "torsdag,2017-W19,2017-05-08,2017-05-14,1,1,met",
            "torsdag,2017-W20,2017-05-15,2017-05-21,1,1,met",
            "torsdag,2017-W22,2017-05-29,2017-06-04,1,0,on-track",
        ],
    );
    // Status as of 05-31: W22, left 1 − 0 = 1, days left 06-04 − 05-31 = 4 (calendar
    // days, as `start`/`end` are calendar dates); the tally counts the seven ended
    // windows W14..W20 (W13 and W21 do not exist), six met.
    status(
        "helgfri-torsdag",
        "2017-05-31",
        &["torsdag,2017-W22,2017-05-29,2017-06-04,1,0,on-track,1,4,6,7"],
    );
    // As of Thursday 2017-06-01: 1 of W22's 1 day elapsed, floor(1 × 1 / 1) = 1 > 0:
    // behind.
    status(
        "helgfri-torsdag",
        "2017-06-01",
        &["torsdag,2017-W22,2017-05-29,2017-06-04,1,0,behind,1,3,6,7"],
    );
}

#[test]
fn helgfri_torsdag_the_last_week_cut_by_the_term_still_requires_one() {
    // W26 is 06-26..07-02; the term cuts it at 06-30 (Fri), but the window holds the
    // week's only Thursday, 06-29, so it holds every filtered day of its period and
    // requires min = 1. Nothing logged after 05-18: W22..W26 are 0 of 1.
    // As of 2017-07-01 the term has ended: every window is judged met/missed.
    report(
        "helgfri-torsdag",
        "2017-07-01",
        &[
            "torsdag,2017-W14,2017-04-03,2017-04-09,1,1,met",
            "torsdag,2017-W15,2017-04-10,2017-04-16,1,1,met",
            "torsdag,2017-W16,2017-04-17,2017-04-23,1,0,missed",
            "torsdag,2017-W17,2017-04-24,2017-04-30,1,1,met",
            "torsdag,2017-W18,2017-05-01,2017-05-07,1,1,met",
            "torsdag,2017-W19,2017-05-08,2017-05-14,1,1,met",
            "torsdag,2017-W20,2017-05-15,2017-05-21,1,1,met",
            "torsdag,2017-W22,2017-05-29,2017-06-04,1,0,missed",
            "torsdag,2017-W23,2017-06-05,2017-06-11,1,0,missed",
            "torsdag,2017-W24,2017-06-12,2017-06-18,1,0,missed",
            "torsdag,2017-W25,2017-06-19,2017-06-25,1,0,missed",
            "torsdag,2017-W26,2017-06-26,2017-06-30,1,0,missed",
        ],
    );
    // Status after the term: its last window, W26, no days left; the tally is the 12
    // windows that exist (W14..W20, W22..W26), 6 met.
    status(
        "helgfri-torsdag",
        "2017-07-01",
        &["torsdag,2017-W26,2017-06-26,2017-06-30,1,0,missed,1,0,6,12"],
    );
}

#[test]
fn mora_one_weekend_a_month() {
    accepted("mora-helger");
    // SPEC's example. Term 2016-09-02 (Fri) .. 2016-12-31, on = sat, sun. September's
    // weekend days: 3, 4, 10, 11, 17, 18, 24, 25 = 8, all inside the term, so the
    // cut window 09-02..09-30 holds every filtered day of its period: required 1.
    // As of 2016-09-12: elapsed days of the promise 3, 4, 10, 11 = 4 of 8,
    // floor(1 × 4 / 8) = 0. The line of 09-06 is a Tuesday and counts nowhere:
    // done 0 ≥ 0, on-track.
    report(
        "mora-helger",
        "2016-09-12",
        &["faltarbetare-helg,2016-09,2016-09-02,2016-09-30,1,0,on-track"],
    );
    // left 1; days left 09-30 − 09-12 = 18; no window has ended: 0/0.
    status(
        "mora-helger",
        "2016-09-12",
        &["faltarbetare-helg,2016-09,2016-09-02,2016-09-30,1,0,on-track,1,18,0,0"],
    );
    // As of 2016-10-14 (Fri): September ended with Saturday 09-24 done: 1 of 1, met.
    // October's weekend days: 1, 2, 8, 9, 15, 16, 22, 23, 29, 30 = 10; elapsed 1, 2,
    // 8, 9 = 4; floor(1 × 4 / 10) = 0. The line of 10-13 (a Thursday, count 2)
    // counts nowhere: 0 ≥ 0, on-track.
    report(
        "mora-helger",
        "2016-10-14",
        &[
            "faltarbetare-helg,2016-09,2016-09-02,2016-09-30,1,1,met",
            "faltarbetare-helg,2016-10,2016-10-01,2016-10-31,1,0,on-track",
        ],
    );
    // days left 10-31 − 10-14 = 17; September ended and was met: 1/1.
    status(
        "mora-helger",
        "2016-10-14",
        &["faltarbetare-helg,2016-10,2016-10-01,2016-10-31,1,0,on-track,1,17,1,1"],
    );
    // As of Sunday 2016-10-30: all 10 of October's days elapsed, floor(1 × 10 / 10)
    // = 1 > 0: behind (the weekday visit of 10-13 still counts nowhere).
    report(
        "mora-helger",
        "2016-10-30",
        &[
            "faltarbetare-helg,2016-09,2016-09-02,2016-09-30,1,1,met",
            "faltarbetare-helg,2016-10,2016-10-01,2016-10-31,1,0,behind",
        ],
    );
}

#[test]
fn halmstad_lilla_torg_in_the_summer_months() {
    accepted("halmstad-sommar");
    // months = [6, 7, 8], once per year; term 2021-2022. The days of the promise in
    // a year: June 30 + July 31 + August 31 = 92; each year window holds all of them:
    // required 1.
    // As of 2021-05-01 (SPEC's example): no day of the promise has elapsed in 2021,
    // floor(1 × 0 / 92) = 0, done 0: on-track.
    report(
        "halmstad-sommar",
        "2021-05-01",
        &["lilla-torg,2021,2021-01-01,2021-12-31,1,0,on-track"],
    );
    // days left 2021-12-31 − 2021-05-01: May 1 is day 121 of 2021, Dec 31 day 365,
    // 365 − 121 = 244.
    status(
        "halmstad-sommar",
        "2021-05-01",
        &["lilla-torg,2021,2021-01-01,2021-12-31,1,0,on-track,1,244,0,0"],
    );
    // As of 2021-08-30: 30 + 31 + 30 = 91 of 92 elapsed, floor(91 / 92) = 0:
    // on-track. As of 2021-08-31: 92 of 92, floor = 1; the May line counts nowhere,
    // done 0: behind.
    report(
        "halmstad-sommar",
        "2021-08-30",
        &["lilla-torg,2021,2021-01-01,2021-12-31,1,0,on-track"],
    );
    report(
        "halmstad-sommar",
        "2021-08-31",
        &["lilla-torg,2021,2021-01-01,2021-12-31,1,0,behind"],
    );
    // As of 2023-01-01: 2021 missed (0 of 1); 2022 met by the July closing.
    report(
        "halmstad-sommar",
        "2023-01-01",
        &[
            "lilla-torg,2021,2021-01-01,2021-12-31,1,0,missed",
            "lilla-torg,2022,2022-01-01,2022-12-31,1,1,met",
        ],
    );
    status(
        "halmstad-sommar",
        "2023-01-01",
        &["lilla-torg,2022,2022-01-01,2022-12-31,1,1,met,0,0,1,2"],
    );
}

#[test]
fn calendar_check_warns_about_lines_that_count_nowhere() {
    // SPEC, The calendar: "An activity dated on a day that is not a day of the
    // promise counts nowhere (not for a `part_of` parent either); `check` warns."
    // Mora: line 2 (2016-09-06, a Tuesday) and line 4 (2016-10-13, a Thursday).
    accepted("mora-helger")
        .stderr_has("ledger/2016.csv:2:1: warning")
        .stderr_has("ledger/2016.csv:4:1: warning")
        .stderr_lacks("ledger/2016.csv:3:1");
    // Halmstad: line 2 of 2021.csv, in May.
    accepted("halmstad-sommar")
        .stderr_has("ledger/2021.csv:2:1: warning")
        .stderr_lacks("ledger/2022.csv");
    // Helgfri torsdag: line 4 (2017-04-19, a Wednesday) and line 9 (2017-05-25,
    // Kristi himmelsfärds dag, in `except`).
    accepted("helgfri-torsdag")
        .stderr_has("ledger/2017.csv:4:1: warning")
        .stderr_has("ledger/2017.csv:9:1: warning")
        .stderr_has("2 warning(s)");
}

// ---------------------------------------------------------------------------------
// One answer per event: Angered's lighting, `within = "1 day"`, per quarter.
//
// Events (felanmälan) and their deadlines, date + 1 day:
//   2019-03-04 ×2 → 03-05; 2019-03-10 → 03-11;                          (Q1)
//   2019-05-31 → 06-01; 2019-06-28 → 06-29; 2019-06-30 → 07-01;        (Q2)
//   2019-12-31 → 2020-01-01.                                            (Q4)
// Answers (repairs), in date order, each taking the earliest-dated unanswered event
// dated on or before it whose deadline is on or after it:
//   03-05 → the first 03-04 event (its deadline day).
//   03-06 → nothing: the second 03-04 event's deadline, 03-05, has passed, and the
//           03-10 event is later than the answer.
//   03-11 → the 03-10 event (deadline day).
//   06-01 → the 05-31 event (deadline day).
//   07-01 → not 06-28 (deadline 06-29 passed); the 06-30 event (deadline day). It
//           falls in Q3 but counts for Q2, where its event is.
//   2020-01-01 → the 12-31 event: after the term, on its deadline day; answers
//           count wherever they fall up to as-of.
// Unanswered for good: the second 03-04 event and the 06-28 event.

#[test]
fn angered_belysning_spec_example_behind_then_missed() {
    accepted("angered-belysning");
    // SPEC's example, as of 2019-03-12: Q1's events up to as-of are 03-04 ×2 and
    // 03-10: required 3; answered 2 (by 03-05 and 03-11). The second 03-04 event is
    // unanswered and its deadline 03-05 is before as-of, in a window that has not
    // ended (Q1 ends 03-31): behind.
    report(
        "angered-belysning",
        "2019-03-12",
        &["belysning-reparation,2019-Q1,2019-01-01,2019-03-31,3,2,behind"],
    );
    // As of 2019-07-01, after the quarter: Q1 3 of 2, its open event's deadline
    // passed and the window ended before as-of: missed. Q2: events 05-31, 06-28,
    // 06-30: required 3; answered 05-31 (06-01) and 06-30 (07-01, on as-of): 2; the
    // 06-28 event's deadline 06-29 is before as-of and Q2 ended 06-30: missed.
    // Q3 (07-01..09-30) holds as-of and no event: required 0, done 0, all (none)
    // answered: met.
    report(
        "angered-belysning",
        "2019-07-01",
        &[
            "belysning-reparation,2019-Q1,2019-01-01,2019-03-31,3,2,missed",
            "belysning-reparation,2019-Q2,2019-04-01,2019-06-30,3,2,missed",
            "belysning-reparation,2019-Q3,2019-07-01,2019-09-30,0,0,met",
        ],
    );
}

#[test]
fn angered_belysning_an_answer_on_the_deadline_day_and_one_the_day_after() {
    // As of 2019-03-05: events up to as-of are the two of 03-04: required 2. The
    // repair of 03-05 answers one (on its deadline day). The other's deadline,
    // 03-05, is not before as-of: it can still be answered today: on-track.
    report(
        "angered-belysning",
        "2019-03-05",
        &["belysning-reparation,2019-Q1,2019-01-01,2019-03-31,2,1,on-track"],
    );
    // As of 2019-03-06: the repair of 03-06 comes a day after that deadline and
    // answers nothing; done stays 1 of 2, and the deadline 03-05 is now before
    // as-of: behind.
    report(
        "angered-belysning",
        "2019-03-06",
        &["belysning-reparation,2019-Q1,2019-01-01,2019-03-31,2,1,behind"],
    );
}

#[test]
fn angered_belysning_the_tally_counts_settled_windows() {
    // As of 2019-07-01 the current window is Q3: 0 of 0, met, left 0, days left
    // 09-30 − 07-01 = 91. Settled windows (end and every event's deadline before
    // as-of): Q1 (deadlines 03-05, 03-05, 03-11), missed. Q2 is not settled: its
    // 06-30 event's deadline is 07-01, not before as-of (answered or not, SPEC
    // speaks of all its events' deadlines). Tally 0 met of 1.
    status(
        "angered-belysning",
        "2019-07-01",
        &["belysning-reparation,2019-Q3,2019-07-01,2019-09-30,0,0,met,0,91,0,1"],
    );
    // As of 2019-07-02 Q2 is settled too (missed): 0 of 2; days left 90.
    status(
        "angered-belysning",
        "2019-07-02",
        &["belysning-reparation,2019-Q3,2019-07-01,2019-09-30,0,0,met,0,90,0,2"],
    );
}

#[test]
fn angered_belysning_an_answer_after_the_term_answers_its_last_day() {
    // As of 2019-12-31: Q3 ended with no events: met. Q4 holds as-of: its one
    // event (12-31) is unanswered, its deadline 2020-01-01 not before as-of:
    // on-track.
    report(
        "angered-belysning",
        "2019-12-31",
        &[
            "belysning-reparation,2019-Q1,2019-01-01,2019-03-31,3,2,missed",
            "belysning-reparation,2019-Q2,2019-04-01,2019-06-30,3,2,missed",
            "belysning-reparation,2019-Q3,2019-07-01,2019-09-30,0,0,met",
            "belysning-reparation,2019-Q4,2019-10-01,2019-12-31,1,0,on-track",
        ],
    );
    // As of 2020-01-01 the repair of that day, after the term, answers it: Q4 1 of
    // 1, met.
    report(
        "angered-belysning",
        "2020-01-01",
        &[
            "belysning-reparation,2019-Q1,2019-01-01,2019-03-31,3,2,missed",
            "belysning-reparation,2019-Q2,2019-04-01,2019-06-30,3,2,missed",
            "belysning-reparation,2019-Q3,2019-07-01,2019-09-30,0,0,met",
            "belysning-reparation,2019-Q4,2019-10-01,2019-12-31,1,1,met",
        ],
    );
    // Status after the term: its last window, Q4, days left max(0, 12-31 − 01-01) =
    // 0. Settled: Q1 (missed), Q2 (missed), Q3 (no events, met); Q4 not yet, its
    // event's deadline being as-of itself: 1 met of 3. A day later Q4 settles: 2/4.
    status(
        "angered-belysning",
        "2020-01-01",
        &["belysning-reparation,2019-Q4,2019-10-01,2019-12-31,1,1,met,0,0,1,3"],
    );
    status(
        "angered-belysning",
        "2020-01-02",
        &["belysning-reparation,2019-Q4,2019-10-01,2019-12-31,1,1,met,0,0,2,4"],
    );
}

// ---------------------------------------------------------------------------------
// A share of the parent: Råslätt, "varav minst 20 procent förstagångsanvändare".

#[test]
fn raslatt_twenty_percent_of_what_the_parent_found() {
    accepted("raslatt-procent");
    // 2021: the parent's own lines 20 + 15 + 15 = 50, the child's 4 + 6 = 10, which
    // count for the parent too: parent done 60 ≥ 52, met. The child requires
    // ceil(20 × 60 / 100) = 12; done 10 < 12 and 2021 ended: missed. (SPEC's
    // example; the old encoding, 20 % of the target 52, would require 11.)
    // 2022: the parent has done nothing: the child requires ceil(20 × 0 / 100) = 0
    // and 0 ≥ 0 is met. The parent's 2022 pace as of 06-30 (day 181):
    // floor(52 × 181 / 365) = floor(25.79) = 25 > 0: behind.
    report(
        "raslatt-procent",
        "2022-06-30",
        &[
            "narkotikabrott-raslatt,2021,2021-01-01,2021-12-31,52,60,met",
            "narkotikabrott-raslatt,2022,2022-01-01,2022-12-31,52,0,behind",
            "forstagang-raslatt,2021,2021-01-01,2021-12-31,12,10,missed",
            "forstagang-raslatt,2022,2022-01-01,2022-12-31,0,0,met",
        ],
    );
    // Status: days left 2022-12-31 − 06-30 = 184; 2021 ended: parent 1/1 met,
    // child 0/1.
    status(
        "raslatt-procent",
        "2022-06-30",
        &[
            "narkotikabrott-raslatt,2022,2022-01-01,2022-12-31,52,0,behind,52,184,1,1",
            "forstagang-raslatt,2022,2022-01-01,2022-12-31,0,0,met,0,184,0,1",
        ],
    );
}

#[test]
fn raslatt_a_share_has_no_pace() {
    // As of 2021-06-30: parent done 20 + 4 + 15 = 39 (the child's April 4
    // included); its pace floor(52 × 181 / 365) = 25 ≤ 39: on-track. The child
    // requires ceil(20 × 39 / 100) = ceil(7.8) = 8, done 4; a share has no pace and
    // the window has not ended: behind.
    report(
        "raslatt-procent",
        "2021-06-30",
        &[
            "narkotikabrott-raslatt,2021,2021-01-01,2021-12-31,52,39,on-track",
            "forstagang-raslatt,2021,2021-01-01,2021-12-31,8,4,behind",
        ],
    );
    // On the year's last day: 12 required, 10 done, the window holds as-of:
    // behind, not yet missed.
    report(
        "raslatt-procent",
        "2021-12-31",
        &[
            "narkotikabrott-raslatt,2021,2021-01-01,2021-12-31,52,60,met",
            "forstagang-raslatt,2021,2021-01-01,2021-12-31,12,10,behind",
        ],
    );
}

// ---------------------------------------------------------------------------------
// Stages: Pajala's kartläggningar (two parties, `distinct = "by"`), därefter a
// dialog, därefter two operational efforts. All three are `per = "term"` over 2019.
//
// Completion days:
//   kartlaggning: polisen 02-12 (1 party), polisen again 03-05 (count 2, still 1
//     party), kommunen 10-01 (2 parties = min): completed 2019-10-01.
//   dialog: the 03-20 line is before 10-01 and counts nowhere; 10-08 counts: done
//     1 = min: completed 2019-10-08.
//   narkotikainsatser: the 06-15 line is before 10-08 and counts nowhere; the line
//     dated 10-08, the dialog's completion day itself, counts.
// Day of the year: 09-30 is day 273, 10-08 day 281, 12-31 day 365.

#[test]
fn pajala_stages_wait_for_a_late_mapping() {
    accepted("pajala-etapper")
        .stderr_has("«kartlaggning» was completed on 2019-10-01")
        .stderr_has("«dialog» was completed on 2019-10-08");
    // As of 2019-09-30: kartlaggning 1 party of 2, pace floor(2 × 273 / 365) =
    // floor(1.50) = 1 ≤ 1: on-track. dialog: no completion day yet, so its March
    // line counts nowhere: 0, pace floor(1 × 273 / 365) = 0: on-track.
    // narkotikainsatser: 0 (the June line counts nowhere), pace 1: behind — the
    // truth about a chain waiting on a late stage.
    report(
        "pajala-etapper",
        "2019-09-30",
        &[
            "kartlaggning,term,2019-01-01,2019-12-31,2,1,on-track",
            "dialog,term,2019-01-01,2019-12-31,1,0,on-track",
            "narkotikainsatser,term,2019-01-01,2019-12-31,2,0,behind",
        ],
    );
    // As of 2019-10-08: kartlaggning 2 of 2, dialog 1 of 1: met. The efforts: only
    // the one of 10-08 counts: 1, pace floor(2 × 281 / 365) = floor(1.54) = 1:
    // on-track (counting the June line would make it 2, met).
    report(
        "pajala-etapper",
        "2019-10-08",
        &[
            "kartlaggning,term,2019-01-01,2019-12-31,2,2,met",
            "dialog,term,2019-01-01,2019-12-31,1,1,met",
            "narkotikainsatser,term,2019-01-01,2019-12-31,2,1,on-track",
        ],
    );
    // As of 2019-12-31: the efforts' pace is floor(2 × 365 / 365) = 2 > 1: behind;
    // a day later the term has ended: missed.
    report(
        "pajala-etapper",
        "2019-12-31",
        &[
            "kartlaggning,term,2019-01-01,2019-12-31,2,2,met",
            "dialog,term,2019-01-01,2019-12-31,1,1,met",
            "narkotikainsatser,term,2019-01-01,2019-12-31,2,1,behind",
        ],
    );
    status(
        "pajala-etapper",
        "2020-01-01",
        &[
            "kartlaggning,term,2019-01-01,2019-12-31,2,2,met,0,0,1,1",
            "dialog,term,2019-01-01,2019-12-31,1,1,met,0,0,1,1",
            "narkotikainsatser,term,2019-01-01,2019-12-31,2,1,missed,1,0,0,1",
        ],
    );
}

// ---------------------------------------------------------------------------------
// Different places: Sollefteå's citizens' meetings, `distinct = "place"`, and a
// tracked promise that shows how many places were reached.
//
// medborgarmoten 2020: Ramsele (02-10, 03-10, and 04-14 with count 3: one place),
//   " Junsele " (05-12, trimmed) and Junsele (09-01): one place, "Näsåker" in NFD
//   (10-05) and in NFC (11-05): one place. Done 3 (8 meetings).
// medborgarmoten 2021: Ramsele (02-09, count 2), "ramsele" (03-09: values compare
//   case-sensitively, a second value, which `check` warns about), Långsele (09-14).
// byabesok (tracked): Ramsele, Junsele, Ramsele in 2020; Helgum in 2021.

#[test]
fn medborgarmoten_three_places_not_three_meetings() {
    accepted("medborgarmoten");
    // As of 2020-06-30 (2020 is a leap year: day 182 of 366): places Ramsele and
    // Junsele = 2; pace floor(3 × 182 / 366) = floor(1.49) = 1 ≤ 2: on-track.
    // byabesok: its term up to as-of, Ramsele and Junsele: 2.
    report(
        "medborgarmoten",
        "2020-06-30",
        &[
            "medborgarmoten,2020,2020-01-01,2020-12-31,3,2,on-track",
            "byabesok,term,2020-01-01,2020-06-30,,2,tracked",
        ],
    );
    // As of 2021-06-30: 2020 ended with 3 places ≥ 3: met (not 5 values, nor 8
    // meetings). 2021: Ramsele, ramsele = 2, pace floor(3 × 181 / 365) =
    // floor(1.49) = 1: on-track. byabesok: Ramsele, Junsele, Helgum = 3.
    report(
        "medborgarmoten",
        "2021-06-30",
        &[
            "medborgarmoten,2020,2020-01-01,2020-12-31,3,3,met",
            "medborgarmoten,2021,2021-01-01,2021-12-31,3,2,on-track",
            "byabesok,term,2020-01-01,2021-06-30,,3,tracked",
        ],
    );
    // Status: left 3 − 2 = 1, days left 12-31 − 06-30 = 184, 2020 met: 1/1. The
    // tracked row has days left to the term's end, 184, and no tally.
    status(
        "medborgarmoten",
        "2021-06-30",
        &[
            "medborgarmoten,2021,2021-01-01,2021-12-31,3,2,on-track,1,184,1,1",
            "byabesok,term,2020-01-01,2021-06-30,,3,tracked,,184,,",
        ],
    );
    // After the term: 2021 holds Ramsele, ramsele, Långsele = 3: met.
    report(
        "medborgarmoten",
        "2022-01-01",
        &[
            "medborgarmoten,2020,2020-01-01,2020-12-31,3,3,met",
            "medborgarmoten,2021,2021-01-01,2021-12-31,3,3,met",
            "byabesok,term,2020-01-01,2021-12-31,,3,tracked",
        ],
    );
}

// ---------------------------------------------------------------------------------
// Items that come and go: `each` with their own terms (Jönköping 2021–2022).
//
// Item windows and required counts (2021 has 365 days):
//   narvaro:Råslätt        2021 and 2022 whole: 800 each.
//   narvaro:Österängen     from 2021-07-01: 2021-07-01..12-31 = 31+31+30+31+30+31 =
//                          184 days, ceil(800 × 184 / 365) = ceil(403.29) = 404;
//                          2022 whole: 800.
//   narvaro:Ekhagen        until 2021-09-30: 2021-01-01..09-30 = 273 days,
//                          ceil(800 × 273 / 365) = ceil(598.36) = 599; no 2022.
//   tobakstillsyn:Kiosken vid torget  2021, 2022: 1 each.
//   tobakstillsyn:Tobakshörnan  from 2021-03-01: 306 days, ceil(306 / 365) = 1;
//                          2022: 1.
//   tobakstillsyn:Kiosk Nygatan  until 2021-06-30: 181 days, ceil(181 / 365) = 1;
//                          no 2022.
// Lines outside their item's term count nowhere: Österängen 06-15 (50), Ekhagen
// 10-05 (100), Tobakshörnan 02-15.

#[test]
fn forsaljningsstallen_items_that_start_and_end_mid_year() {
    accepted("forsaljningsstallen");
    // As of 2021-08-31 (day 243):
    //   Råslätt: 300 + 250 = 550; pace floor(800 × 243 / 365) = floor(532.60) =
    //     532: on-track.
    //   Österängen: 140 (not the June 50); elapsed 07-01..08-31 = 62 of 184 days,
    //     pace floor(404 × 62 / 184) = floor(136.13) = 136: on-track.
    //   Ekhagen: 530; elapsed 243 of 273, pace floor(599 × 243 / 273) =
    //     floor(533.18) = 533 > 530: behind.
    //   Kiosken vid torget: 1 of 1, met. Tobakshörnan: 0 (the February line is
    //     before it opened); elapsed 03-01..08-31 = 184 of 306, floor(184 / 306) =
    //     0: on-track. Kiosk Nygatan: its window ended 06-30, before as-of, with 0:
    //     missed, though the year goes on.
    report(
        "forsaljningsstallen",
        "2021-08-31",
        &[
            "narvaro:Råslätt,2021,2021-01-01,2021-12-31,800,550,on-track",
            "narvaro:Österängen,2021,2021-07-01,2021-12-31,404,140,on-track",
            "narvaro:Ekhagen,2021,2021-01-01,2021-09-30,599,530,behind",
            "tobakstillsyn:Kiosken vid torget,2021,2021-01-01,2021-12-31,1,1,met",
            "tobakstillsyn:Tobakshörnan,2021,2021-03-01,2021-12-31,1,0,on-track",
            "tobakstillsyn:Kiosk Nygatan,2021,2021-01-01,2021-06-30,1,0,missed",
        ],
    );
    // Status: left = required − done; days left to 12-31 = 122, to Ekhagen's end
    // 09-30 = 30; Kiosk Nygatan shows its last window, ended: 0 days, tally 0/1.
    status(
        "forsaljningsstallen",
        "2021-08-31",
        &[
            "narvaro:Råslätt,2021,2021-01-01,2021-12-31,800,550,on-track,250,122,0,0",
            "narvaro:Österängen,2021,2021-07-01,2021-12-31,404,140,on-track,264,122,0,0",
            "narvaro:Ekhagen,2021,2021-01-01,2021-09-30,599,530,behind,69,30,0,0",
            "tobakstillsyn:Kiosken vid torget,2021,2021-01-01,2021-12-31,1,1,met,0,122,0,0",
            "tobakstillsyn:Tobakshörnan,2021,2021-03-01,2021-12-31,1,0,on-track,1,122,0,0",
            "tobakstillsyn:Kiosk Nygatan,2021,2021-01-01,2021-06-30,1,0,missed,1,0,0,1",
        ],
    );
}

#[test]
fn forsaljningsstallen_after_the_first_year() {
    // As of 2022-01-01 (day 1 of 2022):
    //   Råslätt 2021: 300 + 250 + 260 = 810 ≥ 800, met; 2022: 0, pace
    //     floor(800 × 1 / 365) = 2: behind.
    //   Österängen 2021: 140 + 250 = 390 < 404, missed (the June 50 would have made
    //     it 440, met; the whole-year 800 would be missed by far); 2022: behind.
    //   Ekhagen 2021: 530 < 599, missed (the October 100 would have made it 630);
    //     no 2022 row, its term ended.
    //   Kiosken vid torget 2022 and Tobakshörnan 2022: 0, pace floor(1 / 365) = 0:
    //     on-track. Tobakshörnan 2021: 0, missed.
    report(
        "forsaljningsstallen",
        "2022-01-01",
        &[
            "narvaro:Råslätt,2021,2021-01-01,2021-12-31,800,810,met",
            "narvaro:Råslätt,2022,2022-01-01,2022-12-31,800,0,behind",
            "narvaro:Österängen,2021,2021-07-01,2021-12-31,404,390,missed",
            "narvaro:Österängen,2022,2022-01-01,2022-12-31,800,0,behind",
            "narvaro:Ekhagen,2021,2021-01-01,2021-09-30,599,530,missed",
            "tobakstillsyn:Kiosken vid torget,2021,2021-01-01,2021-12-31,1,1,met",
            "tobakstillsyn:Kiosken vid torget,2022,2022-01-01,2022-12-31,1,0,on-track",
            "tobakstillsyn:Tobakshörnan,2021,2021-03-01,2021-12-31,1,0,missed",
            "tobakstillsyn:Tobakshörnan,2022,2022-01-01,2022-12-31,1,0,on-track",
            "tobakstillsyn:Kiosk Nygatan,2021,2021-01-01,2021-06-30,1,0,missed",
        ],
    );
    // Status: days left 2022-12-31 − 2022-01-01 = 364; items whose term ended show
    // their last window with 0 days left.
    status(
        "forsaljningsstallen",
        "2022-01-01",
        &[
            "narvaro:Råslätt,2022,2022-01-01,2022-12-31,800,0,behind,800,364,1,1",
            "narvaro:Österängen,2022,2022-01-01,2022-12-31,800,0,behind,800,364,0,1",
            "narvaro:Ekhagen,2021,2021-01-01,2021-09-30,599,530,missed,69,0,0,1",
            "tobakstillsyn:Kiosken vid torget,2022,2022-01-01,2022-12-31,1,0,on-track,1,364,1,1",
            "tobakstillsyn:Tobakshörnan,2022,2022-01-01,2022-12-31,1,0,on-track,1,364,0,1",
            "tobakstillsyn:Kiosk Nygatan,2021,2021-01-01,2021-06-30,1,0,missed,1,0,0,1",
        ],
    );
}
