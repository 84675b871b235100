//! JSON Lines: one article a line, `{"id": ..., "text": ..., "published": ...}`.

use super::{parse_date, validate_id, Document, ReadError, MAX_DOCUMENT_BYTES};
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    title: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

/// Yields one document per non-blank line; a bad line is an error naming `path:line`.
pub struct JsonLines<R> {
    reader: R,
    path: String,
    line: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(reader: R, path: String) -> Self {
        Self {
            reader,
            path,
            line: 0,
            buf: Vec::new(),
        }
    }

    fn parse(&self, location: &str) -> Result<Document, ReadError> {
        let error = |message: String| ReadError {
            location: location.to_owned(),
            message,
        };
        if self.buf.len() > MAX_DOCUMENT_BYTES {
            return Err(error(
                "skipped: the line is longer than a document may be".into(),
            ));
        }
        let (line, bad) = super::decode_text(self.buf.clone());
        if let Some(offset) = bad {
            tracing::warn!("{location}: invalid UTF-8 at byte {offset} of the line, replaced");
        }
        let record: Record =
            serde_json::from_str(&line).map_err(|e| error(format!("invalid JSON: {e}")))?;
        let id = match record.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(_) => return Err(error("the \"id\" must be a string or a number".into())),
            None => return Err(error("the record has no \"id\"".into())),
        };
        validate_id(&id).map_err(&error)?;
        let text = record
            .text
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| error(format!("the record {id:?} has no \"text\"")))?;
        let mut doc = Document::new(id, text);
        doc.source = location.to_owned();
        doc.title = record.title;
        doc.published = record.published.as_deref().and_then(parse_date);
        doc.publisher = record.publisher;
        doc.url = record.url;
        Ok(doc)
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            self.line += 1;
            let location = format!("{}:{}", self.path, self.line);
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(err) => {
                    return Some(Err(ReadError {
                        location,
                        message: err.to_string(),
                    }))
                }
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
}
