#!/usr/bin/env python3
"""Writes the synthetic seeds of tests/fuzz/corpus/taiou-json-import/.

The records are built here, with the event hash re-implemented from taiou-event.c (SHA-256 of
the previous hash and the length-prefixed fields under the domain "taiou-event-v1", or "-v2"
with the origin appended for a merged event), so the
seeds hold valid chains the fuzzer can then break.  Run from the source root:
    python3 tests/fuzz/make-taiou-json-seeds.py
"""
import hashlib
import json
import os
import struct

GENESIS = "0" * 64
OUT = os.path.join(os.path.dirname(__file__), "corpus", "taiou-json-import")


def put_string(h, text):
    data = text.encode("utf-8")
    h.update(struct.pack(">I", len(data)))
    h.update(data)


def event_hash(prev_hash, e):
    # An event merged from another PC is hashed as "taiou-event-v2", its origin appended.
    merged = "origin_hash" in e
    h = hashlib.sha256()
    put_string(h, prev_hash)
    put_string(h, "taiou-event-v2" if merged else "taiou-event-v1")
    for n in (e["seq"], e["incident_id"], e["time_us"]):
        h.update(struct.pack(">q", n))
    for name in ("kind", "actor", "host", "summary", "detail"):
        put_string(h, e[name])
    if merged:
        put_string(h, e["origin_host"])
        h.update(struct.pack(">q", e["origin_seq"]))
        put_string(h, e["origin_hash"])
    return h.hexdigest()


def record(events_spec, origin=False):
    incident = {"id": 1, "uuid": "6f1c7d1e-3b7a-4f53-9a55-2f7d6c1e0a01",
                "title": "添付ファイルを開いた (PC-A)", "created": "2022-03-08T00:40:00Z",
                "created_us": 1646700000000000, "discovered": "2022-03-08T00:40:00Z",
                "discovered_us": 1646700000000000, "host": "PC-A", "reporter": "山田 太郎",
                "step": ""}
    created_detail = {k: incident[k] for k in ("uuid", "title", "created_us", "discovered_us",
                                               "host", "reporter")}
    chain = [("incident.created", "Incident created: " + incident["title"],
              json.dumps(created_detail, ensure_ascii=False, separators=(",", ":")))]
    chain += events_spec
    prev, seq, events, gaps = GENESIS, 0, [], 0
    for i, (kind, summary, detail) in enumerate(chain):
        seq += 1
        if i == 2:  # an event of another incident sat here on the PC
            other = {"seq": seq, "incident_id": 2, "time_us": 1646700001000000, "kind": "note",
                     "actor": "x", "host": "PC-A", "summary": "elsewhere", "detail": "{}"}
            prev = event_hash(prev, other)
            seq += 1
            gaps += 1
        e = {"seq": seq, "incident_id": 1, "time_us": 1646700000000000 + i * 1000000,
             "kind": kind, "actor": "山田 太郎", "host": "PC-A", "summary": summary,
             "detail": detail, "prev_hash": prev}
        if origin and i == 1:
            e.update(origin_host="PC-B", origin_seq=7, origin_hash="ab" * 32)
        e["hash"] = event_hash(prev, e)
        events.append(e)
        prev = e["hash"]
    return {"format": "taiou-json", "version": 1, "exported": "2022-03-08T01:00:00Z",
            "exported_us": 1646701200000000, "exported_on": "PC-A", "exported_by": "admin",
            "hash": {"algorithm": "sha256", "domain": "taiou-event-v1", "genesis": GENESIS},
            "incident": incident, "events": events,
            "chain": {"events": len(events), "first_seq": events[0]["seq"],
                      "last_seq": events[-1]["seq"], "head_hash": events[-1]["hash"],
                      "gaps": gaps},
            "database": {"intact": True, "events": seq, "head_hash": prev}}


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def dump(doc):
    # As the exporter lays it out: one event per line.
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return text.replace(',{"seq"', ',\n{"seq"') + "\n"


os.makedirs(OUT, exist_ok=True)
notes = [("note", "メモ 1", '{"n":1}'), ("mail.triage", "mail", '{"verdict":"dangerous"}'),
         ("note", "メモ 2", '{"n":2,"list":[1,[2,[3]]]}')]
good = record(notes)
write("good", dump(good))
write("merged-origin", dump(record(notes, origin=True)))
tampered = record(notes)
tampered["events"][1]["summary"] = "changed"
write("tampered-summary", dump(tampered))
reordered = record(notes)
reordered["events"][1], reordered["events"][2] = reordered["events"][2], reordered["events"][1]
write("reordered", dump(reordered))
write("truncated", dump(good)[: len(dump(good)) // 2])
write("deep-detail", dump(record([("note", "deep", "{\"a\":" + "[" * 40 + "]" * 40 + "}")])))
write("not-utf8", b'{"format":"taiou-json","version":1,"exported_on":"\xff\xfe"}')
write("empty-object", "{}")
