//! `metadata.json`: publication facts for the files of one folder, keyed by article id.

use super::parse_date;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MetadataEntry {
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
}

impl MetadataEntry {
    pub fn published_date(&self) -> Option<NaiveDate> {
        self.published.as_deref().and_then(parse_date)
    }
}

/// The entries of one `metadata.json`.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    entries: HashMap<String, MetadataEntry>,
}

impl Metadata {
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        Ok(Self {
            entries: serde_json::from_str(json)?,
        })
    }

    /// Reads `metadata.json` in `dir`, if there is one.
    pub fn load_dir(dir: &Path) -> Result<Option<Self>, String> {
        let path = dir.join("metadata.json");
        if !path.is_file() {
            return Ok(None);
        }
        let json =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(&json)
            .map(Some)
            .map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))
    }

    pub fn get(&self, id: &str) -> Option<&MetadataEntry> {
        self.entries.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_allow_null_dates() {
        let meta = Metadata::parse(
            r#"{"a": {"published": "2020-01-02", "publisher": "P"}, "b": {"published": null}}"#,
        )
        .expect("valid metadata");
        let a = meta.get("a").expect("a is present");
        assert_eq!(a.published_date(), NaiveDate::from_ymd_opt(2020, 1, 2));
        assert_eq!(a.publisher.as_deref(), Some("P"));
        assert_eq!(meta.get("b").and_then(MetadataEntry::published_date), None);
    }
}
