//! The promises in words: each with its rule, its term and who is responsible.

use crate::i18n::Lang;
use crate::model::Agreement;

/// The list `medlofte promises` shows.
pub fn describe(agreement: &Agreement, lang: Lang) -> String {
    let w = lang.words();
    let mut out = format!(
        "{}\n{}: {}\n",
        agreement.title,
        w.term_label,
        lang.term(&agreement.term)
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
            lang.full_rule(agreement, p)
        );
        // Swedish values beside the English words they stand for, which scripts
        // and the rest of the documentation use.
        if !p.aliases.is_empty() {
            let shown: Vec<String> = p
                .aliases
                .iter()
                .map(|a| format!("{} = {} ({})", a.key, a.written, a.english))
                .collect();
            out += &format!("  {}: {}\n", w.in_file, shown.join(", "));
        }
        if p.term != agreement.term {
            out += &format!("  {}: {}\n", w.term_label, lang.term(&p.term));
        }
        if !p.responsible.is_empty() {
            out += &format!("  {}: {}\n", w.responsible, p.responsible.join(", "));
        }
    }
    out
}
