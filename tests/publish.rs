//! `strikegraph publish` end to end: publish the seeds, check the files and their links,
//! compare them with what `serve` answers, serve the folder with a plain file server
//! (Python's `http.server`) and follow every link, and (when nginx is installed) serve it
//! with real nginx and the generated configuration and negotiate over HTTP.

mod common;

use common::{bin, free_port, ok, request_path, resolve_link, seeds, Server};
use oxigraph::io::{RdfFormat, RdfParser};
use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

const BASE_PATH: &str = "/strikegraph/id/";

fn triples(path: &Path, format: RdfFormat) -> BTreeSet<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    RdfParser::from_format(format)
        .for_slice(&bytes)
        .map(|t| {
            t.unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .to_string()
        })
        .collect()
}

fn gunzip(path: &Path) -> Vec<u8> {
    let file = std::fs::File::open(path).expect("the .gz file");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

fn html_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            html_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "html") {
            found.push(path);
        }
    }
}

/// Every `href="..."` of a page.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// Where a relative link from `page` lands in the folder, if it stays inside it.
fn resolve(site: &Path, page: &Path, href: &str) -> Option<PathBuf> {
    let href = href.split('#').next().unwrap_or("");
    let mut path = page.parent()?.to_owned();
    for part in Path::new(href).components() {
        match part {
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(p) => path.push(p),
            _ => {}
        }
    }
    path.starts_with(site).then_some(path)
}

/// Ingests the seeds into `dir/store` and publishes them to `dir/site`.
fn published_seeds(dir: &Path) -> (PathBuf, PathBuf) {
    let store = dir.join("store");
    let site = dir.join("site");
    ok(&store, &["ingest", seeds().to_str().expect("UTF-8 path")]);
    ok(
        &store,
        &["publish", "--out", site.to_str().expect("UTF-8 path")],
    );
    (store, site)
}

#[test]
fn publish_writes_the_site_the_server_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, site) = published_seeds(dir.path());

    for file in [
        "index.html",
        "search.html",
        "ontology.html",
        ".well-known/void",
        "nginx.conf",
        ".htaccess",
    ] {
        assert!(site.join(file).is_file(), "{file} is missing");
    }

    // Each description in all five forms; the RDF ones say the same thing.
    let hunt = site.join("person/jeremy-hunt");
    let with = |suffix: &str| PathBuf::from(format!("{}{suffix}", hunt.display()));
    let turtle = triples(&with(".ttl"), RdfFormat::Turtle);
    assert!(
        turtle
            .iter()
            .any(|t| t.contains("person/jeremy-hunt> <http://schema.org/name> \"Jeremy Hunt\"")),
        "{turtle:?}"
    );
    assert_eq!(triples(&with(".nt"), RdfFormat::NTriples), turtle);
    assert_eq!(triples(&with(".rdf"), RdfFormat::RdfXml), turtle);
    assert_eq!(
        triples(
            &with(".jsonld"),
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty()
            }
        ),
        turtle
    );
    let page = std::fs::read_to_string(with(".html")).expect("the page");
    assert!(page.contains("<h1>Jeremy Hunt</h1>"), "{page}");
    assert!(page.contains("<svg class=\"neighbourhood\""), "{page}");
    assert!(
        !page.contains("/sparql"),
        "no endpoint behind files: {page}"
    );

    // Every strike and article has its page too.
    for folder in ["strike", "article", "organization"] {
        let pages = std::fs::read_dir(site.join(folder))
            .expect("a folder")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "html"))
            })
            .count();
        assert!(pages > 0, "no pages in {folder}/");
    }

    // The dumps hold every quad, and the .gz files are the same compressed.
    let stats: serde_json::Value =
        serde_json::from_str(&ok(&store, &["stats", "--format", "json"])).expect("JSON stats");
    let quads = triples(&site.join("dump.nq"), RdfFormat::NQuads);
    assert_eq!(Some(quads.len() as u64), stats["quads"].as_u64(), "{stats}");
    assert_eq!(
        gunzip(&site.join("dump.nq.gz")),
        std::fs::read(site.join("dump.nq")).expect("the dump")
    );
    assert_eq!(
        gunzip(&site.join("dump.ttl.gz")),
        std::fs::read(site.join("dump.ttl")).expect("the dump")
    );
    let void = triples(&site.join(".well-known/void"), RdfFormat::Turtle);
    assert!(
        void.iter().any(|t| t.contains("dcat#downloadURL")
            && t.ends_with("<https://w3id.org/strikegraph/id/dump.nq.gz>")),
        "{void:?}"
    );
    assert!(
        !void.iter().any(|t| t.contains("sparqlEndpoint")),
        "{void:?}"
    );

    // Every link between pages lands on a file: pages link to the files themselves, not
    // to the IRIs, which only a negotiating server answers.
    let mut pages = Vec::new();
    html_files(&site, &mut pages);
    assert!(pages.len() > 50, "only {} pages", pages.len());
    let mut checked = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("a page");
        for href in hrefs(&html) {
            if href.starts_with("http://") || href.starts_with("https://") || href.starts_with('#')
            {
                continue;
            }
            let target = resolve(&site, page, &href)
                .unwrap_or_else(|| panic!("{href} in {} leaves the site", page.display()));
            assert!(
                target.is_file(),
                "{href} in {} is not a file",
                page.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links");

    // The server answers the same bytes for the same documents.
    let server = Server::start(&store);
    for path in [
        "person/jeremy-hunt.ttl",
        "person/jeremy-hunt.jsonld",
        "strike/2016-04-26-british-medical-association.nt",
        "ontology.ttl",
    ] {
        let reply = server.get(&format!("/{path}"), &[]);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(
            reply.bytes,
            std::fs::read(site.join(path)).expect("a published file"),
            "{path} differs between serve and publish"
        );
    }
    drop(server);

    // A folder publish did not write is left alone; its own is replaced on request.
    let stranger = dir.path().join("stranger");
    std::fs::create_dir_all(&stranger).expect("a folder");
    std::fs::write(stranger.join("keep.txt"), "mine").expect("a file");
    let refused = bin()
        .arg("--store")
        .arg(&store)
        .args(["publish", "--out"])
        .arg(&stranger)
        .arg("--replace")
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(stranger.join("keep.txt").is_file());
    let again = bin()
        .arg("--store")
        .arg(&store)
        .args(["publish", "--out"])
        .arg(&site)
        .output()
        .expect("runs");
    assert_eq!(
        again.status.code(),
        Some(2),
        "an earlier publish needs --replace"
    );
    ok(
        &store,
        &[
            "publish",
            "--replace",
            "--out",
            site.to_str().expect("UTF-8"),
        ],
    );
    assert!(site.join("index.html").is_file());
}

/// nginx, if installed (STRIKEGRAPH_REQUIRE_NGINX=1 makes its absence a failure), serving the
/// published folder with the generated configuration: the extensionless IRI answers by
/// `Accept`.
#[test]
fn nginx_negotiates_the_published_files() {
    let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    let Some(nginx) = nginx else {
        assert!(
            std::env::var_os("STRIKEGRAPH_REQUIRE_NGINX").is_none(),
            "nginx is required but not installed"
        );
        eprintln!("nginx is not installed: skipping the nginx check");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, site) = published_seeds(dir.path());

    // The generated snippet, on a free loopback port, in a configuration of its own.
    let port = free_port();
    let snippet = std::fs::read_to_string(site.join("nginx.conf")).expect("the snippet");
    assert!(snippet.contains("listen 80;"), "{snippet}");
    let nginx_dir = dir.path().join("nginx");
    std::fs::create_dir_all(&nginx_dir).expect("a folder");
    let snippet_path = nginx_dir.join("site.conf");
    std::fs::write(
        &snippet_path,
        snippet.replace("listen 80;", &format!("listen 127.0.0.1:{port};")),
    )
    .expect("writes");
    let at = |name: &str| nginx_dir.join(name).display().to_string();
    let conf = format!(
        "master_process off;\ndaemon off;\npid {pid};\nerror_log {log};\nevents {{ worker_connections 64; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {t}/body;\n  proxy_temp_path {t}/proxy;\n  \
         fastcgi_temp_path {t}/fastcgi;\n  uwsgi_temp_path {t}/uwsgi;\n  scgi_temp_path {t}/scgi;\n  \
         include {snippet};\n}}\n",
        pid = at("nginx.pid"),
        log = at("error.log"),
        t = nginx_dir.display(),
        snippet = snippet_path.display(),
    );
    std::fs::write(nginx_dir.join("nginx.conf"), conf).expect("writes");
    let mut command = Command::new(nginx);
    command
        .arg("-p")
        .arg(&nginx_dir)
        .arg("-e")
        .arg(at("error.log"))
        .arg("-c")
        .arg(at("nginx.conf"));
    let server = Server::run(command, port, BASE_PATH);

    let iri = format!("{BASE_PATH}person/jeremy-hunt");
    let published = |suffix: &str| {
        std::fs::read(site.join(format!("person/jeremy-hunt{suffix}"))).expect("a published file")
    };
    for (accept, suffix, content_type) in [
        ("text/turtle", ".ttl", "text/turtle; charset=utf-8"),
        ("application/ld+json", ".jsonld", "application/ld+json"),
        (
            "application/n-triples",
            ".nt",
            "application/n-triples; charset=utf-8",
        ),
        ("application/rdf+xml", ".rdf", "application/rdf+xml"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            ".html",
            "text/html; charset=utf-8",
        ),
        ("*/*", ".ttl", "text/turtle; charset=utf-8"),
    ] {
        let reply = server.get(&iri, &[("Accept", accept)]);
        assert_eq!(reply.status, 200, "{accept}: {}", reply.body);
        assert_eq!(reply.header("content-type"), content_type, "{accept}");
        assert_eq!(reply.header("vary"), "Accept", "{accept}");
        assert_eq!(reply.bytes, published(suffix), "{accept} gives {suffix}");
    }
    let suffixed = server.get(&format!("{iri}.nt"), &[("Accept", "text/html")]);
    assert_eq!(
        suffixed.bytes,
        published(".nt"),
        "a suffix wins over Accept"
    );
    // The pages' own links name the .html files, which nginx serves as they are.
    let page = server.get(&format!("{iri}.html"), &[("Accept", "text/turtle")]);
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(page.bytes, published(".html"));
    let home = server.get(BASE_PATH, &[("Accept", "text/html")]);
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<h1>strikegraph</h1>"), "{}", home.body);
    let void = server.get(&format!("{BASE_PATH}.well-known/void"), &[]);
    assert_eq!(void.header("content-type"), "text/turtle; charset=utf-8");
    assert_eq!(
        server
            .get(&format!("{BASE_PATH}person/nobody-at-all"), &[])
            .status,
        404
    );
    assert_eq!(
        server.get(&format!("{BASE_PATH}nginx.conf"), &[]).status,
        404,
        "the configuration is not served"
    );
    drop(server);
}

/// Python's `http.server`, if installed (STRIKEGRAPH_REQUIRE_PYTHON=1 makes its absence a
/// failure): serves files as they are named, with no content negotiation and no suffix
/// guessing, as the simplest static host does.
fn python() -> Option<PathBuf> {
    let found = ["python3", "python"].into_iter().find(|name| {
        Command::new(name)
            .args(["-c", "import http.server"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("STRIKEGRAPH_REQUIRE_PYTHON").is_none(),
            "python3 is required but not installed"
        );
        eprintln!("python3 is not installed: skipping the plain file server check");
    }
    found.map(PathBuf::from)
}

/// Follows every link from `start` on `server` (a crawl over the HTML pages), asserting
/// each answers 200; returns the HTML pages reached and the number of links followed.
fn crawl(server: &Server, start: &str) -> (BTreeSet<String>, usize) {
    let mut pages = BTreeSet::new();
    let mut seen = BTreeSet::from([start.to_owned()]);
    let mut queue = std::collections::VecDeque::from([(start.to_owned(), "(start)".to_owned())]);
    let mut links = 0;
    while let Some((path, from)) = queue.pop_front() {
        let reply = server.get(&request_path(&path), &[]);
        assert_eq!(
            reply.status, 200,
            "{path} (linked from {from}) is broken on a plain file server"
        );
        links += 1;
        if !reply.header("content-type").starts_with("text/html") {
            continue;
        }
        pages.insert(path.clone());
        for href in common::link_targets(&reply.body) {
            if let Some(target) = resolve_link(&path, &href) {
                if seen.insert(target.clone()) {
                    queue.push_back((target, path.clone()));
                }
            }
        }
    }
    (pages, links)
}

/// Issue 21: on a plain file server every link from `index.html`, followed page by page,
/// finds its file, and every page of the folder is reached that way.
#[test]
fn a_plain_file_server_finds_every_link() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, site) = published_seeds(dir.path());
    let port = free_port();
    let port_arg = port.to_string();
    let mut command = Command::new(python);
    command
        .args([
            "-m",
            "http.server",
            port_arg.as_str(),
            "--bind",
            "127.0.0.1",
        ])
        .arg("--directory")
        .arg(&site);
    let server = Server::run(command, port, "/index.html");

    let (pages, links) = crawl(&server, "/");
    assert!(links > 400, "only {links} links followed");
    // Every page publish wrote is reached (the folders' index.html copies aside: nothing
    // links to them, they stand in for the folders' paths).
    let mut written = Vec::new();
    html_files(&site, &mut written);
    let unreached: Vec<String> = written
        .iter()
        .filter_map(|p| p.strip_prefix(&site).ok())
        .map(|p| format!("/{}", p.display()))
        .filter(|p| !p.ends_with("/index.html") && !pages.contains(p))
        .collect();
    assert!(
        unreached.is_empty(),
        "{} of {} pages not reached: {unreached:?}",
        unreached.len(),
        written.len()
    );

    // An article is a document and the folder of its quotations: its path, turned into
    // the folder's by the server, shows the article's page, whose links work from there.
    let article = pages
        .iter()
        .find_map(|p| {
            let stem = p.strip_suffix(".html")?;
            (stem.starts_with("/article/") && site.join(&stem[1..]).is_dir())
                .then(|| stem.to_owned())
        })
        .expect("an article with quotations");
    let folder = server.get(&request_path(&article), &[]);
    assert_eq!(folder.status, 301, "{article}");
    assert_eq!(folder.header("location"), format!("{article}/"));
    let index = server.get(&request_path(&format!("{article}/")), &[]);
    assert_eq!(index.status, 200);
    let page = server.get(&request_path(&format!("{article}.html")), &[]);
    let h1 = |html: &str| {
        html.split("<h1>")
            .nth(1)
            .and_then(|r| r.split("</h1>").next())
            .map(str::to_owned)
    };
    assert!(h1(&page.body).is_some());
    assert_eq!(h1(&index.body), h1(&page.body), "{}", index.body);
    let (from_folder, _) = crawl(&server, &format!("{article}/"));
    assert!(from_folder.len() > 10, "{from_folder:?}");
}

/// A document whose files would be the site's own pages (`{base}index`, `{base}search`)
/// is skipped and reported, and the home page and name index stay what they are.
#[test]
fn documents_named_like_the_site_pages_are_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let base = "https://w3id.org/strikegraph/id/";
    let graph = format!("<{base}article/odd>");
    let nquads: String = ["index", "search", "person/plain"]
        .iter()
        .map(|local| {
            format!(
                "<{base}{local}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Organization> {graph} .\n\
                 <{base}{local}> <http://schema.org/name> \"Called {local}\" {graph} .\n"
            )
        })
        .collect();
    let file = dir.path().join("odd.nq");
    std::fs::write(&file, nquads).expect("writes");
    ok(&store, &["load", file.to_str().expect("UTF-8")]);
    let site = dir.path().join("site");
    let out = common::run(&store, &["publish", "--out", site.to_str().expect("UTF-8")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for local in ["index", "search"] {
        assert!(
            err.contains(&format!("skipped {base}{local}: ")),
            "{local}: {err}"
        );
    }
    let home = std::fs::read_to_string(site.join("index.html")).expect("the home page");
    assert!(home.contains("<h1>strikegraph</h1>"), "{home}");
    let names = std::fs::read_to_string(site.join("search.html")).expect("the name index");
    assert!(names.contains("<h1>Names A–Z</h1>"), "{names}");
    assert!(site.join("person/plain.html").is_file());
    assert!(!site.join("index.ttl").exists());
}
