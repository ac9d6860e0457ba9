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
    // A deadline gets a line of text, not a chart: every other promise one.
    let ids = [
        "drogforebyggande",
        "insatser",
        "trafik",
        "foraldrar",
        "narvaro",
        "vald-nara-relationer",
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
        // A tracked promise (one window, `tracked`) shows its activity per month
        // instead: January to October.
        let tracked = csv.contains(&format!("{id},term,2019-01-01,2019-10-15,,"));
        assert_eq!(bars(figure), if tracked { 10 } else { windows }, "{id}");
        assert!(figure.contains("<svg"), "{id}");
    }
    assert!(html.contains("senast 29 februari 2020"));
    // 42 weeks of presence by 2019-10-15.
    assert_eq!(bars(figures[4]), 42);
    // Headings are the promises' titles, not their ids.
    assert!(html.contains("<h1>Haparanda – medborgarlöften</h1>"));
    assert!(html.contains(
        "<h2>Polisen genomför regelbundna operativa insatser minst två gånger per halvår"
    ));
    assert!(!html.contains("<h2>insatser</h2>"));
    assert!(html.contains("Parter</dt><dd>polisen, kommunen, skolan, hälsocentralen"));
    assert!(html.contains("Löftet: </strong>minst 2 gånger per halvår"));
    assert!(html.contains("Sammanfattning"));
    // The summary is per promise, never a last window for the whole: narvaro's
    // last window is on track, but 4 of its 41 ended weeks were missed (the CSV
    // says so: count them there).
    let weeks: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("narvaro,") && !l.ends_with(",on-track"))
        .collect();
    let met = weeks.iter().filter(|l| l.ends_with(",met")).count();
    assert_eq!((met, weeks.len()), (37, 41));
    assert!(
        html.contains("<td class=\"outcome\">37 av 41 veckor uppfyllda</td>"),
        "the summary counts the promise's own windows"
    );
    // A year of weeks folds into a strip of 42 cells, one per window, with the
    // full table in the appendix; the half-year's two windows stay a table.
    let strip = &html[html.find("<div class=\"strip\"").unwrap()..];
    let strip = &strip[..strip.find("</div>").unwrap()];
    assert_eq!(strip.matches("<span class=\"cell ").count(), 42);
    assert_eq!(strip.matches("<span class=\"cell missed\"").count(), 4);
    let appendix = &html[html.find("<section class=\"appendix\"").unwrap()..];
    assert_eq!(
        appendix.matches("<tr>").count(),
        1 + 42,
        "a heading row and 42 weeks"
    );
    assert_eq!(html.matches("<div class=\"strip\"").count(), 1);
    // 37 activities over the 288 days to 2019-10-15: 0.8993 a week.
    assert!(html.contains("i snitt 0,9 per vecka, 3,91 per månad"));
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
        md.starts_with(
            "# Haparanda – medborgarlöften\n\nFollow-up 1 January 2019 – 15 October 2019\n"
        ),
        "{md}"
    );
    for section in [
        "## Summary",
        "## Bedriva ett aktivt och kontinuerligt drogförebyggande arbete",
        "## Polisen genomför regelbundna operativa insatser",
        "## En skriftlig sammanställning görs senast under februari 2020.",
        "| 37 of 41 weeks met | on track |",
        "**by 29 February 2020** · pending",
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

/// A small project with a narrative: two promises, weeks and a half-year.
fn narrated(followup: &str) -> Project {
    let p = Project::new(
        "title = \"T\"\nstart = 2019-01-07\nend = 2019-12-29\nlang = \"sv\"\n\n\
         [[promise]]\nid = \"narvaro\"\ntitle = \"Närvaro varje vecka\"\nmin = 1\nper = \"week\"\n\n\
         [[promise]]\nid = \"insatser\"\ntitle = \"Två insatser per halvår\"\nmin = 2\nper = \"half-year\"\n",
    );
    // Weeks 2..6 (Jan 7 – Feb 10): W02, W03 and W05 met, W04 missed, W06 holds as-of.
    p.ledger(
        "2019.csv",
        "date,promise,count,by,note\n2019-01-08,narvaro,1,,\n2019-01-15,narvaro,2,,\n\
         2019-01-29,narvaro,1,,\n2019-01-20,insatser,1,,\n",
    );
    std::fs::write(p.path().join("followup.md"), followup).unwrap();
    p
}

#[test]
fn the_narrative_sits_under_its_promise_and_the_summary_counts_its_windows() {
    let p = narrated(
        "Inledning om året.\n\n## insatser\n\nEn insats ställdes in <script>alert(1)</script>.\n\n\
         ## narvaro\n\nVecka 4 föll bort.\n",
    );
    let html = p
        .run(&["report", "--format", "html", "--as-of", "2019-02-05"])
        .code(0)
        .stdout;
    let sections: Vec<&str> = html.split("<section class=\"promise\"").skip(1).collect();
    assert_eq!(sections.len(), 2);
    assert!(sections[0].contains("<h2>Närvaro varje vecka</h2>"));
    assert!(sections[0].contains("Vecka 4 föll bort."));
    assert!(!sections[0].contains("ställdes in"));
    assert!(sections[1].contains("En insats ställdes in &lt;script&gt;alert(1)&lt;/script&gt;."));
    assert!(!html.contains("<script>"));
    // The introduction comes before the summary.
    let intro = html.find("Inledning om året.").unwrap();
    assert!(intro < html.find("Sammanfattning").unwrap());
    // W02..W05 ended, 3 met; W06 (Feb 4–10) holds as-of with nothing done: on track
    // (floor(1 × 2/7) = 0). The half-year has not ended.
    assert!(
        html.contains("<td class=\"outcome\">3 av 4 veckor uppfyllda</td>"),
        "{html}"
    );
    assert!(html.contains("<td class=\"outcome\">ingen period avslutad ännu</td>"));
    // 4 activities over Jan 7 – Feb 5 (30 days): 0.93 a week, 4.06 a month.
    assert!(html.contains("i snitt 0,93 per vecka, 4,06 per månad"));
    // --from in the middle: only the windows met from W04 on count.
    let html = p
        .run(&[
            "report",
            "--format",
            "html",
            "--as-of",
            "2019-02-05",
            "--from",
            "2019-01-21",
        ])
        .stdout;
    assert!(html.contains("1 av 2 veckor uppfyllda"), "{html}");
    assert!(html.contains("Uppföljning 21 januari 2019 – 5 februari 2019"));
}

#[test]
fn check_names_a_heading_that_is_no_promise_and_a_personal_number() {
    let p = narrated("Intro.\n\n## narvar\n\nRing 19121212-1212 om det.\n");
    p.run(&["check"])
        .code(1)
        .stderr_has("followup.md:3:4: error: `## narvar` names no promise or indicator — did you mean \"narvaro\"?")
        .stderr_has("followup.md:5:6: error: what looks like a personal identity number")
        .stderr_lacks("19121212");
    // The follow-up is refused rather than printed with a hole in it.
    p.run(&["report", "--format", "markdown"])
        .code(2)
        .stderr_has("narvar")
        .stdout_is("");
    // Figures for scripts do not depend on the narrative.
    p.run(&["report", "--format", "csv", "--as-of", "2019-02-05"])
        .code(0);
}

#[test]
fn markdown_carries_the_narrative_with_raw_html_escaped() {
    let p =
        narrated("<!-- guidance -->\nIntro *kursiv*.\n\n## narvaro\n\nSe <b>här</b>.\n\n## Mer\n");
    // `## Mer` names nothing: an error. Without it the page renders.
    p.run(&["check"])
        .code(1)
        .stderr_has("`## Mer` names no promise");
    std::fs::write(
        p.path().join("followup.md"),
        "<!-- guidance -->\nIntro *kursiv*.\n\n## narvaro\n\nSe <b>här</b>.\n\n### Mer\n\nText.\n",
    )
    .unwrap();
    let md = p
        .run(&["report", "--format", "markdown", "--as-of", "2019-02-05"])
        .code(0)
        .stdout;
    assert!(!md.contains("guidance"));
    assert!(md.contains("\nIntro *kursiv*.\n"));
    assert!(md.contains("Se \\<b>här\\</b>."), "{md}");
    // The section's own heading sits one level under the promise's.
    assert!(md.contains("\n### Mer\n"), "{md}");
}

#[test]
fn notes_of_a_window_that_straddles_from_are_all_shown() {
    let p = narrated("");
    p.ledger(
        "2019.csv",
        "date,promise,count,by,note\n2019-01-15,narvaro,1,,före perioden\n\
         2019-01-22,narvaro,1,,tisdag v4\n2019-01-24,narvaro,1,,torsdag v4\n",
    );
    // --from Wednesday 2019-01-23 shows week 4 (Jan 21–27) whole: both its notes,
    // and nothing of week 3.
    let md = p
        .run(&[
            "report",
            "--format",
            "markdown",
            "--notes",
            "--as-of",
            "2019-02-05",
            "--from",
            "2019-01-23",
        ])
        .code(0)
        .stdout;
    assert!(md.contains("- 2019-01-22, 1: tisdag v4\n"), "{md}");
    assert!(md.contains("- 2019-01-24, 1: torsdag v4\n"), "{md}");
    assert!(!md.contains("före perioden"), "{md}");
}

/// The fixture with a narrative and two indicators (tests/fixtures/followup).
fn fixture() -> Project {
    Project::copy_of(&repo_root().join("tests/fixtures/followup"))
}

/// The page's structure, one line per element people see: headings, charts with
/// their data attributes, tables with their number of rows, the narrative's first
/// words. A change to the page's shape shows up as a diff of this outline.
fn outline(html: &str) -> String {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let tag_end = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[1..tag_end];
        let text_end = rest[tag_end..]
            .find('<')
            .map_or(rest.len(), |j| tag_end + j);
        let text = rest[tag_end + 1..text_end].trim();
        let name = tag.split_whitespace().next().unwrap_or("");
        match name {
            "h1" | "h2" | "h3" | "h4" => out.push(format!("{name}: {text}")),
            "figure" | "section" | "div"
                if tag.contains("data-") || tag.contains("narrative") || tag.contains("intro") =>
            {
                out.push(tag.to_string())
            }
            "table" => {
                let end = rest.find("</table>").unwrap_or(rest.len());
                out.push(format!("{tag} rows={}", rest[..end].matches("<tr").count()));
            }
            "p" if !text.is_empty() => {
                out.push(format!("p: {}", text.chars().take(60).collect::<String>()))
            }
            _ => {}
        }
        rest = &rest[1..];
    }
    out.join("\n")
}

#[test]
fn follow_up_snapshots_with_a_narrative_and_two_indicators() {
    let p = fixture();
    p.run(&["check"]).code(0).stderr_is("");
    for lang in ["sv", "en"] {
        let args = [
            "report",
            "--as-of",
            "2021-02-05",
            "--lang",
            lang,
            "--format",
        ];
        let md = p.run(&[&args[..], &["markdown"]].concat()).code(0).stdout;
        insta::assert_snapshot!(format!("followup_fixture_md_{lang}"), md);
        let html = p.run(&[&args[..], &["html"]].concat()).code(0).stdout;
        insta::assert_snapshot!(format!("followup_fixture_html_{lang}"), outline(&html));
    }
}

#[test]
fn each_indicator_has_a_chart_with_its_baseline_and_its_narrative() {
    let html = fixture()
        .run(&[
            "report",
            "--format",
            "html",
            "--as-of",
            "2021-02-05",
            "--lang",
            "sv",
        ])
        .code(0)
        .stdout;
    let trend = |id: &str| {
        let start = html
            .find(&format!("<figure class=\"trend\" data-indicator=\"{id}\""))
            .unwrap_or_else(|| panic!("no chart for {id}"));
        &html[start..start + html[start..].find("</figure>").unwrap()]
    };
    assert_eq!(html.matches("<figure class=\"trend\"").count(), 2);
    // skadegorelse: baseline 40 (grey, dashed) and target 30 (green, dashed).
    assert!(trend("skadegorelse").contains("stroke=\"#616161\""));
    assert!(trend("skadegorelse").contains("stroke=\"#2E7D32\""));
    // trygghet has no target; its baseline is its first value.
    assert!(trend("trygghet").contains("stroke=\"#616161\""));
    assert!(!trend("trygghet").contains("stroke=\"#2E7D32\""));
    // The narrative sits in the indicator's own section, not the promise's.
    let section = &html[html.find("data-indicator=\"skadegorelse\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("Färre anmälningar sedan belysningen byttes."));
    assert!(
        section.contains("<h4>Planerat</h4>"),
        "one level under the indicator's h3"
    );
    // One summary row per promise; indicators never change a promise's status.
    assert_eq!(html.matches("<tr data-promise=").count(), 3);
    assert!(html.contains("3 av 4 veckor uppfyllda"));
    // The raw <b> of the introduction is text.
    assert!(html.contains("&lt;b&gt;fet&lt;/b&gt;"));
}
