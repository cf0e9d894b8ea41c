//! Reading a text input whole, held to a size ceiling: UTF-8 with or without a byte-order mark, or
//! Windows-1250 (what Hungarian Excel saves as plain "CSV"), CRLF line ends read as LF; a plain
//! message for a file that is neither (its byte, line and column) or cannot be read.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Why a text file could not be read. Its message is plain words, to follow "cannot read X: ".
#[derive(Debug)]
pub enum TextFileError {
    /// Larger than the ceiling (or a device that never ends, such as /dev/zero).
    TooLarge { ceiling_bytes: u64 },
    /// Not UTF-8 from `byte` (from 0), at `line` and `column` (both from 1).
    NotUtf8 { byte: usize, line: usize, column: usize },
    /// The operating system refused.
    Io(std::io::Error),
}

impl fmt::Display for TextFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextFileError::TooLarge { ceiling_bytes } => write!(
                f,
                "it is larger than the ceiling of {} MiB for an input file (the ceiling keeps a mistaken path, \
                 such as a device, from filling the memory)",
                ceiling_bytes / (1024 * 1024)
            ),
            TextFileError::NotUtf8 { byte, line, column } => write!(
                f,
                "it is not UTF-8 text: the byte at offset {byte} (line {line}, column {column}) is not valid UTF-8; \
                 save it as UTF-8 (in a spreadsheet: \"CSV UTF-8\")"
            ),
            TextFileError::Io(e) => f.write_str(&plain_io(e)),
        }
    }
}

impl std::error::Error for TextFileError {}

/// An operating-system error in plain words (without "os error N").
pub(crate) fn plain_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "there is no such file".into(),
        K::PermissionDenied => "permission denied".into(),
        K::IsADirectory => "it is a folder, not a file".into(),
        K::AlreadyExists => "it already exists".into(),
        K::NotADirectory => "a part of the path is a file, not a folder".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

impl TextFileError {
    /// The help for a file named by a scenario: where its path is taken from, when it was not found.
    pub(crate) fn path_help(&self) -> Option<String> {
        match self {
            TextFileError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Some("the path is relative to the scenario file".into())
            }
            _ => None,
        }
    }
}

/// The UTF-8 byte-order mark that Excel's "CSV UTF-8" starts with.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// `bytes` read as Windows-1250 when every byte is a letter, digit, sign or line end of it (no
/// undefined byte, no control character); else None.
fn windows_1250(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = encoding_rs::WINDOWS_1250.decode_without_bom_handling(bytes);
    let plain = text.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    (!had_errors && plain).then(|| text.into_owned())
}

/// Reads `path` whole as text of at most `ceiling_bytes` bytes: UTF-8 (a byte-order mark is
/// dropped) or else Windows-1250; `\r\n` becomes `\n`, so that line numbers count as an editor does.
pub(crate) fn read_text(path: &Path, ceiling_bytes: u64) -> Result<String, TextFileError> {
    if path.is_dir() {
        return Err(TextFileError::Io(std::io::Error::from(
            std::io::ErrorKind::IsADirectory,
        )));
    }
    let file = std::fs::File::open(path).map_err(TextFileError::Io)?;
    let mut bytes = Vec::new();
    file.take(ceiling_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(TextFileError::Io)?;
    if bytes.len() as u64 > ceiling_bytes {
        return Err(TextFileError::TooLarge { ceiling_bytes });
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(&bytes);
    let text = match std::str::from_utf8(body) {
        Ok(text) => text.to_string(),
        Err(_) => windows_1250(body).ok_or_else(|| not_utf8(body))?,
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// Where the first byte that is not UTF-8 is in `bytes`.
fn not_utf8(bytes: &[u8]) -> TextFileError {
    String::from_utf8(bytes.to_vec()).map_or_else(
        |e| {
            let byte = e.utf8_error().valid_up_to();
            let before = &e.as_bytes()[..byte];
            let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            // `before` is valid UTF-8 up to `byte`: count characters, not bytes.
            let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            TextFileError::NotUtf8 {
                byte,
                line: before.split(|&b| b == b'\n').count(),
                column,
            }
        },
        |_| TextFileError::NotUtf8 {
            byte: 0,
            line: 1,
            column: 1,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin2_byte_is_placed_by_line_and_column() {
        let dir = std::env::temp_dir().join(format!("ablakbusz-text-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("latin2.csv");
        // 0x81 is no character of Windows-1250 either.
        std::fs::write(&path, b"name\nK\x81cske\xe1\n").unwrap();
        let e = read_text(&path, 1024).unwrap_err();
        assert!(
            matches!(
                e,
                TextFileError::NotUtf8 {
                    byte: 6,
                    line: 2,
                    column: 2
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("save it as UTF-8"));
        // Windows-1250 (Hungarian Excel's "CSV"), a byte-order mark, CRLF line ends.
        std::fs::write(&path, b"name\r\nK\xe9cske\xfb\xf5\r\n").unwrap();
        assert_eq!(read_text(&path, 1024).unwrap(), "name\nKécskeűő\n");
        std::fs::write(&path, b"\xef\xbb\xbfname\r\nK\xc3\xa9cske\n").unwrap();
        assert_eq!(read_text(&path, 1024).unwrap(), "name\nKécske\n");
        std::fs::write(&path, vec![b'a'; 2000]).unwrap();
        assert!(matches!(read_text(&path, 1024), Err(TextFileError::TooLarge { .. })));
        assert!(read_text(&dir, 1024).unwrap_err().to_string().contains("folder"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
