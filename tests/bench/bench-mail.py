"""bench-mail.py — python3's email package reading the mails bench-mail.c checks, for comparison

    python3 bench-mail.py MAILS_FILE

MAILS_FILE holds the mails as bench-mail.c wrote them: each one a line with its length in ten
decimal digits, then its bytes.  Each mail is read the way a script reading mail would, and
as far as Taiou's check reads it before its rules: parsed (the standard library's parser with
its default policy, compat32: the modern one is about five times slower), its From, Reply-To
and Subject decoded (RFC 2047), each text part decoded to a string in its charset, each
attachment decoded and hashed, and each zip attachment opened and its members read and hashed.
No rule is run here.

Prints the seconds the loop took (the file is read and split before the clock starts).
"""
import email
import email.header
import hashlib
import io
import sys
import time
import zipfile


def split_mails(data):
    mails, pos = [], 0
    while pos < len(data):
        length = int(data[pos:pos + 10])
        pos += 11
        mails.append(data[pos:pos + length])
        pos += length
    return mails


def read_mail(raw):
    message = email.message_from_bytes(raw)
    for header in ("From", "Reply-To", "Subject"):
        str(email.header.make_header(email.header.decode_header(message.get(header, ""))))
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        if part.get_content_maintype() == "text" and part.get_filename() is None:
            payload.decode(part.get_content_charset("us-ascii"), errors="replace")
            continue
        hashlib.sha256(payload).hexdigest()
        if payload.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(payload)) as archive:
                for member in archive.infolist():
                    hashlib.sha256(archive.read(member)).hexdigest()


def main():
    with open(sys.argv[1], "rb") as f:
        mails = split_mails(f.read())
    start = time.perf_counter()
    for raw in mails:
        read_mail(raw)
    print("%.6f" % (time.perf_counter() - start))


if __name__ == "__main__":
    main()
