//! The `waymark` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use waymark::cli::{self, Command};
use waymark::model::text::visible;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    // `args_os`: an argument that is not UTF-8 (a file name) must not panic.
    match cli::parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", cli::HELP);
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("waymark {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Validate { files }) => {
            match cli::validate_files(&files, &mut std::io::stdout().lock()) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(1),
                Err(error) => {
                    eprintln!(
                        "waymark: could not write the report: {}",
                        visible(&error.to_string())
                    );
                    ExitCode::from(2)
                }
            }
        }
        Ok(Command::Diff { old, new }) => {
            match cli::diff_files(&old, &new, &mut std::io::stdout().lock()) {
                Ok(false) => ExitCode::SUCCESS,
                Ok(true) => ExitCode::from(1),
                Err(message) => {
                    eprintln!("waymark: {}", escaped(&message));
                    ExitCode::from(2)
                }
            }
        }
        Ok(Command::Generate {
            skill_count,
            roadmap,
            progress,
        }) => {
            match cli::generate_files(
                skill_count,
                &roadmap,
                progress.as_deref(),
                &mut std::io::stdout().lock(),
            ) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("waymark: {}", escaped(&message));
                    ExitCode::from(1)
                }
            }
        }
        Ok(Command::Export {
            format,
            roadmap,
            progress,
            output,
            scale,
        }) => match cli::export_file(
            format,
            &roadmap,
            progress.as_deref(),
            &output,
            scale,
            &mut std::io::stdout().lock(),
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("waymark: {}", escaped(&message));
                ExitCode::from(1)
            }
        },
        Ok(Command::Merge { base, ours, theirs }) => ExitCode::from(cli::merge(
            &base,
            &ours,
            &theirs,
            &mut std::io::stderr().lock(),
        )),
        Ok(Command::GitSetup { dir }) => {
            match cli::git_setup(&dir, &mut std::io::stdout().lock()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("waymark: {}", escaped(&message));
                    ExitCode::from(2)
                }
            }
        }
        Ok(Command::Update { fork, upstream }) => {
            match cli::update(&fork, &upstream, &mut std::io::stdout().lock()) {
                Ok(false) => ExitCode::SUCCESS,
                Ok(true) => ExitCode::from(1),
                Err(message) => {
                    eprintln!("waymark: {}", escaped(&message));
                    ExitCode::from(2)
                }
            }
        }
        Ok(Command::LayoutStats { roadmap }) => {
            match cli::layout_stats(&roadmap, &mut std::io::stdout().lock()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("waymark: {}", escaped(&message));
                    ExitCode::from(1)
                }
            }
        }
        Ok(Command::Run { files }) => match waymark::app::run_native(files) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("waymark: could not open a window: {error}");
                ExitCode::from(2)
            }
        },
        Err(message) => {
            eprintln!("waymark: {}", escaped(&message));
            ExitCode::from(2)
        }
    }
}

/// A message as the terminal is told it: each line escaped as `validate` escapes what it
/// prints (a message may quote a file or an argument), the lines kept.
fn escaped(message: &str) -> String {
    message
        .lines()
        .map(|line| visible(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}
