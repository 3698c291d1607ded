#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Cross-check the deterministic ECDSA vectors of crypto/ecdsa_sign_kunit.c.

The KUnit suite carries RFC 6979 appendix A.2.5 (P-256) and A.2.6 (P-384)
keys and messages. This script recomputes, with an implementation that is
not ours (OpenSSL >= 3.2 through python3-cryptography's
deterministic_signing, which is RFC 6979 with HMAC over the message hash),
the DER signature of every case and prints them as C hex tables; it also
recomputes r = x(k*G) mod n from the RFC's k with plain Python integers,
so the k values in the tables are checked too. Every DER signature is
verified with `openssl pkeyutl -verify` of the host as well.

Usage: tests/tools/ecdsa-sign-vectors.py   (exit status 0 when all agree)
"""
import hashlib
import os
import subprocess
import sys
import tempfile

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    Prehashed, decode_dss_signature)

CURVES = {
    "p256": (ec.SECP256R1(),
             0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF,
             0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
             -3,
             0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
             0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
             32),
    "p384": (ec.SECP384R1(),
             int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE"
                 "FFFFFFFF0000000000000000FFFFFFFF", 16),
             int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
                 "581A0DB248B0A77AECEC196ACCC52973", 16),
             -3,
             int("AA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A38"
                 "5502F25DBF55296C3A545E3872760AB7", 16),
             int("3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C0"
                 "0A60B1CE1D7E819D7A431D7C90EA0E5F", 16),
             48),
}

# RFC 6979 A.2.5 / A.2.6 private keys.
KEYS = {
    "p256": 0xC9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721,
    "p384": int("6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8"
                "96D5724E4C70A825F872C9EA60D2EDF5", 16),
}

# (curve, hash, message, k from the RFC or None)
CASES = [
    ("p256", "sha256", b"sample",
     0xA6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60),
    ("p256", "sha256", b"test",
     0xD16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0),
    ("p256", "sha512", b"sample",
     0x5FA81C63109BADB88C1F367B47DA606DA28CAD69AA22C4FE6AD7DF73A7173AA5),
    ("p384", "sha384", b"sample",
     int("94ED910D1A099DAD3254E9242AE85ABDE4BA15168EAF0CA87A555FD56D10FBCA"
         "2907E3E83BA95368623B8C4686915CF9", 16)),
    ("p384", "sha384", b"test",
     int("015EE46A5BF88773ED9123A5AB0807962D193719503C527B031B4C2D225092AD"
         "A71F4A459BC0DA98ADB95837DB8312EA", 16)),
    ("p384", "sha256", b"sample", None),
    ("p384", "sha512", b"sample", None),
    # the first "sample <i>" whose r or s has a zero top octet (here r):
    # the DER INTEGER is then shorter than the order
    ("p256", "sha256", b"sample 51", None),
]

HASHES = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(),
          "sha512": hashes.SHA512()}


def inv(a, m):
    return pow(a, -1, m)


def point_add(P, Q, p):
    if P is None:
        return Q
    if Q is None:
        return P
    if P[0] == Q[0] and (P[1] + Q[1]) % p == 0:
        return None
    if P == Q:
        lam = (3 * P[0] * P[0] - 3) * inv(2 * P[1], p) % p
    else:
        lam = (Q[1] - P[1]) * inv(Q[0] - P[0], p) % p
    x = (lam * lam - P[0] - Q[0]) % p
    return (x, (lam * (P[0] - x) - P[1]) % p)


def mult(k, P, p):
    R = None
    while k:
        if k & 1:
            R = point_add(R, P, p)
        P = point_add(P, P, p)
        k >>= 1
    return R


def c_hex(name, data):
    out = ["static const u8 %s[] = {" % name]
    for i in range(0, len(data), 8):
        out.append("\t" + " ".join("0x%02x," % b for b in data[i:i + 8]))
    out.append("};")
    return "\n".join(out)


def main():
    ok = True
    for curve, hname, msg, k in CASES:
        cobj, p, n, _a, gx, gy, nbytes = CURVES[curve]
        d = KEYS[curve]
        key = ec.derive_private_key(d, cobj)
        digest = hashlib.new(hname, msg).digest()
        sig = key.sign(digest, ec.ECDSA(Prehashed(HASHES[hname]),
                                       deterministic_signing=True))
        r, s = decode_dss_signature(sig)
        tag = "%s_%s_%s" % (curve, hname, msg.decode().replace(" ", "_"))
        if k is not None:
            rk = mult(k, (gx, gy), p)[0] % n
            qlen = n.bit_length()
            e = int.from_bytes(digest, "big")
            if len(digest) * 8 > qlen:
                e >>= len(digest) * 8 - qlen
            sk = inv(k, n) * (e + rk * d) % n
            if (rk, sk) != (r, s):
                print("MISMATCH k for", tag, file=sys.stderr)
                ok = False
        pub = key.public_key().public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo)
        with tempfile.TemporaryDirectory() as tmp:
            for fname, data in (("pub.pem", pub), ("sig", sig), ("dgst", digest)):
                with open(os.path.join(tmp, fname), "wb") as f:
                    f.write(data)
            res = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin",
                                  "-inkey", "pub.pem", "-in", "dgst",
                                  "-sigfile", "sig"], cwd=tmp,
                                 capture_output=True, text=True)
            if res.returncode:
                print("openssl pkeyutl -verify failed for", tag, file=sys.stderr)
                ok = False
        print("/* %s: r = %0*X */" % (tag, 2 * nbytes, r))
        print("/*        s = %0*X */" % (2 * nbytes, s))
        print(c_hex("der_" + tag, sig))
    pub256 = ec.derive_private_key(KEYS["p256"], ec.SECP256R1()).public_key()
    pub384 = ec.derive_private_key(KEYS["p384"], ec.SECP384R1()).public_key()
    for tag, pk in (("p256", pub256), ("p384", pub384)):
        print(c_hex("pub_" + tag, pk.public_bytes(
            serialization.Encoding.X962,
            serialization.PublicFormat.UncompressedPoint)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
