use crate::cli::PromisesArgs;
use crate::error::Result;
use crate::model::{Agreement, Promise};
use crate::period::Term;
use crate::project::Project;

/// Each promise with its rule in words, its term and who is responsible.
pub fn run(project: &Project, _args: &PromisesArgs) -> Result<u8> {
    super::out(&describe(&project.agreement, project.lang))?;
    Ok(0)
}

pub fn describe(agreement: &Agreement, lang: crate::i18n::Lang) -> String {
    let w = lang.words();
    let mut out = format!(
        "{}\n{}: {}\n",
        agreement.title,
        w.term_label,
        term_words(&agreement.term, lang)
    );
    if !agreement.parties.is_empty() {
        out += &format!("{}: {}\n", w.parties, agreement.parties.join(", "));
    }
    for p in &agreement.promises {
        out += &format!(
            "\n{}\n  {}\n  {}: {}\n",
            p.id,
            p.title,
            w.rule,
            full_rule(agreement, p, lang)
        );
        if p.term != agreement.term {
            out += &format!("  {}: {}\n", w.term_label, term_words(&p.term, lang));
        }
        if !p.responsible.is_empty() {
            out += &format!("  {}: {}\n", w.responsible, p.responsible.join(", "));
        }
    }
    out
}

/// The rule in words, and what it is part of.
pub fn full_rule(agreement: &Agreement, p: &Promise, lang: crate::i18n::Lang) -> String {
    match p.part_of {
        Some(parent) => format!(
            "{} ({} {})",
            lang.rule(p),
            lang.words().part_of,
            agreement.promises[parent].id
        ),
        None => lang.rule(p),
    }
}

/// `2019-01-01 – 2019-12-31`, or `från 2021-03-15, tills vidare`.
pub fn term_words(term: &Term, lang: crate::i18n::Lang) -> String {
    match term.end {
        Some(end) => format!("{} – {end}", term.start),
        None => format!("{} – ({})", term.start, lang.words().open_ended),
    }
}
