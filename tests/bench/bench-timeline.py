#!/usr/bin/env python3
# bench-timeline.py — the comparison for bench-timeline.c: the same hash-chained timeline, in
# python3 with its sqlite3 module (the same system SQLite library Taiou links).
#
#   bench-timeline.py append DB N    appends N events, prints the seconds the loop took
#   bench-timeline.py verify DB      re-walks the chain, prints the seconds and the head hash
#
# Per event it does what taiou_timeline_append() does (src/libtaiou/timeline/taiou-timeline.c):
# BEGIN IMMEDIATE, read the chain head, serialise the detail as compact JSON, SHA-256 over
# (prev_hash ‖ the length-prefixed canonical bytes of taiou-event.c), INSERT, COMMIT — on a WAL
# database with synchronous=FULL, so every event is its own fsync'd transaction.  The file it
# writes has Taiou's schema, application id and version, so Taiou can open and verify it, and
# `verify` checks what taiou_timeline_verify() checks (sequence, links, hashes, incidents).
import hashlib
import json
import os
import socket
import sqlite3
import struct
import sys
import time

GENESIS = "0" * 64
APPLICATION_ID = 0x54414955
SCHEMA = """
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
  created_us INTEGER NOT NULL, discovered_us INTEGER NOT NULL, host TEXT NOT NULL,
  reporter TEXT NOT NULL, step TEXT NOT NULL DEFAULT '');
CREATE TABLE events (
  seq INTEGER PRIMARY KEY, incident_id INTEGER REFERENCES incidents (id),
  time_us INTEGER NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, host TEXT NOT NULL,
  summary TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX events_by_incident ON events (incident_id, seq);
"""


def put_string(h, value):
    data = value.encode()
    h.update(struct.pack(">I", len(data)))
    h.update(data)


def event_hash(prev_hash, seq, incident_id, time_us, kind, actor, host, summary, detail):
    h = hashlib.sha256()
    put_string(h, prev_hash)
    put_string(h, "taiou-event-v1")
    h.update(struct.pack(">qqq", seq, incident_id, time_us))
    for value in (kind, actor, host, summary, detail):
        put_string(h, value)
    return h.hexdigest()


def connect(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def append(path, count):
    db = connect(path)
    if db.execute("PRAGMA user_version").fetchone()[0] == 0:
        db.executescript("BEGIN IMMEDIATE;" + SCHEMA +
                         "PRAGMA application_id = %d; PRAGMA user_version = 1; COMMIT;"
                         % APPLICATION_ID)
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


def verify(path):
    db = connect(path)
    start = time.perf_counter()
    db.execute("BEGIN")
    expected_prev, expected_seq = GENESIS, 1
    for (seq, incident_id, time_us, kind, actor, host, summary, detail, prev_hash,
         stored) in db.execute("SELECT seq, incident_id, time_us, kind, actor, host, summary, "
                               "detail, prev_hash, hash FROM events ORDER BY seq"):
        if seq != expected_seq or prev_hash != expected_prev:
            sys.exit("chain broken at #%d" % seq)
        if event_hash(prev_hash, seq, incident_id or 0, time_us, kind, actor, host, summary,
                      detail) != stored:
            sys.exit("event #%d does not match its hash" % seq)
        # Taiou also checks an incident row against its creation event; there are none here.
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
    elif len(sys.argv) == 3 and sys.argv[1] == "verify":
        verify(sys.argv[2])
    else:
        sys.exit("usage: bench-timeline.py append DB N | verify DB")
