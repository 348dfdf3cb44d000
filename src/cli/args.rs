//! The command line as the system hands it over: arguments are `OsString`s (a file name
//! need not be UTF-8), matched against the commands and options by their text.

use std::ffi::OsString;
use std::path::PathBuf;

use super::{Command, file_argument};
use crate::export::ExportFormat;
use crate::model::text::visible;

/// Reads the arguments after the program name. They are taken as the system gives them
/// (`OsString`s): a file name need not be UTF-8.
pub fn parse_args<A: Into<OsString>>(args: impl IntoIterator<Item = A>) -> Result<Command, String> {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let first = args.first().map(|arg| arg.to_string_lossy());
    match first.as_deref() {
        None => Ok(Command::Run { files: Vec::new() }),
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("-V" | "--version") => Ok(Command::Version),
        Some("validate") => {
            let files: Vec<PathBuf> = args.iter().skip(1).map(PathBuf::from).collect();
            if files.is_empty() {
                Err("validate needs at least one file: waymark validate FILE...".to_owned())
            } else {
                Ok(Command::Validate { files })
            }
        }
        Some("diff") => match args.get(1..) {
            Some([old, new]) => Ok(Command::Diff {
                old: PathBuf::from(old),
                new: PathBuf::from(new),
            }),
            _ => Err("diff needs two roadmap files: waymark diff OLD.ron NEW.ron".to_owned()),
        },
        Some("layout-stats") => match args.get(1..) {
            Some([roadmap]) => Ok(Command::LayoutStats {
                roadmap: PathBuf::from(roadmap),
            }),
            _ => {
                Err("layout-stats needs one roadmap file: waymark layout-stats ROADMAP".to_owned())
            }
        },
        Some("merge") => match args.get(1..) {
            Some([base, ours, theirs]) => Ok(Command::Merge {
                base: PathBuf::from(base),
                ours: PathBuf::from(ours),
                theirs: PathBuf::from(theirs),
            }),
            _ => Err("merge needs three files: waymark merge BASE OURS THEIRS".to_owned()),
        },
        Some("git-setup") => match args.get(1..) {
            Some([]) => Ok(Command::GitSetup {
                dir: PathBuf::from("."),
            }),
            Some([dir]) => Ok(Command::GitSetup {
                dir: PathBuf::from(dir),
            }),
            _ => Err("git-setup takes at most one folder: waymark git-setup [DIR]".to_owned()),
        },
        Some("update") => match args.get(1..) {
            Some([fork, upstream]) => Ok(Command::Update {
                fork: PathBuf::from(fork),
                upstream: PathBuf::from(upstream),
            }),
            _ => Err(
                "update needs the fork and the new upstream: waymark update FORK.ron UPSTREAM.ron"
                    .to_owned(),
            ),
        },
        Some("generate") => parse_generate(args.get(1..).unwrap_or_default()),
        Some("export") => parse_export(args.get(1..).unwrap_or_default()),
        Some(option) if option.starts_with('-') => Err(format!(
            "unknown option `{}`; see waymark --help",
            visible(option)
        )),
        Some(_) => Ok(Command::Run {
            files: args
                .iter()
                .map(|argument| match argument.to_str() {
                    Some(text) => file_argument(text),
                    // Not UTF-8: no URI, a file name as the system has it.
                    None => Ok(PathBuf::from(argument)),
                })
                .collect::<Result<_, _>>()?,
        }),
    }
}

/// The value after an option (`--skills 100`), or a message naming the option.
fn option_value(
    args: &mut std::slice::Iter<'_, OsString>,
    option: &str,
    usage: &str,
) -> Result<OsString, String> {
    args.next()
        .cloned()
        .ok_or_else(|| format!("{option} needs a value; {usage}"))
}

/// The most skills `generate` makes: its file then is near the 64 MB every reader takes.
pub const MAX_GENERATED_SKILLS: usize = 100_000;

fn parse_generate(args: &[OsString]) -> Result<Command, String> {
    let usage = "usage: waymark generate --skills N -o FILE [--progress FILE]";
    let mut skill_count = None;
    let mut roadmap = None;
    let mut progress = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy();
        let mut value = || option_value(&mut args, &arg, usage);
        match arg.as_ref() {
            "--skills" => {
                let count = (value()?.to_str())
                    .and_then(|count| count.parse::<usize>().ok())
                    .ok_or_else(|| format!("--skills needs a number; {usage}"))?;
                if count > MAX_GENERATED_SKILLS {
                    return Err(format!(
                        "--skills is at most {MAX_GENERATED_SKILLS}: a larger roadmap would be more than Waymark reads"
                    ));
                }
                skill_count = Some(count);
            }
            "-o" | "--output" => roadmap = Some(PathBuf::from(value()?)),
            "--progress" => progress = Some(PathBuf::from(value()?)),
            other => {
                let other = visible(other);
                return Err(format!("unknown argument `{other}`; {usage}"));
            }
        }
    }
    match (skill_count, roadmap) {
        (Some(skill_count), Some(roadmap)) if skill_count > 0 => Ok(Command::Generate {
            skill_count,
            roadmap,
            progress,
        }),
        _ => Err(usage.to_owned()),
    }
}

fn parse_export(args: &[OsString]) -> Result<Command, String> {
    let usage = "usage: waymark export --format svg|png|md|canvas ROADMAP [--progress FILE] [--scale S] -o OUT";
    let (mut format, mut roadmap, mut progress, mut output) = (None, None, None, None);
    let mut scale = 1.0_f32;
    let mut args = args.iter();
    while let Some(os_arg) = args.next() {
        let arg = os_arg.to_string_lossy();
        let mut value = || option_value(&mut args, &arg, usage);
        match arg.as_ref() {
            "--format" | "-f" => {
                let name = value()?.to_string_lossy().into_owned();
                format = Some(ExportFormat::from_name(&name).ok_or_else(|| {
                    let name = visible(&name);
                    format!("unknown format `{name}` (svg, png, md or canvas); {usage}")
                })?);
            }
            "--progress" => progress = Some(PathBuf::from(value()?)),
            "-o" | "--output" => output = Some(PathBuf::from(value()?)),
            "--scale" => {
                scale = (value()?.to_str())
                    .and_then(|scale| scale.parse::<f32>().ok())
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .ok_or_else(|| format!("--scale needs a positive number; {usage}"))?;
            }
            other if other.starts_with('-') => {
                let other = visible(other);
                return Err(format!("unknown argument `{other}`; {usage}"));
            }
            _ if roadmap.is_none() => roadmap = Some(PathBuf::from(os_arg)),
            _ => return Err(format!("give one roadmap file; {usage}")),
        }
    }
    match (format, roadmap, output) {
        (Some(format), Some(roadmap), Some(output)) => Ok(Command::Export {
            format,
            roadmap,
            progress,
            output,
            scale,
        }),
        _ => Err(usage.to_owned()),
    }
}
