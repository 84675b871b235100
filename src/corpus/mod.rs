//! Readers: files, folders, JSON Lines and stdin, each turned into [`Document`]s.
//!
//! Readers stream: a folder is walked up front (names only, sorted), but each file is read
//! when its turn comes, and a JSON Lines file a line at a time. A bad file or line becomes
//! one [`ReadError`] naming its location; the iterator then goes on with the rest.

mod files;
pub mod generate;
mod jsonl;
mod metadata;

pub use files::{read_paths, Reader};
pub use jsonl::JsonLines;
pub use metadata::{Metadata, MetadataEntry};

use chrono::NaiveDate;
use std::fmt;

/// The largest document accepted; a larger one is skipped with a message, so that one
/// runaway file cannot take the memory of a whole ingest.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// One article: its text and what is known about where it was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file stem, or the `id` of a JSON Lines record.
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// Where the document was read from (`path` or `path:line`), for messages.
    pub source: String,
}

impl Document {
    /// A document with only an id and a text, as tests and library users build them.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        Self {
            source: id.clone(),
            id,
            text: text.into(),
            title: None,
            published: None,
            publisher: None,
            url: None,
        }
    }

    pub fn with_published(mut self, date: NaiveDate) -> Self {
        self.published = Some(date);
        self
    }
}

/// Why one input (a file, a line, a record) could not be read. The rest of the input goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// `path` or `path:line`.
    pub location: String,
    /// The kind of fault, for the summary of a run.
    pub kind: SkipKind,
    pub message: String,
}

impl ReadError {
    pub fn new(kind: SkipKind, location: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            location: location.into(),
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// The kinds of input that are skipped, as the end-of-run summary counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipKind {
    /// The path does not exist (or is a symbolic link to nothing).
    Missing,
    /// The file or line could not be read (permissions, I/O errors, not a regular file).
    Unreadable,
    /// NUL bytes: not text.
    Binary,
    /// Nothing but white space.
    Empty,
    /// Larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// A JSON Lines line that is not a JSON object of the expected shape.
    InvalidJson,
    /// A JSON Lines record without an `id` or a `text`.
    MissingField,
    /// An id that cannot name an article (empty, too long, a slash, a control character).
    BadId,
    /// An id already read in the same run.
    Duplicate,
    /// A `metadata.json` that does not parse (its files are read without it).
    Metadata,
    /// Extraction failed on the document (a bug, reported so the ingest goes on).
    Internal,
}

impl SkipKind {
    /// A short label for the summary line.
    pub fn label(self) -> &'static str {
        match self {
            SkipKind::Missing => "missing",
            SkipKind::Unreadable => "unreadable",
            SkipKind::Binary => "binary",
            SkipKind::Empty => "empty",
            SkipKind::TooLarge => "too large",
            SkipKind::InvalidJson => "invalid JSON",
            SkipKind::MissingField => "no id or text",
            SkipKind::BadId => "bad id",
            SkipKind::Duplicate => "duplicate id",
            SkipKind::Metadata => "bad metadata",
            SkipKind::Internal => "extraction error",
        }
    }
}

impl std::error::Error for ReadError {}

/// A warning that did not stop a document from being read (e.g. invalid UTF-8 replaced).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadWarning {
    pub location: String,
    pub message: String,
}

/// Reads one text document from bytes as a `.txt` file is read: the size cap, the binary
/// check, lossy UTF-8 decoding and the empty check; `location` names it in messages.
pub fn text_document(bytes: &[u8], id: &str, location: &str) -> Result<Document, ReadError> {
    files::read_text(bytes, id, location, None)
}

/// Parses a publication date: `YYYY-MM-DD`, or the date part of an RFC 3339 timestamp.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let day = value.get(..10).unwrap_or(value);
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Checks that an id can name an article: non-empty, no control characters, no slash.
pub fn validate_id(id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("the id is empty".into());
    }
    if id.len() > 200 {
        return Err("the id is longer than 200 bytes".into());
    }
    if id.chars().any(|c| c.is_control() || c == '/' || c == '\\') {
        return Err(format!("the id {id:?} has a slash or a control character"));
    }
    Ok(())
}

/// Decodes bytes as UTF-8, replacing invalid sequences; says where the first bad byte was.
pub fn decode_text(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            (
                String::from_utf8_lossy(err.as_bytes()).into_owned(),
                Some(offset),
            )
        }
    }
}

/// Text files with a NUL byte near the start are taken to be binary.
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_accept_days_and_timestamps() {
        assert_eq!(
            parse_date("2016-02-10"),
            NaiveDate::from_ymd_opt(2016, 2, 10)
        );
        assert_eq!(
            parse_date("2016-02-10T08:00:00Z"),
            NaiveDate::from_ymd_opt(2016, 2, 10)
        );
        assert_eq!(parse_date("10 Feb 2016"), None);
    }

    #[test]
    fn ids_reject_slashes_and_blanks() {
        assert!(validate_id("000_abc").is_ok());
        assert!(validate_id(" ").is_err());
        assert!(validate_id("a/b").is_err());
    }

    #[test]
    fn invalid_utf8_is_replaced_and_located() {
        let (text, bad) = decode_text(b"ab\xffcd".to_vec());
        assert_eq!(text, "ab\u{fffd}cd");
        assert_eq!(bad, Some(2));
    }
}
