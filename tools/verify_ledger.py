#!/usr/bin/env python3
"""Verify a PartnerLedger ledger directory without the Swift code.

Reads the LMDB environment read-only with py-lmdb (`pip install lmdb`) and recomputes
the hash chain by the storage format's written rule (Sources/EventLog/StorageFormat.swift):

- database `events`: key = 8-byte big-endian position, value = 32-byte digest of the
  previous event (zeros for position 1) followed by the event's body: a 49-byte binary
  header, the names, and the payload (a UTF-8 JSON object) to the end of the value;
- digest(n) = SHA-256(key(n) || value(n)), digest(0) = 32 zero bytes;
- database `meta`, key `head`: 8-byte big-endian position, 32-byte digest, 8-byte
  big-endian recorded time; key `format`: the decimal format version.

Positions must run 1, 2, 3 ... without a gap, each value must start with the digest of
its predecessor, and the head record must name the last position and its digest.

Usage:
    verify_ledger.py LEDGER [--list] [--expect-head HEX]

Prints `ok N events, head <hex>` and exits 0, or `broken at position P: reason` and
exits 1. With --list, first prints one line per event: position, stream, type and
occurredAt, separated by tabs. Exits 2 when the directory is not a ledger it can read.
"""

import argparse
import datetime
import hashlib
import json
import struct
import sys
import uuid

try:
    import lmdb
except ImportError:
    sys.stderr.write("verify_ledger.py needs the lmdb module: pip install lmdb\n")
    sys.exit(2)

SUPPORTED_FORMAT = 1
DIGEST_SIZE = 32
HEAD_SIZE = 8 + DIGEST_SIZE + 8


class NotALedger(Exception):
    pass


class Broken(Exception):
    def __init__(self, position, reason):
        super().__init__(reason)
        self.position = position
        self.reason = reason


def open_database(env, name):
    try:
        return env.open_db(name.encode("ascii"), create=False)
    except lmdb.NotFoundError:
        raise NotALedger(f"it has no database named {name}")


def check_format(txn, meta):
    stored = txn.get(b"format", db=meta)
    if stored is None:
        raise NotALedger("its meta database holds no format version")
    try:
        found = int(stored.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise NotALedger(f"the format version {stored!r} is not a number")
    if found > SUPPORTED_FORMAT:
        raise NotALedger(
            f"it has storage format {found}, newer than the format {SUPPORTED_FORMAT} this verifier reads")


HEADER = struct.Struct(">B16sQqqHBHBBB")  # layout, id, stream version, occurredAt, recordedAt,
                                           # type version, flags, lengths of stream, type, recordedBy, source


def iso(milliseconds):
    moment = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(milliseconds=milliseconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def decode_body(position, value):
    """The envelope fields and payload of a stored value, following the body layout."""
    body = value[DIGEST_SIZE:]
    if len(body) < HEADER.size:
        raise Broken(position, "the body is shorter than its header")
    (layout, event_id, stream_version, occurred_at, recorded_at, type_version, flags,
     stream_length, type_length, recorded_by_length, source_length) = HEADER.unpack_from(body)
    if layout != 1:
        raise Broken(position, f"the body layout is {layout}, not 1")
    offset = HEADER.size + 16 * ((flags & 1) + ((flags >> 1) & 1))
    names = []
    for length in (stream_length, type_length, recorded_by_length, source_length):
        names.append(body[offset:offset + length].decode("utf-8"))
        offset += length
    try:
        payload = json.loads(body[offset:].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Broken(position, f"the payload is not UTF-8 JSON ({error})")
    if not isinstance(payload, dict):
        raise Broken(position, "the payload is not a JSON object")
    return {
        "id": str(uuid.UUID(bytes=event_id)), "stream": names[0], "streamVersion": stream_version,
        "type": names[1], "typeVersion": type_version, "occurredAt": iso(occurred_at),
        "recordedAt": iso(recorded_at), "recordedBy": names[2], "source": names[3], "payload": payload,
    }


def verify_chain(txn, events, listing):
    """Walks the events in key order; returns (count, digest of the last event)."""
    digest = bytes(DIGEST_SIZE)
    expected = 1
    for key, value in txn.cursor(db=events):
        if len(key) != 8:
            raise Broken(expected, f"a key is {len(key)} bytes, not 8")
        position = int.from_bytes(key, "big")
        if position != expected:
            raise Broken(expected, f"position {expected} is missing (the next stored key is {position})")
        if len(value) <= DIGEST_SIZE:
            raise Broken(position, "the stored value is too short to hold a link and a body")
        if value[:DIGEST_SIZE] != digest:
            raise Broken(position, f"the stored link does not match the digest of position {position - 1}")
        if listing:
            body = decode_body(position, value)
            print(f"{position}\t{body.get('stream')}\t{body.get('type')}\t{body.get('occurredAt')}")
        else:
            decode_body(position, value)
        digest = hashlib.sha256(key + value).digest()
        expected += 1
    return expected - 1, digest


def check_head(txn, meta, count, digest):
    record = txn.get(b"head", db=meta)
    if record is None or len(record) != HEAD_SIZE:
        raise Broken(count + 1, "the head record is missing or not 48 bytes")
    position = int.from_bytes(record[:8], "big")
    stored_digest = record[8:8 + DIGEST_SIZE]
    if position != count:
        raise Broken(min(position, count) + 1,
                     f"the head record names position {position}, but the log ends at {count}")
    if stored_digest != digest:
        raise Broken(count, f"the head record's digest {stored_digest.hex()} is not the recomputed {digest.hex()}")


def verify(path, listing):
    try:
        env = lmdb.open(path, readonly=True, create=False, subdir=True, max_dbs=16)
    except lmdb.Error as error:
        raise NotALedger(f"it is not an LMDB environment ({error})")
    try:
        meta = open_database(env, "meta")
        events = open_database(env, "events")
        with env.begin(buffers=False) as txn:
            check_format(txn, meta)
            count, digest = verify_chain(txn, events, listing)
            check_head(txn, meta, count, digest)
        return count, digest
    finally:
        env.close()


def main():
    parser = argparse.ArgumentParser(description="Verify a PartnerLedger ledger's hash chain.")
    parser.add_argument("ledger", help="the ledger directory (holding data.mdb)")
    parser.add_argument("--list", action="store_true", help="print position, stream, type and occurredAt of each event")
    parser.add_argument("--expect-head", metavar="HEX", help="a published head digest the ledger must still have")
    arguments = parser.parse_args()
    try:
        count, digest = verify(arguments.ledger, arguments.list)
    except NotALedger as error:
        print(f"{arguments.ledger} is not a ledger this verifier reads: {error}", file=sys.stderr)
        return 2
    except Broken as broken:
        print(f"broken at position {broken.position}: {broken.reason}")
        return 1
    if arguments.expect_head is not None and arguments.expect_head.lower() != digest.hex():
        print(f"broken at position {count}: the head digest {digest.hex()} is not the expected {arguments.expect_head.lower()}")
        return 1
    print(f"ok {count} events, head {digest.hex()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
