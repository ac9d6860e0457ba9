//! The written follow-up: one self-contained page with a chart per promise, the
//! same content in Markdown, notes escaped and personal numbers hidden.

use crate::common::{Project, repo_root, run_in};

/// The `<figure class="chart">` elements of a page, each with its SVG.
fn figures(html: &str) -> Vec<&str> {
    html.split("<figure class=\"chart\"")
        .skip(1)
        .map(|f| &f[..f.find("</figure>").unwrap()])
        .collect()
}

/// Bars in a chart: filled rectangles other than the white background.
fn bars(figure: &str) -> usize {
    figure.matches("<rect").count() - figure.matches("fill=\"#FFFFFF\"").count()
}

#[test]
fn the_shipped_example_has_one_chart_per_promise_with_a_bar_per_window() {
    let out = run_in(
        &repo_root(),
        &["report", "--format", "html", "--as-of", "2019-10-15"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = &out.stdout;
    assert!(
        html.starts_with("<!DOCTYPE html><html lang=\"sv\">"),
        "{}",
        &html[..80]
    );
    let csv = run_in(
        &repo_root(),
        &["report", "--format", "csv", "--as-of", "2019-10-15"],
    )
    .stdout;
    let figures = figures(html);
    let ids = [
        "drogforebyggande",
        "insatser",
        "trafik",
        "foraldrar",
        "narvaro",
        "vald-nara-relationer",
        "sammanstallning",
    ];
    assert_eq!(figures.len(), ids.len());
    for (figure, id) in figures.iter().zip(ids) {
        assert!(
            figure.starts_with(&format!(" data-promise=\"{id}\"")),
            "{}",
            &figure[..60]
        );
        let windows = csv
            .lines()
            .filter(|l| l.starts_with(&format!("{id},")))
            .count();
        assert!(windows > 0);
        assert_eq!(bars(figure), windows, "{id}");
        assert!(figure.contains("<svg"), "{id}");
    }
    // 42 weeks of presence by 2019-10-15.
    assert_eq!(bars(figures[4]), 42);
    assert!(html.contains("<h1>Haparanda – medborgarlöften</h1>"));
    assert!(html.contains("Parter</dt><dd>polisen, kommunen, skolan, hälsocentralen"));
    assert!(html.contains("Löftet: </strong>minst 2 gånger per halvår"));
    assert!(html.contains("Sammanfattning"));
    assert!(
        html.contains("<span class=\"status met\">37 uppfyllt</span>"),
        "the summary counts windows"
    );
}

#[test]
fn the_page_is_self_contained() {
    let html = run_in(
        &repo_root(),
        &["report", "--format", "html", "--as-of", "2019-12-31"],
    )
    .stdout;
    // Nothing fetched from anywhere (the SVG namespace is a name, not a fetch).
    for outside in [
        "src=",
        "href=\"http",
        "<link",
        "<script",
        "<img",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(outside), "{outside}");
    }
    assert!(html.contains("@page { size: A4"), "prints on A4");
}

const NOTES: &str = "title = \"T <&>\"\nstart = 2019-01-01\nend = 2019-12-31\nlang = \"en\"\n\n[[promise]]\nid = \"samtal\"\ntitle = \"Orossamtal <b>varje</b> månad\"\nmin = 1\nper = \"month\"\n";

#[test]
fn notes_are_escaped_and_personal_numbers_hidden() {
    let p = Project::new(NOTES);
    p.ledger("2019.csv", "date,promise,count,by,note\n2019-01-10,samtal,1,polisen,\"<script>alert('x')</script> & \"\"citat\"\"\"\n2019-02-11,samtal,1,polisen,Samtal 811218-9876 hemma\n2019-03-01,samtal,1,kommunen,Uppföljning\n");
    let out = p.run(&[
        "report",
        "--format",
        "html",
        "--notes",
        "--as-of",
        "2019-03-31",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = &out.stdout;
    assert!(!html.contains("<script>"), "a note must not become markup");
    assert!(
        html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;citat&quot;"),
        "{html}"
    );
    assert!(html.contains("<h1>T &lt;&amp;&gt;</h1>"));
    assert!(html.contains("Orossamtal &lt;b&gt;varje&lt;/b&gt; månad"));
    assert!(
        !html.contains("9876"),
        "a personal number must not reach the follow-up"
    );
    assert!(html.contains("Samtal ******-**** hemma"));
    assert!(html.contains("<h3>Notes</h3>"));
    let md = p
        .run(&[
            "report",
            "--format",
            "markdown",
            "--notes",
            "--as-of",
            "2019-03-31",
        ])
        .stdout;
    assert!(
        md.contains("- 2019-01-10 (polisen), 1: \\<script\\>alert('x')\\</script\\> & \"citat\""),
        "{md}"
    );
    assert!(
        md.contains("- 2019-02-11 (polisen), 1: Samtal \\*\\*\\*\\*\\*\\*-\\*\\*\\*\\* hemma"),
        "{md}"
    );
    assert!(!md.contains("9876"));
    // Without --notes, no notes at all.
    let plain = p
        .run(&["report", "--format", "html", "--as-of", "2019-03-31"])
        .stdout;
    assert!(!plain.contains("Uppföljning") && !plain.contains("<h3>Notes</h3>"));
}

#[test]
fn notes_need_the_follow_up_and_html_needs_report() {
    let p = Project::new(NOTES);
    p.run(&["report", "--notes"])
        .code(2)
        .stderr_has("--notes goes with --format html");
    p.run(&["status", "--format", "html"])
        .code(2)
        .stderr_has("use it with `medlofte report`");
}

#[test]
fn markdown_carries_the_same_content() {
    let out = run_in(
        &repo_root(),
        &[
            "report",
            "--format",
            "markdown",
            "--as-of",
            "2019-10-15",
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.code, 0);
    let md = &out.stdout;
    assert!(
        md.starts_with("# Haparanda – medborgarlöften\n\nFollow-up, as of 15 October 2019\n"),
        "{md}"
    );
    for section in [
        "## Summary",
        "## drogforebyggande",
        "## insatser",
        "## narvaro",
        "## sammanstallning",
    ] {
        assert!(md.contains(section), "{section}");
    }
    assert!(
        md.contains("| H1 2019 | 2019-01-01 | 2 | 1 | missed | █████░░░░░ |"),
        "{md}"
    );
    assert!(
        md.contains("- **Rule:** at least 2 times per half-year"),
        "{md}"
    );
}

#[test]
fn fail_on_works_with_the_follow_up_too() {
    let out = run_in(
        &repo_root(),
        &[
            "report",
            "--format",
            "html",
            "--as-of",
            "2019-10-15",
            "--fail-on",
            "missed",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("</html>"));
}
