//! The files a desktop hands the app to open: paths, or `file://` URIs as file managers
//! and desktop entries (`%U`) pass them.

use std::path::PathBuf;

/// The path an argument names: a plain path as it is, a `file://` URI (with an empty host
/// or `localhost`) decoded. Other URIs are refused: Waymark opens local files only.
pub fn file_argument(argument: &str) -> Result<PathBuf, String> {
    let Some(rest) = argument.strip_prefix("file://") else {
        if argument.contains("://") {
            let argument = crate::model::text::visible(argument);
            return Err(format!(
                "`{argument}` is not a local file; Waymark opens files on this computer"
            ));
        }
        return Ok(PathBuf::from(argument));
    };
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        let argument = crate::model::text::visible(argument);
        return Err(format!(
            "`{argument}` names a file on another computer; Waymark opens files on this one"
        ));
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decoded(path).ok_or_else(|| {
        let argument = crate::model::text::visible(argument);
        format!("`{argument}` has a broken %-escape")
    })?;
    Ok(path_from_bytes(bytes))
}

fn percent_decoded(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = tail.get(..2)?;
            let value = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            bytes.push(value);
            rest = tail.get(2..)?;
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    Some(bytes)
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    // On Windows a file URI reads `file:///C:/Users/...`: drop the slash before the drive.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let text = match text.as_bytes() {
        [b'/', _, b':', ..] => text.chars().skip(1).collect(),
        _ => text,
    };
    PathBuf::from(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_are_decoded_and_other_uris_refused() {
        assert_eq!(
            file_argument("roadmap.ron").unwrap(),
            PathBuf::from("roadmap.ron")
        );
        assert_eq!(
            file_argument("file:///home/ada/My%20roadmaps/caf%C3%A9.ron").unwrap(),
            PathBuf::from("/home/ada/My roadmaps/café.ron")
        );
        assert_eq!(
            file_argument("file://localhost/tmp/a.ron").unwrap(),
            PathBuf::from("/tmp/a.ron")
        );
        assert!(file_argument("file://server/share/a.ron").is_err());
        assert!(file_argument("https://example.com/a.ron").is_err());
        assert!(file_argument("file:///tmp/a%2.ron").is_err());
    }
}
