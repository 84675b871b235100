//! `strikegraph publish`: the documents `serve` answers, written as static files, so the
//! graph can be put on any web server without running strikegraph.
//!
//! The folder mirrors the IRI paths under the base: `{base}person/x` is described by
//! `person/x.html`, `.ttl`, `.jsonld`, `.nt` and `.rdf`, byte for byte what the server
//! gives for the same store. The pages link to those files by their full names
//! (`person/x.html`), so the folder works on any file server; a document that is also a
//! folder (an article, which holds its quotations) has its page as the folder's
//! `index.html` too. Beside them: `index.html` (the home page), `search.html` (a
//! name index; searching needs the server), `ontology.*`, `.well-known/void` (VoID and
//! DCAT), the dumps `dump.nq`, `dump.ttl` and their `.gz`, and the web server
//! configuration that answers an IRI without a suffix by its `Accept` header: `nginx.conf`
//! (a `map` from `Accept` to a suffix and `try_files`) and `.htaccess` (Apache
//! mod_rewrite).

use crate::export::{export_rdf, ExportError, RdfOutput};
use crate::site::{graph_format, serialize, Site, SiteError, DUMPS, ONTOLOGY_PATH, SUFFIXES};
use crate::store::Store;
use flate2::write::GzEncoder;
use flate2::Compression;
use oxigraph::io::RdfFormat;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Marks a folder written by `publish`, so `--replace` removes only such folders.
pub const MARKER: &str = ".strikegraph-site";

/// The most triples one published description holds (the server's cap is its
/// `--max-results`; a publisher has no request to protect).
const MAX_TRIPLES: usize = 1_000_000;

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Site(#[from] SiteError),
    #[error("cannot write the dump: {0}")]
    Export(#[from] ExportError),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Refused(String),
}

/// What to publish, and where.
pub struct Options<'a> {
    /// The folder to write.
    pub out: &'a Path,
    /// The IRI the folder will be served at (ends with `/`). The store's IRIs must lie
    /// under it; the folder mirrors their paths below it.
    pub base: &'a str,
    /// The IRI base recorded in the store.
    pub store_base: &'a str,
    /// Remove a folder that an earlier `publish` wrote before writing it again.
    pub replace: bool,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Published {
    /// Documents (entities, strikes, articles) with their five files each.
    pub documents: usize,
    /// Every file written.
    pub files: usize,
    /// IRIs under the base that cannot be a file name, with the reason.
    pub skipped: Vec<String>,
}

/// Writes the site of `store` into `options.out`.
pub fn publish(store: &Store, options: &Options<'_>) -> Result<Published, PublishError> {
    let base = options.base;
    if !base.ends_with('/') {
        return Err(PublishError::Refused(format!(
            "the base {base} must end with '/': the folder is served at it"
        )));
    }
    if !options.store_base.starts_with(base) {
        return Err(PublishError::Refused(format!(
            "the store's IRIs are under {}, which is not under the base {base}; \
             publish at {} or a prefix of it",
            options.store_base, options.store_base
        )));
    }
    prepare(options.out, options.replace)?;
    let site = Site {
        store,
        base,
        public_url: base,
        live: false,
        max_triples: MAX_TRIPLES,
    };
    let mut writer = Writer {
        out: options.out,
        published: Published::default(),
    };
    writer.write(MARKER, b"written by strikegraph publish\n")?;

    let documents = site.documents()?;
    let folders = folders(&documents);
    for local in &documents {
        if local == ONTOLOGY_PATH {
            return Err(PublishError::Refused(format!(
                "{base}{ONTOLOGY_PATH} is both an entity and the ontology's page"
            )));
        }
        if let Some(page) = SITE_PAGES.iter().find(|p| local == *p) {
            writer.published.skipped.push(format!(
                "{base}{local}: its {page}.html would be the site's own {page}.html"
            ));
            continue;
        }
        let file = match file_path(local) {
            Ok(file) => file,
            Err(reason) => {
                writer
                    .published
                    .skipped
                    .push(format!("{base}{local}: {reason}"));
                continue;
            }
        };
        let Some(iri) = site.iri(local) else {
            writer
                .published
                .skipped
                .push(format!("{base}{local}: not an IRI"));
            continue;
        };
        let description = site.describe(&iri, None)?;
        if description.is_empty() {
            continue;
        }
        let root = root_of(local);
        let html = site.entity_page(&iri, &description, &root);
        writer.representations(&file, &description, html)?;
        // The document is a folder too (an article holds its quotations'): its page is
        // also the folder's index.html, so a server that turns the folder's path into
        // `path/` (as plain file servers do) finds the page there, not a listing or 404.
        let index = format!("{local}/index");
        if folders.contains(local.as_str()) && documents.binary_search(&index).is_err() {
            let html = site.entity_page(&iri, &description, &format!("{root}../"));
            writer.write(&format!("{file}/index.html"), html.as_bytes())?;
        }
        writer.published.documents += 1;
    }

    let ontology = site.ontology()?;
    let html = site.ontology_page(&ontology, "");
    writer.representations(ONTOLOGY_PATH, &ontology, html)?;
    writer.write("index.html", site.home_page("")?.as_bytes())?;
    writer.write("search.html", site.name_index_page("")?.as_bytes())?;
    writer.write(
        ".well-known/void",
        &serialize(&site.void()?, RdfFormat::Turtle)?,
    )?;
    for (name, _) in DUMPS {
        let format = if name.ends_with(".nq") {
            RdfOutput::Nquads
        } else {
            RdfOutput::Turtle
        };
        writer.dump(store, name, format)?;
    }
    let folder = fs::canonicalize(options.out).map_err(|source| PublishError::Io {
        path: options.out.to_owned(),
        source,
    })?;
    writer.write("nginx.conf", nginx_conf(base, &folder).as_bytes())?;
    writer.write(".htaccess", htaccess().as_bytes())?;
    Ok(writer.published)
}

/// The pages of the site itself, at the top of the folder beside the documents' files.
const SITE_PAGES: &[&str] = &["index", "search"];

/// The local paths that are also folders: every path that another one continues.
fn folders(documents: &[String]) -> std::collections::HashSet<&str> {
    documents
        .iter()
        .flat_map(|local| local.match_indices('/').map(move |(i, _)| &local[..i]))
        .collect()
}

/// Makes `out` an empty folder: a new one, an empty one, or (with `replace`) one an
/// earlier publish wrote. Anything else is refused rather than overwritten.
fn prepare(out: &Path, replace: bool) -> Result<(), PublishError> {
    let io = |source| PublishError::Io {
        path: out.to_owned(),
        source,
    };
    if out.exists() {
        let mut entries = fs::read_dir(out).map_err(io)?;
        if entries.next().is_some() {
            if !replace || !out.join(MARKER).is_file() {
                return Err(PublishError::Refused(format!(
                    "{} is not empty; publish into a new folder{}",
                    out.display(),
                    if out.join(MARKER).is_file() {
                        ", or add --replace to write this earlier publish again"
                    } else {
                        " (it was not written by strikegraph publish, so it is left alone)"
                    }
                )));
            }
            fs::remove_dir_all(out).map_err(io)?;
        }
    }
    fs::create_dir_all(out).map_err(io)
}

/// The file path of a local path: its percent-encoded segments decoded (a web server looks
/// up the decoded path), refusing what cannot be a file name.
fn file_path(local: &str) -> Result<String, String> {
    let mut segments = Vec::new();
    for segment in local.split('/') {
        let decoded = percent_decode(segment).ok_or("a bad percent-encoding")?;
        if decoded.is_empty() || decoded == "." || decoded == ".." {
            return Err(format!(
                "the path segment {segment:?} cannot be a file name"
            ));
        }
        if decoded.contains(['/', '\\', '\0']) {
            return Err(format!("the path segment {segment:?} holds a separator"));
        }
        segments.push(decoded);
    }
    Ok(segments.join("/"))
}

fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The site's root as seen from the page of `local`: `../` for each folder it is in.
fn root_of(local: &str) -> String {
    "../".repeat(local.matches('/').count())
}

struct Writer<'a> {
    out: &'a Path,
    published: Published,
}

impl Writer<'_> {
    fn path(&self, relative: &str) -> Result<PathBuf, PublishError> {
        let path = self.out.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| PublishError::Io {
                path: parent.to_owned(),
                source,
            })?;
        }
        Ok(path)
    }

    fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<(), PublishError> {
        let path = self.path(relative)?;
        fs::write(&path, bytes).map_err(|source| PublishError::Io { path, source })?;
        self.published.files += 1;
        Ok(())
    }

    /// A document's five files: `{stem}.html` and one per RDF format.
    fn representations(
        &mut self,
        stem: &str,
        triples: &[oxigraph::model::Triple],
        html: String,
    ) -> Result<(), PublishError> {
        for (suffix, media_type) in SUFFIXES {
            let bytes = match graph_format(media_type) {
                Some(format) => serialize(triples, format)?,
                None => html.clone().into_bytes(),
            };
            self.write(&format!("{stem}{suffix}"), &bytes)?;
        }
        Ok(())
    }

    /// A dump of the whole store, and the same gzipped.
    fn dump(&mut self, store: &Store, name: &str, format: RdfOutput) -> Result<(), PublishError> {
        let path = self.path(name)?;
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| PublishError::Io { path, source }
        };
        let file = fs::File::create(&path).map_err(io(&path))?;
        let mut out = BufWriter::new(file);
        export_rdf(store, format, None, &mut out)?;
        out.flush().map_err(io(&path))?;
        let gz_path = self.path(&format!("{name}.gz"))?;
        let mut plain = fs::File::open(&path).map_err(io(&path))?;
        let gz_file = fs::File::create(&gz_path).map_err(io(&gz_path))?;
        let mut encoder = GzEncoder::new(BufWriter::new(gz_file), Compression::best());
        std::io::copy(&mut plain, &mut encoder).map_err(io(&gz_path))?;
        encoder
            .finish()
            .and_then(|mut w| w.flush())
            .map_err(io(&gz_path))?;
        self.published.files += 2;
        Ok(())
    }
}

/// The path part of an IRI (`https://host/a/b/` → `/a/b/`), and its host.
fn split_iri(iri: &str) -> (&str, &str) {
    let after_scheme = iri.split_once("://").map(|(_, rest)| rest).unwrap_or(iri);
    match after_scheme.find('/') {
        Some(i) => (&after_scheme[..i], &after_scheme[i..]),
        None => (after_scheme, "/"),
    }
}

/// The nginx configuration: goes in the `http {}` block (`include .../nginx.conf;`).
fn nginx_conf(base: &str, folder: &Path) -> String {
    let (host, path) = split_iri(base);
    let host = host.split(':').next().unwrap_or(host);
    let folder = folder.display();
    // Under a path prefix the prefix is cut before the files are looked up; at the root
    // the request path is the file path already.
    let rewrite = if path == "/" {
        String::new()
    } else {
        format!("        rewrite ^{}(.*)$ /$1 break;\n", regex::escape(path))
    };
    format!(
        r#"# strikegraph publish: serves this folder at {base} with content negotiation.
#
# Include this file in the http {{}} block of nginx.conf (include {folder}/nginx.conf;)
# and set `listen` and `server_name` for your host. An IRI without a suffix is answered
# with the file its Accept header asks for: a client that names an RDF type gets that
# (Turtle .ttl, JSON-LD .jsonld, N-Triples .nt, RDF/XML .rdf), a browser gets .html, and a
# client that names none (or */*) gets Turtle, as `strikegraph serve` answers.

map $http_accept $strikegraph_suffix {{
    default                    ".ttl";
    "~*text/turtle"            ".ttl";
    "~*application/ld\+json"   ".jsonld";
    "~*application/n-triples"  ".nt";
    "~*application/rdf\+xml"   ".rdf";
    "~*text/html"              ".html";
    "~*application/xhtml\+xml" ".html";
}}

server {{
    listen 80;
    server_name {host};

    location ^~ {path} {{
{rewrite}        root {folder};
        index index.html;
        types {{
            text/html             html;
            text/turtle           ttl;
            application/ld+json   jsonld;
            application/n-triples nt;
            application/rdf+xml   rdf;
            application/n-quads   nq;
            application/gzip      gz;
        }}
        # The one file without a suffix is the VoID description, .well-known/void.
        default_type text/turtle;
        charset utf-8;
        charset_types text/turtle application/n-triples application/n-quads;
        add_header Vary Accept always;
        add_header Access-Control-Allow-Origin * always;

        # The configuration files are not part of the site.
        location ~ /(nginx\.conf|\.htaccess|\.{marker})$ {{
            return 404;
        }}

        try_files $uri$strikegraph_suffix $uri $uri/index.html =404;
    }}
}}
"#,
        marker = MARKER.trim_start_matches('.'),
    )
}

/// The Apache configuration (mod_rewrite, mod_mime, mod_headers), for the folder itself.
fn htaccess() -> String {
    let mut rules = String::new();
    for (suffix, media_type) in SUFFIXES.iter().filter(|(s, _)| *s != ".html") {
        let pattern = media_type.replace('+', "\\+");
        rules.push_str(&format!(
            "RewriteCond %{{HTTP_ACCEPT}} {pattern}\nRewriteCond %{{REQUEST_FILENAME}}{suffix} -f\nRewriteRule ^(.+)$ $1{suffix} [L]\n"
        ));
    }
    format!(
        r#"# strikegraph publish: content negotiation for this folder on Apache.
# An IRI without a suffix is answered with the file its Accept header asks for: an RDF
# type named in Accept, else HTML for a browser, else Turtle (as `strikegraph serve`).
# Needs AllowOverride FileInfo (mod_rewrite, mod_mime, mod_headers).

Options -MultiViews
DirectoryIndex index.html
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/rdf+xml .rdf
AddType application/n-quads .nq
AddCharset utf-8 .html .ttl .nt .nq
<Files "void">
    ForceType "text/turtle; charset=utf-8"
</Files>
<FilesMatch "^(nginx\.conf|\.htaccess|\.{marker})$">
    Require all denied
</FilesMatch>
<IfModule mod_headers.c>
    Header append Vary Accept
    Header set Access-Control-Allow-Origin "*"
</IfModule>

RewriteEngine On
{rules}RewriteCond %{{HTTP_ACCEPT}} (text/html|application/xhtml\+xml)
RewriteCond %{{REQUEST_FILENAME}}.html -f
RewriteRule ^(.+)$ $1.html [L]
RewriteCond %{{REQUEST_FILENAME}}.ttl -f
RewriteRule ^(.+)$ $1.ttl [L]
"#,
        marker = MARKER.trim_start_matches('.'),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_paths_are_decoded_and_checked() {
        assert_eq!(file_path("person/ann-lee"), Ok("person/ann-lee".to_owned()));
        assert_eq!(file_path("article/a%20b"), Ok("article/a b".to_owned()));
        assert!(file_path("article/..").is_err());
        assert!(file_path("article/%2E%2E").is_err());
        assert!(file_path("article/a%2Fb").is_err());
        assert!(file_path("article//x").is_err());
        assert!(file_path("article/%zz").is_err());
    }

    #[test]
    fn documents_that_hold_others_are_folders() {
        let documents = [
            "article/a".to_owned(),
            "article/a/quote/1".to_owned(),
            "person/x".to_owned(),
        ];
        let found = folders(&documents);
        assert!(found.contains("article/a"));
        assert!(found.contains("article/a/quote"));
        assert!(found.contains("article"));
        assert!(!found.contains("person/x"));
    }

    #[test]
    fn roots_climb_out_of_folders() {
        assert_eq!(root_of("ontology"), "");
        assert_eq!(root_of("person/x"), "../");
        assert_eq!(root_of("a/b/c"), "../../");
    }

    #[test]
    fn nginx_cuts_a_path_prefix() {
        let conf = nginx_conf("https://example.org/data/id/", Path::new("/srv/site"));
        assert!(conf.contains("server_name example.org;"), "{conf}");
        assert!(conf.contains("location ^~ /data/id/ {"), "{conf}");
        assert!(
            conf.contains("rewrite ^/data/id/(.*)$ /$1 break;"),
            "{conf}"
        );
        assert!(conf.contains("root /srv/site;"), "{conf}");
        let at_root = nginx_conf("http://example.org:8080/", Path::new("/srv/site"));
        assert!(!at_root.contains("rewrite"), "{at_root}");
        assert!(at_root.contains("server_name example.org;"), "{at_root}");
    }

    #[test]
    fn htaccess_negotiates_every_rdf_type() {
        let conf = htaccess();
        for suffix in [".ttl", ".jsonld", ".nt", ".rdf", ".html"] {
            assert!(
                conf.contains(&format!("$1{suffix} [L]")),
                "{suffix}: {conf}"
            );
        }
        assert!(conf.contains("application/ld\\+json"), "{conf}");
    }
}
