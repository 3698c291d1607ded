#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write crypto/rsa_pss_vectors.h, the known answers of crypto/rsa_pss_kunit.c.

Independent of the kernel code under test:
  * the test keys are fixed PEM files in tests/tools/rsa-pss/ (made once with
    `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:N`); the DER
    forms the kernel takes come from `openssl rsa -RSAPublicKey_out` and
    `openssl rsa -traditional`;
  * "openssl" vectors are signatures made by OpenSSL itself
    (`openssl pkeyutl -sign -pkeyopt rsa_padding_mode:pss
    -pkeyopt rsa_pss_saltlen:<digest|0|max> -pkeyopt digest:<hash>`) with a
    random salt: the kernel must verify the saltlen=digest ones and reject the
    others (TLS 1.3 requires salt length = hash length);
  * "fixed salt" vectors are EMSA-PSS encoded here (RFC 8017 9.1.1, written
    from the RFC with Python's hashlib) and signed with pow(EM, d, n); every
    one is then checked with `openssl pkeyutl -verify ... saltlen:digest`
    before it is written, so the expected signature the kernel signer must
    reproduce byte for byte is one OpenSSL accepts;
  * "malformed" vectors are correct RSA signatures over deliberately broken
    encodings (trailer, top bit, padding byte, 0x01 separator, wrong H); the
    generator checks that OpenSSL rejects each of them.

Re-running changes the OpenSSL vectors (random salts); the rest is
deterministic.  Usage: tests/tools/gen-rsa-pss-vectors.py > crypto/rsa_pss_vectors.h
"""

import hashlib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KEYDIR = os.path.join(HERE, "rsa-pss")
HASHES = {"sha256": 32, "sha384": 48, "sha512": 64}


def openssl(*args, data=None, check=True):
    r = subprocess.run(["openssl", *args], input=data, capture_output=True)
    if check and r.returncode:
        sys.exit("openssl %s: %s" % (" ".join(args), r.stderr.decode()))
    return r


def der_ints(der):
    """The INTEGERs of a DER SEQUENCE of INTEGERs (PKCS#1 keys)."""
    def length(b, i):
        n = b[i]
        if n < 0x80:
            return n, i + 1
        k = n & 0x7f
        return int.from_bytes(b[i + 1:i + 1 + k], "big"), i + 1 + k

    assert der[0] == 0x30
    end, i = length(der, 1)
    end += i
    out = []
    while i < end:
        assert der[i] == 0x02
        n, i = length(der, i + 1)
        out.append(int.from_bytes(der[i:i + n], "big"))
        i += n
    return out


class Key:
    def __init__(self, bits):
        self.name = "key%d" % bits
        self.pem = os.path.join(KEYDIR, self.name + ".pem")
        self.pub_der = openssl("rsa", "-in", self.pem, "-RSAPublicKey_out",
                               "-outform", "DER").stdout
        self.priv_der = openssl("rsa", "-in", self.pem, "-traditional",
                                "-outform", "DER").stdout
        ints = der_ints(self.priv_der)
        self.n, self.e, self.d = ints[1], ints[2], ints[3]
        assert der_ints(self.pub_der) == [self.n, self.e]
        self.bits = self.n.bit_length()
        assert self.bits == bits
        self.k = (self.bits + 7) // 8


def mgf1(seed, length, h):
    out = b""
    c = 0
    while len(out) < length:
        out += hashlib.new(h, seed + c.to_bytes(4, "big")).digest()
        c += 1
    return out[:length]


def pss_encode(mhash, salt, embits, h, defect=None):
    """EMSA-PSS-ENCODE (RFC 8017 9.1.1) from mHash; defect breaks one rule."""
    hlen = HASHES[h]
    emlen = (embits + 7) // 8
    hh = hashlib.new(h, b"\0" * 8 + mhash + salt).digest()
    if defect == "hash":
        hh = bytes([hh[0] ^ 1]) + hh[1:]
    ps = bytearray(emlen - len(salt) - hlen - 2)
    sep = 1
    if defect == "padding":
        ps[len(ps) // 2] = 0x40
    if defect == "separator":
        sep = 2
    db = bytes(ps) + bytes([sep]) + salt
    masked = bytearray(a ^ b for a, b in zip(db, mgf1(hh, len(db), h)))
    masked[0] &= 0xff >> (8 * emlen - embits)
    if defect == "topbit":
        masked[0] |= 0x80
    trailer = 0xbd if defect == "trailer" else 0xbc
    return bytes(masked) + hh + bytes([trailer])


def raw_sign(key, em):
    m = int.from_bytes(em, "big")
    assert m < key.n
    return pow(m, key.d, key.n).to_bytes(key.k, "big")


def ossl_sign(key, h, mhash, saltlen):
    with tempfile.NamedTemporaryFile() as f:
        f.write(mhash)
        f.flush()
        return openssl("pkeyutl", "-sign", "-inkey", key.pem, "-in", f.name,
                       "-pkeyopt", "rsa_padding_mode:pss",
                       "-pkeyopt", "rsa_pss_saltlen:" + saltlen,
                       "-pkeyopt", "digest:" + h).stdout


def ossl_verifies(key, h, mhash, sig):
    with tempfile.TemporaryDirectory() as d:
        paths = [os.path.join(d, x) for x in ("m", "s")]
        for p, b in zip(paths, (mhash, sig)):
            with open(p, "wb") as f:
                f.write(b)
        r = openssl("pkeyutl", "-verify", "-inkey", key.pem, "-in", paths[0],
                    "-sigfile", paths[1],
                    "-pkeyopt", "rsa_padding_mode:pss",
                    "-pkeyopt", "rsa_pss_saltlen:digest",
                    "-pkeyopt", "digest:" + h, check=False)
        return r.returncode == 0


def c_bytes(name, b, comment):
    lines = ["/* %s */" % comment, "static const u8 %s[] = {" % name]
    for i in range(0, len(b), 11):
        lines.append("\t" + " ".join("0x%02x," % x for x in b[i:i + 11]))
    lines.append("};")
    return "\n".join(lines) + "\n"


def main():
    keys = {b: Key(b) for b in (1024, 2048, 3072)}
    out = []
    emit = out.append

    for key in keys.values():
        emit(c_bytes(key.name + "_pub", key.pub_der,
                     "%s: RSAPublicKey, %d-bit modulus" % (key.name, key.bits)))
        emit(c_bytes(key.name + "_priv", key.priv_der,
                     "%s: RSAPrivateKey" % key.name))
        emit(c_bytes(key.name + "_n", key.n.to_bytes(key.k, "big"),
                     "%s: modulus n, big-endian" % key.name))

    digests = {}
    for h in HASHES:
        digests[h] = hashlib.new(h, ("rsa-pss kat " + h).encode()).digest()
        emit(c_bytes("digest_" + h, digests[h],
                     '%s("rsa-pss kat %s")' % (h.upper(), h)))

    # (name, key, hash, saltlen) made by OpenSSL
    ossl = [("ossl_2048_sha256", 2048, "sha256", "digest"),
            ("ossl_2048_sha384", 2048, "sha384", "digest"),
            ("ossl_2048_sha512", 2048, "sha512", "digest"),
            ("ossl_3072_sha512", 3072, "sha512", "digest"),
            ("ossl_2048_sha256_salt0", 2048, "sha256", "0"),
            ("ossl_2048_sha256_saltmax", 2048, "sha256", "max"),
            ("ossl_2048_sha384_salt32", 2048, "sha384", "32")]
    for name, bits, h, sl in ossl:
        key = keys[bits]
        sig = ossl_sign(key, h, digests[h], sl)
        assert len(sig) == key.k
        assert ossl_verifies(key, h, digests[h], sig) == (sl == "digest")
        emit(c_bytes(name, sig, "openssl pkeyutl -sign %s, %s, saltlen:%s"
                     % (key.name, h, sl)))

    # Fixed salts: bytes 0xa0, 0xa1, ... (hash length of them)
    fixed = [("fixed_2048_sha256", 2048, "sha256"),
             ("fixed_2048_sha384", 2048, "sha384"),
             ("fixed_2048_sha512", 2048, "sha512"),
             ("fixed_3072_sha512", 3072, "sha512")]
    salt = bytes(range(0xa0, 0xa0 + 64))
    emit(c_bytes("fixed_salt", salt,
                 "fixed salt: the first hash-length bytes are used"))
    for name, bits, h in fixed:
        key = keys[bits]
        em = pss_encode(digests[h], salt[:HASHES[h]], key.bits - 1, h)
        sig = raw_sign(key, em)
        assert ossl_verifies(key, h, digests[h], sig)
        emit(c_bytes(name, sig, "EMSA-PSS(%s, fixed salt) signed with %s; "
                     "openssl verifies it" % (h, key.name)))

    key = keys[2048]
    for defect in ("trailer", "topbit", "padding", "separator", "hash"):
        em = pss_encode(digests["sha256"], salt[:32], key.bits - 1,
                        "sha256", defect)
        sig = raw_sign(key, em)
        assert not ossl_verifies(key, "sha256", digests["sha256"], sig)
        emit(c_bytes("bad_" + defect, sig, "key2048, sha256, fixed salt, "
                     "EM with a bad %s; openssl rejects it" % defect))

    print("/* SPDX-License-Identifier: GPL-2.0-only */")
    print("/*")
    print(" * RSA-PSS known answers for crypto/rsa_pss_kunit.c, generated by")
    print(" * tests/tools/gen-rsa-pss-vectors.py (see there for provenance).")
    print(" * Do not edit.")
    print(" */")
    print("#ifndef _CRYPTO_RSA_PSS_VECTORS_H")
    print("#define _CRYPTO_RSA_PSS_VECTORS_H")
    print()
    print("\n".join(out))
    print("#endif /* _CRYPTO_RSA_PSS_VECTORS_H */")


if __name__ == "__main__":
    main()
