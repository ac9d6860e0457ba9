//! Period arithmetic at every year, ISO-week and leap-day boundary.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn term(start: &str, end: Option<&str>) -> Term {
    Term {
        start: d(start),
        end: end.map(d),
    }
}

#[test]
fn parses_every_period_word() {
    assert_eq!(
        Period::parse("week"),
        Ok(Period::Every {
            unit: Unit::Week,
            n: 1
        })
    );
    assert_eq!(
        Period::parse("half-year"),
        Ok(Period::Every {
            unit: Unit::HalfYear,
            n: 1
        })
    );
    assert_eq!(Period::parse("term"), Ok(Period::Term));
    assert_eq!(
        Period::parse("2 months"),
        Ok(Period::Every {
            unit: Unit::Month,
            n: 2
        })
    );
    assert_eq!(
        Period::parse("3 weeks"),
        Ok(Period::Every {
            unit: Unit::Week,
            n: 3
        })
    );
    assert_eq!(
        Period::parse("1 month"),
        Ok(Period::Every {
            unit: Unit::Month,
            n: 1
        })
    );
    assert_eq!(Period::parse("0 weeks"), Err(PeriodError::ZeroCount));
    assert_eq!(
        Period::parse("2 quarters"),
        Err(PeriodError::NoMultiples(Unit::Quarter))
    );
    assert_eq!(Period::parse("weekly"), Err(PeriodError::Unknown));
    assert_eq!(Period::parse("x months"), Err(PeriodError::Unknown));
}

#[test]
fn iso_week_53_and_year_boundaries() {
    let w = Unit::Week;
    assert_eq!(w.start_of(d("2021-01-03")), d("2020-12-28"));
    assert_eq!(w.label(d("2020-12-28")), "2020-W53");
    assert_eq!(w.label(d("2018-12-31")), "2019-W01");
    assert_eq!(w.label(d("2021-01-04")), "2021-W01");
    assert_eq!(w.label(d("2027-01-04")), "2027-W01");
    assert_eq!(w.label(d("2026-12-28")), "2026-W53");
}

#[test]
fn leap_day_belongs_to_february_q1_t1_h1() {
    let leap = d("2020-02-29");
    assert_eq!(Unit::Month.start_of(leap), d("2020-02-01"));
    let p = Period::Every {
        unit: Unit::Month,
        n: 1,
    };
    let t = term("2020-01-01", None);
    let span = p.span_at(&t, leap).unwrap();
    assert_eq!(
        (span.start, span.end, span.days()),
        (d("2020-02-01"), leap, 29)
    );
    let q = Period::Every {
        unit: Unit::Quarter,
        n: 1,
    }
    .span_at(&t, leap)
    .unwrap();
    assert_eq!(q.days(), 91);
    let y = Period::Every {
        unit: Unit::Year,
        n: 1,
    }
    .span_at(&t, leap)
    .unwrap();
    assert_eq!(y.days(), 366);
    assert_eq!(Unit::Tertial.label(Unit::Tertial.start_of(leap)), "2020-T1");
}

#[test]
fn weeks_cut_by_a_term_starting_on_a_wednesday() {
    let ws = windows(
        Period::Every {
            unit: Unit::Week,
            n: 1,
        },
        &term("2020-01-01", Some("2021-01-03")),
        d("2021-12-31"),
    );
    assert_eq!(ws.len(), 53);
    assert_eq!(ws[0].name.code(), "2020-W01");
    assert_eq!(
        (ws[0].span.start, ws[0].span.end),
        (d("2020-01-01"), d("2020-01-05"))
    );
    assert_eq!(ws[0].period.days(), 7);
    assert_eq!(ws[52].name.code(), "2020-W53");
    assert_eq!(ws[52].span.end, d("2021-01-03"));
}

#[test]
fn multi_month_groups_start_with_the_term() {
    let p = Period::Every {
        unit: Unit::Month,
        n: 2,
    };
    let ws = windows(p, &term("2022-03-15", Some("2022-08-10")), d("2030-01-01"));
    let labels: Vec<_> = ws.iter().map(|w| w.name.code()).collect();
    assert_eq!(
        labels,
        ["2022-03..2022-04", "2022-05..2022-06", "2022-07..2022-08"]
    );
    assert_eq!(ws[0].span.start, d("2022-03-15"));
    assert_eq!(ws[2].span.end, d("2022-08-10"));
    assert_eq!(ws[2].period.end, d("2022-08-31"));
    // A group that crosses the year.
    let ws = windows(p, &term("2022-11-01", None), d("2023-01-01"));
    assert_eq!(ws[0].name.code(), "2022-11..2022-12");
    assert_eq!(ws[1].name.code(), "2023-01..2023-02");
}

#[test]
fn open_ended_term_stops_at_until() {
    let p = Period::Every {
        unit: Unit::Tertial,
        n: 1,
    };
    let ws = windows(p, &term("2021-03-15", None), d("2021-10-20"));
    let labels: Vec<_> = ws.iter().map(|w| w.name.code()).collect();
    assert_eq!(labels, ["2021-T1", "2021-T2", "2021-T3"]);
    assert_eq!(ws[0].span.start, d("2021-03-15"));
    assert!(windows(p, &term("2021-03-15", None), d("2021-03-14")).is_empty());
}

#[test]
fn term_period_is_one_window() {
    let ws = windows(
        Period::Term,
        &term("2019-01-01", Some("2019-12-31")),
        d("2019-02-01"),
    );
    assert_eq!(ws.len(), 1);
    assert_eq!(ws[0].name.code(), "term");
    assert_eq!(ws[0].span.days(), 365);
}

/// Every day from 2015 to 2031, for every unit and group size: the span that holds
/// the day contains it, starts on a unit start, and the next span begins the day
/// after it ends. Labels agree with chrono's own ISO-week and calendar fields.
#[test]
fn spans_tile_the_calendar_exhaustively() {
    let t = term("2015-01-01", None);
    let mut day = d("2015-01-01");
    while day <= d("2031-12-31") {
        for unit in Unit::ALL {
            for n in [1, 2, 3] {
                let p = Period::Every { unit, n };
                let span = p.span_at(&t, day).unwrap();
                assert!(span.contains(day), "{p} {day} {span:?}");
                assert_eq!(unit.start_of(span.start), span.start);
                let next = p.span_at(&t, span.end.succ_opt().unwrap()).unwrap();
                assert_eq!(next.start, span.end.succ_opt().unwrap());
            }
            let start = unit.start_of(day);
            let label = unit.label(start);
            match unit {
                Unit::Week => {
                    let iso = day.iso_week();
                    assert_eq!(label, format!("{:04}-W{:02}", iso.year(), iso.week()));
                    assert_eq!(start.weekday(), chrono::Weekday::Mon);
                }
                Unit::Month => assert_eq!(label, day.format("%Y-%m").to_string()),
                Unit::Year => assert_eq!(label, day.format("%Y").to_string()),
                _ => assert!(label.starts_with(&day.format("%Y-").to_string())),
            }
        }
        day = day.succ_opt().unwrap();
    }
}

#[test]
fn the_calendar_ends_with_year_9999() {
    let open = Term {
        start: d("9999-12-01"),
        end: None,
    };
    for per in ["week", "month", "quarter", "2 weeks", "3 months", "year"] {
        let period = Period::parse(per).unwrap();
        let w = windows(period, &open, d("9999-12-31"));
        let last = w.last().unwrap();
        assert_eq!(last.span.end, LAST_DAY, "{per}");
        assert!(!last.span.end.to_string().starts_with('+'), "{per}");
    }
    let weeks = windows(Period::parse("week").unwrap(), &open, d("9999-12-31"));
    assert_eq!(weeks.last().unwrap().span.start, d("9999-12-27"));
    // 0001-01-01 is a Monday: the first ISO week starts on the first day.
    let first = Term {
        start: d("0001-01-01"),
        end: Some(d("0001-01-31")),
    };
    let w = windows(Period::parse("week").unwrap(), &first, d("0001-01-31"));
    assert_eq!(
        (w[0].span.start, w[0].period.start),
        (d("0001-01-01"), d("0001-01-01"))
    );
}
