#!/usr/bin/env python3
# bench-timeline.py — the comparison for bench-timeline.c: the same hash-chained timeline, in
# python3 with its sqlite3 module (the same system SQLite library Taiou links).
#
#   bench-timeline.py append DB N        appends N events, prints the seconds the loop took
#   bench-timeline.py append-batch DB N  appends N merged events to incident 1 in one
#                                        transaction, prints the seconds and the head hash
#   bench-timeline.py verify DB          re-walks the chain, prints the seconds and the head hash
#
# DB is a file Taiou created (bench-timeline.c opens it first), so both write into the same
# schema (3: the identity index, per-incident positions, the FTS5 search text) and pay for it.
#
# Per event it does what taiou_timeline_append() does (src/libtaiou/timeline/taiou-timeline.c):
# BEGIN IMMEDIATE, read the chain head, serialise the detail as compact JSON, SHA-256 over
# (prev_hash ‖ the length-prefixed canonical bytes of taiou-event.c), INSERT, COMMIT — on a WAL
# database with synchronous=FULL, so every event is its own fsync'd transaction.  The file it
# writes is a Taiou timeline, so Taiou can open and verify it, and `verify` checks what
# taiou_timeline_verify() checks (sequence, links, hashes, incidents).
#
# append-batch does what taiou_timeline_append_batch() does (taiou-timeline-batch.c) for drafts
# merged from another PC: one BEGIN IMMEDIATE, the head and the incident's next position read
# once, then per event the identity lookup (is its origin hash known?), the compact JSON, the
# v2 hash (origin fields included), the INSERT and the search text's INSERT; one COMMIT.
import hashlib
import json
import os
import socket
import sqlite3
import struct
import sys
import time

GENESIS = "0" * 64
T0 = 1795395600000000
KINDS = ("scan.finding", "mail.triage", "note", "wizard.step")
APPLICATION_ID = 0x54414955
# The search text of an event's detail, as TAIOU_DETAIL_TEXT_SQL in taiou-timeline-private.h.
DETAIL_TEXT_SQL = ("CASE WHEN json_valid (?3) THEN (SELECT group_concat (value, ' ') "
                   "FROM json_tree (?3) WHERE atom IS NOT NULL) ELSE ?3 END")


def search_text(value):
    """The detail's words as Taiou's append takes them from the object at hand
    (_taiou_timeline_detail_search_text): the atoms in order, true and false as 1 and 0, None
    when only SQL can say (a non-integer number, or no atoms)."""
    atoms = []

    def walk(node):
        if isinstance(node, dict):
            return all(walk(member) for member in node.values())
        if isinstance(node, list):
            return all(walk(element) for element in node)
        if node is None:
            return True
        if isinstance(node, bool):
            atoms.append("1" if node else "0")
        elif isinstance(node, int):
            atoms.append(str(node))
        elif isinstance(node, str):
            atoms.append(node)
        else:
            return False
        return True

    return " ".join(atoms) if walk(value) and atoms else None


def put_string(h, value):
    data = value.encode()
    h.update(struct.pack(">I", len(data)))
    h.update(data)


def event_hash(prev_hash, seq, incident_id, time_us, kind, actor, host, summary, detail,
               origin_host=None, origin_seq=None, origin_hash=None):
    h = hashlib.sha256()
    put_string(h, prev_hash)
    put_string(h, "taiou-event-v1" if origin_hash is None else "taiou-event-v2")
    h.update(struct.pack(">qqq", seq, incident_id, time_us))
    for value in (kind, actor, host, summary, detail):
        put_string(h, value)
    if origin_hash is not None:
        put_string(h, origin_host)
        h.update(struct.pack(">q", origin_seq))
        put_string(h, origin_hash)
    return h.hexdigest()


def connect(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def append(path, count):
    db = connect(path)
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        sys.exit("%s is not a timeline Taiou created" % path)
    host = socket.gethostname()
    start = time.perf_counter()
    for i in range(count):
        # The same event bench-timeline.c appends.
        kind, actor = "note", "山田 太郎"
        summary = "LAN ケーブルを抜いたことを電話で確認 (%d)" % i
        detail = json.dumps({"n": i, "path": "C:\\Users\\yamada\\Downloads\\請求書.zip"},
                            ensure_ascii=False, separators=(",", ":"))
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev_hash = (row[0] + 1, row[1]) if row else (1, GENESIS)
        time_us = time.time_ns() // 1000
        digest = event_hash(prev_hash, seq, 0, time_us, kind, actor, host, summary, detail)
        db.execute("INSERT INTO events (seq, incident_id, time_us, kind, actor, host, summary, "
                   "detail, prev_hash, hash) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (seq, time_us, kind, actor, host, summary, detail, prev_hash, digest))
        db.execute("COMMIT")
    print("%.6f" % (time.perf_counter() - start))


def append_batch(path, count):
    db = connect(path)
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        sys.exit("%s is not a timeline Taiou created" % path)
    # The same drafts bench-timeline.c builds before its timer starts.
    drafts = []
    for i in range(count):
        drafts.append((T0 + i * 1234, KINDS[i % len(KINDS)], "root", "PC-%02d" % (i % 10),
                       "検出 %d: C:\\Users\\yamada\\AppData\\Local\\Temp\\file%d.dll" % (i, i),
                       {"rule": "ioc.sha256", "score": 100, "object": "file%d.dll" % i, "n": i},
                       "PC-12", i + 1,
                       hashlib.sha256(("origin-%d" % i).encode()).hexdigest()))
    start = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    row = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq, head = (row[0], row[1]) if row else (0, GENESIS)
    position = db.execute("SELECT coalesce (max (position), 0) + 1 FROM events "
                          "WHERE incident_id = ?", (1,)).fetchone()[0]
    for (time_us, kind, actor, host, summary, detail, origin_host, origin_seq,
         origin_hash) in drafts:
        if db.execute("SELECT 1 FROM events WHERE coalesce (origin_hash, hash) = ? LIMIT 1",
                      (origin_hash,)).fetchone():
            continue
        text = search_text(detail)
        detail = json.dumps(detail, ensure_ascii=False, separators=(",", ":"))
        seq += 1
        digest = event_hash(head, seq, 1, time_us, kind, actor, host, summary, detail,
                            origin_host, origin_seq, origin_hash)
        db.execute("INSERT INTO events (seq, incident_id, time_us, kind, actor, host, summary, "
                   "detail, prev_hash, hash, origin_host, origin_seq, origin_hash, position) "
                   "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (seq, time_us, kind, actor, host, summary, detail, head, digest, origin_host,
                    origin_seq, origin_hash, position))
        db.execute("INSERT INTO events_text (rowid, summary, detail) VALUES (?1, ?2, "
                   "coalesce (?4, " + DETAIL_TEXT_SQL + "))", (seq, summary, detail, text))
        head = digest
        position += 1
    db.execute("COMMIT")
    print("%.6f %s" % (time.perf_counter() - start, head))


def verify(path):
    db = connect(path)
    start = time.perf_counter()
    db.execute("BEGIN")
    expected_prev, expected_seq = GENESIS, 1
    for (seq, incident_id, time_us, kind, actor, host, summary, detail, prev_hash, stored,
         origin_host, origin_seq, origin_hash) in db.execute(
             "SELECT seq, incident_id, time_us, kind, actor, host, summary, detail, prev_hash, "
             "hash, origin_host, origin_seq, origin_hash FROM events ORDER BY seq"):
        if seq != expected_seq or prev_hash != expected_prev:
            sys.exit("chain broken at #%d" % seq)
        if event_hash(prev_hash, seq, incident_id or 0, time_us, kind, actor, host, summary,
                      detail, origin_host or "", origin_seq or 0, origin_hash) != stored:
            sys.exit("event #%d does not match its hash" % seq)
        # Taiou also checks an incident row against its creation event (one here at most).
        expected_prev, expected_seq = stored, seq + 1
    if db.execute("SELECT id FROM incidents WHERE id NOT IN (SELECT incident_id FROM events "
                  "WHERE kind = 'incident.created' AND incident_id IS NOT NULL) "
                  "LIMIT 1").fetchone():
        sys.exit("an incident has no creation event")
    db.execute("COMMIT")
    print("%.6f %s" % (time.perf_counter() - start, expected_prev))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "append":
        append(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "append-batch":
        append_batch(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "verify":
        verify(sys.argv[2])
    else:
        sys.exit("usage: bench-timeline.py append DB N | append-batch DB N | verify DB")
