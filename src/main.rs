use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = medlofte::cli::Cli::parse();
    match medlofte::run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(medlofte::error::Error::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            medlofte::cmd::err(&e.render(medlofte::cmd::color_stderr()));
            ExitCode::from(e.exit_code())
        }
    }
}
