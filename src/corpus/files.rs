//! Walks paths (files, folders, `-`) and yields their documents in a stable order.

use super::jsonl::JsonLines;
use super::metadata::Metadata;
use super::{
    decode_text, looks_binary, read_published, read_url, validate_id, Document, ReadError,
    SkipKind, MAX_DOCUMENT_BYTES, UTF8_BOM,
};
use std::collections::{HashSet, VecDeque};
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
    let mut seen = HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            queue.push_back(Source::Stdin);
        } else if path.is_dir() {
            walk(path, &mut queue, &mut seen);
        } else if path.exists() {
            let meta = path.parent().and_then(|dir| load_meta(dir, &mut queue));
            queue.push_back(classify(path.clone(), meta, true));
        } else {
            let message = if path.symlink_metadata().is_ok() {
                "a symbolic link to nothing"
            } else {
                "no such file or folder"
            };
            queue.push_back(Source::Failed(ReadError::new(
                SkipKind::Missing,
                path.display().to_string(),
                message,
            )));
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
            queue.push_back(Source::Failed(ReadError::new(
                SkipKind::Metadata,
                dir.join("metadata.json").display().to_string(),
                format!("metadata ignored: {message}"),
            )));
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
        Source::Failed(ReadError::new(
            SkipKind::Unreadable,
            path.display().to_string(),
            format!("skipped: not a .txt, .md or .jsonl file ({ext:?})"),
        ))
    }
}

/// Queues a folder's files, sorted, recursing into sub-folders. `seen` holds the folders
/// already walked (canonical paths), so a symbolic link back up the tree is not followed
/// round and round.
fn walk(dir: &Path, queue: &mut VecDeque<Source>, seen: &mut HashSet<PathBuf>) {
    if let Ok(canonical) = dir.canonicalize() {
        if !seen.insert(canonical) {
            tracing::debug!("{}: already walked (a link loop?)", dir.display());
            return;
        }
    }
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(err) => {
            queue.push_back(Source::Failed(ReadError::new(
                SkipKind::Unreadable,
                dir.display().to_string(),
                format!("cannot list the folder: {err}"),
            )));
            return;
        }
    };
    entries.sort();
    let meta = load_meta(dir, queue);
    for path in entries {
        if path.is_dir() {
            walk(&path, queue, seen);
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
                Source::Text { path, .. } | Source::JsonLines { path }
                    if is_special_file(&path) =>
                {
                    // A FIFO or a device would block or never end: only regular files are
                    // read from a folder (a path named on the command line may be a pipe).
                    queue.push_back(Source::Failed(ReadError::new(
                        SkipKind::Unreadable,
                        path.display().to_string(),
                        "skipped: not a regular file (a pipe, socket or device)",
                    )));
                }
                source => queue.push_back(source),
            }
        }
    }
}

/// Whether `path` exists but is neither a regular file nor a folder (after links).
fn is_special_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
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
                    Err(err) => return Some(Err(open_error(&path, &err))),
                },
                Source::Stdin => {
                    let mut stdin = BufReader::new(io::stdin());
                    let first = match io::BufRead::fill_buf(&mut stdin) {
                        Ok(buf) => buf
                            .strip_prefix(UTF8_BOM)
                            .unwrap_or(buf)
                            .iter()
                            .find(|b| !b.is_ascii_whitespace())
                            .copied(),
                        Err(err) => {
                            return Some(Err(ReadError::new(
                                SkipKind::Unreadable,
                                "<stdin>",
                                format!("cannot read: {err}"),
                            )))
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
        .ok_or_else(|| {
            ReadError::new(
                SkipKind::BadId,
                location.clone(),
                "the file name is not valid UTF-8",
            )
        })?
        .to_owned();
    let file = fs::File::open(path).map_err(|e| open_error(path, &e))?;
    let entry = meta.and_then(|m| m.get(&id));
    read_text(BufReader::new(file), &id, &location, entry)
}

/// The error of a file that cannot be opened: missing (or a link to nothing) or unreadable.
fn open_error(path: &Path, err: &io::Error) -> ReadError {
    let location = path.display().to_string();
    if err.kind() == io::ErrorKind::NotFound && path.symlink_metadata().is_ok() {
        ReadError::new(SkipKind::Missing, location, "a symbolic link to nothing")
    } else if err.kind() == io::ErrorKind::NotFound {
        ReadError::new(SkipKind::Missing, location, format!("cannot open: {err}"))
    } else {
        ReadError::new(
            SkipKind::Unreadable,
            location,
            format!("cannot open: {err}"),
        )
    }
}

pub(super) fn read_text(
    reader: impl Read,
    id: &str,
    location: &str,
    entry: Option<&super::MetadataEntry>,
) -> Result<Document, ReadError> {
    let error = |kind: SkipKind, message: String| ReadError::new(kind, location, message);
    validate_id(id).map_err(|m| error(SkipKind::BadId, m))?;
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(SkipKind::Unreadable, format!("cannot read: {e}")))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(error(
            SkipKind::TooLarge,
            format!(
                "skipped: larger than the {} MiB a document may take",
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
        ));
    }
    if looks_binary(&bytes) {
        return Err(error(
            SkipKind::Binary,
            "skipped: binary file (NUL bytes)".into(),
        ));
    }
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    let (text, bad) = decode_text(bytes);
    if let Some(offset) = bad {
        tracing::warn!("{location}: invalid UTF-8 at byte {offset}, replaced with U+FFFD");
    }
    if text.trim().is_empty() {
        return Err(error(SkipKind::Empty, "skipped: empty document".into()));
    }
    let mut doc = Document::new(id, text);
    doc.source = location.to_owned();
    if let Some(entry) = entry {
        let from_metadata = format!("{location} (in metadata.json)");
        doc.published = read_published(entry.published.as_deref(), &from_metadata);
        doc.publisher = entry.publisher.clone();
        doc.url = read_url(entry.url.as_deref(), &from_metadata);
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

    #[cfg(unix)]
    #[test]
    fn links_to_nothing_link_loops_and_pipes_do_not_stop_a_walk(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        fs::write(root.join("good.txt"), "Porters walk out.")?;
        std::os::unix::fs::symlink(root.join("gone.txt"), root.join("dangling.txt"))?;
        fs::create_dir(root.join("sub"))?;
        std::os::unix::fs::symlink(root, root.join("sub").join("up"))?;
        let fifo = root.join("pipe.txt");
        let made_fifo = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        let docs: Vec<_> = read_paths(&[root.to_path_buf(), root.join("gone.txt")]).collect();
        let errors: Vec<&ReadError> = docs.iter().filter_map(|d| d.as_ref().err()).collect();
        let good: Vec<&str> = docs
            .iter()
            .filter_map(|d| d.as_ref().ok())
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(good, ["good"], "{docs:?}");
        assert!(errors
            .iter()
            .any(|e| e.location.ends_with("dangling.txt") && e.kind == SkipKind::Missing));
        assert!(errors
            .iter()
            .any(|e| e.location.ends_with("gone.txt") && e.kind == SkipKind::Missing));
        if made_fifo {
            assert!(errors
                .iter()
                .any(|e| e.location.ends_with("pipe.txt") && e.message.contains("regular file")));
        }
        Ok(())
    }
}
