#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the fuzz targets' seed corpora: tests/fuzz/corpus/<target>/.

Usage: tests/fuzz/seeds.py [REPO]

The seeds are the project's own test vectors in the input format of each
target (see the comment at the top of each tests/fuzz/*.cpp): the RFC 8448
messages and records (net/handshake/tls13/tests/rfc8448_vectors.h, made by
scripts/rfc8448-vectors.py from the RFC's traces), and the certificates
and private keys of scripts/cert-vectors.sh and scripts/cred-vectors.sh
(tests/cert_vectors.h, tests/cred_vectors.h). Each file is named after
what it holds. Re-run after those vectors change; commit the result.
"""
import os
import re
import shutil
import struct
import sys

TOP = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..')
VEC = os.path.join(TOP, 'net/handshake/tls13/tests')
OUT = os.path.join(TOP, 'tests/fuzz/corpus')


def arrays(name):
    text = open(os.path.join(VEC, name)).read()
    out = {}
    for m in re.finditer(r'static const u8 (\w+)\[\][^=]*=\s*\{(.*?)\};',
                         text, re.S):
        out[m.group(1)] = bytes(int(x, 16) for x in
                                re.findall(r'0x([0-9a-fA-F]{2})', m.group(2)))
    return out


corpus = {}


def seed(target, name, data):
    corpus.setdefault(target, {})[name] = data


def u16(v):
    return struct.pack('>H', v)


def u32(v):
    return struct.pack('>I', v)


# --- msg: [selector][offered: u32][body] -----------------------------------
R = arrays('rfc8448_vectors.h')
ALL = 0x007fffff        # every extension index offered
SEL = {1: 0, 2: 1, 8: 2, 13: 3, 11: 4, 15: 5, 20: 6}
for name, msg in sorted(R.items()):
    if name.endswith(('_record', '_payload', '_prefix')) or len(msg) < 4:
        continue
    typ = msg[0]
    if typ not in SEL or int.from_bytes(msg[1:4], 'big') != len(msg) - 4:
        continue
    # a Finished of SHA-256 (bit 0 of offered clear)
    offered = ALL & ~1 if typ == 20 else ALL
    seed('msg', name, bytes([SEL[typ]]) + u32(offered) + msg[4:])
seed('msg', 'cert_request', bytes([3]) + u32(0) +
     bytes.fromhex('00 000a 000d 0006 0004 0403 0804'.replace(' ', '')))
# the extension block of RFC 8448's first ClientHello, in each context
ch = R['s3_client_hello'][4:]
sid = ch[34]
off = 35 + sid
off += 2 + int.from_bytes(ch[off:off + 2], 'big')
off += 1 + ch[off]
for ctx in range(7):
    seed('msg', 'ext_block_%d' % ctx, bytes([8]) + u32(ctx << 29 | ALL) +
         ch[off:])
# encoders: [7][what][size: u16][fields]
seed('msg', 'encode_certificate', bytes([7, 0]) + u16(600) +
     b'\x00' + b'\x02' + u16(3) + b'abc' + u16(2) + b'de')
seed('msg', 'encode_cert_request', bytes([7, 1]) + u16(100) +
     b'\x00' + b'\x02' + u16(0x0403) + u16(0x0804))
seed('msg', 'encode_cert_verify', bytes([7, 2]) + u16(100) + u16(0x0403) +
     u16(8) + b'signatur')
seed('msg', 'encode_sni_alpn', bytes([7, 3]) + u16(100) +
     b'\x0bserver.test' + b'\x06sunrpc')

# --- record: [selector][...] ------------------------------------------------
for name, rec in sorted(R.items()):
    if not name.endswith('_record'):
        continue
    seed('record', 'header_' + name, b'\x00' + bytes([rec[0] == 23]) + rec)
    if rec[0] == 23:
        seed('record', 'open_' + name, b'\x01\x00' + u32(0) + rec)
seed('record', 'seal_handshake', b'\x02\x00\x16' + u16(0) + b'\x00' +
     R['s3_encrypted_extensions'])
seed('record', 'seal_alert_padded', b'\x02\x03\x15' + u16(100) + b'\x00' +
     b'\x02\x28')
seed('record', 'frame', b'\x03\x16' + u16(0x0301) + u16(200) + u16(150))

# --- cert: [policy][world: 5][now: u32][n] + n x [model: 5][len: u16][DER]
C = arrays('cert_vectors.h')
NOW = 1780272000 >> 2
RSA_2048 = 0x01         # model: 2048-bit modulus, e = 65537
SHA256_ECDSA, SHA256_RSA = 0x00, 0x08


def algo_of(name):
    if 'rsa' in name:
        return 2
    return 1 if 'p384' in name else 0


def chain_seed(name, names, policy=0x0b, anchored=True):
    """names: leaf first; certificate i is issued by i+1, the last one by
    an anchor (when anchored)."""
    n = len(names)
    body = b''
    for i, cn in enumerate(names):
        issuer_rsa = i + 1 < n and algo_of(names[i + 1]) == 2
        issuer_rsa = issuer_rsa or (i + 1 == n and 'rsa' in cn)
        model = bytes([algo_of(cn) << 5 | (i + 1), i + 2, 0,
                       SHA256_RSA if issuer_rsa else SHA256_ECDSA, RSA_2048])
        body += model + u16(len(C[cn])) + C[cn]
    anchors = 1 << (n + 1) if anchored else 0
    world = u32(anchors) + b'\x00'
    seed('cert', name, bytes([policy]) + world + u32(NOW) + bytes([n]) + body)


if 'server_p256_der' in C:
    chain_seed('server_p256_ica', ['server_p256_der', 'ica_der'])
    chain_seed('server_p256_ip', ['server_p256_der', 'ica_der'],
               policy=0x13)
    chain_seed('server_p256_untrusted', ['server_p256_der', 'ica_der'],
               anchored=False)
for cn in sorted(C):
    if cn.endswith('_der') and cn not in ('server_p256_der',):
        client = 'client' in cn
        chain_seed('leaf_' + cn[:-4], [cn, 'ica_der'] if 'ica' not in cn
                   else [cn], policy=0x07 if client else 0x0b)
long = sorted(c for c in C if c.startswith('long_ica'))
if 'long_leaf_der' in C and long:
    chain_seed('long_chain', ['long_leaf_der'] + long[::-1][:7])

# --- cred: [leaf model: 5][world: 5][chain length: u16][chain][key] ------
K = arrays('cred_vectors.h')


def cred_seed(name, certs, key, algo):
    chain = b''.join(K[c] for c in certs)
    model = bytes([algo << 5 | 1, 2, 0, SHA256_ECDSA, RSA_2048])
    seed('cred', name, model + u32(0) + b'\x00' + u16(len(chain)) + chain +
         K[key])


for key in sorted(K):
    if '_key_' not in key:
        continue
    leaf = key.split('_key_')[0] + '_der'
    if leaf not in K:
        leaf = 'cred_p256_der'
    algo = 2 if 'rsa' in key else 1 if 'p384' in key else 0
    cred_seed(key, [leaf], key, algo)
if 'cred_p256_der' in K and 'cred_ca_der' in K:
    cred_seed('chain_p256_ca', ['cred_p256_der', 'cred_ca_der'],
              'cred_p256_key_pkcs8', 0)

# --- hs: [setup][suites][world: 5][certificate model: 5][edits] ----------
# world: the anchor of id 2; model: a P-256 leaf, id 1, issued by 2
WORLD = u32(1 << 2) + b'\x00'
LEAF = bytes([0 << 5 | 1, 2, 0, SHA256_ECDSA, RSA_2048])
SETUPS = {'psk_dhe': 0x00, 'psk_ke': 0x04, 'cert': 0x01, 'mtls': 0x03,
          'psk_hrr': 0x08, 'cert_hrr': 0x09, 'mtls_hrr': 0x0b,
          'alpn_sni': 0x30, 'cert_alpn_sni': 0x31, 'unknown_psk': 0x40}
for name, setup in SETUPS.items():
    for rot in range(4) if name in ('psk_dhe', 'cert') else (0,):
        seed('hs', '%s_suites%d' % (name, rot),
             bytes([setup, rot]) + WORLD + LEAF)
# an edit of each record of a mutual-TLS handshake: [at][op][off][val]
for at in range(14):
    seed('hs', 'mtls_hrr_xor_record%d' % at, bytes([0x0b, 0]) + WORLD +
         LEAF + bytes([at, 1]) + u16(9 + at) + b'\x01')

for target, seeds in corpus.items():
    d = os.path.join(OUT, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for name, data in seeds.items():
        with open(os.path.join(d, name), 'wb') as f:
            f.write(data)
total = sum(len(v) for s in corpus.values() for v in s.values())
print('%s: %d seeds, %d bytes' % (OUT, sum(map(len, corpus.values())), total))
