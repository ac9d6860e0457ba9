//! Events, shares, stages, different places and places' own terms (SPEC, "Promises
//! that follow events and the calendar"): what `check` refuses, what `log` writes,
//! and the boundaries SPEC names. Each figure is worked out in its comment.

use crate::common::{HEADER, Test};

const TOP: &str =
    "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\nparties = [\"polisen\", \"kommunen\"]\n";

fn with(promises: &str) -> Test {
    Test::new(&format!("{TOP}{promises}"))
}

const ANGERED: &str = r#"
[[event]]
id = "felanmalan"
title = "Felanmäld belysning"

[[promise]]
id = "reparation"
title = "Reparera skadad belysning inom 24 timmar"
per_event = "felanmalan"
within = "1 day"
per = "quarter"
"#;

#[test]
fn an_answer_on_the_deadline_day_counts_and_the_day_after_does_not() {
    // Events: 03-04 (2) and 03-10; deadline the next day. Repairs on 03-05 (the
    // deadline of the 03-04 events: answers one) and on 03-12 (a day after the
    // 03-10 event's deadline 03-11: answers nothing). As of 03-12 one 03-04 event
    // and the 03-10 one are past their deadlines: behind; once Q1 has ended, missed.
    let t = with(ANGERED).ledger(
        "2019.csv",
        &format!(
            "{HEADER}2019-03-04,felanmalan,2,,\n2019-03-10,felanmalan,1,,\n\
             2019-03-05,reparation,1,kommunen,\n2019-03-12,reparation,1,kommunen,\n"
        ),
    );
    t.args(["report", "--format", "csv", "--as-of", "2019-03-12"])
        .run()
        .code(0)
        .stdout_is(
            "promise,period,start,end,required,done,status\n\
             reparation,2019-Q1,2019-01-01,2019-03-31,3,1,behind\n",
        );
}

#[test]
fn an_event_still_answerable_is_on_track_and_keeps_its_window_out_of_the_tally() {
    // One event on 03-31, the quarter's last day, within 1 day: as of 04-01 the
    // quarter has ended but the event can still be answered today: on-track, and
    // Q1 is not settled, so `status` counts no ended window yet.
    let t = with(ANGERED).ledger("2019.csv", &format!("{HEADER}2019-03-31,felanmalan,1,,\n"));
    t.run_args(["report", "--format", "csv", "--as-of", "2019-04-01"])
        .code(0)
        .stdout_has("reparation,2019-Q1,2019-01-01,2019-03-31,1,0,on-track\n");
    t.args(["status", "--format", "csv", "--as-of", "2019-04-01"])
        .run()
        .code(0)
        .stdout_has(",0,0\n");
}

#[test]
fn log_writes_an_event_and_shows_the_promise_that_answers_it() {
    with(ANGERED)
        .env("MEDLOFTE_TODAY", "2019-03-12")
        .args(["log", "felanmalan", "--date", "2019-03-12"])
        .run()
        .code(0)
        .stdout_has("2019-03-12,felanmalan")
        .stdout_has("reparation: 0 of 1 this quarter");
}

#[test]
fn a_share_requires_its_part_of_what_the_parent_did() {
    // Råslätt: the parent found 60 offences in 2019, 10 of them first-time users:
    // ceil(20 × 60 / 100) = 12 > 10, and the year has ended: missed. In 2020 the
    // parent has done nothing: required 0, met.
    let t = Test::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2020-12-31\n\
         [[promise]]\nid = \"brott\"\ntitle = \"B\"\nmin = 52\nper = \"year\"\n\
         [[promise]]\nid = \"forsta\"\ntitle = \"F\"\npart_of = \"brott\"\npercent = 20\n",
    )
    .ledger(
        "2019.csv",
        &format!("{HEADER}2019-05-01,brott,50,,\n2019-05-02,forsta,10,,\n"),
    );
    t.args(["report", "--format", "csv", "--as-of", "2020-01-05"])
        .run()
        .code(0)
        .stdout_has("forsta,2019,2019-01-01,2019-12-31,12,10,missed\n")
        .stdout_has("forsta,2020,2020-01-01,2020-12-31,0,0,met\n");
}

#[test]
fn a_stage_counts_from_the_day_its_predecessor_was_completed() {
    // Two parties must map: polisen on 02-10, kommunen on 04-02 — completed on
    // 04-02. The dialog of 02-01 came before it and counts nowhere; the one on
    // 04-02 counts.
    let t = with(
        "[[promise]]\nid = \"karta\"\ntitle = \"K\"\nmin = 2\nper = \"term\"\ndistinct = \"by\"\n\
         [[promise]]\nid = \"dialog\"\ntitle = \"D\"\nmin = 2\nper = \"term\"\nafter = \"karta\"\n",
    )
    .ledger(
        "2019.csv",
        &format!(
            "{HEADER}2019-02-01,dialog,1,polisen,\n2019-02-10,karta,1,polisen,\n\
             2019-03-01,karta,3,polisen,\n2019-04-02,karta,1,kommunen,\n2019-04-02,dialog,1,polisen,\n"
        ),
    );
    t.run_args(["report", "--format", "csv", "--as-of", "2019-06-01"])
        .code(0)
        .stdout_has("karta,term,2019-01-01,2019-12-31,2,2,met\n")
        .stdout_has("dialog,term,2019-01-01,2019-12-31,2,1,")
        .stdout_lacks("dialog,term,2019-01-01,2019-12-31,2,2");
}

#[test]
fn different_places_count_once_each_after_nfc_and_trimming() {
    // "Ö" written precomposed and as O + combining diaeresis, and " Centrum " with
    // spaces, are one place each: Centrum and Östra: 2 of 3.
    let t = with("[[promise]]\nid = \"moten\"\ntitle = \"M\"\nmin = 3\nper = \"year\"\ndistinct = \"place\"\n")
        .ledger(
            "2019.csv",
            "date,promise,count,by,note,place\n2019-02-01,moten,5,,,Centrum\n\
             2019-03-01,moten,1,,, Centrum \n2019-04-01,moten,1,,,\u{d6}stra\n\
             2019-05-01,moten,1,,,O\u{308}stra\n",
        );
    t.args(["report", "--format", "csv", "--as-of", "2019-12-31"])
        .run()
        .code(0)
        .stdout_has("moten,2019,2019-01-01,2019-12-31,3,2,");
}

#[test]
fn a_place_that_opens_mid_window_has_its_share_of_it() {
    // Tobakshörnan opens 2019-05-01: its H1 window is 05-01..06-30, 61 of 181
    // days: ceil(1 × 61 / 181) = 1. A visit on 04-15, before it opened, counts
    // nowhere and `check` says so.
    let t = with(
        "[[promise]]\nid = \"tillsyn\"\ntitle = \"T\"\nmin = 1\nper = \"half-year\"\n\
         each = [\"Kiosken\", { item = \"Tobakshörnan\", start = 2019-05-01 }]\n",
    )
    .ledger(
        "2019.csv",
        "date,promise,count,by,note,place\n2019-04-15,tillsyn,1,,,Tobakshörnan\n",
    );
    t.run_args(["report", "--format", "csv", "--as-of", "2019-07-01"])
        .code(0)
        .stdout_has("tillsyn:Tobakshörnan,2019-H1,2019-05-01,2019-06-30,1,0,missed\n");
    t.args(["check"])
        .run()
        .code(0)
        .stderr_has("\"Tobakshörnan\" is counted from 2019-05-01");
}

#[test]
fn check_refuses_every_combination_spec_lists() {
    let cases: &[(&str, &str)] = &[
        (
            "[[promise]]\nid = \"a\"\nper_event = \"felanmalann\"\nwithin = \"1 day\"\n",
            "`per_event` names no id \"felanmalann\" — did you mean \"felanmalan\"?",
        ),
        (
            "[[promise]]\nid = \"a\"\nper_event = \"a\"\n",
            "\"a\" answers itself",
        ),
        (
            "[[promise]]\nid = \"a\"\nper_event = \"felanmalan\"\nmin = 2\n",
            "`min` cannot go with `per_event`",
        ),
        (
            "[[promise]]\nid = \"a\"\nper_event = \"felanmalan\"\non = [\"sat\"]\n",
            "`on` cannot go with `per_event`",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"week\"\nwithin = \"1 day\"\n",
            "`within` without `per_event`",
        ),
        (
            "[[promise]]\nid = \"a\"\nper_event = \"felanmalan\"\nwithin = \"24 hours\"\n",
            "`within = \"24 hours\"` is not a number of days or weeks",
        ),
        (
            "[[promise]]\nid = \"felanmalan\"\n",
            "id \"felanmalan\" is used twice",
        ),
        (
            "[[promise]]\nid = \"a\"\npart_of = \"felanmalan\"\n",
            "`part_of` names the event \"felanmalan\"",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"year\"\n[[promise]]\nid = \"b\"\npercent = 20\n",
            "`percent` without `part_of`",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"year\"\n[[promise]]\nid = \"b\"\npart_of = \"a\"\npercent = 120\n",
            "`percent = 120` is not a share",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"year\"\n[[promise]]\nid = \"b\"\npart_of = \"a\"\npercent = 20\nmin = 1\n",
            "`min` cannot go with `percent`",
        ),
        (
            "[[promise]]\nid = \"a\"\ndue = 2019-06-01\n[[promise]]\nid = \"b\"\npart_of = \"a\"\npercent = 20\n",
            "a `percent` of \"a\", which is a deadline",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"year\"\ndistinct = \"plats\"\n",
            "`distinct = \"plats\"` is not a column it can count — did you mean \"place\"?",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"year\"\ndistinct = \"place\"\nunit = \"h\"\n",
            "`unit` cannot go with `distinct`",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"week\"\n[[promise]]\nid = \"b\"\nafter = \"a\"\n",
            "`after` names \"a\", which has more than one window",
        ),
        (
            "[[promise]]\nid = \"a\"\ndue = 2019-05-01\nafter = \"b\"\n[[promise]]\nid = \"b\"\ndue = 2019-06-01\nafter = \"a\"\n",
            "`after` goes round in a circle: a → b → a",
        ),
        (
            "[[promise]]\nid = \"a\"\ndue = 2019-05-01\nafter = \"x\"\n",
            "`after` names no id \"x\"",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 2\nper = \"term\"\n\
             [[promise]]\nid = \"b\"\npart_of = \"a\"\n\
             [[promise]]\nid = \"c\"\npart_of = \"b\"\nafter = \"a\"\n",
            "`after` names \"a\", which \"c\" is part of",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"year\"\n\
             each = [{ item = \"K\", start = 2019-06-01, end = 2019-05-01 }]\n",
            "\"K\" ends before it starts",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"year\"\neach = [{ item = \"K\", start = 2018-06-01 }]\n",
            "the term of \"K\" is not inside the promise's",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"year\"\neach = [{ item = \"K\", opens = 2019-06-01 }]\n",
            "unknown key `opens` in an `each` item",
        ),
        (
            "[[promise]]\nid = \"a\"\nmin = 1\nper = \"year\"\nstart = 2019-03-01\nend = 2019-05-31\nmonths = [6, 7, 8]\n",
            "no day of the term 2019-03-01..2019-05-31 is in `months = [6, 7, 8]`",
        ),
    ];
    let event = "[[event]]\nid = \"felanmalan\"\ntitle = \"F\"\n";
    for (promises, message) in cases {
        with(&format!("{event}{promises}"))
            .args(["check"])
            .run()
            .code(1)
            .stderr_has(message);
    }
}

#[test]
fn an_event_may_have_only_an_id_and_a_title_and_an_open_term_needs_within() {
    Test::new(
        "title = \"T\"\nstart = 2019-01-01\n[[event]]\nid = \"e\"\ntitle = \"E\"\nmin = 1\n\
         [[promise]]\nid = \"a\"\nper_event = \"e\"\n",
    )
    .args(["check"])
    .run()
    .code(1)
    .stderr_has("unknown key `min` in an event")
    .stderr_has("`per_event` without `within` on a term with no end");
}

#[test]
fn promises_says_each_rule_in_words_in_swedish_and_english() {
    let t = with(&format!(
        "{ANGERED}[[promise]]\nid = \"helg\"\ntitle = \"H\"\nmin = 1\nper = \"month\"\non = [\"sat\", \"sun\"]\n\
         [[promise]]\nid = \"moten\"\ntitle = \"M\"\nmin = 3\nper = \"year\"\ndistinct = \"place\"\n"
    ));
    t.run_args(["promises", "--lang", "sv"])
        .code(0)
        .stdout_has("ett svar per «Felanmäld belysning», inom 1 dag, per kvartal")
        .stdout_has("minst 1 gång per månad, lördagar och söndagar")
        .stdout_has("minst 3 på olika platser per år");
    t.args(["promises", "--lang", "en"])
        .run()
        .code(0)
        .stdout_has("one answer per «Felanmäld belysning», within 1 day, per quarter")
        .stdout_has("at least once per month, on Saturdays and Sundays");
}

#[test]
fn check_warns_about_an_event_outside_the_term_of_every_promise_answering_it() {
    // The repairs promise counts events of 2019 only: a fault report of
    // 2018-12-31 counts nowhere, one of 2019-01-01 counts.
    with(ANGERED)
        .ledger(
            "2019.csv",
            &format!("{HEADER}2018-12-31,felanmalan,1,,\n2019-01-01,felanmalan,1,,\n"),
        )
        .args(["check"])
        .run()
        .code(0)
        .stderr_has(
            "2:1: warning: 2018-12-31 is outside the term of every promise that answers this event",
        )
        .stderr_lacks("2019-01-01 is outside");
}

#[test]
fn check_takes_an_answer_after_the_term_as_counted_while_an_event_of_the_term_can_still_need_it() {
    // Term ends 2019-12-31, within 1 day: a repair on 2020-01-01 answers the
    // fault of 12-31 (the report counts it), so check says nothing of it; one on
    // 2020-01-02 is past every deadline and counts nowhere.
    let t = with(ANGERED).ledger(
        "2019.csv",
        &format!(
            "{HEADER}2019-12-31,felanmalan,1,,\n2020-01-01,reparation,1,kommunen,\n\
             2020-01-02,reparation,1,kommunen,\n"
        ),
    );
    t.run_args(["report", "--format", "csv", "--as-of", "2020-01-02"])
        .code(0)
        .stdout_has("reparation,2019-Q4,2019-10-01,2019-12-31,1,1,met\n");
    t.env("MEDLOFTE_TODAY", "2020-01-02")
        .args(["check"])
        .run()
        .code(0)
        .stderr_lacks("2020-01-01 is outside")
        .stderr_has("4:1: warning: 2020-01-02 is outside the term of \"reparation\"");
}

#[test]
fn an_answer_by_a_part_after_the_term_is_not_counted_nowhere_either() {
    // "rep-natt" is part of "rep": its lines answer rep's events, so one two
    // days after the term answers the fault of the term's last day.
    let t = Test::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-03-31\n\n\
         [[event]]\nid = \"fel\"\ntitle = \"F\"\n\n\
         [[promise]]\nid = \"rep\"\ntitle = \"R\"\nper_event = \"fel\"\nwithin = \"3 days\"\n\n\
         [[promise]]\nid = \"rep-natt\"\ntitle = \"RN\"\npart_of = \"rep\"\n",
    )
    .ledger(
        "2019.csv",
        "date,promise,count\n2019-03-31,fel,1\n2019-04-02,rep-natt,1\n",
    );
    t.run_args([
        "report",
        "--format",
        "csv",
        "--as-of",
        "2019-04-10",
        "--promise",
        "rep",
    ])
    .code(0)
    .stdout_has("rep,term,2019-01-01,2019-03-31,1,1,met\n");
    t.env("MEDLOFTE_TODAY", "2019-04-10")
        .args(["check"])
        .run()
        .code(0)
        .stderr_lacks("counts nowhere");
}
