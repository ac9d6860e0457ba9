//! Ledgers saved by a spreadsheet: `;`, CRLF, byte-order mark, Windows-1252, other
//! header case and order, line breaks inside quoted notes. They read with the same
//! figures as plain files, and `log` keeps each file's own layout.

use crate::common::Project;

const PROMISES: &str = r#"title = "T"
start = 2022-01-01
end = 2022-12-31
parties = ["polisen", "kommunen", "hälsocentralen"]

[[promise]]
id = "timmar"
title = "Minst 900 timmar per år"
unit = "timmar"
min = 900
per = "year"

[[promise]]
id = "fot"
title = "Två per kvartal och område"
min = 2
per = "quarter"
each = ["Råslätt", "Öxnehaga"]
"#;

const PLAIN: &str = "date,promise,count,by,note,place\n\
2022-01-15,timmar,2.5,polisen,\"Kväll, torget\",\n\
2022-02-03,timmar,0.1,polisen,Kort,\n\
2022-02-03,timmar,0.2,polisen,Kort,\n\
2022-02-01,fot,1,polisen,,Råslätt\n\
2022-03-05,fot,2,hälsocentralen,,Öxnehaga\n";

const AS_OF: &str = "2022-03-31";

fn report(p: &Project) -> String {
    let out = p.run(&["report", "--format", "csv", "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

fn plain_figures() -> String {
    let p = Project::new(PROMISES);
    p.ledger("2022.csv", PLAIN);
    let figures = report(&p);
    assert!(
        figures.contains("timmar,2022,2022-01-01,2022-12-31,900,2.8,behind"),
        "{figures}"
    );
    assert!(
        figures.contains("fot:Råslätt,2022-Q1,2022-01-01,2022-03-31,2,1,behind"),
        "{figures}"
    );
    assert!(
        figures.contains("fot:Öxnehaga,2022-Q1,2022-01-01,2022-03-31,2,2,met"),
        "{figures}"
    );
    figures
}

/// What Swedish Excel writes: BOM, `;`, CRLF, decimal comma, its own header case
/// and column order, and a note with a line break inside quotes.
fn excel_utf8() -> Vec<u8> {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(
        "Place;Note;Count;By;Promise;Date\r\n\
;\"Kväll; torget\r\nandra raden\";2,5;polisen;timmar;2022-01-15\r\n\
;Kort;0,1;polisen;timmar;2022-02-03\r\n\
;Kort;0,2;polisen;timmar;2022-02-03\r\n\
Råslätt;;1;polisen;fot;2022-02-01\r\n\
Öxnehaga;;2;hälsocentralen;fot;2022-03-05\r\n"
            .as_bytes(),
    );
    bytes
}

#[test]
fn excel_utf8_reads_with_the_same_figures() {
    let p = Project::new(PROMISES);
    p.ledger_bytes("2022.csv", &excel_utf8());
    assert_eq!(report(&p), plain_figures());
    let check = p.run(&["check"]);
    assert_eq!((check.code, check.stderr.as_str()), (0, ""));
}

#[test]
fn log_appends_in_excels_layout() {
    let p = Project::new(PROMISES);
    p.ledger_bytes("2022.csv", &excel_utf8());
    let out = p.run(&[
        "log",
        "timmar",
        "--date",
        "2022-03-10",
        "--count",
        "1.5",
        "--note",
        "Vår; runda",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    p.run(&[
        "log",
        "fot",
        "--date",
        "2022-03-11",
        "--place",
        "Råslätt",
        "--by",
        "kommunen",
    ])
    .code(0);
    let mut expected = excel_utf8();
    expected.extend_from_slice(
        ";\"Vår; runda\";1,5;;timmar;2022-03-10\r\nRåslätt;;;kommunen;fot;2022-03-11\r\n"
            .as_bytes(),
    );
    assert_eq!(
        std::fs::read(p.path().join("ledger/2022.csv")).unwrap(),
        expected
    );
    let figures = report(&p);
    assert!(
        figures.contains("timmar,2022,2022-01-01,2022-12-31,900,4.3,behind"),
        "{figures}"
    );
    assert!(
        figures.contains("fot:Råslätt,2022-Q1,2022-01-01,2022-03-31,2,2,met"),
        "{figures}"
    );
}

fn windows_1252(text: &str) -> Vec<u8> {
    medlofte::encoding::Encoding::Windows1252
        .encode(text)
        .unwrap()
}

#[test]
fn windows_1252_reads_with_the_same_figures_and_a_warning() {
    let p = Project::new(PROMISES);
    let text = String::from_utf8(excel_utf8()[3..].to_vec()).unwrap();
    p.ledger_bytes("2022.csv", &windows_1252(&text));
    assert_eq!(report(&p), plain_figures());
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0);
    assert!(
        check
            .stderr
            .contains("ledger/2022.csv:1:1: warning: the file is Windows-1252, not UTF-8"),
        "{}",
        check.stderr
    );
}

#[test]
fn log_keeps_a_windows_1252_file_in_windows_1252() {
    let p = Project::new(PROMISES);
    let text = String::from_utf8(excel_utf8()[3..].to_vec()).unwrap();
    p.ledger_bytes("2022.csv", &windows_1252(&text));
    p.run(&[
        "log",
        "fot",
        "--date",
        "2022-03-11",
        "--place",
        "Öxnehaga",
        "--note",
        "Gång–cykel",
    ])
    .code(0);
    let expected = windows_1252(&format!("{text}Öxnehaga;Gång–cykel;;;fot;2022-03-11\r\n"));
    assert_eq!(
        std::fs::read(p.path().join("ledger/2022.csv")).unwrap(),
        expected
    );
    // A character Windows-1252 cannot hold is refused, and nothing is written.
    let out = p.run(&[
        "log",
        "fot",
        "--date",
        "2022-03-12",
        "--place",
        "Öxnehaga",
        "--note",
        "klart ✓",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("cannot hold the character '✓'"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read(p.path().join("ledger/2022.csv")).unwrap(),
        expected
    );
}

#[test]
fn plain_files_round_trip_through_log() {
    let p = Project::new(PROMISES);
    p.ledger("2022.csv", PLAIN);
    let out = p.run(&[
        "log",
        "timmar",
        "--date",
        "2022-03-10",
        "--count",
        "1,25",
        "--note",
        "rad 1\nrad 2",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        p.read("ledger/2022.csv"),
        format!("{PLAIN}2022-03-10,timmar,1.25,,\"rad 1\nrad 2\",\n")
    );
    assert!(report(&p).contains("timmar,2022,2022-01-01,2022-12-31,900,4.05,behind"));
    assert_eq!(p.run(&["check"]).code, 0);
}

#[test]
fn a_utf8_file_with_one_stray_byte_keeps_its_names_and_says_where_the_byte_is() {
    // Read as Windows-1252 for the sake of one "é" pasted from elsewhere, the
    // file's "Råslätt" would become "RÃ¥slÃ¤tt": a third place where there are two.
    let p = Project::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\n\n\
         [[promise]]\nid = \"moten\"\ntitle = \"M\"\nmin = 3\nper = \"year\"\ndistinct = \"place\"\n",
    );
    p.ledger(
        "2019.csv",
        "date,promise,note,place\n2019-03-01,moten,,Råslätt\n",
    );
    p.ledger_bytes(
        "2019-b.csv",
        b"date,promise,note,place\n2019-09-01,moten,,R\xc3\xa5sl\xc3\xa4tt\n2019-10-01,moten,Caf\xe9,\xc3\x96xnehaga\n",
    );
    p.run(&["report", "--format", "csv", "--as-of", "2019-12-31"])
        .code(0)
        .stdout_is(
            "promise,period,start,end,required,done,status\n\
             moten,2019,2019-01-01,2019-12-31,3,2,behind\n",
        );
    p.run(&["check"]).code(0).stderr_has(
        "2019-b.csv:3:1: warning: this line is not UTF-8 text, unlike the rest of the file",
    );
    // The stray byte in the counted value itself: refused, not counted apart.
    p.ledger_bytes(
        "2019-c.csv",
        b"date,promise,note,place\n2019-10-03,moten,\xc3\x85tg\xc3\xa4rd,\xd6xnehaga\n",
    );
    p.run(&["report", "--format", "csv", "--as-of", "2019-12-31"])
        .code(2)
        .stderr_has("2019-c.csv:2:25: error: \"moten\" counts different values of `place`, but this one is not UTF-8 text");
}

#[test]
fn a_swedish_header_in_a_utf8_file_with_a_stray_byte_is_read_as_written() {
    let p = Project::new(PROMISES);
    p.ledger_bytes(
        "2022.csv",
        b"datum;l\xc3\xb6fte;antal;anteckning\n2022-01-05;timmar;2;Torget\n2022-02-05;timmar;3;Caf\xe9\n",
    );
    timmar_2022(&p).stdout_has("timmar,2022,2022-01-01,2022-12-31,900,5,behind\n");
}

#[test]
fn a_column_named_like_the_count_is_not_taken_for_a_column_of_ones_own() {
    // Without a `count` column every line counts 1: a `timmar` column (the unit
    // of "timmar") would silently count 2 lines where 5.5 hours were written.
    let p = Project::new(PROMISES);
    p.ledger(
        "2022.csv",
        "datum,löfte,timmar,anteckning\n2022-01-05,timmar,2.5,x\n2022-01-06,timmar,3,y\n",
    );
    for args in [&["report", "--format", "csv"][..], &["status"]] {
        p.run(args)
            .code(2)
            .stdout_is("")
            .stderr_has("2022.csv:1:13: error: the header has no `count` column but names `timmar`, the unit of \"timmar\"");
    }
    p.run(&["check"])
        .code(1)
        .stderr_has("rename the column `count` (or `antal`)");
    // log writes nothing into a file the reader would refuse.
    let before = p.read("ledger/2022.csv");
    p.run(&["log", "timmar", "--date", "2022-01-07"])
        .code(2)
        .stderr_has("2022.csv:1:13: error: the header has no `count` column");
    assert_eq!(p.read("ledger/2022.csv"), before);
    p.ledger("2022.csv", "datum;löfte;Antal st\n2022-01-05;timmar;2,5\n");
    p.run(&["status"])
        .code(2)
        .stderr_has("2022.csv:1:13: error: the header has no `count` column but names `antal st`:");
    for header in [
        "date,promise,count(h)",
        "date,promise,Antal_st",
        "date,promise,Timmar (h)",
        "date,promise,Antal gånger",
        "date,promise,Totalt antal",
    ] {
        p.ledger("2022.csv", &format!("{header}\n2022-01-05,timmar,2.5\n"));
        p.run(&["status"])
            .code(2)
            .stderr_has("error: the header has no `count` column but names");
    }
    p.ledger("2022.csv", "date,promise,Amount\n2022-01-05,timmar,2.5\n");
    p.run(&["status"])
        .code(2)
        .stderr_has("2022.csv:1:14: error: the header has no `count` column but names `amount`:");
    // A count of something else is a column of the file's own: each line is one.
    p.ledger(
        "2022.csv",
        "Datum;Löfte;Kommentar;Antal deltagare\r\n2022-03-01;timmar;Medborgardialog;25\r\n",
    );
    timmar_2022(&p).stdout_has("timmar,2022,2022-01-01,2022-12-31,900,1,behind\n");
    p.ledger("2022.csv", "date,promise,Summa kr\n2022-03-01,timmar,250\n");
    timmar_2022(&p).stdout_has("timmar,2022,2022-01-01,2022-12-31,900,1,behind\n");
    // Beside a `count` column it is a column of the file's own.
    p.ledger(
        "2022.csv",
        "date,promise,count,timmar\n2022-01-05,timmar,2.5,x\n2022-01-06,timmar,3,y\n",
    );
    timmar_2022(&p).stdout_has("timmar,2022,2022-01-01,2022-12-31,900,5.5,behind\n");
}

/// The year's row of the hours promise, read without a word.
fn timmar_2022(p: &Project) -> crate::common::Output {
    p.run(&[
        "report",
        "--format",
        "csv",
        "--as-of",
        "2022-12-31",
        "--promise",
        "timmar",
    ])
    .code(0)
}

#[test]
fn a_windows_1252_file_with_a_pair_that_happens_to_be_utf8_stays_windows_1252() {
    // "BRÅ" in curly quotes: Å (C5) and ” (94) make a UTF-8 pair by chance, but
    // every other letter of the file is a byte that is not UTF-8.
    let p = Project::new(PROMISES);
    p.ledger_bytes(
        "2022.csv",
        b"Datum;L\xf6fte;Antal;Kommentar\r\n2022-03-01;timmar;1;M\xf6te med \x94BR\xc5\x94\r\n2022-04-02;timmar;2;P\xe5 torget\r\n",
    );
    timmar_2022(&p).stdout_has("timmar,2022,2022-01-01,2022-12-31,900,3,behind\n");
    p.run(&["check"])
        .code(0)
        .stderr_has("the file is Windows-1252, not UTF-8");
}

#[test]
fn a_small_windows_1252_file_ending_in_a_letter_stays_windows_1252() {
    // Notepad's ANSI save ends without a line end: the last "å" is the file's
    // last byte, not the start of a UTF-8 character cut by the sample.
    let p = Project::new(PROMISES);
    p.ledger_bytes(
        "2022.csv",
        b"datum;l\xf6fte;antal;anteckning\r\n2022-03-01;timmar;1;P\xe5 torget p\xe5",
    );
    p.run(&["check"])
        .code(0)
        .stderr_has("the file is Windows-1252, not UTF-8");
    p.run(&["log", "timmar", "--date", "2022-03-02", "--note", "Möte"])
        .code(0);
    let bytes = std::fs::read(p.path().join("ledger/2022.csv")).unwrap();
    assert!(
        bytes.ends_with(b"M\xf6te\r\n"),
        "{:?}",
        String::from_utf8_lossy(&bytes)
    );
}

#[test]
fn a_unit_of_several_words_names_the_count_with_or_without_its_word() {
    let p = Project::new(
        "title = \"T\"\nstart = 2019-01-01\nend = 2019-12-31\n\n\
         [[promise]]\nid = \"besok\"\ntitle = \"B\"\nunit = \"besökta platser\"\nmin = 30\nper = \"year\"\n",
    );
    for header in [
        "Antal besökta platser",
        "Besökta platser (st)",
        "besökta_platser",
    ] {
        p.ledger(
            "2019.csv",
            &format!("date,promise,{header}\n2019-03-01,besok,25\n"),
        );
        p.run(&["status"])
            .code(2)
            .stderr_has("error: the header has no `count` column but names");
    }
    p.ledger(
        "2019.csv",
        "date,promise,Besökta platser kvar\n2019-03-01,besok,25\n",
    );
    p.run(&["report", "--format", "csv", "--as-of", "2019-12-31"])
        .code(0)
        .stdout_has("besok,2019,2019-01-01,2019-12-31,30,1,behind\n");
}
