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
    /// Extraction needed more than the document's work budget.
    TooMuchWork,
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
            SkipKind::TooMuchWork => "over the work budget",
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

/// A publication date as read from a record or `metadata.json`: a missing or blank value
/// is none; one that is not a date (see [`parse_date`]) is dropped with a warning naming
/// `location`, and the article is read as undated.
pub fn read_published(value: Option<&str>, location: &str) -> Option<NaiveDate> {
    let value = value.filter(|v| !v.trim().is_empty())?;
    let date = parse_date(value);
    if date.is_none() {
        tracing::warn!(
            "{location}: the publication date {value:?} is not a date (YYYY-MM-DD, or an RFC 3339 \
             timestamp); the article is read as undated"
        );
    }
    date
}

/// An article's `url` as read from a record or `metadata.json`, trimmed of the white space
/// around it: a missing or blank value is none; one that [`check_web_url`] refuses is
/// dropped with a warning naming `location` (the article itself is read).
pub fn read_url(value: Option<&str>, location: &str) -> Option<String> {
    let value = value?.trim();
    if value.is_empty() {
        return None;
    }
    match check_web_url(value) {
        Ok(()) => Some(value.to_owned()),
        Err(reason) => {
            tracing::warn!("{location}: the url {value:?} is left out: {reason}");
            None
        }
    }
}

/// Checks that `url` is an absolute `http:` or `https:` IRI with a host. An article's url
/// is where its page sends a reader, so any other scheme (`javascript:`, `data:`,
/// `vbscript:`, in any case) is refused, as is anything that is not an IRI (white space or
/// control characters inside, which browsers would strip to reveal another scheme).
pub fn check_web_url(url: &str) -> Result<(), String> {
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err("it is not an absolute URL".into());
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!("its scheme is {scheme:?}, not http or https"));
    }
    let host = rest
        .strip_prefix("//")
        .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""))
        .unwrap_or("");
    if host.is_empty() {
        return Err("it names no host".into());
    }
    oxigraph::model::NamedNode::new(url)
        .map(drop)
        .map_err(|e| format!("it is not a valid IRI ({e})"))
}

/// The byte order mark some editors put at the start of a UTF-8 file; it is not text.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Checks that an id can name an article: non-empty, no control characters, no slash, and
/// not `.` or `..` (the article's IRI ends with its id, and in a path those name the
/// folder and its parent).
pub fn validate_id(id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("the id is empty".into());
    }
    if id == "." || id == ".." {
        return Err(format!(
            "the id {id:?} cannot name an article (in a path it is a folder)"
        ));
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
    fn ids_reject_slashes_blanks_and_dot_segments() {
        assert!(validate_id("000_abc").is_ok());
        assert!(validate_id("...").is_ok());
        assert!(validate_id(".hidden").is_ok());
        assert!(validate_id(" ").is_err());
        assert!(validate_id("a/b").is_err());
        assert!(validate_id(".").is_err());
        assert!(validate_id("..").is_err());
    }

    #[test]
    fn only_web_urls_are_article_urls() {
        for good in [
            "https://example.org/news/1",
            "http://example.org",
            "HTTPS://Example.org/a?b=c#d",
        ] {
            assert_eq!(check_web_url(good), Ok(()), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,hi",
            "vbscript:msgbox(1)",
            "java\nscript:alert(1)",
            "https://exa mple.org/",
            "https://example.org/\u{7}",
            "https:example.org",
            "https:///path",
            "/news/1",
            "example.org/news",
        ] {
            assert!(check_web_url(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            read_url(Some("  https://example.org/a\t"), "x"),
            Some("https://example.org/a".to_owned())
        );
        assert_eq!(read_url(Some(" JaVaScRiPt:alert(1)"), "x"), None);
        assert_eq!(read_url(Some("\tjavascript:alert(1)"), "x"), None);
        assert_eq!(read_url(Some("   "), "x"), None);
        assert_eq!(read_url(None, "x"), None);
    }

    #[test]
    fn unreadable_dates_are_dropped() {
        assert_eq!(
            read_published(Some("2016-02-10"), "x"),
            NaiveDate::from_ymd_opt(2016, 2, 10)
        );
        assert_eq!(read_published(Some("last Tuesday"), "x"), None);
        assert_eq!(read_published(Some(""), "x"), None);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_located() {
        let (text, bad) = decode_text(b"ab\xffcd".to_vec());
        assert_eq!(text, "ab\u{fffd}cd");
        assert_eq!(bad, Some(2));
    }
}
