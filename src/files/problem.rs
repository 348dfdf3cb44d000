//! Problems found in a file, each with the line and column it is at.

use std::fmt;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be used: nothing of it is loaded.
    Error,
    /// The file loads, but something deserves a look (e.g. progress kept for a skill the
    /// roadmap no longer has).
    Warning,
}

/// One thing wrong in a file, at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub severity: Severity,
}

impl Problem {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Self {
            line: location.line,
            column: location.column,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(location, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:column: message`, the form editors and terminals link to.
    /// `path:line:column: message`, one line whatever the path and message hold: anything
    /// that could disguise it in a terminal (escapes, carriage returns, bidi overrides) is
    /// written out as `\u{…}`.
    pub fn display_with_path(&self, path: &Path) -> String {
        crate::model::text::visible(&format!("{}:{self}", path.display())).into_owned()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(f, "{}:{}: {prefix}{}", self.line, self.column, self.message)
    }
}

/// A 1-based line and column in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub const START: Location = Location { line: 1, column: 1 };
}

/// Finds where things are in a file's text, so problems found after parsing (a duplicate
/// id, an unknown prerequisite) can still point at a line and column.
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offsets where each line starts, so a location is a binary search. Made on the
    /// first location asked for: a file without problems never needs it.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(offset, _)| offset + 1))
                .collect()
        })
    }

    /// The byte offset of the first `"value"` string literal at or after `from`.
    pub fn find_string(&self, value: &str, from: usize) -> Option<usize> {
        let rest = self.text.get(from..)?;
        // As Rust would escape it, else as written (a character Rust escapes, such as a
        // right-to-left override, may stand in the file as it is).
        let escaped = format!("{value:?}");
        let raw = format!("\"{value}\"");
        let found = find(rest, &escaped);
        // Searched for as written only when that differs, and only before the first find.
        let before = found.map_or(rest, |offset| rest.get(..offset).unwrap_or(rest));
        let found_raw = (raw != escaped).then(|| find(before, &raw)).flatten();
        found_raw.or(found).map(|offset| from + offset)
    }

    /// The byte offset of `key:` (a field name) at or after `from`.
    pub fn find_field(&self, key: &str, from: usize) -> Option<usize> {
        let rest = self.text.get(from..)?;
        let mut search_from = 0;
        while let Some(offset) = find(rest.get(search_from..)?, key) {
            let start = search_from + offset;
            let before_ok = rest[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            let after_ok = rest[start + key.len()..].trim_start().starts_with(':');
            if before_ok && after_ok {
                return Some(from + start);
            }
            search_from = start + key.len();
        }
        None
    }

    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line_index = line_starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1);
        let line_start = line_starts.get(line_index).copied().unwrap_or(0);
        let column = self
            .text
            .get(line_start..offset)
            .map_or(1, |text| text.chars().count() + 1);
        Location {
            line: line_index + 1,
            column,
        }
    }
}

/// Where `needle` first occurs in `haystack`. memchr's searcher reads many bytes at a
/// time: the locator looks through files of tens of megabytes (a team plan that holds
/// everyone's progress), where the standard one took a fifth of opening it.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(haystack.as_bytes(), needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_one_based_and_count_characters() {
        let locator = Locator::new("a\n  é \"x\"\n");
        let offset = locator.find_string("x", 0).unwrap();
        assert_eq!(locator.location(offset), Location { line: 2, column: 5 });
        assert_eq!(locator.location(0), Location::START);
    }

    #[test]
    fn fields_match_whole_names_only() {
        let locator = Locator::new("stage_id: 1, stage: 2");
        assert_eq!(locator.find_field("stage", 0), Some(13));
    }
}
