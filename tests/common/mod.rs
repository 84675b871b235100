//! What the integration tests share: the binary, the seeds, a server on a free loopback
//! port, a plain HTTP/1.1 client over a `TcpStream`, and a generator of invented articles.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_strikegraph"))
}

pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Runs `strikegraph --store STORE ARGS...`.
pub fn run(store: &Path, args: &[&str]) -> std::process::Output {
    bin()
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Like [`run`], and asserts success; returns standard output.
pub fn ok(store: &Path, args: &[&str]) -> String {
    let out = run(store, args);
    assert!(
        out.status.success(),
        "strikegraph {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A free loopback port: bind to port 0, note the port, let it go.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// The running server; killed when dropped, so a failing assertion still stops it.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(store: &Path) -> Self {
        let port = free_port();
        let mut command = bin();
        command
            .arg("--store")
            .arg(store)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")]);
        Self::run(command, port, "/")
    }

    /// Starts `command` (a server listening on `port`) and waits until `probe` answers 200.
    pub fn run(mut command: Command, port: u16, probe: &str) -> Self {
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut server = Server { child, port };
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("the server exited early: {status}");
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok()
                && server.get(probe, &[]).status == 200
            {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server did not answer within a minute"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("a timeout");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.port,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).expect("writes");
        stream.write_all(body).expect("writes");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("reads");
        Reply::parse(&raw)
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        self.request("GET", path, headers, b"")
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body as sent (after de-chunking), for bodies that are not text.
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn parse(raw: &[u8]) -> Self {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
        {
            body = dechunk(&body);
        }
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            bytes: body,
        }
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

pub fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .expect("a chunk size");
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
    out
}

pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A small deterministic generator (xorshift), so the corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        items[(self.0 % items.len() as u64) as usize]
    }
}

/// `n` invented articles, one JSON Lines record each, ids `gen-0000`, `gen-0001`, ...
pub fn corpus(n: usize) -> String {
    corpus_with_prefix(n, "gen")
}

/// Like [`corpus`], with ids `{prefix}-0000`, ...
pub fn corpus_with_prefix(n: usize, prefix: &str) -> String {
    let given = [
        "Ilsa", "Tobin", "Marek", "Noor", "Perrin", "Wenna", "Corin", "Elspet",
    ];
    let family = [
        "Harrowgate",
        "Quennell",
        "Ambry",
        "Tolliver",
        "Festing",
        "Blaney",
        "Orchard",
    ];
    let towns = [
        "Westermoor",
        "Calder Reach",
        "Pellingham",
        "Ostry",
        "Marrowby",
    ];
    let unions = [
        "Guild of Ferry Pilots",
        "Union of Mill Engineers",
        "Federation of Signal Staff",
    ];
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let mut out = String::new();
    for i in 0..n {
        let person = format!("{} {}", rng.pick(&given), rng.pick(&family));
        let (town, union, day) = (rng.pick(&towns), rng.pick(&unions), rng.pick(&days));
        let text = format!(
            "Members of the {union} in {town} will strike on {day}, the union said.\n\n\
             {person}, a spokesman for the {union}, said: \"We have been left with no choice.\"\n\n\
             Talks at the {town} depot broke down after {n} hours.",
            n = i % 11 + 2
        );
        let record = serde_json::json!({
            "id": format!("{prefix}-{i:04}"),
            "text": text,
            "published": format!("2031-{:02}-{:02}", i % 12 + 1, i % 27 + 1),
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

/// The link targets of an HTML page: every `href` (`xlink:href` too) and form `action`,
/// with character references decoded, as a browser would read them.
pub fn link_targets(html: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for attribute in ["href=\"", "action=\""] {
        for rest in html.split(attribute).skip(1) {
            if let Some(value) = rest.split('"').next() {
                targets.push(decode_references(value));
            }
        }
    }
    targets
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references.
fn decode_references(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else { break };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme a browser finds in a link target, lower-cased, if it has one: it trims C0
/// controls and spaces at the ends and drops tabs and line breaks anywhere first (the
/// WHATWG URL parser), then reads letters, digits, `+`, `-` and `.` up to a `:`.
pub fn browser_scheme(target: &str) -> Option<String> {
    let cleaned: String = target
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (head, _) = cleaned.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then(|| head.to_ascii_lowercase())
}

/// The link targets of `html` that would take a browser to a scheme other than http or
/// https.
pub fn unsafe_links(html: &str) -> Vec<String> {
    link_targets(html)
        .into_iter()
        .filter(|t| browser_scheme(t).is_some_and(|s| s != "http" && s != "https"))
        .collect()
}

/// The path a link target `href` on the page at `page` (a URL path) leads to on the same
/// server, without its fragment and with dot segments resolved; `None` for a link to
/// another site.
pub fn resolve_link(page: &str, href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or("");
    if browser_scheme(href).is_some() || href.starts_with("//") {
        return None;
    }
    let joined = if href.starts_with('/') {
        href.to_owned()
    } else if href.is_empty() {
        page.to_owned()
    } else {
        let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{href}")
    };
    let (path, query) = match joined.split_once('?') {
        Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
        None => (joined, None),
    };
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            other => segments.push(other),
        }
    }
    let mut resolved = format!("/{}", segments.join("/"));
    if let Some(q) = query {
        resolved.push('?');
        resolved.push_str(&q);
    }
    Some(resolved)
}

/// A URL path as it may go on a request line: bytes outside printable ASCII (and spaces)
/// percent-encoded, the rest as they are.
pub fn request_path(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_graphic() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
