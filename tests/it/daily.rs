//! The daily habits: init, undo, calendar, promises, completions, man, and output
//! into a closed pipe.

use crate::common::{Project, Test, run_in};
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("medlofte"));
    c.env("NO_COLOR", "1")
        .env_remove("MEDLOFTE_DIR")
        .env_remove("MEDLOFTE_LANG")
        .env_remove("COLUMNS");
    c
}

#[test]
fn init_makes_a_project_that_checks_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("haparanda");
    let out = bin().arg("init").arg(&project).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(project.join("ledger").is_dir());
    assert_eq!(
        std::fs::read_to_string(project.join(".gitattributes"))
            .unwrap()
            .lines()
            .last(),
        Some("ledger/*.csv merge=union")
    );
    run_in(&project, &["check"]).code(0).stderr_is("");
    // The follow-up template: an introduction shown, its guidance (comments) not.
    run_in(&project, &["report", "--format", "markdown"])
        .code(0)
        .stdout_has("Under perioden har polisen och kommunen arbetat med löftena enligt nedan.")
        .stdout_lacks("Skriv aldrig personnummer");
    assert!(String::from_utf8_lossy(&out.stdout).contains("followup.md"));
    run_in(&project, &["log", "narvaro", "--note", "Torget"]).code(0);
    // A second init refuses and changes nothing.
    let before = std::fs::read(project.join("promises.toml")).unwrap();
    let again = bin().arg("init").arg(&project).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("promises.toml: error: already exists")
    );
    assert_eq!(
        std::fs::read(project.join("promises.toml")).unwrap(),
        before
    );
    // Even one existing piece is enough to refuse.
    let other = dir.path().join("other");
    std::fs::create_dir_all(other.join("ledger")).unwrap();
    let out = bin().arg("-C").arg(&other).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!other.join("promises.toml").exists());
}

#[test]
fn the_template_is_swedish_and_every_commented_shape_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        bin()
            .arg("init")
            .arg(dir.path())
            .output()
            .unwrap()
            .status
            .success()
    );
    let template = std::fs::read_to_string(dir.path().join("promises.toml")).unwrap();
    // Uncomment every example: the whole file must still be accepted.
    let all: String = template
        .lines()
        .map(|l| {
            if l.starts_with("# [[")
                || l.starts_with("# id")
                || l.starts_with("# title")
                || l.starts_with("# min")
                || l.starts_with("# per")
                || l.starts_with("# over")
                || l.starts_with("# due")
                || l.starts_with("# unit")
                || l.starts_with("# part_of")
                || l.starts_with("# each")
                || l.starts_with("# better")
                || l.starts_with("# baseline")
                || l.starts_with("# target")
            {
                l[2..].to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(dir.path().join("promises.toml"), &all).unwrap();
    let check = run_in(dir.path(), &["check"]);
    assert_eq!((check.code, check.stderr.as_str()), (0, ""), "{all}");
    let mut promises = run_in(dir.path(), &["promises"]);
    for phrase in [
        "minst 1 gång per vecka",
        "minst 900 timmar per år",
        "minst 1 gång per månad i snitt över året",
        "ingår i vandringar",
        "för var och en av Kiosken vid torget, Bensinmacken",
    ] {
        promises = promises.stdout_has(phrase);
    }
}

const WEEKLY: &str = "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\n\n[[promise]]\nid = \"narvaro\"\nmin = 1\nper = \"week\"\n";

#[test]
fn undo_removes_exactly_the_last_logged_line() {
    let p = Project::new(WEEKLY);
    p.ledger(
        "2019.csv",
        "date,promise,count,by,note\n2019-01-02,narvaro,,,Torget\n",
    );
    p.run(&["log", "narvaro", "--date", "2019-01-09", "--note", "Hamnen"])
        .code(0);
    // Not on a terminal and without --yes: shows the line, removes nothing.
    p.run(&["undo"])
        .code(2)
        .stdout_has("2019-01-09,narvaro,,,Hamnen")
        .stderr_has("--yes");
    assert!(p.read("ledger/2019.csv").ends_with("Hamnen\n"));
    p.run(&["undo", "--yes"]).code(0);
    assert_eq!(
        p.read("ledger/2019.csv"),
        "date,promise,count,by,note\n2019-01-02,narvaro,,,Torget\n"
    );
    // Only once.
    p.run(&["undo", "--yes"])
        .code(2)
        .stderr_has("nothing to undo");
}

#[test]
fn undo_refuses_when_the_line_is_no_longer_last() {
    let p = Project::new(WEEKLY);
    p.run(&["log", "narvaro", "--date", "2019-01-09", "--note", "Hamnen"])
        .code(0);
    let path = p.path().join("ledger/2019.csv");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("2019-01-10,narvaro,,,Handskrivet\n");
    std::fs::write(&path, &text).unwrap();
    p.run(&["undo", "--yes"])
        .code(2)
        .stderr_has("no longer the last line");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "nothing was touched"
    );
}

#[test]
fn undo_after_a_cut_off_line_keeps_the_line_end_it_added() {
    let p = Project::new(WEEKLY);
    p.ledger(
        "2019.csv",
        "date,promise,count,by,note\n2019-01-02,narvaro,,,Tor",
    );
    p.run(&["log", "narvaro", "--date", "2019-01-09"]).code(0);
    p.run(&["undo", "--yes"]).code(0);
    assert_eq!(
        p.read("ledger/2019.csv"),
        "date,promise,count,by,note\n2019-01-02,narvaro,,,Tor\n"
    );
}

#[test]
fn calendar_of_the_shipped_example() {
    // No colour without a terminal.
    let out = Test::example()
        .args(["calendar", "--as-of", "2019-10-15"])
        .run()
        .code(0)
        .stdout_has("Teckenförklaring: ■ uppfyllt  ✗ missat  ▸ pågår  · ej börjat")
        .stdout_lacks("\u{1b}");
    let narvaro = out
        .stdout
        .lines()
        .find(|l| l.starts_with("narvaro "))
        .unwrap();
    let cells: String = narvaro.chars().filter(|c| "■✗▸·".contains(*c)).collect();
    // 53 windows in 2019 (the last is 2020-W01, cut to two days of the term).
    assert_eq!(cells.chars().count(), 53, "{narvaro}");
    assert_eq!(cells.chars().filter(|&c| c == '■').count(), 37);
    assert_eq!(cells.chars().filter(|&c| c == '✗').count(), 4);
    assert_eq!(cells.chars().filter(|&c| c == '▸').count(), 1);
    assert!(narvaro.ends_with("37/41"), "{narvaro}");
    for line in out.stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn calendar_for_one_promise_in_english_and_a_bad_year() {
    let out = Test::example()
        .args(["calendar", "--year", "2019", "--as-of", "2020-06-01"])
        .args(["--promise", "insatser", "--lang", "en"])
        .run()
        .code(0)
        .stdout_has("insatser")
        .stdout_lacks("narvaro")
        .stdout_has("Legend: ■ met  ✗ missed");
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("insatser"))
        .unwrap();
    assert!(
        line.contains('✗') && line.contains('■') && line.ends_with("1/2"),
        "{line}"
    );
    Test::example()
        .args(["calendar", "--year", "999999"])
        .run()
        .code(2)
        .stderr_has("--year 999999");
    // A year of the calendar but not of the agreement is said so, not drawn as
    // empty rows.
    Test::example()
        .args(["calendar", "--year", "2021"])
        .run()
        .code(2)
        .stdout_is("")
        .stderr_has(
            "--year 2021 is outside the agreement's term (2019-01-01..2019-12-31) — choose 2019",
        );
    // The title keeps the agreement's own words apart from the calendar's year.
    Test::example()
        .args(["calendar", "--as-of", "2019-10-15", "--lang", "en"])
        .run()
        .stdout_has("Haparanda – medborgarlöften: calendar 2019, as of 2019-10-15\n");
}

#[test]
fn promises_lists_rules_in_words() {
    Test::example()
        .args(["promises"])
        .run()
        .code(0)
        .stdout_has("insatser\n  Polisen genomför regelbundna operativa insatser")
        .stdout_has("Löftet: minst 2 gånger per halvår\n  Ansvariga: polisen")
        .stdout_has("Löftet: klart senast 2020-02-29");
    Test::example()
        .args(["promises", "--lang", "en"])
        .run()
        .stdout_has("Rule: at least once per week")
        .stdout_has("Parties: polisen, kommunen, skolan, hälsocentralen");
}

#[test]
fn medlofte_lang_environment_variable() {
    Test::example()
        .args(["status", "--as-of", "2019-10-15"])
        .env("MEDLOFTE_LANG", "en")
        .run()
        .stdout_has("as of 2019-10-15");
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        // The script asks medlofte itself on TAB, which knows every command.
        assert!(
            text.contains("medlofte") && text.contains("COMPLETE"),
            "{shell}"
        );
    }
    let man = bin().arg("man").output().unwrap();
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(
        text.starts_with(".ie") && text.contains(".TH medlofte 1") && text.contains("report"),
        "{text}"
    );
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        "followup.md",
        "MEDLOFTE_TODAY",
    ] {
        assert!(text.contains(section), "{section}");
    }
}

#[test]
fn man_writes_a_page_per_command_and_one_for_the_file_format() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("share/man");
    // A project folder in the environment is not where pages go.
    let project = dir.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let out = bin()
        .env("MEDLOFTE_DIR", &project)
        .arg("man")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(&project).unwrap().count(), 0);
    let out = bin()
        .arg("man")
        .arg("--dir")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for cmd in [
        "log", "status", "report", "check", "calendar", "promises", "init", "undo",
    ] {
        let page = std::fs::read_to_string(out_dir.join(format!("man1/medlofte-{cmd}.1"))).unwrap();
        assert!(page.contains(&format!(".TH medlofte-{cmd} 1")), "{cmd}");
        assert!(page.contains("medlofte(1)"), "{cmd}: SEE ALSO");
    }
    let format = std::fs::read_to_string(out_dir.join("man5/medlofte-promises.5")).unwrap();
    for key in ["per_event", "distinct", "[[indicator]]", "EXAMPLE"] {
        assert!(format.contains(key), "{key}");
    }
    let main = std::fs::read_to_string(out_dir.join("man1/medlofte.1")).unwrap();
    assert!(main.contains("medlofte\\-promises(5)"), "{main}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Far more output than a pipe holds (about 20 MB), so the write must meet the
    // closed end, as `medlofte report | head` does.
    let p = Project::new(
        "title = \"T\"\nstart = 2019-01-01\n\n[[promise]]\nid = \"narvaro\"\nmin = 1\nper = \"week\"\n",
    );
    let mut child = bin()
        .arg("-C")
        .arg(p.path())
        .args(["report", "--format", "csv", "--as-of", "9999-12-31"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    assert_eq!(&first, b"promise,period,s");
    drop(stdout); // the reader goes away
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn every_new_subcommand_has_help_with_an_example() {
    for cmd in ["calendar", "promises", "init", "undo", "completions", "man"] {
        let out = bin().args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Examples:\n  medlofte"),
            "{cmd}"
        );
    }
}

/// What the shell gets on TAB after `words` (the last one being completed).
fn completing(shell: &str, cwd: &std::path::Path, words: &[&str]) -> Vec<String> {
    let out = bin()
        .current_dir(cwd)
        .env("COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn completion_offers_the_projects_own_ids_parties_and_places() {
    let p = Project::new(
        "title = \"T\"\nstart = 2019-01-01\nparties = [\"polisen\", \"kommunen\"]\n\n\
         [[event]]\nid = \"felanmalan\"\ntitle = \"Felanmäld belysning\"\n\n\
         [[promise]]\nid = \"narvaro\"\ntitle = \"N\"\nmin = 1\nper = \"week\"\n\n\
         [[promise]]\nid = \"tillsyn\"\ntitle = \"T\"\nmin = 1\nper = \"year\"\neach = [\"Kiosken\", \"Macken\"]\n\n\
         [[promise]]\nid = \"reparation\"\ntitle = \"R\"\nper_event = \"felanmalan\"\nwithin = \"1 day\"\n",
    );
    let inside = p.path().join("ledger");
    std::fs::create_dir_all(&inside).unwrap();
    for shell in ["fish", "bash"] {
        // From a folder inside the project, as from its top.
        let ids = completing(shell, &inside, &["medlofte", "log", ""]);
        for id in ["narvaro", "tillsyn", "reparation", "felanmalan"] {
            assert!(ids.contains(&id.to_string()), "{shell}: {ids:?}");
        }
        let by = completing(shell, &inside, &["medlofte", "log", "narvaro", "--by", ""]);
        assert_eq!(by, ["polisen", "kommunen"], "{shell}");
        let places = completing(
            shell,
            &inside,
            &["medlofte", "log", "tillsyn", "--place", ""],
        );
        assert_eq!(places, ["Kiosken", "Macken"], "{shell}");
    }
    // -C on the line being completed names the project; elsewhere there is none.
    let elsewhere = tempfile::tempdir().unwrap();
    let dir = p.path().to_string_lossy().into_owned();
    let ids = completing(
        "fish",
        elsewhere.path(),
        &["medlofte", "-C", &dir, "log", "ti"],
    );
    assert!(ids.contains(&"tillsyn".to_string()), "{ids:?}");
    // With no project, only the options are offered.
    let offered = completing("fish", elsewhere.path(), &["medlofte", "log", ""]);
    assert!(offered.iter().all(|o| o.starts_with('-')), "{offered:?}");
    // The scripts ask medlofte on every TAB.
    for shell in ["bash", "zsh", "fish"] {
        let out = bin().args(["completions", shell]).output().unwrap();
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains("COMPLETE="), "{shell}: {script}");
    }
}

#[test]
fn undo_never_takes_the_header_whatever_its_record_says() {
    // A record of the undo note edited to name the whole file from its first
    // byte: the header and every line would go.
    let p = Project::new(WEEKLY);
    p.run(&["log", "narvaro", "--date", "2019-01-09"]).code(0);
    let path = p.path().join("ledger/2019.csv");
    let text = std::fs::read(&path).unwrap();
    let hex: String = text.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(
        p.path().join(".medlofte/last-log"),
        format!("2019.csv\n0\n{hex}\n"),
    )
    .unwrap();
    p.run(&["undo", "--yes"]).code(2).stderr_has("its header");
    assert_eq!(std::fs::read(&path).unwrap(), text, "nothing was touched");
}

#[test]
fn calendar_draws_each_window_under_the_month_it_starts_in() {
    // A term of January to March: the monthly windows stand under Jan, Feb and
    // Mar, one that starts in March under Mar, and quarters of a whole year
    // under Jan, Apr, Jul and Oct, not spread evenly across the year.
    let t = Test::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-03-31\n\n\
         [[promise]]\nid = \"m\"\ntitle = \"M\"\nmin = 1\nper = \"month\"\n\n\
         [[promise]]\nid = \"s\"\ntitle = \"S\"\nmin = 1\nper = \"month\"\nstart = 2019-03-01\n",
    )
    .ledger("2019.csv", "date,promise,count\n2019-01-05,m,1\n");
    let columns = |out: &str, name: &str| glyph_columns(row(out, name));
    let months = |out: &str, names: &[&str]| -> Vec<usize> {
        names.iter().map(|m| month_column(out, m)).collect()
    };
    let out = t
        .args(["calendar", "--as-of", "2019-02-15", "--lang", "en"])
        .run()
        .code(0)
        .stdout;
    assert_eq!(
        columns(&out, "m "),
        months(&out, &["Jan", "Feb", "Mar"]),
        "{out}"
    );
    assert_eq!(columns(&out, "s "), months(&out, &["Mar"]), "{out}");
    let q = Test::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\n\n\
         [[promise]]\nid = \"q\"\ntitle = \"Q\"\nmin = 1\nper = \"quarter\"\n",
    )
    .ledger("2019.csv", "date,promise,count\n")
    .args(["calendar", "--as-of", "2019-05-15", "--lang", "en"])
    .run()
    .code(0)
    .stdout;
    assert_eq!(
        columns(&q, "q "),
        months(&q, &["Jan", "Apr", "Jul", "Oct"]),
        "{q}"
    );
}

#[test]
fn calendar_rows_of_weeks_have_no_gap_in_any_part_of_the_year() {
    // Weekly windows stand one to a column, fortnights two apart, in each
    // half-year of a narrow screen: a gap would read as a window left out.
    let out = Test::new(
        "title = \"T\"\nstart = 2020-01-01\nend = 2020-12-31\n\n\
         [[promise]]\nid = \"w\"\ntitle = \"W\"\nmin = 1\nper = \"week\"\n\n\
         [[promise]]\nid = \"b\"\ntitle = \"B\"\nmin = 1\nper = \"2 weeks\"\n",
    )
    .ledger("2020.csv", "date,promise,count\n")
    .env("COLUMNS", "60")
    .args(["calendar", "--as-of", "2020-12-31", "--lang", "en"])
    .run()
    .code(0)
    .stdout;
    let rows = |name: &str| -> Vec<Vec<usize>> {
        out.lines()
            .filter(|l| l.starts_with(name))
            .map(glyph_columns)
            .collect()
    };
    for (name, step) in [("w ", 1), ("b ", 2)] {
        let parts = rows(name);
        assert_eq!(parts.len(), 2, "{out}");
        for cols in parts {
            assert!(
                cols.windows(2).all(|p| p[1] - p[0] == step),
                "{name}: {cols:?}\n{out}"
            );
        }
    }
}

#[test]
fn calendar_cells_of_filtered_and_uneven_windows_stand_under_their_months() {
    // Weeks of January, February, November and December only; two listed
    // days (midsummer and Christmas); ten-day groups: each cell under the
    // month it starts in, none drawn in another month's place.
    let out = Test::new(
        "title = \"T\"\nstart = 2020-01-01\nend = 2020-12-31\n\n\
         [[promise]]\nid = \"wf\"\ntitle = \"W\"\nmin = 1\nper = \"week\"\nmonths = [1, 2, 11, 12]\n\n\
         [[promise]]\nid = \"hol\"\ntitle = \"H\"\nmin = 1\nper = \"week\"\ndates = [2020-06-19, 2020-12-24]\n\n\
         [[promise]]\nid = \"d10\"\ntitle = \"D\"\nmin = 1\nper = \"10 days\"\n",
    )
    .ledger("2020.csv", "date,promise,count\n")
    .args(["calendar", "--as-of", "2020-12-31", "--lang", "en"])
    .run()
    .code(0)
    .stdout;
    let month = |m: &str| month_column(&out, m);
    let cells = |name: &str| glyph_columns(row(&out, name));
    let wf = cells("wf ");
    // The week of February 24 holds March 1, as the week "Mar" stands over.
    assert!(
        wf.iter().all(|&c| c <= month("Mar") || c >= month("Nov")),
        "{out}"
    );
    assert!(wf.iter().any(|&c| c >= month("Dec")), "{out}");
    let hol = cells("hol ");
    assert_eq!(hol.len(), 2, "{out}");
    assert!(month("Jun") <= hol[0] && hol[0] < month("Jul"), "{out}");
    assert!(hol[1] >= month("Dec"), "{out}");
    let d10 = cells("d10 ");
    assert!(*d10.last().unwrap() >= month("Dec"), "{out}");
}

#[test]
fn calendar_days_share_their_week_and_the_year_keeps_its_width() {
    // A daily promise has 365 windows and a weekend one in June ten: each week
    // shows one cell (today's week its current window), all under their months,
    // and no line runs past 80 columns.
    let out = Test::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\n\n\
         [[promise]]\nid = \"day\"\ntitle = \"D\"\nmin = 1\nper = \"day\"\n\n\
         [[promise]]\nid = \"we\"\ntitle = \"W\"\nmin = 1\nper = \"day\"\non = [\"sat\", \"sun\"]\nmonths = [6]\n",
    )
    .ledger("2019.csv", "date,promise,count\n2019-06-01,we,1\n2019-06-02,we,1\n")
    .env("COLUMNS", "80")
    .args(["calendar", "--as-of", "2019-08-10", "--lang", "en"])
    .run()
    .code(0)
    .stdout;
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    let month = |m: &str| month_column(&out, m);
    let day = row(&out, "day ");
    assert_eq!(
        day.chars().filter(|c| "■✗▸·".contains(*c)).count(),
        53,
        "{out}"
    );
    assert!(day.ends_with(" 0/221"), "{out}");
    let now = day.chars().position(|c| c == '▸').unwrap();
    assert!(month("Aug") <= now && now < month("Sep"), "{out}");
    let we = row(&out, "we ");
    let cols = glyph_columns(we);
    assert_eq!(cols.len(), 5, "{out}");
    assert_eq!(cols[0], month("Jun"), "{out}");
    assert_eq!(we.chars().nth(cols[0]), Some('■'), "{out}");
    assert!(cols.iter().all(|c| *c < month("Jul")), "{out}");
}

#[test]
fn calendar_legend_wraps_to_a_narrow_screen() {
    let out = Test::example()
        .env("COLUMNS", "40")
        .args(["calendar", "--as-of", "2019-10-15"])
        .run()
        .code(0)
        .stdout;
    let legend: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Teckenförklaring"))
        .collect();
    assert!(legend.len() >= 2, "{out}");
    assert!(legend.iter().all(|l| l.chars().count() <= 40), "{out}");
    for word in ["uppfyllt", "missat", "pågår", "ej börjat"] {
        assert!(legend.iter().any(|l| l.contains(word)), "{word}: {out}");
    }
}

#[test]
fn calendar_parts_of_a_narrow_screen_keep_every_week_and_fit() {
    // The week of 2020-06-29 holds July 1: July's part draws it, and no part
    // drops it. A daily promise's tally (`0/365`) still fits the width.
    let t = || {
        Test::new(
            "title = \"T\"\nstart = 2020-01-01\nend = 2020-12-31\n\n\
             [[promise]]\nid = \"w\"\ntitle = \"W\"\nmin = 1\nper = \"week\"\n\n\
             [[promise]]\nid = \"dagdag\"\ntitle = \"D\"\nmin = 1\nper = \"day\"\n",
        )
        .ledger("2020.csv", "date,promise,count\n")
    };
    for columns in ["50", "68", "69", "80"] {
        let out = t()
            .env("COLUMNS", columns)
            .args(["calendar", "--as-of", "2020-12-31", "--lang", "en"])
            .run()
            .code(0)
            .stdout;
        let width: usize = columns.parse().unwrap();
        assert!(
            out.lines().all(|l| l.chars().count() <= width),
            "{columns}:\n{out}"
        );
        let weeks: usize = out
            .lines()
            .filter(|l| l.starts_with("w "))
            .map(|l| l.chars().filter(|c| "■✗▸·".contains(*c)).count())
            .sum();
        assert_eq!(weeks, 53, "{columns}:\n{out}");
    }
}

/// The line of a calendar that starts with `name`.
fn row<'a>(out: &'a str, name: &str) -> &'a str {
    out.lines().find(|l| l.starts_with(name)).unwrap()
}

/// The character columns of a calendar line's glyphs.
fn glyph_columns(line: &str) -> Vec<usize> {
    line.chars()
        .enumerate()
        .filter(|(_, c)| "■✗▸·".contains(*c))
        .map(|(i, _)| i)
        .collect()
}

/// The column the English ruler names month `m` (`"Jun"`) at.
fn month_column(out: &str, m: &str) -> usize {
    let ruler = out.lines().find(|l| l.contains("Jan")).unwrap();
    ruler[..ruler.find(m).unwrap()].chars().count()
}
