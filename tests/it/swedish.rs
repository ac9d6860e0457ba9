//! Swedish input (SPEC, "Swedish input"): ledger headers, period words, weekdays
//! and days in words mean exactly what the English ones mean.

use crate::common::{HEADER, Project, Test, WEEKLY_2019};

/// Every period word and shape in Swedish; `english` turns it into the same
/// agreement in English, line by line.
const PROMISES_SV: &str = r#"title = "Mora"
start = 2019-01-01
end = 2019-12-31
parties = ["polisen", "kommunen"]

[[promise]]
id = "narvaro"
title = "Varje vecka"
min = 1
per = "vecka"

[[promise]]
id = "timmar"
title = "Minst 20 timmar per halvår"
unit = "timmar"
min = 20
per = "halvår"

[[promise]]
id = "helg"
title = "En helg i månaden"
min = 1
per = "månad"
on = ["lör", "sön"]

[[promise]]
id = "varannan"
title = "Varannan månad i snitt över året"
min = 1
per = "2 månader"
over = "år"

[[promise]]
id = "fot"
title = "Fotpatrull per plats och kvartal"
min = 2
per = "kvartal"
each = ["Råslätt", "Öxnehaga"]

[[promise]]
id = "dagligen"
title = "Varje dag i mars"
start = 2019-03-01
end = 2019-03-10
min = 1
per = "dag"

[[promise]]
id = "tredagar"
title = "Var tredje dag"
start = 2019-03-01
end = 2019-03-31
min = 1
per = "3 dagar"

[[promise]]
id = "varannan-vecka"
title = "Varannan vecka"
min = 1
per = "2 veckor"

[[promise]]
id = "tertial"
title = "Per tertial"
min = 3
per = "tertial"

[[promise]]
id = "hela"
title = "Fem gånger under året"
min = 5
per = "hela perioden"

[[promise]]
id = "ett-ar"
title = "En gång om året"
min = 1
per = "år"

[[event]]
id = "felanmalan"
title = "Felanmälan"

[[promise]]
id = "reparation"
title = "Reparera inom två dagar"
per_event = "felanmalan"
within = "2 dagar"
per = "kvartal"
"#;

/// The Swedish values of `PROMISES_SV` and the English ones they stand for.
const VALUES: [(&str, &str); 13] = [
    ("per = \"vecka\"", "per = \"week\""),
    ("per = \"halvår\"", "per = \"half-year\""),
    ("per = \"månad\"", "per = \"month\""),
    ("on = [\"lör\", \"sön\"]", "on = [\"sat\", \"sun\"]"),
    ("per = \"2 månader\"", "per = \"2 months\""),
    ("over = \"år\"", "over = \"year\""),
    ("per = \"kvartal\"", "per = \"quarter\""),
    ("per = \"dag\"", "per = \"day\""),
    ("per = \"3 dagar\"", "per = \"3 days\""),
    ("per = \"2 veckor\"", "per = \"2 weeks\""),
    ("per = \"hela perioden\"", "per = \"term\""),
    ("per = \"år\"", "per = \"year\""),
    ("within = \"2 dagar\"", "within = \"2 days\""),
];

fn english(swedish: &str) -> String {
    let english: Vec<String> = swedish
        .lines()
        .map(|line| {
            VALUES
                .iter()
                .find(|(sv, _)| *sv == line)
                .map_or(line.to_string(), |(_, en)| en.to_string())
        })
        .collect();
    english.join("\n") + "\n"
}

/// (date, promise, count, by, note, place): a count with a decimal point.
const LINES: [(&str, &str, &str, &str, &str, &str); 18] = [
    ("2019-01-03", "narvaro", "", "polisen", "Torget", ""),
    ("2019-01-12", "helg", "1", "kommunen", "", ""),
    ("2019-01-15", "timmar", "2.5", "polisen", "kväll", ""),
    ("2019-02-20", "timmar", "12.25", "kommunen", "", ""),
    ("2019-03-01", "dagligen", "", "polisen", "", ""),
    ("2019-03-02", "dagligen", "2", "polisen", "", ""),
    ("2019-03-05", "tredagar", "", "polisen", "", ""),
    ("2019-03-07", "helg", "", "polisen", "en tisdag", ""),
    ("2019-03-09", "helg", "", "polisen", "", ""),
    ("2019-03-10", "fot", "1", "polisen", "", "Råslätt"),
    ("2019-03-11", "fot", "1", "polisen", "", "Öxnehaga"),
    ("2019-03-11", "fot", "1", "polisen", "", "Råslätt"),
    ("2019-04-02", "felanmalan", "2", "", "", ""),
    ("2019-04-03", "reparation", "1", "kommunen", "", ""),
    ("2019-04-09", "reparation", "1", "kommunen", "för sent", ""),
    ("2019-05-05", "varannan", "", "", "", ""),
    ("2019-06-01", "hela", "3", "", "", ""),
    ("2019-06-02", "varannan-vecka", "", "", "", ""),
];

/// `LINES` as a Swedish spreadsheet saves them: `;`, CRLF, decimal commas.
fn ledger_sv(header: &str) -> String {
    let mut text = format!("{header}\r\n");
    for (date, id, count, by, note, place) in LINES {
        let count = count.replace('.', ",");
        text += &format!("{date};{id};{count};{by};{note};{place}\r\n");
    }
    text
}

fn ledger_en() -> String {
    let mut text = "date,promise,count,by,note,place\n".to_string();
    for (date, id, count, by, note, place) in LINES {
        text += &format!("{date},{id},{count},{by},{note},{place}\n");
    }
    text
}

const HEADER_SV: &str = "Datum;Löfte;Antal;Av;Anteckning;Plats";

fn report(p: &Project, as_of: &str) -> String {
    let out = p
        .run(&["report", "--format", "csv", "--as-of", as_of])
        .code(0);
    assert!(out.stderr.is_empty(), "{out}");
    out.stdout
}

#[test]
fn a_swedish_project_reports_exactly_as_the_same_project_in_english() {
    let sv = Project::new(PROMISES_SV);
    sv.ledger("2019.csv", &ledger_sv(HEADER_SV));
    let en = Project::new(&english(PROMISES_SV));
    en.ledger("2019.csv", &ledger_en());
    assert!(!english(PROMISES_SV).contains("per = \"vecka\""));
    for p in [&sv, &en] {
        p.run(&["check"])
            .code(0)
            .stdout_is("")
            .stderr_lacks("error:");
    }
    for as_of in ["2019-03-06", "2019-06-15", "2019-12-31"] {
        let (s, e) = (report(&sv, as_of), report(&en, as_of));
        assert_eq!(s, e, "as of {as_of}");
        assert!(s.lines().count() > 25, "{s}");
    }
    // The labels for scripts stay English, and the decimal comma was an amount.
    let s = report(&sv, "2019-12-31");
    assert!(
        s.contains("timmar,2019-H1,2019-01-01,2019-06-30,20,14.75,missed"),
        "{s}"
    );
    assert!(
        s.contains("hela,term,2019-01-01,2019-12-31,5,3,behind"),
        "{s}"
    );
    assert!(
        s.contains("fot:Råslätt,2019-Q1,2019-01-01,2019-03-31,2,2,met"),
        "{s}"
    );
    let json = |p: &Project| {
        let args = ["status", "--format", "json", "--as-of", "2019-06-15"];
        p.run(&args).code(0).stdout
    };
    assert_eq!(json(&sv), json(&en));
}

#[test]
fn log_into_a_swedish_header_keeps_it_and_fills_its_columns() {
    let t = Test::new(PROMISES_SV).ledger("2019.csv", &ledger_sv(HEADER_SV));
    t.run_args([
        "log",
        "fot",
        "--date",
        "2019-06-01",
        "--place",
        "Öxnehaga",
        "--by",
        "polisen",
        "--note",
        "kväll",
    ])
    .code(0)
    .stdout_has("2019-06-01;fot;;polisen;kväll;Öxnehaga");
    t.run_args(["log", "timmar", "--date", "2019-06-02", "--count", "1.5"])
        .code(0);
    let text = t.read("ledger/2019.csv");
    assert!(
        text.starts_with("Datum;Löfte;Antal;Av;Anteckning;Plats\r\n"),
        "{text}"
    );
    assert!(
        text.ends_with("2019-06-01;fot;;polisen;kväll;Öxnehaga\r\n2019-06-02;timmar;1,5;;;\r\n"),
        "{text}"
    );
    // Columns in another order, under other Swedish names, still get their values.
    let t =
        Test::new(PROMISES_SV).ledger("2019.csv", "Plats,Kommentar,Utförd av,Antal,Löfte,Datum\n");
    t.run_args([
        "log",
        "fot",
        "--date",
        "2019-06-01",
        "--place",
        "Råslätt",
        "--by",
        "polisen",
        "--note",
        "kväll",
        "--count",
        "2",
    ])
    .code(0);
    assert_eq!(
        t.read("ledger/2019.csv"),
        "Plats,Kommentar,Utförd av,Antal,Löfte,Datum\nRåslätt,kväll,polisen,2,fot,2019-06-01\n"
    );
    t.run_args(["report", "--format", "csv", "--as-of", "2019-06-30"])
        .code(0)
        .stdout_has("fot:Råslätt,2019-Q2,2019-04-01,2019-06-30,2,2,met");
}

#[test]
fn log_names_a_missing_column_in_the_header_language() {
    let t = Test::new(PROMISES_SV).ledger("2019.csv", "Datum;Löfte;Antal\r\n");
    t.run_args(["log", "fot", "--date", "2019-06-01", "--place", "Råslätt"])
        .code(2)
        .stderr_has("the file has no `place` column")
        .stderr_has("add ;plats to the end of its header line");
    assert_eq!(t.read("ledger/2019.csv"), "Datum;Löfte;Antal\r\n");
    Test::new(WEEKLY_2019)
        .ledger("2019.csv", "date,promise\n")
        .run_args(["log", "narvaro", "--date", "2019-06-01", "--note", "x"])
        .code(2)
        .stderr_has("add ,note to the end");
}

#[test]
fn each_swedish_header_name_means_its_column() {
    let expected = {
        let en = Project::new(&english(PROMISES_SV));
        en.ledger("2019.csv", &ledger_en());
        report(&en, "2019-12-31")
    };
    for header in [
        "datum;löfte;antal;av;anteckning;plats",
        "DATUM;LÖFTE;ANTAL;AV;ANTECKNING;PLATS",
        "Datum;Löfte;Antal;Utförd av;Kommentar;Plats",
        " datum ;\"löfte\"; antal ;\" utförd  av \";kommentar;plats ",
        // A decomposed `ö` (macOS, some spreadsheets).
        "Datum;Lo\u{308}fte;Antal;Utfo\u{308}rd av;Anteckning;Plats",
        "\u{feff}date;löfte;count;av;note;plats",
    ] {
        let p = Project::new(PROMISES_SV);
        p.ledger("2019.csv", &ledger_sv(header));
        p.run(&["check"]).code(0);
        assert_eq!(report(&p, "2019-12-31"), expected, "{header}");
    }
}

#[test]
fn two_columns_that_mean_one_thing_are_refused_by_name() {
    for (header, says) in [
        (
            "date,promise,datum",
            "the header names `date` and `datum` (columns 1 and 3), which both mean `date`",
        ),
        (
            "datum,löfte,promise",
            "`löfte` and `promise` (columns 2 and 3), which both mean `promise`",
        ),
        (
            "datum,löfte,av,utförd av",
            "`av` and `utförd av` (columns 3 and 4), which both mean `by`",
        ),
        (
            "datum,löfte,anteckning,kommentar",
            "`anteckning` and `kommentar` (columns 3 and 4), which both mean `note`",
        ),
        (
            "datum,löfte,plats,place",
            "`plats` and `place` (columns 3 and 4), which both mean `place`",
        ),
        (
            "datum,löfte,antal,count",
            "`antal` and `count` (columns 3 and 4), which both mean `count`",
        ),
    ] {
        let t = Test::new(WEEKLY_2019).ledger("2019.csv", &format!("{header}\n"));
        t.run_args(["check"])
            .code(1)
            .stderr_has("ledger/2019.csv:1:")
            .stderr_has(says)
            .stderr_has("keep one of them");
        // `log` refuses to guess which column to fill.
        t.run_args(["log", "narvaro", "--date", "2019-06-01"])
            .code(2)
            .stderr_has(says);
    }
}

#[test]
fn a_near_miss_of_a_swedish_name_is_named() {
    Test::new(WEEKLY_2019)
        .ledger("2019.csv", "datum,löfte,antl\n")
        .args(["check"])
        .run()
        .code(1)
        .stderr_has("did you mean `antal`?");
    // A column of the file's own two letters from `av` stays its own.
    Test::new(WEEKLY_2019)
        .ledger("2019.csv", "datum,löfte,år\n2019-01-02,narvaro,2019\n")
        .args(["check"])
        .run()
        .code(0);
}

#[test]
fn swedish_period_words_and_weekdays_are_silent_in_check() {
    let p = Project::new(PROMISES_SV);
    p.run(&["check"]).code(0).stdout_is("").stderr_is("");
    for value in [
        "per = \"1 vecka\"",
        "per = \"4 veckor\"",
        "per = \"1 månad\"",
        "per = \"3 månader\"",
        "per = \"tertial\"",
        "per = \"2 dagar\"",
        "per = \"ma\u{30a}nad\"",
        "per = \"halvår\"\non = [\"mån\", \"tis\", \"ons\", \"tor\", \"fre\", \"lör\", \"sön\"]",
        "per = \"vecka\"\non = [\"LÖR\", \"sun\"]",
    ] {
        let toml = format!(
            "{}min = 1\n{value}\n",
            WEEKLY_2019.replace("min = 1\nper = \"week\"\n", "")
        );
        Project::new(&toml)
            .run(&["check"])
            .code(0)
            .stdout_is("")
            .stderr_is("");
    }
}

#[test]
fn swedish_values_are_refused_as_the_english_ones_are() {
    for (value, says) in [
        ("per = \"1 dagar\"", "one day is written \"dag\""),
        ("per = \"1 days\"", "one day is written \"day\""),
        ("per = \"0 veckor\"", "the count must be 1 or more"),
        ("per = \"2 kvartal\"", "use \"kvartal\" or \"N månader\""),
        ("per = \"Vecka\"", "did you mean \"vecka\"?"),
        ("per = \"veckovis\"", "did you mean \"vecka\"?"),
        ("per = \"weekly\"", "did you mean \"week\"?"),
        (
            "per = \"vecka\"\non = [\"lördag\"]",
            "did you mean \"sat\"? (or \"lör\"",
        ),
        (
            "per = \"vecka\"\non = [\"satruday\"]",
            "did you mean \"sat\"? (mon, tue",
        ),
        (
            "per = \"vecka\"\non = [\"torsdg\"]",
            "did you mean \"thu\"? (or \"tor\"",
        ),
    ] {
        let toml = format!(
            "{}min = 1\n{value}\n",
            WEEKLY_2019.replace("min = 1\nper = \"week\"\n", "")
        );
        Project::new(&toml)
            .run(&["check"])
            .code(1)
            .stderr_has("promises.toml:")
            .stderr_has(says);
    }
}

#[test]
fn promises_shows_a_swedish_value_beside_its_english_word() {
    let p = Project::new(PROMISES_SV);
    let en = p.run(&["promises", "--lang", "en"]).code(0);
    for shown in [
        "  Rule: at least once per week\n  In promises.toml: per = \"vecka\" (week)\n",
        "In promises.toml: per = \"månad\" (month), on = [\"lör\", \"sön\"] (sat, sun)\n",
        "In promises.toml: per = \"2 månader\" (2 months), over = \"år\" (year)\n",
        "In promises.toml: per = \"hela perioden\" (term)\n",
        "In promises.toml: per = \"kvartal\" (quarter), within = \"2 dagar\" (2 days)\n",
    ] {
        assert!(en.stdout.contains(shown), "{shown}\n{en}");
    }
    p.run(&["promises", "--lang", "sv"]).code(0).stdout_has(
        "  Löftet: minst 1 gång per vecka\n  I promises.toml: per = \"vecka\" (week)\n",
    );
    // Nothing is added where the file is written in English.
    Project::new(&english(PROMISES_SV))
        .run(&["promises"])
        .code(0)
        .stdout_lacks("promises.toml:");
}

/// The day `log --date WORD` writes, with today a Wednesday.
fn logged_day(word: &str) -> String {
    let t = Test::new(WEEKLY_2019)
        .env("MEDLOFTE_TODAY", "2019-03-06")
        .args(["log", "narvaro", "--date", word]);
    let out = t.run().code(0);
    let file = t.read("ledger/2019.csv");
    let line = file.lines().nth(1).unwrap_or_default();
    assert!(out.stdout.contains(line), "{out}");
    line.split(',').next().unwrap_or_default().to_string()
}

#[test]
fn days_in_words_count_back_from_today() {
    for (word, day) in [
        ("today", "2019-03-06"),
        ("idag", "2019-03-06"),
        ("IDAG", "2019-03-06"),
        ("i dag", "2019-03-06"),
        ("yesterday", "2019-03-05"),
        ("igår", "2019-03-05"),
        ("Igår", "2019-03-05"),
        ("i förrgår", "2019-03-04"),
        ("I FÖRRGÅR", "2019-03-04"),
    ] {
        assert_eq!(logged_day(word), day, "{word}");
    }
}

#[test]
fn a_weekday_is_the_latest_such_day_today_included() {
    for (word, day) in [
        ("onsdag", "2019-03-06"),
        ("wednesday", "2019-03-06"),
        ("ons", "2019-03-06"),
        ("tisdag", "2019-03-05"),
        ("måndag", "2019-03-04"),
        ("Monday", "2019-03-04"),
        ("mån", "2019-03-04"),
        ("mon", "2019-03-04"),
        ("söndag", "2019-03-03"),
        ("lör", "2019-03-02"),
        ("fredag", "2019-03-01"),
        ("torsdag", "2019-02-28"),
        ("thu", "2019-02-28"),
    ] {
        assert_eq!(logged_day(word), day, "{word}");
    }
}

#[test]
fn as_of_from_and_to_take_the_same_words() {
    let t = Test::new(WEEKLY_2019)
        .env("MEDLOFTE_TODAY", "2019-03-06")
        .ledger("2019.csv", &format!("{HEADER}2019-03-04,narvaro,1,,\n"));
    let csv = |args: &[&str]| {
        let mut all = vec!["report", "--format", "csv"];
        all.extend_from_slice(args);
        t.run_args(all).code(0).stdout
    };
    let pairs: [(&[&str], &[&str]); 4] = [
        (&["--as-of", "igår"], &["--as-of", "2019-03-05"]),
        (&["--as-of", "i förrgår"], &["--as-of", "2019-03-04"]),
        (
            &["--from", "måndag", "--to", "idag"],
            &["--from", "2019-03-04", "--to", "2019-03-06"],
        ),
        (
            &["--from", "torsdag", "--to", "igår"],
            &["--from", "2019-02-28", "--to", "2019-03-05"],
        ),
    ];
    for (words, dates) in pairs {
        assert_eq!(csv(words), csv(dates), "{words:?}");
    }
    assert_eq!(
        csv(&["--from", "måndag", "--to", "idag"]),
        "promise,period,start,end,required,done,status\nnarvaro,2019-W10,2019-03-04,2019-03-10,1,1,met\n"
    );
    t.run_args(["status", "--format", "csv", "--as-of", "lördag"])
        .code(0)
        .stdout_has("narvaro,2019-W09,2019-02-25,2019-03-03");
}

#[test]
fn a_day_and_month_are_never_guessed() {
    let t = Test::new(WEEKLY_2019).env("MEDLOFTE_TODAY", "2026-04-08");
    for args in [
        &["log", "narvaro", "--date", "3/4/2026"][..],
        &["report", "--as-of", "3/4/2026"],
        &["report", "--from", "3/4/2026"],
        &["report", "--to", "3/4/2026"],
        &["status", "--as-of", "3/4/2026"],
    ] {
        t.run_args(args)
            .code(2)
            .stderr_has("\"3/4/2026\" is not written YYYY-MM-DD (is it 2026-04-03 or 2026-03-04?)")
            .stderr_has("write YYYY-MM-DD");
    }
    assert_eq!(t.read("ledger/2026.csv"), "");
    t.run_args(["log", "narvaro", "--date", "igar"])
        .code(2)
        .stderr_has("did you mean \"igår\"?");
    // The ledger shows the same readings and takes neither.
    Test::new(WEEKLY_2019)
        .ledger("2019.csv", &format!("{HEADER}13/3/2019,narvaro,1,,\n"))
        .args(["check"])
        .run()
        .code(1)
        .stderr_has("is not written YYYY-MM-DD (is it 2019-03-13?)");
}
