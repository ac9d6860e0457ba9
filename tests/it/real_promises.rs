//! Published medborgarlöften, encoded as they are written (tests/fixtures/real),
//! must be accepted by `check` and give SPEC's figures. The expected figures are
//! worked out by hand from SPEC in the comments, not copied from the program.

use crate::common::{Project, repo_root, run_in};

fn fixture(name: &str) -> std::path::PathBuf {
    repo_root().join("tests/fixtures/real").join(name)
}

fn report(name: &str, as_of: &str) -> Vec<String> {
    let out = run_in(
        &fixture(name),
        &["report", "--format", "csv", "--as-of", as_of],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn every_fixture_is_accepted_by_check() {
    for entry in std::fs::read_dir(repo_root().join("tests/fixtures/real")).unwrap() {
        let dir = entry.unwrap().path();
        let out = run_in(&dir, &["check"]);
        assert_eq!(
            (out.code, out.stderr.as_str()),
            (0, ""),
            "{}",
            dir.display()
        );
    }
}

#[test]
fn pajala_every_other_month_and_of_which() {
    // As of 2019-09-30. BRÅ meetings "minst en gång varannan månad": windows of two
    // months from January; the fifth (Sep–Oct) holds as-of with 30 of 61 days gone,
    // so the pace is floor(1 × 30 / 61) = 0 and none done yet is on track.
    // Tillsyn: one of its own plus the market one that is part of it = 2 of 2.
    // Insatser: 2 of 3, pace floor(3 × 273 / 365) = 2: on track. Riskkvällar: 0 of
    // 2, pace floor(2 × 273 / 365) = 1: behind. Hundsök: pace 0: on track.
    assert_eq!(
        report("pajala-2019", "2019-09-30"),
        [
            "bra-moten,2019-01..2019-02,2019-01-01,2019-02-28,1,1,met",
            "bra-moten,2019-03..2019-04,2019-03-01,2019-04-30,1,1,met",
            "bra-moten,2019-05..2019-06,2019-05-01,2019-06-30,1,1,met",
            "bra-moten,2019-07..2019-08,2019-07-01,2019-08-31,1,1,met",
            "bra-moten,2019-09..2019-10,2019-09-01,2019-10-31,1,0,on-track",
            "tillsyn,2019,2019-01-01,2019-12-31,2,2,met",
            "tillsyn-marknad,2019,2019-01-01,2019-12-31,1,1,met",
            "insatser,2019,2019-01-01,2019-12-31,3,2,on-track",
            "riskkvallar,2019,2019-01-01,2019-12-31,2,0,behind",
            "hundsok,2019,2019-01-01,2019-12-31,1,0,on-track",
        ]
    );
}

#[test]
fn kalix_three_a_week_on_average_over_the_year() {
    // "minst tre medborgarkontakter i snitt per vecka", averaged over each year:
    // the ISO weeks meeting 2022 cover its 365 days, Σ overlap/7 = 365/7, so the
    // year requires ceil(3 × 365 / 7) = ceil(156.43) = 157. By 2022-03-31, 90 days
    // in, the pace is floor(157 × 90 / 365) = 38; 40 done is on track. The line
    // dated after as-of does not count. 2023 has not started: not shown.
    assert_eq!(
        report("kalix-2022", "2022-03-31"),
        [
            "medborgarkontakter,2022,2022-01-01,2022-12-31,157,40,on-track",
            "trafiksakerhet,2022,2022-01-01,2022-12-31,4,1,on-track",
        ]
    );
    let end = report("kalix-2022", "2023-12-31");
    assert_eq!(
        end[0],
        "medborgarkontakter,2022,2022-01-01,2022-12-31,157,45,missed"
    );
    // 2023 begins on a Sunday: 365/7 again, 157.
    assert_eq!(
        end[1],
        "medborgarkontakter,2023,2023-01-01,2023-12-31,157,0,behind"
    );
}

#[test]
fn jonkoping_a_quota_per_place() {
    // On the last day of the year the window still holds as-of: 799 of 800 is
    // behind (the pace is the whole 800), not yet missed; the day after, missed.
    let last_day = report("jonkoping-2021", "2021-12-31");
    assert_eq!(
        last_day,
        [
            "narvaro:Råslätt,2021,2021-01-01,2021-12-31,800,800,met",
            "narvaro:Öxnehaga,2021,2021-01-01,2021-12-31,800,799,behind",
            "narvaro:Österängen,2021,2021-01-01,2021-12-31,800,0,behind",
            "narvaro:Ekhagen,2021,2021-01-01,2021-12-31,800,1000,met",
            "tobakstillsyn:Kiosken vid torget,2021,2021-01-01,2021-12-31,1,0,behind",
            "tobakstillsyn:Bensinmacken,2021,2021-01-01,2021-12-31,1,1,met",
        ]
    );
    let after = report("jonkoping-2021", "2022-01-01");
    assert_eq!(
        after[1],
        "narvaro:Öxnehaga,2021,2021-01-01,2021-12-31,800,799,missed"
    );
}

#[test]
fn log_with_a_place_and_did_you_mean() {
    let p = Project::copy_of(&fixture("jonkoping-2021"));
    let out = p.run(&[
        "log",
        "narvaro",
        "--place",
        "Oxnehaga",
        "--date",
        "2021-12-30",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean \"Öxnehaga\"?"),
        "{}",
        out.stderr
    );
    let out = p.run(&[
        "log",
        "narvaro",
        "--place",
        "Öxnehaga",
        "--date",
        "2021-12-30",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("narvaro:Öxnehaga: 800 of 800 in 2021 — met"),
        "{}",
        out.stdout
    );
    assert!(
        p.read("ledger/2021.csv")
            .ends_with("2021-12-30,narvaro,,,,Öxnehaga\n")
    );
}

#[test]
fn richer_shapes_in_every_format() {
    let dir = fixture("pajala-2019");
    let json = run_in(
        &dir,
        &[
            "status",
            "--format",
            "json",
            "--as-of",
            "2019-09-30",
            "--promise",
            "bra-moten",
        ],
    );
    assert!(json.stdout.contains("\"period\": \"2019-09..2019-10\", \"start\": \"2019-09-01\", \"end\": \"2019-10-31\", \"required\": 1, \"done\": 0, \"status\": \"on-track\", \"left\": 1, \"days_left\": 31, \"met\": 4, \"ended\": 4"), "{}", json.stdout);
    let md = run_in(
        &dir,
        &[
            "report",
            "--format",
            "markdown",
            "--as-of",
            "2019-09-30",
            "--promise",
            "tillsyn-marknad",
        ],
    );
    assert!(
        md.stdout
            .contains("- **Rule:** at least once per year (part of tillsyn)\n- **id:** tillsyn-marknad\n\n**no window ended yet** · met · on average 0.03 a week, 0.11 a month\n\n| Period | Start | Required | Done | Status | |\n| --- | --- | ---: | ---: | --- | --- |\n| 2019 | 2019-01-01 | 1 | 1 | met | ██████████ |"),
        "{}",
        md.stdout
    );
}

#[test]
fn hours_with_decimals_add_up_exactly() {
    let p = Project::new(
        "title = \"T\"\nstart = 2022-01-01\nend = 2022-12-31\n\n[[promise]]\nid = \"timmar\"\nunit = \"timmar\"\nmin = 900\nper = \"year\"\n",
    );
    p.ledger("2022.csv", "date,promise,count\n2022-01-10,timmar,0.1\n2022-01-11,timmar,0.2\n2022-01-12,timmar,1.25\n");
    let out = p.run(&["report", "--format", "csv", "--as-of", "2022-01-31"]);
    assert!(
        out.stdout
            .contains("timmar,2022,2022-01-01,2022-12-31,900,1.55,behind"),
        "{}",
        out.stdout
    );
    let log = p.run(&["log", "timmar", "--count", "2,5", "--date", "2022-01-31"]);
    assert!(
        log.stdout
            .contains("timmar: 4.05 of 900 timmar in 2022 — missed"),
        "{}",
        log.stdout
    );
}

#[test]
fn swedish_output_writes_decimal_commas_and_units_and_scripts_keep_points() {
    // "minst 900 timmar per år": 1,25 + 5,5 = 6,75 timmar by 2022-01-31 (`log`
    // judges as of today, long after 2022: missed).
    let p = Project::new(
        "title = \"T\"\nstart = 2022-01-01\nend = 2022-12-31\nlang = \"sv\"\n\n\
         [[promise]]\nid = \"timmar\"\ntitle = \"Synlig polis\"\nunit = \"timmar\"\nmin = 900\nper = \"year\"\n\n\
         [[promise]]\nid = \"extra\"\ntitle = \"Extra timmar\"\nunit = \"timmar\"\n",
    );
    p.ledger(
        "2022.csv",
        "date,promise,count\n2022-01-10,timmar,1.25\n2022-01-11,extra,4.5\n",
    );
    let log = p.run(&["log", "timmar", "--count", "5,5", "--date", "2022-01-31"]);
    assert!(
        log.stdout
            .contains("timmar: 6,75 av 900 timmar under 2022 — missat"),
        "{}",
        log.stdout
    );
    p.run(&["status", "--as-of", "2022-01-31"])
        .code(0)
        .stdout_has("6,75")
        .stdout_has("893,25")
        .stdout_lacks("6.75");
    p.run(&["status", "--as-of", "2022-01-31", "--format", "csv"])
        .stdout_has(",6.75,")
        .stdout_lacks("6,75");
    p.run(&["calendar", "--as-of", "2022-01-31"])
        .stdout_has("följs: 4,5 timmar");
    p.run(&["promises"]).stdout_has("minst 900 timmar per år");
}
