"""Interoperability probe between jwt-extended (Java) and PyJWT, the library flask-jwt-extended uses.

Usage (the secret is a fake test key passed by the Java test):
  pyjwt_interop.py create <secret>   -> prints a JSON list of {"name", "token", "claims"}: tokens laid out
                                        as flask-jwt-extended lays them out, signed by PyJWT with HS256.
  pyjwt_interop.py verify <secret>   -> reads a JSON list of tokens on stdin, verifies each with PyJWT
                                        (HS256 only, no audience check) and prints a JSON list of
                                        {"header", "claims"} or {"error"} per token.
Only the standard library and PyJWT are used.
"""
import json
import sys
import time
import uuid

import jwt


def reference_claims(identity, token_type, fresh, lifetime, extra=None):
    """The payload in flask-jwt-extended's order: fresh, iat, jti, type, sub, nbf, csrf, exp, then extras."""
    now = int(time.time())
    claims = {
        "fresh": fresh,
        "iat": now,
        "jti": str(uuid.uuid4()),
        "type": token_type,
        "sub": identity,
        "nbf": now,
        "csrf": str(uuid.uuid4()),
    }
    if lifetime is not None:
        claims["exp"] = now + lifetime
    claims.update(extra or {})
    return claims


def create(secret):
    cases = [
        ("access", reference_claims("alice", "access", False, 900)),
        ("fresh_access", reference_claims("alice", "access", True, 900)),
        ("fresh_float", reference_claims("bob", "access", time.time() + 600, 900)),
        ("refresh", reference_claims("alice", "refresh", False, 2592000)),
        ("extra_claims", reference_claims("carol", "access", False, 900,
                                          {"roles": ["admin", "ops"], "n": 42, "ok": True, "name": "Zo\u00eb \u2603"})),
        ("no_exp", reference_claims("dave", "access", False, None)),
        ("minimal", {"sub": "erin"}),
    ]
    out = []
    for name, claims in cases:
        token = jwt.encode(claims, secret, algorithm="HS256")
        if isinstance(token, bytes):  # PyJWT 1.x
            token = token.decode("ascii")
        out.append({"name": name, "token": token, "claims": claims})
    json.dump(out, sys.stdout)


def verify(secret):
    tokens = json.load(sys.stdin)
    out = []
    for token in tokens:
        try:
            claims = jwt.decode(token, secret, algorithms=["HS256"], options={"verify_aud": False})
            out.append({"header": jwt.get_unverified_header(token), "claims": claims})
        except jwt.PyJWTError as e:
            out.append({"error": type(e).__name__})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    mode, key = sys.argv[1], sys.argv[2]
    {"create": create, "verify": verify}[mode](key)
