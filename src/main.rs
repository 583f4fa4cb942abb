use std::io::stdout;
use std::process::ExitCode;

use clap::Parser as _;
use sanad::cli::{self, BidiMode, Cli};
use sanad::ui::{self, Settings};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout as clap writes them.
        Err(error) if !error.use_stderr() => error.exit(),
        Err(error) => {
            // A usage error on one line, like every other error; `--help` tells the rest.
            let rendered = error.to_string();
            let first = rendered.lines().next().unwrap_or("invalid arguments");
            let message = first.trim_start_matches("error: ");
            eprintln!("sanad: {} (sanad --help)", cli::one_line(message));
            return ExitCode::from(2);
        }
    };
    let result = match &cli.command {
        Some(command) => cli::run(command, &mut stdout()),
        None => cli::load(&cli.open.paths).and_then(|corpus| {
            let settings = Settings {
                shaping: cli.open.rendering.shaping.is_on(),
                reorder: cli.open.bidi == BidiMode::App,
                color: std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
            };
            ui::run(corpus, settings)
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line: the context chain joined, controls made visible.
            eprintln!("sanad: {}", cli::one_line(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}
