//! Text from files, made safe to show where it could disguise itself: control characters
//! (terminal escapes, carriage returns, bells), bidirectional overrides and zero-width
//! characters are written out as `\u{…}`. Letters of every script are left as they are.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character can hide or rearrange text around it instead of showing itself.
pub fn is_disguising(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Bidirectional embeddings, overrides, isolates and marks.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            // Zero-width spaces and joiners, the word joiner, the byte-order mark.
            | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
            // Line and paragraph separators, and noncharacters.
            | '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// `text` with every disguising character written as `\u{XXXX}`, so a terminal or a
/// reviewer sees exactly what the file holds. One line in, one line out.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_disguising) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_disguising(c) {
            let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as text, made visible like [`visible`]: a file name can hold escapes too.
pub fn visible_path(path: &std::path::Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_are_shown_and_scripts_are_not() {
        assert_eq!(visible("HTTP"), "HTTP");
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\u{001B}[2Jb");
        assert_eq!(visible("ok\rforged\n"), "ok\\u{000D}forged\\u{000A}");
        assert_eq!(visible("x\u{202E}y"), "x\\u{202E}y");
        assert_eq!(
            visible("\u{1b}]52;c;aGk=\u{7}"),
            "\\u{001B}]52;c;aGk=\\u{0007}"
        );
        assert_eq!(visible("قواعد البيانات"), "قواعد البيانات");
        assert_eq!(visible("מסדי נתונים"), "מסדי נתונים");
    }
}
