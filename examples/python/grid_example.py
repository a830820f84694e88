#!/usr/bin/env python3
"""The Identity Search Grid from Python's standard library alone: create a gallery, enrol templates (a .npy body),
search with a probe for a stated purpose, and read the force's audit. No packages to install.

Environment:
  GRID_ENDPOINT   the API, e.g. https://localhost:8443/ (default)
  GRID_CA_FILE    the grid's CA certificate (PEM) -- the only authority trusted for the connection
  GRID_API_KEY    a key with the roles force-admin, enroller, searcher and auditor (or GRID_KEY_FILE: a file holding it)
  GRID_FORCE      the key's force (default NL)
Usage: grid_example.py [GALLERY_NAME]
A result is a candidate list for a trained examiner to review, never an identification.
"""
import json
import math
import os
import random
import ssl
import struct
import sys
import urllib.error
import urllib.request
import uuid

ENDPOINT = os.environ.get("GRID_ENDPOINT", "https://localhost:8443/").rstrip("/") + "/"
KEY = os.environ.get("GRID_API_KEY") or open(os.environ["GRID_KEY_FILE"]).read().strip()
FORCE = os.environ.get("GRID_FORCE", "NL")
GALLERY = sys.argv[1] if len(sys.argv) > 1 else "python-example"
DIMENSION = 512
# cafile given: Python loads that CA and not the system's roots, and checks the host name.
TLS = ssl.create_default_context(cafile=os.environ["GRID_CA_FILE"])


def call(method, path, body=None, content_type="application/json"):
    """One request; a refusal exits with the problem's stable code and detail (RFC 9457)."""
    data = json.dumps(body).encode() if body is not None and content_type == "application/json" else body
    request = urllib.request.Request(ENDPOINT + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + KEY, "Accept": "application/json"})
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, context=TLS, timeout=120) as response:
            raw = response.read()
            return json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        problem = json.loads(error.read() or b"{}")
        sys.exit(f"{method} {path}: {error.code} {problem.get('code')}: {problem.get('detail') or problem.get('title')}")


def unit(vector):
    norm = math.sqrt(sum(x * x for x in vector))
    return [x / norm for x in vector]


def npy(rows):
    """A NumPy .npy file (version 1.0, little-endian float32, C order) without NumPy."""
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }" % (len(rows), DIMENSION)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    flat = [x for row in rows for x in row]
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin-1") + struct.pack("<%df" % len(flat), *flat)


def multipart(subjects, templates):
    """The enrolment body: the subjects part first, then the .npy part."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"subjects\"\r\nContent-Type: text/plain\r\n\r\n"
            + "".join(s + "\n" for s in subjects) + "\r\n").encode()
    body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"templates\"; filename=\"templates.npy\"\r\n"
             "Content-Type: application/x-npy\r\n\r\n").encode() + npy(templates) + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def main():
    rng = random.Random(7)
    subjects = [f"py-{i:04d}" for i in range(20)]
    templates = [unit([rng.gauss(0, 1) for _ in range(DIMENSION)]) for _ in subjects]
    gallery = f"v1/galleries/{FORCE}/{GALLERY}"

    me = call("GET", "v1/me")
    print(f"signed in as {me['force']}:{me['user']} with roles {', '.join(me['roles'])}")
    info = call("PUT", gallery, {"engine": "exact", "shardCount": 2, "category": "Suspect"})
    print(f"gallery {info['id']}: {info['config']['shardCount']} shards, engine {info['config']['engine']}")

    body, content_type = multipart(subjects, templates)
    enrolled = call("POST", gallery + "/templates", body, content_type)
    print(f"enrolled: {enrolled['added']} added, {enrolled['alreadyPresent']} already present")

    probe = unit([x + rng.gauss(0, 0.02) for x in templates[7]])  # another photo of subject 7, roughly
    result = call("POST", "v1/search", {
        "galleries": [f"{FORCE}/{GALLERY}"], "probe": probe, "k": 3,
        "purpose": {"offence": "organised-armed-robbery", "caseReference": "PY-EXAMPLE-1", "subject": "Suspect",
                    "justification": "Example search from Python's standard library"},
    })
    coverage = result["coverage"]
    print(f"candidates for review ({coverage['answered']}/{coverage['asked']} shards answered):")
    for c in result["candidates"]:
        print(f"  rank {c['rank']}: {c['force']}/{c['gallery']} {c['subjectRef']} score {c['score']:.4f}")

    audit = call("GET", f"v1/forces/{FORCE}/audit")
    for entry in audit["entries"][-3:]:
        print(f"audit #{entry['seq']} {entry['kind']} by {entry['actor']}: {entry['detail'][:60]}")
    verified = call("GET", f"v1/forces/{FORCE}/audit/verify")
    print(f"audit chain {'intact' if verified['intact'] else 'TAMPERED'}: {verified['entries']} entries")
    return 0 if result["candidates"] and result["candidates"][0]["subjectRef"] == "py-0007" and verified["intact"] else 1


if __name__ == "__main__":
    sys.exit(main())
