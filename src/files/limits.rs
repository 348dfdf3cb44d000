//! How long the texts in a Waymark file may be, and the message when one is longer.

/// The longest a title (of a roadmap, stage, skill, group or link) may be, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest a summary, description, author, licence or link may be, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The longest a link may be (of a skill, in evidence, in a rating), in characters.
pub const MAX_LINK_CHARS: usize = 2_000;
/// The longest notes on one skill may be, in characters (a long essay).
pub const MAX_NOTES_CHARS: usize = 200_000;

/// A text field over its limit, for a problem message: its name, its length, the limit.
pub(super) fn too_long(what: &str, text: &str, limit: usize) -> Option<String> {
    let length = text.chars().count();
    (length > limit).then(|| format!("{what} is {length} characters long; it may be up to {limit}"))
}

/// The same, with the field's name made only for a text over its limit: a team plan's
/// held progress has a note field for each of 120,000 entries, where naming every one
/// took longer than the check.
pub(super) fn too_long_named(
    what: impl FnOnce() -> String,
    text: &str,
    limit: usize,
) -> Option<String> {
    // A text has at least as many bytes as characters: fewer bytes are within the limit.
    (text.len() > limit)
        .then(|| too_long(&what(), text, limit))
        .flatten()
}
