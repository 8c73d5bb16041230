#!/usr/bin/env python3
"""Builds the bundled IOC snapshot (data/ioc/*.json) from verbatim copies of public sources.

    python3 data/ioc/tools/generate.py          # rewrite the JSON files and the README's count table
    python3 data/ioc/tools/generate.py --check  # exit 1 if anything would change

Every indicator comes from a file under tools/sources/, copied byte for byte from the repository,
path and commit named in SOURCES below.  The only transformations are the ones listed in each
source's "transform" text (which the README repeats): re-fanging of "[.]" and "hxxp", skipping
rows the source marks as something other than an indicator, and dropping exact duplicates.
Nothing is looked up on the network; no indicator is typed in here.
"""

import csv
import io
import ipaddress
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
IOC_DIR = os.path.dirname(HERE)
SOURCES_DIR = os.path.join(HERE, "sources")
README = os.path.join(IOC_DIR, "README.md")

# Loki's scale (80 alert, 60 warning, 40 notice).  A file whose SHA-256 is a published Emotet
# sample is as strong as evidence gets.  Payload URLs were mostly on compromised but otherwise
# legitimate web sites, and a URL entry also matches other links to the same host, so less.
# C2 addresses are from 2022 and sit mostly at hosting providers that re-let addresses, so a
# hit today is a reason to look closer, not proof.
SCORE_HASH = 100
SCORE_URL = 70
SCORE_IP = 60

TAU_REPO = "vmware-samples/tau-research"
TAU_LICENCE = ("BSD-2-Clause (the repository's README: \"License: BSD 2-Clause\"; its LICENSE "
               "file could not be read, see data/ioc/README.md)")
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def refang(text):
    """hxxp/hxxps -> http/https, "[.]" -> ".": the only two defanging forms these sources use.
    Returns None for anything else that still looks defanged, so it is skipped, not guessed."""
    value = re.sub(r"^hxxp(s?)://", r"http\1://", text.strip())
    value = value.replace("[.]", ".")
    if "[" in value or "]" in value or not re.match(r"^https?://", value) and "://" in value:
        return None
    return value


def read_csv(relpath):
    with open(os.path.join(SOURCES_DIR, relpath), "rb") as f:
        data = f.read()
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def checked_ip(text):
    return str(ipaddress.ip_address(text))


def tau_c2_config(source):
    """ioc_c2_config.csv: IP address,Port,Epoch,JARM fingerprint,AS number,First seen"""
    rows = read_csv(source["path_local"])
    assert rows[0] == ["IP address", "Port", "Epoch", "JARM fingerprint", "AS number",
                       "First seen"], rows[0]
    iocs, skipped = [], []
    for row in rows[1:]:
        ip = checked_ip(refang(row[0]))
        iocs.append({
            "type": "ip",
            "value": ip,
            "score": SCORE_IP,
            "description": "Emotet C2 (epoch %s, port %s, first seen %s; VMware TAU 2022)"
                           % (row[2], row[1], row[5]),
        })
    return iocs, skipped


def tau_blog_csv(source):
    """Emotet_IoCs_*.csv: IoC,Data,Note with IoC one of report, IP, sha256, url"""
    rows = read_csv(source["path_local"])
    assert rows[0] == ["IoC", "Data", "Note"], rows[0]
    iocs, skipped = [], []
    for row in rows[1:]:
        kind, data, note = row
        description = "Emotet: %s (%s)" % (note, source["short"])
        if kind == "report":
            continue  # the blog post the rows belong to, not an indicator
        if kind == "IP":
            iocs.append({"type": "ip", "value": checked_ip(refang(data)), "score": SCORE_IP,
                         "description": description})
        elif kind == "sha256":
            assert HEX64.match(data), data
            iocs.append({"type": "sha256", "value": data, "score": SCORE_HASH,
                         "description": description})
        elif kind == "url":
            url = refang(data)
            if url is None:
                skipped.append(data)
                continue
            iocs.append({"type": "url", "value": url, "score": SCORE_URL,
                         "description": description})
        else:
            raise ValueError("unknown IoC kind %r in %s" % (kind, source["path_local"]))
    return iocs, skipped


def tau_dlls_64bit(source):
    """ioc_emotet_dlls_64bit.csv: DLL payload,Epoch,First seen,Note (only the first row has a Note)"""
    rows = read_csv(source["path_local"])
    assert rows[0] == ["DLL payload", "Epoch", "First seen", "Note"], rows[0]
    iocs = []
    for row in rows[1:]:
        assert HEX64.match(row[0]), row[0]
        iocs.append({
            "type": "sha256",
            "value": row[0],
            "score": SCORE_HASH,
            "description": "Emotet 64-bit DLL payload (epoch %s, first seen %s; VMware TAU, May 2022)"
                           % (row[1], row[2]),
        })
    return iocs, []


SOURCES = [
    {
        "output": "emotet-vmware-tau-2022-01.json",
        "reader": tau_blog_csv,
        "short": "VMware TAU, Jan 2022",
        "repository": TAU_REPO,
        "path": "2022-01-Emotet/Emotet_IoCs_Jan2022.csv",
        "commit": "9d4329c82e0d83bf40ea8fcd9b272eb1edb9f60c",
        "date": "January 2022 (blog post \"Emotet Is Not Dead (Yet)\", URL path 2022/01)",
        "licence": TAU_LICENCE,
        "transform": "rows with IoC \"report\" skipped; IP and url values re-fanged "
                     "(hxxp->http, hxxps->https, [.]->.); sha256 values copied as they are",
    },
    {
        "output": "emotet-vmware-tau-2022-02.json",
        "reader": tau_blog_csv,
        "short": "VMware TAU, Feb 2022",
        "repository": TAU_REPO,
        "path": "2022-02-Emotet-Part-2/Emotet_IoCs_Feb2022.csv",
        "commit": "9d4329c82e0d83bf40ea8fcd9b272eb1edb9f60c",
        "date": "February 2022 (blog post \"Emotet Is Not Dead (Yet) - Part 2\", URL path "
                "2022/02)",
        "licence": TAU_LICENCE,
        "transform": "rows with IoC \"report\" skipped; IP and url values re-fanged "
                     "(hxxp->http, hxxps->https, [.]->.); url values whose defanging is not "
                     "one of those two forms are skipped, not guessed; sha256 values copied "
                     "as they are",
    },
    {
        "output": "emotet-vmware-tau-2022-05-dlls-64bit.json",
        "reader": tau_dlls_64bit,
        "short": "VMware TAU, May 2022",
        "repository": TAU_REPO,
        "path": "2022-05-Emotet-IoCs-64bit-DLLs/ioc_emotet_dlls_64bit.csv",
        "commit": "9d4329c82e0d83bf40ea8fcd9b272eb1edb9f60c",
        "date": "first-seen times 2022-04-21 16:13:45 to 2022-05-02 00:53:46 UTC (the source's "
                "\"First seen\" column); blog post of May 2022 named in the file's first row",
        "licence": TAU_LICENCE,
        "transform": "\"DLL payload\" kept as type sha256; epoch and first-seen time go into "
                     "the description; the Note column (a link to the blog post, first row only) "
                     "is dropped",
    },
    {
        "output": "emotet-vmware-tau-2022-c2.json",
        "reader": tau_c2_config,
        "short": "VMware TAU 2022 Emotet Threat Report",
        "repository": TAU_REPO,
        "path": "2022-H2-Emotet-Resurrection/ioc_c2_config.csv",
        "commit": "11c315f1c501bde773db4738412cca17edc76939",
        "date": "first-seen times 2021-12-09 to 2022-06-30 UTC (the source's \"First seen\" "
                "column); dataset of the 2022 VMware Emotet Threat Report \"Emotet "
                "Resurrection\"",
        "licence": TAU_LICENCE,
        "transform": "\"IP address\" re-fanged ([.]->.) and kept as type ip; port, epoch and "
                     "first-seen time go into the description; JARM and AS number dropped",
    },
]


def local_path(source):
    return os.path.join(source["repository"].replace("/", "_"), source["path"])


def dedupe(iocs):
    seen, out = set(), []
    for ioc in iocs:
        key = (ioc["type"], ioc["value"])
        if key not in seen:
            seen.add(key)
            out.append(ioc)
    return out


def build():
    outputs = {}
    table = []
    for source in SOURCES:
        source["path_local"] = local_path(source)
        iocs, skipped = source["reader"](source)
        n_read = len(iocs)
        iocs = dedupe(iocs)
        document = {
            "format": "taiou-ioc",
            "version": 1,
            "source": {
                "repository": "https://github.com/" + source["repository"],
                "path": source["path"],
                "commit": source["commit"],
                "date": source["date"],
                "licence": source["licence"],
                "transform": source["transform"],
            },
            "iocs": iocs,
        }
        text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
        outputs[source["output"]] = text
        counts = {}
        for ioc in iocs:
            counts[ioc["type"]] = counts.get(ioc["type"], 0) + 1
        table.append((source["output"], counts, len(iocs), n_read - len(iocs), skipped))
    return outputs, table


KINDS = ["md5", "sha1", "sha256", "ip", "domain", "url", "filename"]
BEGIN = "<!-- counts:begin (written by tools/generate.py; tests/data/test-bundled-iocs.c reads it) -->"
END = "<!-- counts:end -->"


def count_table(table):
    lines = [BEGIN,
             "| file | " + " | ".join(KINDS) + " | total | duplicates dropped | skipped |",
             "|---|" + "---:|" * (len(KINDS) + 3)]
    for name, counts, total, dropped, skipped in table:
        lines.append("| `%s` | " % name + " | ".join(str(counts.get(k, 0)) for k in KINDS)
                     + " | %d | %d | %d |" % (total, dropped, len(skipped)))
    lines.append(END)
    return "\n".join(lines)


def main():
    check = "--check" in sys.argv[1:]
    outputs, table = build()
    with open(README, encoding="utf-8") as f:
        readme = f.read()
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    outputs["README.md"] = readme[:start] + count_table(table) + readme[end:]

    stale = []
    for name, text in outputs.items():
        path = os.path.join(IOC_DIR, name)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            stale.append(name)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    for name, counts, total, dropped, skipped in table:
        for value in skipped:
            print("%s: skipped %s" % (name, value), file=sys.stderr)
    if check and stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
