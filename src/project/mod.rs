//! A project folder: where it is, its promises, and its ledger read into sums
//! (`ledger`), with `log`'s part in keeping the cache (`keep`).

mod keep;
mod ledger;

pub use keep::Keeper;
pub use ledger::{Ledger, Need};

use crate::cache::Cache;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::Lang;
use crate::indicators::Values;
use crate::ledger::Appended;
use crate::model::Agreement;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub struct Project {
    pub dir: PathBuf,
    pub agreement: Agreement,
    /// What `check` warns about in promises.toml (others stay quiet about it).
    pub warnings: Vec<Diagnostic>,
    /// The language people read: `--lang`/`MEDLOFTE_LANG`, else promises.toml's
    /// `lang`, else English.
    pub lang: Lang,
    /// What the run was given: colour, today, threads.
    pub config: Config,
    /// The cache of what reading each ledger file gave, once asked for.
    cache: OnceLock<Option<Cache>>,
}

impl Project {
    /// Opens the project in `dir` (or the current folder) or the nearest folder
    /// above it that holds promises.toml, and validates promises.toml.
    pub fn open(config: &Config) -> Result<Project> {
        let dir = Project::locate(config)?;
        let loaded = crate::promises::load(&Project::promises_path(Some(&dir)))?;
        let agreement = loaded.agreement;
        let lang = config.lang.or(agreement.lang).unwrap_or(Lang::En);
        Ok(Project {
            dir,
            agreement,
            warnings: loaded.warnings,
            lang,
            config: config.clone(),
            cache: OnceLock::new(),
        })
    }

    /// The cache of ledger sums, unless `MEDLOFTE_NO_CACHE` turns it off.
    fn cache(&self) -> Option<&Cache> {
        self.cache
            .get_or_init(|| {
                self.config
                    .cache
                    .then(|| Cache::new(&self.dir, &self.agreement))
                    .flatten()
            })
            .as_ref()
    }

    /// followup.md, when the keepers wrote one. Its sections may be headed by any
    /// promise or indicator id.
    pub fn narrative(&self) -> Result<Option<crate::narrative::Narrative>> {
        let a = &self.agreement;
        let promises = a.promises.iter().map(|p| p.id.as_str());
        let ids: Vec<&str> = promises
            .chain(a.indicators.iter().map(|i| i.id.as_str()))
            .collect();
        crate::narrative::load(&self.dir, &ids)
    }

    /// The project folder: `-C`/`MEDLOFTE_DIR` or the current folder, or like git
    /// the nearest folder above it with a promises.toml, so that a command run
    /// inside `ledger/` works. Given as a relative path (`..`) when it is above the
    /// current folder, so messages name files as the user can reach them.
    pub fn locate(config: &Config) -> Result<PathBuf> {
        Project::find(config.dir.as_deref())
    }

    /// `locate` from a folder given or not (the current one).
    pub fn find(dir: Option<&Path>) -> Result<PathBuf> {
        let start = dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if !start.is_dir() {
            return Err(Error::file(
                &start,
                "no such project folder",
                "point -C/--dir or MEDLOFTE_DIR at a folder that holds promises.toml",
            ));
        }
        let Ok(absolute) = start.canonicalize() else {
            return Ok(start);
        };
        let mut up = start.clone();
        for (k, folder) in absolute.ancestors().enumerate() {
            if folder.join("promises.toml").exists() {
                return Ok(up);
            }
            up = if start == Path::new(".") {
                vec![".."; k + 1].join("/").into()
            } else {
                up.join("..")
            };
        }
        Err(Error::file(
            &Project::promises_path(dir),
            "no promises.toml here or in any folder above",
            "run `medlofte init` to start a project here, or point -C/--dir or MEDLOFTE_DIR at one",
        ))
    }

    /// promises.toml in `dir` (or the current folder), as messages should show it.
    pub fn promises_path(dir: Option<&Path>) -> PathBuf {
        match dir {
            Some(dir) if dir != Path::new(".") => dir.join("promises.toml"),
            _ => PathBuf::from("promises.toml"),
        }
    }

    /// Where `log` keeps what it appended last, for `undo`.
    fn undo_path(&self) -> PathBuf {
        self.dir.join(".medlofte").join("last-log")
    }

    /// Remembers the line `log` appended last (replacing the one before), so that
    /// `undo` can remove exactly it. Written to a temporary file and renamed, so a
    /// reader never sees half a record.
    pub fn remember_append(&self, file: &Path, line: &Appended) -> std::io::Result<()> {
        let path = self.undo_path();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let hex: String = line.bytes.iter().map(|b| format!("{b:02x}")).collect();
        // The file's name only: ledger files live in ledger/, and the project may move.
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
        std::fs::write(&tmp, format!("{name}\n{}\n{hex}\n", line.offset))?;
        std::fs::rename(&tmp, &path)
    }

    /// The lines `log` appended last, if `undo` has not removed them yet. The
    /// record is trusted for nothing: it must name a plain `.csv` file directly in
    /// ledger/, with an offset and bytes that make sense, or `undo` refuses.
    pub fn last_append(&self) -> Result<Option<(PathBuf, Appended)>> {
        let record = self.undo_path();
        let text = match crate::files::read_to_string(&record) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::file(
                    &record,
                    format!("cannot read: {e}"),
                    "nothing was removed",
                ));
            }
        };
        let bad = |why: &str| {
            Error::file(
                &record,
                format!("does not record a line of this ledger: {why}"),
                "nothing was removed; delete this file, and edit the ledger by hand if a line must go",
            )
        };
        let mut lines = text.lines();
        let name = lines.next().unwrap_or_default();
        if crate::ledger::Name::of(name) != crate::ledger::Name::Ledger
            || name.contains(['/', '\\'])
            || name.starts_with("..")
        {
            return Err(bad("the file named is not a ledger file"));
        }
        let file = self.ledger_dir().join(name);
        let offset: u64 = lines
            .next()
            .and_then(|o| o.parse().ok())
            .ok_or_else(|| bad("no offset"))?;
        // A logged line follows the header: from the first byte on, the header
        // itself would go.
        if offset == 0 {
            return Err(bad(
                "the line would start at the file's first byte, its header",
            ));
        }
        let hex = lines.next().unwrap_or_default();
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| {
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect::<Option<_>>()
            .filter(|b: &Vec<u8>| !b.is_empty())
            .ok_or_else(|| bad("the line's bytes are unreadable"))?;
        match std::fs::symlink_metadata(&file) {
            Ok(m) if m.is_file() => {}
            _ => return Err(bad("the file named is not a regular file in ledger/")),
        }
        let text = String::from_utf8_lossy(&bytes)
            .trim_end_matches(['\r', '\n'])
            .to_string();
        let lines = text.lines().map(str::to_string).collect();
        Ok(Some((
            file,
            Appended {
                text,
                lines,
                offset,
                bytes,
            },
        )))
    }

    /// Forgets the last append once `undo` has removed it.
    pub fn forget_append(&self) {
        let _ = std::fs::remove_file(self.undo_path());
    }

    pub fn ledger_dir(&self) -> PathBuf {
        self.folder("ledger")
    }

    /// indicators/: the indicators' values, copied in from elsewhere.
    pub fn indicators_dir(&self) -> PathBuf {
        self.folder("indicators")
    }

    /// A folder of the project, as messages should show it.
    fn folder(&self, name: &str) -> PathBuf {
        if self.dir == Path::new(".") {
            PathBuf::from(name)
        } else {
            self.dir.join(name)
        }
    }

    /// Reads every indicator file; with `today`, as closely as `check` does.
    pub fn read_indicators(&self, today: Option<NaiveDate>) -> Result<Values> {
        crate::indicators::read_dir(&self.indicators_dir(), &self.agreement, today)
    }

    /// The indicators' values, refused (exit 2) when any line is broken.
    pub fn read_indicators_strict(&self) -> Result<Values> {
        let values = self.read_indicators(None)?;
        let errors: Vec<Diagnostic> = values
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        if errors.is_empty() {
            Ok(values)
        } else {
            Err(Error::Input(errors))
        }
    }

    /// Resolves `--promise` ids to indices, with "did you mean" for a typo.
    pub fn promise_indices(&self, ids: &[String]) -> Result<Vec<usize>> {
        self.indices(ids, self.agreement.promises.len())
    }

    /// Resolves the ids `log` writes: promises, and events after them.
    pub fn logged_indices(&self, ids: &[String]) -> Result<Vec<usize>> {
        self.indices(ids, usize::MAX)
    }

    fn indices(&self, ids: &[String], below: usize) -> Result<Vec<usize>> {
        let known = || self.agreement.ids().take(below);
        ids.iter()
            .map(|id| {
                known().position(|k| k == id).ok_or_else(|| {
                    let hint = if self.agreement.indicators.iter().any(|x| &x.id == id) {
                        format!("\"{id}\" is an indicator: its values go in indicators/*.csv")
                    } else {
                        crate::error::suggestion(id, known(), || {
                            format!("ids are: {}", known().collect::<Vec<_>>().join(", "))
                        })
                    };
                    Error::Usage(format!("unknown promise \"{id}\" — {hint}"))
                })
            })
            .collect()
    }
}
