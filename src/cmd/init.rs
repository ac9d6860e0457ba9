use crate::cli::InitArgs;
use crate::error::{Error, Outcome, Result};
use chrono::Datelike;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A commented promises.toml, an empty ledger/, a .gitattributes that merges
/// ledger files line by line, and a .gitignore for medlofte's own state. Refuses to
/// overwrite anything.
pub fn run(config: &crate::config::Config, args: &InitArgs) -> Result<Outcome> {
    let dir = args
        .path
        .as_deref()
        .or(config.dir.as_deref())
        .unwrap_or(Path::new("."));
    let files = [
        ("promises.toml", template(config.today.year())),
        (".gitattributes", "# Two people's appends to the same ledger file merge without conflict.\nledger/*.csv merge=union\n".to_string()),
        ("followup.md", FOLLOWUP.to_string()),
        (".gitignore", "# medlofte's own state: the last logged line (for `medlofte undo`) and the cache of ledger sums.\n.medlofte/\n".to_string()),
    ];
    let ledger = dir.join("ledger");
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .chain([ledger.clone()])
        .filter(|p| p.exists())
        .collect();
    if let Some(first) = existing.first() {
        return Err(Error::file(
            first,
            "already exists",
            "init starts a new project and never overwrites: choose an empty folder, e.g. `medlofte init haparanda`",
        ));
    }
    let fail = |path: &Path, e: std::io::Error| {
        Error::file(
            path,
            format!("cannot create: {e}"),
            "check the folder's permissions",
        )
    };
    std::fs::create_dir_all(&ledger).map_err(|e| fail(&ledger, e))?;
    for (name, content) in &files {
        let path = dir.join(name);
        // create_new: even a file that appeared meanwhile is never overwritten.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| fail(&path, e))?;
        file.write_all(content.as_bytes())
            .map_err(|e| fail(&path, e))?;
    }
    super::out(&format!(
        "Created a medlofte project in {}:\n  \
         promises.toml   the promises: edit it to match your agreement\n  \
         ledger/         activities, one CSV file per year\n  \
         followup.md     your own words for the written follow-up (report --format html)\n  \
         .gitattributes  ledger files merge line by line in git\n  \
         .gitignore      keeps medlofte's own state (.medlofte/: undo note, cache) out of git\n\
         Next: edit promises.toml, then `medlofte check` and `medlofte log`.\n",
        crate::privacy::path_for_display(dir)
    ))?;
    Ok(Outcome::Success)
}

fn template(year: i32) -> String {
    format!(
        r#"# Medborgarlöften: vad polisen och kommunen lovar, och hur ofta.
# Skriv in löftena som de står i överenskommelsen. `medlofte check` säger till om
# något är fel, med rad och kolumn. Se README för alla former av löften.

title = "Kommunen – medborgarlöften {year}"
start = {year}-01-01          # överenskommelsens första dag
end = {year}-12-31            # sista dag; ta bort raden om den gäller tills vidare
parties = ["polisen", "kommunen"]
lang = "sv"                   # tabeller och uppföljning på svenska ("en" för engelska)

# "Polisen finns på publika platser minst en gång i veckan"
[[promise]]
id = "narvaro"                # a-z, 0-9 och -; används i `medlofte log narvaro`
title = "Polisen finns på publika platser minst en gång i veckan"
responsible = ["polisen"]
min = 1
per = "week"                  # week | month | quarter | tertial | half-year | year | term | "2 months"

# Ett löfte utan antal följs upp utan krav:
# [[promise]]
# id = "trafik"
# title = "Operativa insatser mot droger i trafiken"

# Ett löfte med sista datum:
# [[promise]]
# id = "sammanstallning"
# title = "En skriftlig sammanställning görs senast under februari"
# due = {next}-02-28

# "minst 900 timmar per år": en mängd i stället för antal
# [[promise]]
# id = "timmar"
# title = "Synlig polis minst 900 timmar per år"
# unit = "timmar"
# min = 900
# per = "year"

# "minst en gång i månaden i snitt över året"
# [[promise]]
# id = "trafikkontroller"
# title = "Trafikkontroller minst en gång i månaden i snitt över året"
# min = 1
# per = "month"
# over = "year"

# "minst fem trygghetsvandringar per år, varav minst en i centrum"
# [[promise]]
# id = "vandringar"
# title = "Minst fem trygghetsvandringar per år"
# min = 5
# per = "year"
#
# [[promise]]
# id = "vandringar-centrum"
# title = "varav minst en med fokus på centrum"
# part_of = "vandringar"
# min = 1
# per = "year"

# "en gång per år och försäljningsställe": ange platsen med `log --place`
# [[promise]]
# id = "tobakstillsyn"
# title = "Tobakstillsyn en gång per år och försäljningsställe"
# min = 1
# per = "year"
# each = ["Kiosken vid torget", "Bensinmacken"]
{INDICATOR}"#,
        next = year + 1
    )
}

/// followup.md: the keepers' words beside the figures, a section per promise.
/// HTML comments are guidance and never shown.
const FOLLOWUP: &str = r###"<!--
Uppföljningens egna ord. Text före första rubriken är inledningen; ett avsnitt
med rubriken "## <löftets id>" visas under det löftet i `medlofte report
--format html` och `--format markdown`. Skriv varför ett löfte inte hölls, vad
som gjorts utöver löftet och vad som planeras. Skriv aldrig personnummer eller
namn på enskilda. Sådana här kommentarer visas inte.
-->

Under perioden har polisen och kommunen arbetat med löftena enligt nedan.

## narvaro

<!-- Till exempel: Veckor utan närvaro berodde på … Under sommaren … -->
"###;

/// The template's commented indicator, after its promises.
const INDICATOR: &str = r#"
# En indikator: statistik från annat håll, t.ex. anmälda brott per kvartal. Värdena
# skrivs i indicators/*.csv (period,indicator,value,source), och `medlofte
# indicators` jämför dem med utgångsläget och målet.
# [[indicator]]
# id = "buskorning"
# title = "Anmälningar om buskörning med moped"
# per = "quarter"             # week | month | quarter | tertial | half-year | year
# better = "lower"            # lower: färre är bättre; higher: fler är bättre
# baseline = 31               # värdet före perioden; utan den: det första värdet
# target = 20
"#;
