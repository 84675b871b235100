//! Walks paths (files, folders, `-`) and yields their documents in a stable order.

use super::jsonl::JsonLines;
use super::metadata::Metadata;
use super::{decode_text, looks_binary, validate_id, Document, ReadError, MAX_DOCUMENT_BYTES};
use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a folder walk picks up; other files in a folder are passed over.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

enum Source {
    Text {
        path: PathBuf,
        meta: Option<Arc<Metadata>>,
    },
    JsonLines {
        path: PathBuf,
    },
    Stdin,
    Failed(ReadError),
}

/// A streaming reader over many paths. Each item is a document or the error of one input.
pub struct Reader {
    queue: VecDeque<Source>,
    current: Option<JsonLines<Box<dyn io::BufRead>>>,
}

/// Reads `paths` in order: folders recursively (sorted by name), `-` as standard input.
pub fn read_paths(paths: &[PathBuf]) -> Reader {
    let mut queue = VecDeque::new();
    for path in paths {
        if path.as_os_str() == "-" {
            queue.push_back(Source::Stdin);
        } else if path.is_dir() {
            walk(path, &mut queue);
        } else if path.exists() {
            let meta = path.parent().and_then(|dir| load_meta(dir, &mut queue));
            queue.push_back(classify(path.clone(), meta, true));
        } else {
            queue.push_back(Source::Failed(ReadError {
                location: path.display().to_string(),
                message: "no such file or folder".into(),
            }));
        }
    }
    Reader {
        queue,
        current: None,
    }
}

fn load_meta(dir: &Path, queue: &mut VecDeque<Source>) -> Option<Arc<Metadata>> {
    match Metadata::load_dir(dir) {
        Ok(meta) => meta.map(Arc::new),
        Err(message) => {
            queue.push_back(Source::Failed(ReadError {
                location: dir.join("metadata.json").display().to_string(),
                message: format!("metadata ignored: {message}"),
            }));
            None
        }
    }
}

fn classify(path: PathBuf, meta: Option<Arc<Metadata>>, named: bool) -> Source {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if JSONL_EXTENSIONS.contains(&ext.as_str()) {
        Source::JsonLines { path }
    } else if named || TEXT_EXTENSIONS.contains(&ext.as_str()) {
        Source::Text { path, meta }
    } else {
        Source::Failed(ReadError {
            location: path.display().to_string(),
            message: format!("skipped: not a .txt, .md or .jsonl file ({ext:?})"),
        })
    }
}

fn walk(dir: &Path, queue: &mut VecDeque<Source>) {
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(err) => {
            queue.push_back(Source::Failed(ReadError {
                location: dir.display().to_string(),
                message: err.to_string(),
            }));
            return;
        }
    };
    entries.sort();
    let meta = load_meta(dir, queue);
    for path in entries {
        if path.is_dir() {
            walk(&path, queue);
        } else if path.file_name().is_some_and(|n| n == "metadata.json")
            || path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        {
            continue;
        } else {
            match classify(path, meta.clone(), false) {
                // Unknown files in a folder are common (images, notes): pass them over quietly.
                Source::Failed(err) => tracing::debug!("{err}"),
                source => queue.push_back(source),
            }
        }
    }
}

impl Iterator for Reader {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(lines) = &mut self.current {
                match lines.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            match self.queue.pop_front()? {
                Source::Failed(err) => return Some(Err(err)),
                Source::Text { path, meta } => return Some(read_text_file(&path, meta.as_deref())),
                Source::JsonLines { path } => match fs::File::open(&path) {
                    Ok(file) => {
                        let reader: Box<dyn io::BufRead> = Box::new(BufReader::new(file));
                        self.current = Some(JsonLines::new(reader, path.display().to_string()));
                    }
                    Err(err) => {
                        return Some(Err(ReadError {
                            location: path.display().to_string(),
                            message: err.to_string(),
                        }))
                    }
                },
                Source::Stdin => {
                    let mut stdin = BufReader::new(io::stdin());
                    let first = match io::BufRead::fill_buf(&mut stdin) {
                        Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()).copied(),
                        Err(err) => {
                            return Some(Err(ReadError {
                                location: "<stdin>".into(),
                                message: err.to_string(),
                            }))
                        }
                    };
                    if first == Some(b'{') {
                        let reader: Box<dyn io::BufRead> = Box::new(stdin);
                        self.current = Some(JsonLines::new(reader, "<stdin>".into()));
                    } else {
                        return Some(read_text(stdin, "stdin", "<stdin>", None));
                    }
                }
            }
        }
    }
}

fn read_text_file(path: &Path, meta: Option<&Metadata>) -> Result<Document, ReadError> {
    let location = path.display().to_string();
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| ReadError {
            location: location.clone(),
            message: "the file name is not valid UTF-8".into(),
        })?
        .to_owned();
    let file = fs::File::open(path).map_err(|e| ReadError {
        location: location.clone(),
        message: e.to_string(),
    })?;
    let entry = meta.and_then(|m| m.get(&id));
    read_text(BufReader::new(file), &id, &location, entry)
}

fn read_text(
    reader: impl Read,
    id: &str,
    location: &str,
    entry: Option<&super::MetadataEntry>,
) -> Result<Document, ReadError> {
    let error = |message: String| ReadError {
        location: location.to_owned(),
        message,
    };
    validate_id(id).map_err(&error)?;
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(e.to_string()))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(error(format!(
            "skipped: larger than the {} MiB a document may take",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        )));
    }
    if looks_binary(&bytes) {
        return Err(error("skipped: binary file (NUL bytes)".into()));
    }
    let (text, bad) = decode_text(bytes);
    if let Some(offset) = bad {
        tracing::warn!("{location}: invalid UTF-8 at byte {offset}, replaced with U+FFFD");
    }
    if text.trim().is_empty() {
        return Err(error("skipped: empty document".into()));
    }
    let mut doc = Document::new(id, text);
    doc.source = location.to_owned();
    if let Some(entry) = entry {
        doc.published = entry.published_date();
        doc.publisher = entry.publisher.clone();
        doc.url = entry.url.clone();
        doc.title = entry.title.clone();
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_read_in_order_with_their_metadata() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join("b.txt"), "Second.")?;
        fs::write(dir.path().join("a.md"), "First.")?;
        fs::write(dir.path().join("notes.png"), [0u8, 1, 2])?;
        fs::write(
            dir.path().join("metadata.json"),
            r#"{"a": {"published": "2016-01-12", "publisher": "P"}}"#,
        )?;
        let docs: Vec<_> = read_paths(&[dir.path().to_path_buf()]).collect();
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().map_err(|e| e.to_string())?;
        assert_eq!(a.id, "a");
        assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2016, 1, 12));
        assert_eq!(a.publisher.as_deref(), Some("P"));
        assert_eq!(docs[1].as_ref().map(|d| d.id.as_str()), Ok("b"));
        Ok(())
    }

    #[test]
    fn missing_and_binary_files_are_errors_not_panics() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let bin = dir.path().join("x.txt");
        fs::write(&bin, [b'a', 0, b'b'])?;
        let docs: Vec<_> = read_paths(&[dir.path().join("missing.txt"), bin]).collect();
        assert!(matches!(&docs[0], Err(e) if e.message.contains("no such file")));
        assert!(matches!(&docs[1], Err(e) if e.message.contains("binary")));
        Ok(())
    }
}
