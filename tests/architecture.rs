//! The shape of the code, checked: each layer uses only the layers below it, the layers
//! below painting never name egui or eframe, and no files import one another in a circle.
//!
//! Imports are read from the source text: every `crate::…` and `super::…` path outside
//! comments and test modules, with grouped imports (`use crate::session::{Action, team}`)
//! split, resolved to the file that defines the module or, through the `pub use` lines of
//! a `mod.rs`, the file an item comes from.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests fail loudly by design

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers from the bottom up; a module may use its own layer and those before it.
const LAYERS: [&str; 8] = [
    "model",
    "files",
    "session",
    "paint",
    "export",
    "team_export",
    "cli",
    "app",
];

/// Layers that are plain Rust: no egui, no eframe.
const WITHOUT_EGUI: [&str; 3] = ["model", "files", "session"];

struct SourceFile {
    /// The module path, e.g. `["session", "team"]`.
    module: Vec<String>,
    is_mod_rs: bool,
    /// The code with comments and test modules left out.
    code: String,
}

fn read_sources() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    paths
        .into_iter()
        .filter(|path| {
            let relative = path.strip_prefix(&root).unwrap();
            relative != Path::new("main.rs") && relative != Path::new("lib.rs")
        })
        .map(|path| {
            let relative = path.strip_prefix(&root).unwrap();
            let mut module: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let is_mod_rs = module.last().is_some_and(|last| last == "mod");
            if is_mod_rs {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            SourceFile {
                module,
                is_mod_rs,
                code: code_of(&text),
            }
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text without line comments and without `#[cfg(test)]` modules (tests may use
/// anything).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(start) => &text[..start],
        None => text,
    };
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect()
}

fn ident_at(code: &str, from: usize) -> Option<(&str, usize)> {
    let rest = &code[from..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| (&rest[..end], from + end))
}

/// Every path starting with `crate::` or `super::`, as module path segments (grouped
/// imports give one path per item).
fn paths_in(file: &SourceFile) -> Vec<Vec<String>> {
    let code = &file.code;
    let mut paths = Vec::new();
    let mut at = 0;
    while let Some(found) = code[at..]
        .find("crate::")
        .map(|i| (i + at, "crate::"))
        .into_iter()
        .chain(code[at..].find("super::").map(|i| (i + at, "super::")))
        .min()
    {
        let (start, kind) = found;
        at = start + kind.len();
        // Not the tail of another word (`foo_crate::`), nor `pub(super)`.
        if start > 0 {
            let before = code[..start].chars().last().unwrap();
            if before.is_ascii_alphanumeric() || before == '_' || before == ':' {
                continue;
            }
        }
        let mut base: Vec<String> = if kind == "crate::" {
            Vec::new()
        } else {
            let mut base = file.module.clone();
            // In a `mod.rs` the module is the folder: `super` is the folder's parent.
            base.pop();
            base
        };
        let mut position = at;
        loop {
            if code[position..].starts_with("super::") {
                base.pop();
                position += "super::".len();
                continue;
            }
            if code[position..].starts_with('{') {
                let end = matching_brace(code, position);
                for item in code[position + 1..end].split(',') {
                    let item = item.trim();
                    if let Some((name, _)) = ident_at(item, 0) {
                        let mut path = base.clone();
                        path.push(name.to_owned());
                        for segment in item.split("::").skip(1) {
                            if let Some((name, _)) = ident_at(segment.trim(), 0) {
                                path.push(name.to_owned());
                            }
                        }
                        paths.push(path);
                    }
                }
                break;
            }
            let Some((name, end)) = ident_at(code, position) else {
                paths.push(base.clone());
                break;
            };
            base.push(name.to_owned());
            if code[end..].starts_with("::") {
                position = end + 2;
            } else {
                paths.push(base.clone());
                break;
            }
        }
        at = position.max(at);
    }
    paths
}

fn matching_brace(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (offset, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + offset;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// Which sibling file each item a `mod.rs` re-exports (`pub use team::{A, B}`) comes from.
fn reexports(file: &SourceFile) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for statement in file.code.split(';') {
        let statement = statement.trim();
        let Some(rest) = statement
            .strip_prefix("pub use ")
            .or_else(|| statement.strip_prefix("pub(crate) use "))
            .or_else(|| statement.strip_prefix("pub(super) use "))
        else {
            continue;
        };
        let Some((child, _)) = ident_at(rest, 0) else {
            continue;
        };
        if child == "crate" || child == "super" {
            continue;
        }
        let items = match (rest.find('{'), rest.rfind('}')) {
            (Some(open), Some(close)) => rest[open + 1..close].to_owned(),
            _ => rest.rsplit("::").next().unwrap_or_default().to_owned(),
        };
        for item in items.split(',') {
            let item = item.trim();
            let name = item.rsplit(" as ").next().unwrap_or(item).trim();
            let name = name.rsplit("::").next().unwrap_or(name);
            if !name.is_empty() {
                map.insert(name.to_owned(), child.to_owned());
            }
        }
    }
    map
}

/// The files each file uses, by module path.
fn import_graph(sources: &[SourceFile]) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules: BTreeMap<&[String], &SourceFile> =
        sources.iter().map(|f| (f.module.as_slice(), f)).collect();
    let reexported: BTreeMap<&[String], BTreeMap<String, String>> = sources
        .iter()
        .filter(|f| f.is_mod_rs)
        .map(|f| (f.module.as_slice(), reexports(f)))
        .collect();
    let mut graph = BTreeMap::new();
    for file in sources {
        let mut uses = BTreeSet::new();
        for path in paths_in(file) {
            // The longest prefix that is a module of its own.
            let Some(length) = (1..=path.len())
                .rev()
                .find(|&length| modules.contains_key(&path[..length]))
            else {
                continue;
            };
            let mut target = path[..length].to_vec();
            if let (Some(item), Some(map)) = (path.get(length), reexported.get(target.as_slice()))
                && let Some(child) = map.get(item)
            {
                let mut child_module = target.clone();
                child_module.push(child.clone());
                if modules.contains_key(child_module.as_slice()) {
                    target = child_module;
                }
            }
            if target != file.module {
                uses.insert(target);
            }
        }
        graph.insert(file.module.clone(), uses);
    }
    graph
}

fn layer_rank(module: &[String]) -> usize {
    LAYERS
        .iter()
        .position(|layer| module.first().is_some_and(|first| first == layer))
        .unwrap_or_else(|| panic!("{} is in no layer: add it to LAYERS", module.join("::")))
}

/// Every import of a module from a layer above its own, as `a::b uses c::d`.
fn upward_imports(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<String> {
    let mut upward = Vec::new();
    for (module, uses) in graph {
        for used in uses {
            if layer_rank(used) > layer_rank(module) {
                upward.push(format!("{} uses {}", module.join("::"), used.join("::")));
            }
        }
    }
    upward
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let sources = read_sources();
    let graph = import_graph(&sources);
    let upward = upward_imports(&graph);
    assert!(
        upward.is_empty(),
        "imports from a layer above:\n{}",
        upward.join("\n")
    );
    // The check sees real imports: the app uses the session, the session the model.
    assert!(
        graph[&vec!["app".to_owned(), "frame".to_owned()]]
            .iter()
            .any(|used| used.first().is_some_and(|layer| layer == "session"))
    );
}

#[test]
fn the_layers_below_painting_never_name_egui_or_eframe() {
    let sources = read_sources();
    let mut naming = Vec::new();
    for file in &sources {
        if !WITHOUT_EGUI.contains(&file.module[0].as_str()) {
            continue;
        }
        for word in ["egui", "eframe"] {
            let named = file.code.match_indices(word).any(|(at, _)| {
                let before = file.code[..at].chars().last();
                let after = file.code[at + word.len()..].chars().next();
                let is_word =
                    |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                !is_word(before) && !is_word(after)
            });
            if named {
                naming.push(format!("{} names {word}", file.module.join("::")));
            }
        }
    }
    assert!(naming.is_empty(), "{}", naming.join("\n"));
}

#[test]
fn painting_lays_out_no_widgets() {
    for file in read_sources().iter().filter(|f| f.module[0] == "paint") {
        for word in ["eframe", "egui::Ui", "egui::Response", "egui::Sense"] {
            assert!(
                !file.code.contains(word),
                "{} names {word}",
                file.module.join("::")
            );
        }
    }
}

#[test]
fn exports_and_the_command_line_never_use_the_app() {
    let sources = read_sources();
    let graph = import_graph(&sources);
    for layer in ["export", "team_export", "cli"] {
        let uses = &graph[&vec![layer.to_owned()]];
        assert!(
            uses.iter().all(|used| used[0] != "app"),
            "{layer} uses the app: {uses:?}"
        );
    }
}

/// Within each folder, the files (a subfolder counting as one) use one another without a
/// circle; the folder's own `mod.rs` is its front door, which its files may use.
#[test]
fn no_files_import_one_another_in_a_circle() {
    let sources = read_sources();
    let graph = import_graph(&sources);
    let folders: BTreeSet<Vec<String>> = std::iter::once(Vec::new())
        .chain(
            sources
                .iter()
                .filter(|f| f.is_mod_rs)
                .map(|f| f.module.clone()),
        )
        .collect();
    let mut circles = Vec::new();
    for folder in &folders {
        // Edges between the folder's children, each child named by its first segment.
        let child_of = |module: &[String]| -> Option<String> {
            (module.len() > folder.len() && module.starts_with(folder))
                .then(|| module[folder.len()].clone())
        };
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (module, uses) in &graph {
            let Some(from) = child_of(module) else {
                continue;
            };
            for used in uses {
                if let Some(to) = child_of(used)
                    && to != from
                {
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
        if let Some(circle) = find_circle(&edges) {
            let prefix = if folder.is_empty() {
                String::new()
            } else {
                format!("{}::", folder.join("::"))
            };
            circles.push(format!("{prefix}{{{}}}", circle.join(" -> ")));
        }
    }
    assert!(
        circles.is_empty(),
        "circles of imports:\n{}",
        circles.join("\n")
    );
}

fn find_circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|n| *n == node) {
            let mut circle: Vec<String> = stack[start..].iter().map(|s| s.to_string()).collect();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, stack, done) {
                return Some(circle);
            }
        }
        stack.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(circle) = visit(node, edges, &mut Vec::new(), &mut done) {
            return Some(circle);
        }
    }
    None
}

#[test]
fn the_checker_finds_a_circle_and_an_upward_import() {
    let file = |module: &[&str], code: &str| SourceFile {
        module: module.iter().map(|s| s.to_string()).collect(),
        is_mod_rs: false,
        code: code.to_owned(),
    };
    let sources = vec![
        file(&["model"], "use crate::files::read;\n"),
        file(&["files"], "use crate::model::{Roadmap, edit};\n"),
    ];
    let graph = import_graph(&sources);
    assert!(graph[&vec!["model".to_owned()]].contains(&vec!["files".to_owned()]));
    assert_eq!(upward_imports(&graph), ["model uses files"]);
    let edges: BTreeMap<String, BTreeSet<String>> = graph
        .iter()
        .map(|(module, uses)| {
            (
                module[0].clone(),
                uses.iter().map(|u| u[0].clone()).collect(),
            )
        })
        .collect();
    assert!(find_circle(&edges).is_some());
}

/// A file that grows past a few hundred lines is asking to be split along a seam it has.
#[test]
fn no_file_is_longer_than_600_lines_and_the_app_module_only_wires() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    let mut long = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        // Tests at the bottom of a file do not count.
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        let lines = code.lines().count();
        let relative = path.strip_prefix(&root).unwrap().to_path_buf();
        let limit = if relative == Path::new("app/mod.rs") {
            300
        } else {
            600
        };
        if lines > limit {
            long.push(format!(
                "{} has {lines} lines (at most {limit})",
                relative.display()
            ));
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}
