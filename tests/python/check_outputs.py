#!/usr/bin/env python3
"""Reads strikegraph's output with third-party tools: rdflib parses every RDF export and
every description `publish` writes, pyshacl validates the seeds' graph against
ontology/shapes.ttl, and the SPARQL results formats are read back with Python's csv and
json modules.

usage: check_outputs.py PATH/TO/strikegraph
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "strikegraph")
results = []


def check(name):
    def wrap(fn):
        try:
            fn()
            results.append((name, None))
            print(f"ok    {name}")
        except Exception as exc:  # a failed check is reported, the others still run
            results.append((name, exc))
            print(f"FAIL  {name}: {exc}")
        return fn
    return wrap


def run(*args, stdin=None):
    out = subprocess.run([BIN, "--store", STORE, *args], input=stdin, capture_output=True, check=True)
    return out.stdout


tmp = tempfile.mkdtemp()
STORE = os.path.join(tmp, "seeds.db")
subprocess.run([BIN, "--store", STORE, "--quiet", "ingest", os.path.join(ROOT, "seeds")], check=True)

import rdflib  # noqa: E402

FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
DATASETS = {"nquads", "trig", "jsonld"}

for fmt, rdflib_fmt in FORMATS.items():
    @check(f"rdflib parses the {fmt} export")
    def _(fmt=fmt, rdflib_fmt=rdflib_fmt):
        data = run("export", "--format", fmt)
        graph = rdflib.Dataset() if fmt in DATASETS else rdflib.Graph()
        graph.parse(data=data, format=rdflib_fmt)
        triples = sum(1 for _ in graph.quads()) if fmt in DATASETS else len(graph)
        assert triples > 500, f"only {triples} statements"
        if fmt in DATASETS:
            graphs = {str(g) for _, _, _, g in graph.quads() if g is not None}
            assert sum("/article/" in g for g in graphs) == 5, f"expected 5 article graphs, got {sorted(graphs)[:8]}"


@check("the seeds' graph conforms to ontology/shapes.ttl (pyshacl)")
def _():
    import pyshacl
    data = rdflib.Graph().parse(data=run("export", "--format", "turtle"), format="turtle")
    shapes = rdflib.Graph().parse(os.path.join(ROOT, "ontology", "shapes.ttl"), format="turtle")
    ont = rdflib.Graph().parse(os.path.join(ROOT, "ontology", "strikegraph.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="rdfs")
    assert conforms, text[:3000]


@check("the ontology is valid Turtle and declares sg:Strike a subclass of schema:Event")
def _():
    ont = rdflib.Graph().parse(os.path.join(ROOT, "ontology", "strikegraph.ttl"), format="turtle")
    sg = rdflib.Namespace("https://w3id.org/strikegraph/ns#")
    assert (sg.Strike, rdflib.RDFS.subClassOf, rdflib.URIRef("http://schema.org/Event")) in ont


# PROV-O's properties whose values are literals; every other prov: property is an
# owl:ObjectProperty (https://www.w3.org/TR/prov-o/).
PROV_DATATYPE_PROPERTIES = {"generatedAtTime", "invalidatedAtTime", "startedAtTime", "endedAtTime", "atTime", "value"}


@check("the ontology's property kinds agree with the data and with PROV-O")
def _():
    ont = rdflib.Graph().parse(os.path.join(ROOT, "ontology", "strikegraph.ttl"), format="turtle")
    data = rdflib.Dataset()
    data.parse(data=run("export", "--format", "nquads"), format="nquads")
    owl, prov = rdflib.OWL, "http://www.w3.org/ns/prov#"
    used = 0
    for kind, want_literal in ((owl.DatatypeProperty, True), (owl.ObjectProperty, False)):
        for prop in ont.subjects(rdflib.RDF.type, kind):
            for _, _, value, _ in data.quads((None, prop, None, None)):
                used += 1
                assert isinstance(value, rdflib.Literal) == want_literal, f"{prop} has the value {value!r}"
            for sup in ont.objects(prop, rdflib.RDFS.subPropertyOf):
                if str(sup).startswith(prov):
                    sup_literal = str(sup)[len(prov):] in PROV_DATATYPE_PROPERTIES
                    assert sup_literal == want_literal, f"{prop} is a {kind} under {sup}"
    assert used > 100, f"only {used} uses of the ontology's properties"


QUERY = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"


@check("timeline --format svg is well-formed SVG (xmllint and ElementTree)")
def _():
    import shutil
    import xml.etree.ElementTree as ET
    svg = run("timeline", "--organiser", "BMA", "--format", "svg")
    if shutil.which("xmllint"):
        subprocess.run(["xmllint", "--noout", "-"], input=svg, check=True, capture_output=True)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    bars = root.findall(".//{http://www.w3.org/2000/svg}rect")
    assert len(bars) == 6, f"{len(bars)} bars for the seeds' six strikes"


@check("query --format csv has a header and rows")
def _():
    rows = list(csv.reader(io.StringIO(run("query", "--format", "csv", QUERY).decode())))
    assert rows[0] == ["name"], rows[:2]
    assert len(rows) > 5


@check("query --format json is SPARQL 1.1 results JSON")
def _():
    doc = json.loads(run("query", "--format", "json", QUERY))
    assert doc["head"]["vars"] == ["name"]
    assert all(b["name"]["type"] == "literal" for b in doc["results"]["bindings"])


@check("query --format tsv and xml parse")
def _():
    tsv = run("query", "--format", "tsv", QUERY).decode().splitlines()
    assert tsv[0] == "?name"
    import xml.etree.ElementTree as ET
    root = ET.fromstring(run("query", "--format", "xml", QUERY))
    assert root.tag.endswith("sparql")


@check("CONSTRUCT results parse as Turtle and N-Triples")
def _():
    q = "CONSTRUCT { ?s a sg:Strike ; schema:startDate ?d } WHERE { ?s a sg:Strike ; schema:startDate ?d }"
    g = rdflib.Graph().parse(data=run("query", "--format", "turtle", q), format="turtle")
    assert len(g) >= 4
    g = rdflib.Graph().parse(data=run("query", "--format", "ntriples", q), format="nt")
    assert len(g) >= 4


SITE = os.path.join(tmp, "site")
subprocess.run([BIN, "--store", STORE, "--quiet", "publish", "--out", SITE], check=True)
PUBLISHED = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}


def published_descriptions():
    for folder, _, files in os.walk(SITE):
        for name in sorted(files):
            stem, ext = os.path.splitext(name)
            # A description has its page beside it (the dumps have none).
            if ext in PUBLISHED and os.path.exists(os.path.join(folder, stem + ".html")):
                yield os.path.join(folder, stem), ext


@check("rdflib parses every published description, and its four forms agree")
def _():
    from rdflib.compare import isomorphic
    stems = sorted({stem for stem, _ in published_descriptions()})
    assert len(stems) > 50, f"only {len(stems)} descriptions"
    for stem in stems:
        graphs = {ext: rdflib.Graph().parse(stem + ext, format=fmt) for ext, fmt in PUBLISHED.items()}
        assert len(graphs[".ttl"]) > 0, f"{stem}.ttl is empty"
        for ext, graph in graphs.items():
            assert isomorphic(graph, graphs[".ttl"]), f"{stem}{ext} differs from {stem}.ttl"


@check("the published entity descriptions name their subject with schema:name")
def _():
    schema = rdflib.Namespace("http://schema.org/")
    base = "https://w3id.org/strikegraph/id/"
    for folder in ("person", "strike", "organization"):
        for name in os.listdir(os.path.join(SITE, folder)):
            if name.endswith(".ttl"):
                g = rdflib.Graph().parse(os.path.join(SITE, folder, name), format="turtle")
                iri = rdflib.URIRef(base + folder + "/" + name[: -len(".ttl")])
                assert g.value(iri, schema.name) is not None, f"{folder}/{name} has no name for {iri}"


@check("the published dumps and VoID parse, and the gzipped dump is the dump")
def _():
    import gzip
    dataset = rdflib.Dataset()
    with gzip.open(os.path.join(SITE, "dump.nq.gz"), "rb") as f:
        dataset.parse(data=f.read(), format="nquads")
    with open(os.path.join(SITE, "dump.nq"), "rb") as f:
        assert sum(1 for _ in dataset.quads()) == sum(1 for line in f if line.strip())
    g = rdflib.Graph().parse(os.path.join(SITE, "dump.ttl"), format="turtle")
    assert len(g) > 500
    void = rdflib.Graph().parse(os.path.join(SITE, ".well-known", "void"), format="turtle")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    urls = {str(o) for o in void.objects(None, dcat.downloadURL)}
    assert "https://w3id.org/strikegraph/id/dump.nq.gz" in urls, urls


failed = [n for n, e in results if e]
print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
