//! JSON Lines: one article a line, `{"id": ..., "text": ..., "published": ...}`.

use super::{
    read_published, read_url, validate_id, Document, ReadError, SkipKind, MAX_DOCUMENT_BYTES,
    UTF8_BOM,
};
use serde::Deserialize;
use std::io::{BufRead, Read};

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    title: Option<String>,
    // Read as any JSON value, so that a publication date or url of the wrong type costs
    // a warning, not the article.
    published: Option<serde_json::Value>,
    publisher: Option<String>,
    url: Option<serde_json::Value>,
}

/// A field that should hold a string: null is none, any other value is dropped with a
/// warning naming `location`.
fn string_field(value: Option<serde_json::Value>, name: &str, location: &str) -> Option<String> {
    match value? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => {
            tracing::warn!("{location}: the {name:?} value {other} is not a string; left out");
            None
        }
    }
}

/// Yields one document per non-blank line; a bad line is an error naming `path:line`.
pub struct JsonLines<R> {
    reader: R,
    path: String,
    line: usize,
    buf: Vec<u8>,
    /// Set after a read error: the position in the input is lost.
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(reader: R, path: String) -> Self {
        Self {
            reader,
            path,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn parse(&self, location: &str) -> Result<Document, ReadError> {
        let error = |kind: SkipKind, message: String| ReadError::new(kind, location, message);
        let (line, bad) = super::decode_text(self.buf.clone());
        if let Some(offset) = bad {
            tracing::warn!(
                "{location}: invalid UTF-8 at byte {offset} of the line, replaced with U+FFFD"
            );
        }
        let record: Record = serde_json::from_str(&line)
            .map_err(|e| error(SkipKind::InvalidJson, format!("invalid JSON: {e}")))?;
        let id = match record.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(_) => {
                return Err(error(
                    SkipKind::BadId,
                    "the \"id\" must be a string or a number".into(),
                ))
            }
            None => {
                return Err(error(
                    SkipKind::MissingField,
                    "the record has no \"id\"".into(),
                ))
            }
        };
        validate_id(&id).map_err(|m| error(SkipKind::BadId, m))?;
        let text = record
            .text
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| {
                error(
                    SkipKind::MissingField,
                    format!("the record {id:?} has no \"text\""),
                )
            })?;
        let mut doc = Document::new(id, text);
        doc.source = location.to_owned();
        doc.title = record.title;
        let published = string_field(record.published, "published", location);
        doc.published = read_published(published.as_deref(), location);
        doc.publisher = record.publisher;
        let url = string_field(record.url, "url", location);
        doc.url = read_url(url.as_deref(), location);
        Ok(doc)
    }

    /// Reads one line into `buf`, keeping at most [`MAX_DOCUMENT_BYTES`] + 1 bytes of it
    /// and passing over the rest, so one endless line cannot take all the memory. Returns
    /// the line's full length (0 at the end of the input).
    fn read_line(&mut self) -> std::io::Result<usize> {
        let limit = MAX_DOCUMENT_BYTES as u64 + 1;
        let mut total = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if self.buf.len() as u64 == limit && self.buf.last() != Some(&b'\n') {
            loop {
                let chunk = self.reader.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                let (used, done) = match chunk.iter().position(|&b| b == b'\n') {
                    Some(end) => (end + 1, true),
                    None => (chunk.len(), false),
                };
                self.reader.consume(used);
                total += used;
                if done {
                    break;
                }
            }
        }
        Ok(total)
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            self.buf.clear();
            self.line += 1;
            let location = format!("{}:{}", self.path, self.line);
            let length = match self.read_line() {
                Ok(0) => return None,
                Ok(length) => length,
                Err(err) => {
                    // An error mid-line leaves the reader in an unknown place: stop the file.
                    self.done = true;
                    return Some(Err(ReadError::new(
                        SkipKind::Unreadable,
                        location,
                        format!("cannot read: {err}; the rest of the file is skipped"),
                    )));
                }
            };
            if length > MAX_DOCUMENT_BYTES {
                return Some(Err(ReadError::new(
                    SkipKind::TooLarge,
                    location,
                    format!(
                        "skipped: the line is {length} bytes, more than the {} MiB a document may take",
                        MAX_DOCUMENT_BYTES / (1024 * 1024)
                    ),
                )));
            }
            if self.line == 1 && self.buf.starts_with(UTF8_BOM) {
                self.buf.drain(..UTF8_BOM.len());
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.parse(&location));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let input = "{\"id\": \"a\", \"text\": \"One.\", \"published\": \"2020-05-01\"}\n\
                     not json\n\n{\"text\": \"no id\"}\n{\"id\": 7, \"text\": \"Seven.\"}\n";
        let items: Vec<_> = JsonLines::new(input.as_bytes(), "in.jsonl".into()).collect();
        assert_eq!(items.len(), 4);
        assert!(matches!(&items[0], Ok(d) if d.id == "a" && d.published.is_some()));
        assert!(matches!(&items[1], Err(e) if e.location == "in.jsonl:2"));
        assert!(
            matches!(&items[2], Err(e) if e.location == "in.jsonl:4" && e.message.contains("no \"id\""))
        );
        assert!(matches!(&items[3], Ok(d) if d.id == "7"));
    }

    #[test]
    fn an_endless_line_is_skipped_and_the_next_one_read() {
        let mut input = vec![b'x'; MAX_DOCUMENT_BYTES + 10];
        input.extend_from_slice(b"\n{\"id\": \"b\", \"text\": \"Two.\"}\n");
        let mut lines = JsonLines::new(&input[..], "big.jsonl".into());
        let first = lines.next();
        assert!(
            matches!(&first, Some(Err(e)) if e.kind == SkipKind::TooLarge && e.location == "big.jsonl:1"),
            "{first:?}"
        );
        // Only the cap was kept in memory, not the whole line.
        assert!(lines.buf.capacity() <= 2 * (MAX_DOCUMENT_BYTES + 1));
        assert!(matches!(lines.next(), Some(Ok(d)) if d.id == "b"));
        assert!(lines.next().is_none());
    }

    #[test]
    fn a_byte_order_mark_before_the_first_record_is_not_part_of_it() {
        let input = b"\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"text\": \"Two.\"}\n";
        let items: Vec<_> = JsonLines::new(&input[..], "bom.jsonl".into()).collect();
        assert!(
            matches!(&items[..], [Ok(a), Ok(b)] if a.id == "a" && b.id == "b"),
            "{items:?}"
        );
        // Only at the start of the input: elsewhere it is a bad line like any other.
        let later = b"{\"id\": \"a\", \"text\": \"One.\"}\n\xEF\xBB\xBF{\"id\": \"b\", \"text\": \"Two.\"}\n";
        let items: Vec<_> = JsonLines::new(&later[..], "bom.jsonl".into()).collect();
        assert!(
            matches!(&items[..], [Ok(_), Err(e)] if e.location == "bom.jsonl:2"),
            "{items:?}"
        );
    }

    #[test]
    fn bad_dates_and_urls_cost_the_field_not_the_article() {
        let input = concat!(
            "{\"id\": \"a\", \"text\": \"One.\", \"published\": \"soon\", \"url\": \"javascript:alert(1)\"}\n",
            "{\"id\": \"b\", \"text\": \"Two.\", \"published\": 2016, \"url\": [\"x\"]}\n",
            "{\"id\": \"c\", \"text\": \"Three.\", \"published\": \"2016-02-10\", \"url\": \" https://example.org/c \"}\n",
        );
        let items: Vec<_> = JsonLines::new(input.as_bytes(), "f.jsonl".into()).collect();
        let docs: Vec<&Document> = items.iter().filter_map(|d| d.as_ref().ok()).collect();
        assert_eq!(docs.len(), 3, "{items:?}");
        assert_eq!((docs[0].published, docs[0].url.as_deref()), (None, None));
        assert_eq!((docs[1].published, docs[1].url.as_deref()), (None, None));
        assert_eq!(
            docs[2].published,
            chrono::NaiveDate::from_ymd_opt(2016, 2, 10)
        );
        assert_eq!(docs[2].url.as_deref(), Some("https://example.org/c"));
    }

    #[test]
    fn invalid_utf8_in_a_line_is_replaced_not_skipped() {
        let input = b"{\"id\": \"u\", \"text\": \"caf\xe9 workers walk out\"}\n";
        let items: Vec<_> = JsonLines::new(&input[..], "u.jsonl".into()).collect();
        assert!(
            matches!(&items[..], [Ok(d)] if d.text == "caf\u{fffd} workers walk out"),
            "{items:?}"
        );
    }
}
