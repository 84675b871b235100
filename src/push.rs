//! Push: the store's named graphs to a SPARQL 1.1 Graph Store HTTP Protocol server.
//!
//! Each graph goes in one `PUT {endpoint}?graph={IRI}` with an N-Triples body, which replaces
//! the graph on the server: pushing twice leaves the server as pushing once. A graph that
//! fails is reported with its status (or the transport error) and the rest go on. Only this
//! module and `serve/` know HTTP.

use crate::store::{Store, StoreError};
use oxigraph::model::NamedNode;
use std::time::{Duration, Instant};

/// The media type of the bodies sent.
pub const CONTENT_TYPE: &str = "application/n-triples";

/// Where and how to push.
pub struct PushTarget {
    endpoint: String,
    agent: ureq::Agent,
}

/// What became of one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphPush {
    pub graph: String,
    pub triples: usize,
    /// The HTTP status of an accepted PUT, or why it was not accepted.
    pub result: Result<u16, PushFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushFailure {
    /// The server answered with an error status (and this much of its body).
    Status { status: u16, body: String },
    /// No answer: connection refused, timeout, bad URL.
    Transport(String),
}

impl std::fmt::Display for PushFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PushFailure::Status { status, body } if body.is_empty() => write!(f, "HTTP {status}"),
            PushFailure::Status { status, body } => write!(f, "HTTP {status}: {body}"),
            PushFailure::Transport(message) => f.write_str(message),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PushReport {
    pub graphs: Vec<GraphPush>,
    pub elapsed: Duration,
}

impl PushReport {
    pub fn pushed(&self) -> usize {
        self.graphs.iter().filter(|g| g.result.is_ok()).count()
    }

    pub fn failed(&self) -> impl Iterator<Item = (&GraphPush, &PushFailure)> {
        self.graphs
            .iter()
            .filter_map(|g| g.result.as_ref().err().map(|e| (g, e)))
    }

    pub fn triples(&self) -> usize {
        self.graphs
            .iter()
            .filter(|g| g.result.is_ok())
            .map(|g| g.triples)
            .sum()
    }
}

impl PushTarget {
    /// `endpoint` is the Graph Store URL (e.g. `http://localhost:7878/store`); each request
    /// adds `graph=IRI` to its query. `timeout` bounds each request.
    pub fn new(endpoint: &str, timeout: Duration) -> Result<Self, String> {
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(format!(
                "the endpoint {endpoint:?} is not an http:// or https:// URL"
            ));
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            // Error statuses are answers to report, not errors to stop on.
            .http_status_as_error(false)
            .build()
            .new_agent();
        Ok(Self {
            endpoint: endpoint.to_owned(),
            agent,
        })
    }

    /// The URL of one graph: the endpoint with `graph=IRI` (percent-encoded) added.
    pub fn graph_url(&self, graph: &str) -> String {
        let encoded: String = form_urlencoded::byte_serialize(graph.as_bytes()).collect();
        let separator = if self.endpoint.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{separator}graph={encoded}", self.endpoint)
    }

    /// Replaces one graph on the server with `body` (N-Triples).
    pub fn put(&self, graph: &str, body: &[u8]) -> Result<u16, PushFailure> {
        let response = self
            .agent
            .put(&self.graph_url(graph))
            .header("Content-Type", CONTENT_TYPE)
            .send(body);
        match response {
            Ok(mut response) => {
                let status = response.status().as_u16();
                if (200..300).contains(&status) {
                    Ok(status)
                } else {
                    let text = response
                        .body_mut()
                        .with_config()
                        .limit(4096)
                        .read_to_string()
                        .unwrap_or_default();
                    let body: String = text.trim().chars().take(300).collect();
                    Err(PushFailure::Status { status, body })
                }
            }
            Err(err) => Err(PushFailure::Transport(err.to_string())),
        }
    }

    /// Pushes `graphs` (every named graph of the store when empty), one PUT each, in IRI
    /// order. `progress` is called after each graph.
    pub fn push(
        &self,
        store: &Store,
        graphs: &[NamedNode],
        mut progress: impl FnMut(&GraphPush),
    ) -> Result<PushReport, StoreError> {
        let started = Instant::now();
        let graphs = if graphs.is_empty() {
            store.named_graphs()?
        } else {
            graphs.to_vec()
        };
        let mut report = PushReport::default();
        for graph in graphs {
            let (body, triples) = store.graph_ntriples(graph.as_ref())?;
            let outcome = GraphPush {
                graph: graph.as_str().to_owned(),
                triples,
                result: self.put(graph.as_str(), &body),
            };
            progress(&outcome);
            report.graphs.push(outcome);
        }
        report.elapsed = started.elapsed();
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_urls_carry_the_encoded_iri() -> Result<(), String> {
        let target = PushTarget::new("http://localhost:7878/store", Duration::from_secs(1))?;
        assert_eq!(
            target.graph_url("https://e.org/article/a b#x"),
            "http://localhost:7878/store?graph=https%3A%2F%2Fe.org%2Farticle%2Fa+b%23x"
        );
        let target = PushTarget::new("http://h/gsp?key=1", Duration::from_secs(1))?;
        assert!(target
            .graph_url("http://g")
            .starts_with("http://h/gsp?key=1&graph="));
        assert!(PushTarget::new("ftp://h/", Duration::from_secs(1)).is_err());
        Ok(())
    }

    #[test]
    fn an_unreachable_server_is_a_transport_failure_per_graph(
    ) -> Result<(), Box<dyn std::error::Error>> {
        // A port that was free a moment ago: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let target = PushTarget::new(
            &format!("http://127.0.0.1:{port}/store"),
            Duration::from_secs(5),
        )?;
        let store = Store::in_memory()?;
        store.ensure_ontology()?;
        let report = target.push(&store, &[], |_| {})?;
        assert_eq!(report.graphs.len(), 1);
        assert_eq!(report.pushed(), 0);
        assert!(matches!(
            report.graphs[0].result,
            Err(PushFailure::Transport(_))
        ));
        assert!(report.graphs[0].triples > 0);
        Ok(())
    }
}
