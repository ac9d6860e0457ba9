use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // On TAB, the shell runs medlofte with COMPLETE set: answer and exit.
    clap_complete::CompleteEnv::with_factory(<medlofte::cli::Cli as clap::CommandFactory>::command)
        .complete();
    let cli = medlofte::cli::Cli::parse();
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
