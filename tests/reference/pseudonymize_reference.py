"""Reference HMAC-SHA256 pseudonyms for lib/governance/pseudonymize_test.ts.

Python's standard hmac and hashlib modules (RFC 2104 HMAC over SHA-256), keys as hex, ids as the
UTF-8 bytes of the normalised id text. Writes tests/fixtures/pseudonymize_reference.json.
Run: python3 tests/reference/pseudonymize_reference.py
"""
import hashlib
import hmac
import json
import pathlib
import sys

KEYS = [
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
    "00112233445566778899aabbccddeeff",
]
IDS = ["17850", "12346", "C-001", "0042", "ÄÖÜ-7"]

cases = []
for key in KEYS:
    for cid in IDS:
        digest = hmac.new(bytes.fromhex(key), cid.encode("utf-8"), hashlib.sha256).hexdigest()
        cases.append({"key": key, "id": cid, "hmac_sha256": digest})

out = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "pseudonymize_reference.json"
out.write_text(
    json.dumps(
        {"source": f"Python {sys.version.split()[0]} hmac.new(key, id, hashlib.sha256)", "cases": cases},
        indent=1,
        ensure_ascii=False,
    )
    + "\n"
)
print(f"wrote {len(cases)} cases to {out}")
