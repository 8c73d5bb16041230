#!/usr/bin/env python3
"""Fill translations into a .po file from a JSON object {msgid: msgstr} (or
{msgid: [msgstr[0], …]} for plural entries; a key "context\u0004msgid" fills only the entry with
that msgctxt, which a plain msgid key fills otherwise); the fuzzy flag and previous msgids of filled
entries are dropped.  Used after `msgmerge` when strings are added:

    build-aux/po-fill.py /tmp/merged.po translations.json
"""
import json
import re
import sys


def unquote(block, key):
    m = re.search(r'^' + re.escape(key) + r' ((?:".*"\n?)+)', block, re.M)
    if not m:
        return None
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
    raw = "".join(parts)
    return json.loads('"' + raw.replace('\\\'', "'") + '"')


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def main():
    po_path, table_path = sys.argv[1], sys.argv[2]
    table = json.load(open(table_path, encoding="utf-8"))
    entries = open(po_path, encoding="utf-8").read().split("\n\n")
    used = set()
    for i, entry in enumerate(entries):
        msgid = unquote(entry, "msgid")
        context = unquote(entry, "msgctxt")
        key = msgid
        if context is not None and context + "\x04" + msgid in table:
            key = context + "\x04" + msgid
        if key not in table or msgid == "":
            continue
        used.add(key)
        value = table[key]
        entry = re.sub(r'^#\| .*\n', "", entry, flags=re.M)
        entry = re.sub(r'^#, fuzzy, ', "#, ", entry, flags=re.M)
        entry = re.sub(r'^#, fuzzy\n', "", entry, flags=re.M)
        if isinstance(value, list):
            for n, form in enumerate(value):
                entry = re.sub(r'^msgstr\[%d\] (".*"\n?)+' % n,
                               lambda m, f=form: "msgstr[%d] %s\n" % (n, quote(f)), entry,
                               flags=re.M)
        else:
            entry = re.sub(r'^msgstr (".*"\n?)+', lambda m: "msgstr %s\n" % quote(value), entry,
                           flags=re.M)
        entries[i] = entry.rstrip("\n")
    missing = set(table) - used
    if missing:
        sys.exit("not in %s: %s" % (po_path, ", ".join(sorted(missing))))
    open(po_path, "w", encoding="utf-8").write("\n\n".join(entries) + "\n")


if __name__ == "__main__":
    main()
