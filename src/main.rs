use std::io::stdout;
use std::process::ExitCode;

use clap::Parser;
use sanad::cli::{self, BidiMode, Cli};
use sanad::ui::{self, Settings};

fn main() -> ExitCode {
    let cli = Cli::parse();
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
