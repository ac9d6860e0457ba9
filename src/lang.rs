//! The languages people may read, as a leaf that the model can name without
//! knowing any words.

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Svenska
    Sv,
    /// English
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_lowercase().as_str() {
            "sv" | "sv-se" | "svenska" => Some(Lang::Sv),
            "en" | "en-gb" | "en-us" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}
