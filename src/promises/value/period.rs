//! The values said in words: `per`/`over` periods, `within`'s days or weeks and
//! `on`'s weekdays, in English or in Swedish (`crate::words` maps the Swedish
//! words to English, so the rules are read once).

use super::{list, string};
use crate::error::did_you_mean;
use crate::model::Alias;
use crate::period::{PERIOD_WORDS, Period, PeriodError};
use crate::promises::Sink;
use crate::promises::raw::{RawPromise, Value};
use crate::words::{self, PERIOD_WORDS_SV, VECKODAGAR, VECKODAGSNAMN, WEEKDAY_NAMES, WEEKDAYS};
use toml::de::DeValue;

/// `per`/`over`: a period word, or `N weeks`/`N months`, in English or Swedish.
pub(in crate::promises) fn period(sink: &mut Sink, value: &Value, key: &str) -> Option<Period> {
    let text = string(sink, value, key)?;
    let english = words::english_period(&text);
    match Period::parse(english.as_deref().unwrap_or(&text)) {
        Ok(p) => Some(p),
        Err(e) => {
            sink.err(
                value.span(),
                format!("`{key} = \"{text}\"` is not a period"),
                period_hint(&e, &text, english.is_some()),
            );
            None
        }
    }
}

/// How to write the period, in the words of the language it was written in.
fn period_hint(e: &PeriodError, text: &str, swedish: bool) -> String {
    let (day, days, months, two) = if swedish {
        ("dag", "N dagar", "N månader", "2 månader")
    } else {
        ("day", "N days", "N months", "2 months")
    };
    match e {
        PeriodError::ZeroCount => format!("the count must be 1 or more, e.g. \"{two}\""),
        PeriodError::NoMultiples(u) => {
            let one = match swedish {
                true => words::swedish_period(u.name()).unwrap_or(u.name()),
                false => u.name(),
            };
            format!("only days, weeks and months come in multiples: use \"{one}\" or \"{months}\"")
        }
        PeriodError::OneDay => {
            format!("one day is written \"{day}\"; groups of days are \"{days}\", N ≥ 2")
        }
        PeriodError::Unknown => unknown_period_hint(text),
    }
}

/// "weekly", "months", "veckovis", "Vecka": the nearest word, in its language.
fn unknown_period_hint(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    // The word under the ending is the likely one.
    let en_guess = lower.trim_end_matches("ly").trim_end_matches('s');
    let sv_guess = lower.trim_end_matches("vis").trim_end_matches("lig");
    let en = |w: &str| did_you_mean(w, PERIOD_WORDS).map(|m| (m, &PERIOD_WORDS));
    let sv = |w: &str| did_you_mean(w, PERIOD_WORDS_SV).map(|m| (m, &PERIOD_WORDS_SV));
    let near = en(en_guess)
        .or_else(|| sv(sv_guess))
        .or_else(|| en(text))
        .or_else(|| sv(text));
    match near {
        Some((w, list)) => format!("did you mean \"{w}\"? ({})", list.join(", ")),
        None => format!(
            "use one of: {} (or in Swedish: {})",
            PERIOD_WORDS.join(", "),
            PERIOD_WORDS_SV.join(", ")
        ),
    }
}

/// `within`: `N days` or `N weeks` (N ≥ 0), also `N dagar`/`N veckor`, as a
/// number of days.
pub(in crate::promises) fn within(sink: &mut Sink, value: &Value) -> Option<u32> {
    let text = string(sink, value, "within")?;
    let mut parts = text.split_whitespace();
    let n = parts.next().and_then(|n| n.parse::<u32>().ok());
    let unit = parts.next().map(|w| words::english_unit(w).unwrap_or(w));
    let unit = match unit {
        Some("day" | "days") => Some(1),
        Some("week" | "weeks") => Some(7),
        _ => None,
    };
    match (n, unit, parts.next()) {
        (Some(n), Some(unit), None) if n <= 36_600 => Some(n * unit),
        _ => {
            sink.err(
                value.span(),
                format!("`within = \"{text}\"` is not a number of days or weeks"),
                "write within = \"1 day\" (or \"N days\", \"N weeks\"; in Swedish \"1 dag\", \"N dagar\", \"N veckor\"); the ledger holds dates, so \"inom 24 timmar\" is \"1 day\"",
            );
            None
        }
    }
}

/// `on`: weekdays, as `mon`…`sun` or `mån`…`sön`.
pub(in crate::promises) fn weekdays(sink: &mut Sink, value: &Value) -> Option<[bool; 7]> {
    let days = list(sink, value, "on", "[\"sat\", \"sun\"]", |sink, item| {
        let word = string(sink, item, "on")?;
        let found = words::weekday_token(&word);
        if found.is_none() {
            sink.err(
                item.span(),
                format!("`on` has \"{word}\", not a weekday"),
                weekday_hint(&word),
            );
        }
        found
    })?;
    let mut on = [false; 7];
    for (d, _) in days {
        on[d] = true;
    }
    Some(on)
}

/// `saturday`, `satruday`: `sat`; `lördag`, `lordag`: `sat`, or `lör` in Swedish.
fn weekday_hint(word: &str) -> String {
    let lower = words::folded(word);
    // Every way to write a day, with its index and whether it is Swedish.
    let tagged = |lists: [&'static [&'static str; 7]; 2], swedish: bool| {
        lists
            .into_iter()
            .flat_map(move |l| l.iter().enumerate().map(move |(i, w)| (*w, i, swedish)))
    };
    let all: Vec<(&str, usize, bool)> = tagged([&WEEKDAYS, &WEEKDAY_NAMES], false)
        .chain(tagged([&VECKODAGAR, &VECKODAGSNAMN], true))
        .collect();
    // The day its first three letters name, else the nearest spelling.
    let head: String = lower.chars().take(3).collect();
    let near = all.iter().find(|(w, ..)| *w == head).or_else(|| {
        did_you_mean(&lower, all.iter().map(|(w, ..)| *w))
            .and_then(|m| all.iter().find(|(w, ..)| *w == m))
    });
    match near {
        Some(&(_, i, false)) => format!(
            "did you mean \"{}\"? ({})",
            WEEKDAYS[i],
            WEEKDAYS.join(", ")
        ),
        Some(&(_, i, true)) => format!(
            "did you mean \"{}\"? (or \"{}\": {})",
            WEEKDAYS[i],
            VECKODAGAR[i],
            VECKODAGAR.join(", ")
        ),
        None => format!("use {} or {}", WEEKDAYS.join(", "), VECKODAGAR.join(", ")),
    }
}

/// The values of `per`, `over`, `within` and `on` written in Swedish, with the
/// English they stand for. Read beside the typed keys, which report what is wrong.
pub(in crate::promises) fn aliases(raw: &RawPromise) -> Vec<Alias> {
    let text = |v: Option<&Value>| match v.map(|v| v.get_ref()) {
        Some(DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    };
    let mut out = Vec::new();
    for (key, value) in [("per", raw.per), ("over", raw.over)] {
        // `tertial` is the same word in both languages: nothing to tell.
        if let Some(s) = text(value)
            && let Some(english) = words::english_period(&s)
            && english != s.trim()
        {
            out.push(Alias {
                key,
                written: format!("\"{s}\""),
                english,
            });
        }
    }
    if let Some(s) = text(raw.within)
        && let Some((n, unit)) = s.trim().split_once(char::is_whitespace)
        && let Some(english) = words::english_unit(unit)
    {
        out.push(Alias {
            key: "within",
            written: format!("\"{s}\""),
            english: format!("{n} {english}"),
        });
    }
    if let Some(DeValue::Array(items)) = raw.on.map(|v| v.get_ref()) {
        let days: Vec<String> = items.iter().filter_map(|i| text(Some(i))).collect();
        let swedish = |d: &String| VECKODAGAR.contains(&words::folded(d).as_str());
        if days.iter().any(swedish) {
            let english = days.iter().map(|d| match words::weekday_token(d) {
                Some(i) => WEEKDAYS[i].to_string(),
                None => d.clone(),
            });
            out.push(Alias {
                key: "on",
                written: format!("[\"{}\"]", days.join("\", \"")),
                english: english.collect::<Vec<_>>().join(", "),
            });
        }
    }
    out
}
