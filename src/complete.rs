//! Completion that knows the project: on TAB, `log` offers the promise and event
//! ids of the project found from the command line typed so far (`-C DIR`), else
//! `MEDLOFTE_DIR`, else the current folder and those above it; `--by` its parties;
//! `--place` the places of its `each` lists. A project that cannot be read offers
//! nothing rather than an error in the middle of a command line.

use crate::model::Agreement;
use crate::privacy::for_display;
use crate::project::Project;
use clap_complete::engine::CompletionCandidate;
use std::path::PathBuf;

/// The folder named by `-C DIR`, `-CDIR`, `--dir DIR` or `--dir=DIR` on the line
/// being completed (after the `--` the shell's script puts before it).
fn typed_dir() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    let start = args.iter().position(|a| a == "--").map_or(0, |i| i + 1);
    let line = &args[start..];
    line.iter().enumerate().find_map(|(i, a)| match a.as_str() {
        "-C" | "--dir" => line.get(i + 1).map(PathBuf::from),
        _ => a
            .strip_prefix("--dir=")
            .or_else(|| a.strip_prefix("-C").filter(|d| !d.is_empty()))
            .map(PathBuf::from),
    })
}

fn agreement() -> Option<Agreement> {
    let given = typed_dir().or_else(|| std::env::var_os("MEDLOFTE_DIR").map(PathBuf::from));
    let dir = Project::find(given.as_deref()).ok()?;
    let loaded = crate::promises::load(&Project::promises_path(Some(&dir))).ok()?;
    Some(loaded.agreement)
}

/// Promise ids with their titles as help, then event ids.
pub fn ids() -> Vec<CompletionCandidate> {
    let Some(a) = agreement() else {
        return Vec::new();
    };
    let promises = a.promises.iter().map(|p| (p.id.clone(), p.title.clone()));
    let events = a.events.iter().map(|e| (e.id.clone(), e.title.clone()));
    promises
        .chain(events)
        .map(|(id, title)| {
            // A hint, not the whole title: one short line in the shell's menu.
            let hint = crate::render::table::ellipsis(&title, Some(50)).into_owned();
            CompletionCandidate::new(id).help(Some(for_display(&hint).into_owned().into()))
        })
        .collect()
}

pub fn parties() -> Vec<CompletionCandidate> {
    agreement().map_or_else(Vec::new, |a| {
        a.parties
            .into_iter()
            .map(CompletionCandidate::new)
            .collect()
    })
}

/// Every place of every `each` list, once each.
pub fn places() -> Vec<CompletionCandidate> {
    let Some(a) = agreement() else {
        return Vec::new();
    };
    let mut names: Vec<String> = a
        .promises
        .iter()
        .flat_map(|p| p.each.iter().map(|i| i.name.clone()))
        .collect();
    names.sort();
    names.dedup();
    names.into_iter().map(CompletionCandidate::new).collect()
}
