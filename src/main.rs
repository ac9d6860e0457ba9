use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // On TAB, the shell runs medlofte with COMPLETE set: answer and exit.
    clap_complete::CompleteEnv::with_factory(<medlofte::cli::Cli as clap::CommandFactory>::command)
        .complete();
    let cli = match medlofte::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    // After the command line, so that --help and --version answer whatever it says.
    if let Err(e) = medlofte::cli::fixed_today() {
        medlofte::cmd::err(&medlofte::error::Error::Usage(e).render(false));
        return ExitCode::from(2);
    }
    let config = medlofte::config::Config::new(&cli);
    match medlofte::run(&cli, &config) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(medlofte::error::Error::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            medlofte::cmd::err(&e.render(config.color_err));
            ExitCode::from(e.exit_code())
        }
    }
}

/// clap's answer to the command line: help and version as clap prints them,
/// an error with every personal number in it masked (clap quotes the value it
/// refused), in plain text when one was.
fn usage_error(e: &clap::Error) -> ExitCode {
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    let plain = e.render().to_string();
    match medlofte::privacy::mask_all(&plain) {
        std::borrow::Cow::Borrowed(_) => {
            let _ = e.print();
        }
        masked => medlofte::cmd::err(masked.trim_end()),
    }
    ExitCode::from(code)
}
