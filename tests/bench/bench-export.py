#!/usr/bin/env python3
# bench-export.py — the comparison for bench-export.c: the same Timesketch JSONL, written by
# python3 with its sqlite3 module (the same system SQLite library Taiou links) from the same
# database.
#
#   bench-export.py DB INCIDENT_ID OUTPUT EXPORTED_US EXPORTED_ON EXPORTED_BY
#
# Reads the incident row and its events in sequence order and writes, line for line and byte for
# byte, what taiou_export_incident (TAIOU_EXPORT_FORMAT_TIMESKETCH_JSONL) writes
# (src/libtaiou/export/taiou-export-timesketch.c): a "Discovered" marker, one line per event, an
# "Exported" marker; then fsyncs the file as Taiou does.  The benchmark's texts are far shorter
# than Taiou's 16 KiB cut, so the cut is not reproduced.  Prints the seconds from the first
# query to the fsync.
import json
import os
import sqlite3
import sys
import time


def iso(time_us):
    seconds, micro = divmod(time_us, 1_000_000)
    tm = time.gmtime(seconds)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06d+00:00" % (
        tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micro)


def text(value):
    return json.dumps(value, ensure_ascii=False)


def main():
    db, incident_id, output, exported_us, exported_on, exported_by = sys.argv[1:7]
    incident_id = int(incident_id)
    exported_us = int(exported_us)
    connection = sqlite3.connect(db)
    start = time.perf_counter()
    uuid, title, created_us, discovered_us, host, reporter = connection.execute(
        "SELECT uuid, title, created_us, discovered_us, host, reporter FROM incidents "
        "WHERE id = ?", (incident_id,)).fetchone()
    common = ',"incident":%d,"incident_uuid":%s' % (incident_id, text(uuid))
    n_events = 0
    head = None
    with open(output, "w", encoding="utf-8", buffering=1 << 16) as out:
        out.write('{"message":%s,"datetime":"%s","timestamp":%d,"timestamp_desc":"Discovered",'
                  '"data_type":"taiou:marker"%s,"kind":"incident.discovered","actor":%s,'
                  '"host":%s}\n' % (text("Incident #%d discovered: %s" % (incident_id, title)),
                                    iso(discovered_us), discovered_us, common, text(reporter),
                                    text(host)))
        for seq, time_us, kind, actor, event_host, summary, detail, hash_ in connection.execute(
                "SELECT seq, time_us, kind, actor, host, summary, detail, hash FROM events "
                "WHERE incident_id = ? ORDER BY seq", (incident_id,)):
            out.write('{"message":%s,"datetime":"%s","timestamp":%d,"timestamp_desc":"Recorded",'
                      '"data_type":"taiou:event"%s,"seq":%d,"kind":%s,"actor":%s,"host":%s,'
                      '"hash":%s,"detail":%s}\n' % (text(summary), iso(time_us), time_us, common,
                                                    seq, text(kind), text(actor),
                                                    text(event_host), text(hash_), text(detail)))
            n_events += 1
            head = hash_
        out.write('{"message":%s,"datetime":"%s","timestamp":%d,"timestamp_desc":"Exported",'
                  '"data_type":"taiou:marker"%s,"kind":"timeline.exported","actor":%s,'
                  '"host":%s%s}\n'
                  % (text("Taiou export of incident #%d: %d events, last hash %s"
                          % (incident_id, n_events, head if head is not None else "-")),
                     iso(exported_us), exported_us, common, text(exported_by), text(exported_on),
                     ',"hash":%s' % text(head) if head is not None else ""))
        out.flush()
        os.fsync(out.fileno())
    print("%.6f" % (time.perf_counter() - start))


if __name__ == "__main__":
    main()
