#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Extract byte vectors from the RFC 8448 trace text into a C header.

Usage:
  rfc8448-vectors.py TRACE list               # every (section, step, field)
  rfc8448-vectors.py TRACE header > FILE.h    # the vectors the tests use

The trace text is ../shared/reference/rfc8448-tls13-traces.txt. A vector is
addressed by section number, the step title as printed after "{client}" or
"{server}" (with the role), an occurrence index when a title repeats, and the
field name ("secret", "expanded", "complete record", ...). The generated
header is committed; this script documents where each byte came from.
"""
import re
import sys

def parse(path):
    lines = open(path).read().splitlines()
    section = None
    steps = []          # (section, role, title, occurrence, {field: bytes})
    cur = None
    field = None
    seen = {}
    for raw in lines:
        if raw.startswith(('Thomson ', 'Internet-Draft ')) or raw.startswith('\f'):
            continue
        m = re.match(r'^(\d+)\.\s+\S', raw)
        if m:
            section = int(m.group(1))
            cur = field = None
            continue
        m = re.match(r'^   \{(client|server)\}\s+(.*)$', raw)
        if m:
            role, title = m.group(1), m.group(2).strip()
            key = (section, role, title)
            seen[key] = seen.get(key, 0) + 1
            cur = {'section': section, 'role': role, 'title': title,
                   'n': seen[key] - 1, 'fields': {}}
            steps.append(cur)
            field = None
            continue
        if cur is None:
            continue
        if raw.strip() == '':
            continue
        m = re.match(r'^      ([A-Za-z][A-Za-z0-9 _\-]*?)(?: \((\d+) octets\))?:\s*(.*)$', raw)
        if m and raw.startswith('      ') and not raw.startswith('         '):
            name, n, rest = m.group(1), m.group(2), m.group(3)
            field = name
            cur['fields'][field] = {'len': int(n) if n else None, 'hex': []}
            rest = rest.strip()
            if re.fullmatch(r'([0-9a-f]{2}\s*)*', rest):
                cur['fields'][field]['hex'] += rest.split()
            else:
                cur['fields'][field]['text'] = rest
            continue
        if raw.startswith('   {') or not raw.startswith('      '):
            # continuation of a title on the next line
            if raw.startswith('      ') is False and field is None:
                cur['title'] += ' ' + raw.strip()
            continue
        if field and re.fullmatch(r'\s*([0-9a-f]{2}\s*)+', raw):
            cur['fields'][field]['hex'] += raw.split()
        elif field is None:
            cur['title'] += ' ' + raw.strip()
    for s in steps:
        for f, v in s['fields'].items():
            b = bytes(int(x, 16) for x in v['hex'])
            if v['len'] is not None and v['len'] != len(b) and v['len'] != 0:
                raise SystemExit(f"length mismatch {s['section']} {s['title']} {f}: {v['len']} != {len(b)}")
            v['bytes'] = b
    return steps

def find(steps, section, role, title, field, n=0):
    for s in steps:
        if (s['section'], s['role'], s['title'], s['n']) == (section, role, title, n):
            if field not in s['fields']:
                raise SystemExit(f'no field {field!r} in {section} {role} {title!r}')
            return s['fields'][field]['bytes']
    raise SystemExit(f'no step {section} {role} {title!r} #{n}')

# name, section, role, step title, field, occurrence
WANT = [
    # Section 3: simple 1-RTT
    ('s3_client_x25519_priv', 3, 'client', 'create an ephemeral x25519 key pair:', 'private key'),
    ('s3_client_x25519_pub', 3, 'client', 'create an ephemeral x25519 key pair:', 'public key'),
    ('s3_server_x25519_priv', 3, 'server', 'create an ephemeral x25519 key pair:', 'private key'),
    ('s3_server_x25519_pub', 3, 'server', 'create an ephemeral x25519 key pair:', 'public key'),
    ('s3_client_hello', 3, 'client', 'construct a ClientHello handshake message', 'ClientHello'),
    ('s3_client_hello_record', 3, 'client', 'send handshake record:', 'complete record'),
    ('s3_server_hello', 3, 'server', 'construct a ServerHello handshake message', 'ServerHello'),
    ('s3_server_hello_record', 3, 'server', 'send handshake record:', 'complete record'),
    ('s3_early_secret', 3, 'server', 'extract secret "early":', 'secret'),
    ('s3_hs_derived', 3, 'server', 'derive secret for handshake "tls13 derived":', 'expanded'),
    ('s3_hs_derived_info', 3, 'server', 'derive secret for handshake "tls13 derived":', 'info'),
    ('s3_dhe', 3, 'server', 'extract secret "handshake":', 'IKM'),
    ('s3_hs_secret', 3, 'server', 'extract secret "handshake":', 'secret'),
    ('s3_hash_ch_sh', 3, 'server', 'derive secret "tls13 c hs traffic":', 'hash'),
    ('s3_c_hs_info', 3, 'server', 'derive secret "tls13 c hs traffic":', 'info'),
    ('s3_c_hs_traffic', 3, 'server', 'derive secret "tls13 c hs traffic":', 'expanded'),
    ('s3_s_hs_traffic', 3, 'server', 'derive secret "tls13 s hs traffic":', 'expanded'),
    ('s3_master_derived', 3, 'server', 'derive secret for master "tls13 derived":', 'expanded'),
    ('s3_master_secret', 3, 'server', 'extract secret "master":', 'secret'),
    ('s3_s_hs_key', 3, 'server', 'derive write traffic keys for handshake data:', 'key expanded'),
    ('s3_s_hs_iv', 3, 'server', 'derive write traffic keys for handshake data:', 'iv expanded'),
    ('s3_key_info', 3, 'server', 'derive write traffic keys for handshake data:', 'key info'),
    ('s3_iv_info', 3, 'server', 'derive write traffic keys for handshake data:', 'iv info'),
    ('s3_encrypted_extensions', 3, 'server', 'construct a EncryptedExtensions handshake message', 'EncryptedExtensions'),
    ('s3_certificate', 3, 'server', 'construct a Certificate handshake message', 'Certificate'),
    ('s3_certificate_verify', 3, 'server', 'construct a CertificateVerify handshake message', 'CertificateVerify'),
    ('s3_s_finished_key', 3, 'server', 'calculate finished "tls13 finished":', 'expanded'),
    ('s3_s_finished_info', 3, 'server', 'calculate finished "tls13 finished":', 'info'),
    ('s3_s_verify_data', 3, 'server', 'calculate finished "tls13 finished":', 'finished'),
    ('s3_s_finished', 3, 'server', 'construct a Finished handshake message', 'Finished'),
    ('s3_s_hs_payload', 3, 'server', 'send handshake record:', 'payload', 1),
    ('s3_s_hs_record', 3, 'server', 'send handshake record:', 'complete record', 1),
    ('s3_hash_ch_sfin', 3, 'server', 'derive secret "tls13 c ap traffic":', 'hash'),
    ('s3_c_ap_traffic', 3, 'server', 'derive secret "tls13 c ap traffic":', 'expanded'),
    ('s3_s_ap_traffic', 3, 'server', 'derive secret "tls13 s ap traffic":', 'expanded'),
    ('s3_exp_master', 3, 'server', 'derive secret "tls13 exp master":', 'expanded'),
    ('s3_s_ap_key', 3, 'server', 'derive write traffic keys for application data:', 'key expanded'),
    ('s3_s_ap_iv', 3, 'server', 'derive write traffic keys for application data:', 'iv expanded'),
    ('s3_c_hs_key', 3, 'server', 'derive read traffic keys for handshake data:', 'key expanded'),
    ('s3_c_hs_iv', 3, 'server', 'derive read traffic keys for handshake data:', 'iv expanded'),
    ('s3_c_finished_key', 3, 'client', 'calculate finished "tls13 finished":', 'expanded'),
    ('s3_c_verify_data', 3, 'client', 'calculate finished "tls13 finished":', 'finished'),
    ('s3_c_finished', 3, 'client', 'construct a Finished handshake message', 'Finished'),
    ('s3_c_hs_record', 3, 'client', 'send handshake record:', 'complete record', 1),
    ('s3_c_ap_key', 3, 'client', 'derive write traffic keys for application data:', 'key expanded'),
    ('s3_c_ap_iv', 3, 'client', 'derive write traffic keys for application data:', 'iv expanded'),
    ('s3_hash_ch_cfin', 3, 'client', 'derive secret "tls13 res master":', 'hash'),
    ('s3_res_master', 3, 'client', 'derive secret "tls13 res master":', 'expanded'),
    ('s3_resumption_psk', 3, 'server', 'generate resumption secret "tls13 resumption":', 'expanded'),
    ('s3_ticket_nonce', 3, 'server', 'generate resumption secret "tls13 resumption":', 'hash'),
    ('s3_new_session_ticket', 3, 'server', 'construct a NewSessionTicket handshake message', 'NewSessionTicket'),
    ('s3_s_nst_record', 3, 'server', 'send handshake record:', 'complete record', 2),
    ('s3_c_app_payload', 3, 'client', 'send application_data record:', 'payload'),
    ('s3_c_app_record', 3, 'client', 'send application_data record:', 'complete record'),
    ('s3_s_app_record', 3, 'server', 'send application_data record:', 'complete record'),
    ('s3_alert_payload', 3, 'client', 'send alert record:', 'payload'),
    ('s3_c_alert_record', 3, 'client', 'send alert record:', 'complete record'),
    ('s3_s_alert_record', 3, 'server', 'send alert record:', 'complete record'),
]

# Section 4: resumed 0-RTT; Section 5: HelloRetryRequest
WANT2 = [
    ('s4_psk', 4, 'client', 'extract secret "early":', 'IKM'),
    ('s4_early_secret', 4, 'client', 'extract secret "early":', 'secret'),
    ('s4_client_hello', 4, 'client', 'send handshake record:', 'payload'),
    ('s4_ch_prefix', 4, 'client', 'calculate PSK binder:', 'ClientHello prefix'),
    ('s4_binder_hash', 4, 'client', 'calculate PSK binder:', 'binder hash'),
    ('s4_binder_key', 4, 'client', 'calculate PSK binder:', 'PRK'),
    ('s4_binder_finished_key', 4, 'client', 'calculate PSK binder:', 'expanded'),
    ('s4_binder', 4, 'client', 'calculate PSK binder:', 'finished'),
    ('s4_hash_ch', 4, 'client', 'derive secret "tls13 c e traffic":', 'hash'),
    ('s4_c_e_traffic', 4, 'client', 'derive secret "tls13 c e traffic":', 'expanded'),
    ('s4_e_exp_master', 4, 'client', 'derive secret "tls13 e exp master":', 'expanded'),
    ('s4_c_e_key', 4, 'client', 'derive write traffic keys for early application data:', 'key expanded'),
    ('s4_c_e_iv', 4, 'client', 'derive write traffic keys for early application data:', 'iv expanded'),
    ('s4_early_payload', 4, 'client', 'send application_data record:', 'payload'),
    ('s4_early_record', 4, 'client', 'send application_data record:', 'complete record'),
    ('s4_server_hello', 4, 'server', 'construct a ServerHello handshake message', 'ServerHello'),
    ('s4_dhe', 4, 'server', 'extract secret "handshake":', 'IKM'),
    ('s4_hs_secret', 4, 'server', 'extract secret "handshake":', 'secret'),
    ('s4_hash_ch_sh', 4, 'server', 'derive secret "tls13 c hs traffic":', 'hash'),
    ('s4_c_hs_traffic', 4, 'server', 'derive secret "tls13 c hs traffic":', 'expanded'),
    ('s4_s_hs_traffic', 4, 'server', 'derive secret "tls13 s hs traffic":', 'expanded'),
    ('s4_master_secret', 4, 'server', 'extract secret "master":', 'secret'),
    ('s4_encrypted_extensions', 4, 'server', 'construct a EncryptedExtensions handshake message', 'EncryptedExtensions'),
    ('s4_s_finished', 4, 'server', 'construct a Finished handshake message', 'Finished'),
    ('s4_s_hs_record', 4, 'server', 'send handshake record:', 'complete record', 1),
    ('s4_c_ap_traffic', 4, 'server', 'derive secret "tls13 c ap traffic":', 'expanded'),
    ('s4_s_ap_traffic', 4, 'server', 'derive secret "tls13 s ap traffic":', 'expanded'),
    ('s4_exp_master', 4, 'server', 'derive secret "tls13 exp master":', 'expanded'),
    ('s4_end_of_early_data', 4, 'client', 'construct a EndOfEarlyData handshake message', 'EndOfEarlyData'),
    ('s4_eoed_record', 4, 'client', 'send handshake record:', 'complete record', 1),
    ('s4_c_finished', 4, 'client', 'construct a Finished handshake message', 'Finished'),
    ('s4_c_hs_record', 4, 'client', 'send handshake record:', 'complete record', 2),
    ('s4_hash_ch_cfin', 4, 'client', 'derive secret "tls13 res master":', 'hash'),
    ('s4_res_master', 4, 'client', 'derive secret "tls13 res master":', 'expanded'),
    ('s4_s_hs_key', 4, 'server', 'derive write traffic keys for handshake data:', 'key expanded'),
    ('s4_s_hs_iv', 4, 'server', 'derive write traffic keys for handshake data:', 'iv expanded'),
    ('s4_s_hs_payload', 4, 'server', 'send handshake record:', 'payload', 1),
    ('s4_c_hs_key', 4, 'client', 'derive write traffic keys for handshake data:', 'key expanded'),
    ('s4_c_hs_iv', 4, 'client', 'derive write traffic keys for handshake data:', 'iv expanded'),
    ('s4_c_ap_key', 4, 'client', 'derive write traffic keys for application data:', 'key expanded'),
    ('s4_c_ap_iv', 4, 'client', 'derive write traffic keys for application data:', 'iv expanded'),
    ('s4_s_ap_key', 4, 'server', 'derive write traffic keys for application data:', 'key expanded'),
    ('s4_s_ap_iv', 4, 'server', 'derive write traffic keys for application data:', 'iv expanded'),
    ('s4_c_app_record', 4, 'client', 'send application_data record:', 'complete record', 1),
    ('s4_s_app_record', 4, 'server', 'send application_data record:', 'complete record'),
    ('s5_client_p256_priv', 5, 'client', 'create an ephemeral P-256 key pair:', 'private key'),
    ('s5_client_p256_pub', 5, 'client', 'create an ephemeral P-256 key pair:', 'public key'),
    ('s5_server_p256_priv', 5, 'server', 'create an ephemeral P-256 key pair:', 'private key'),
    ('s5_server_p256_pub', 5, 'server', 'create an ephemeral P-256 key pair:', 'public key'),
    ('s5_client_hello1', 5, 'client', 'construct a ClientHello handshake message', 'ClientHello'),
    ('s5_hello_retry_request', 5, 'server', 'construct a ServerHello handshake message', 'ServerHello'),
    ('s5_client_hello2', 5, 'client', 'construct a ClientHello handshake message', 'ClientHello', 1),
    ('s5_server_hello', 5, 'server', 'construct a ServerHello handshake message', 'ServerHello', 1),
    ('s5_dhe', 5, 'server', 'extract secret "handshake":', 'IKM'),
    ('s5_hs_secret', 5, 'server', 'extract secret "handshake":', 'secret'),
    ('s5_hash_ch_sh', 5, 'server', 'derive secret "tls13 c hs traffic":', 'hash'),
    ('s5_c_hs_traffic', 5, 'server', 'derive secret "tls13 c hs traffic":', 'expanded'),
    ('s5_s_hs_traffic', 5, 'server', 'derive secret "tls13 s hs traffic":', 'expanded'),
    ('s5_master_secret', 5, 'server', 'extract secret "master":', 'secret'),
    ('s5_encrypted_extensions', 5, 'server', 'construct a EncryptedExtensions handshake message', 'EncryptedExtensions'),
    ('s5_certificate', 5, 'server', 'construct a Certificate handshake message', 'Certificate'),
    ('s5_certificate_verify', 5, 'server', 'construct a CertificateVerify handshake message', 'CertificateVerify'),
    ('s5_s_verify_data', 5, 'server', 'calculate finished "tls13 finished":', 'finished'),
    ('s5_s_finished', 5, 'server', 'construct a Finished handshake message', 'Finished'),
    ('s5_hash_ch_sfin', 5, 'server', 'derive secret "tls13 c ap traffic":', 'hash'),
    ('s5_c_ap_traffic', 5, 'server', 'derive secret "tls13 c ap traffic":', 'expanded'),
    ('s5_s_ap_traffic', 5, 'server', 'derive secret "tls13 s ap traffic":', 'expanded'),
    ('s5_c_verify_data', 5, 'client', 'calculate finished "tls13 finished":', 'finished'),
    ('s5_c_finished', 5, 'client', 'construct a Finished handshake message', 'Finished'),
    ('s5_s_hs_key', 5, 'server', 'derive write traffic keys for handshake data:', 'key expanded'),
    ('s5_s_hs_iv', 5, 'server', 'derive write traffic keys for handshake data:', 'iv expanded'),
    ('s5_s_hs_payload', 5, 'server', 'send handshake record:', 'payload', 2),
    ('s5_s_hs_record', 5, 'server', 'send handshake record:', 'complete record', 2),
    ('s5_c_hs_key', 5, 'server', 'derive read traffic keys for handshake data:', 'key expanded'),
    ('s5_c_hs_iv', 5, 'server', 'derive read traffic keys for handshake data:', 'iv expanded'),
    ('s5_c_hs_record', 5, 'client', 'send handshake record:', 'complete record', 2),
    ('s5_hash_ch_cfin', 5, 'client', 'derive secret "tls13 res master":', 'hash'),
    ('s5_res_master', 5, 'client', 'derive secret "tls13 res master":', 'expanded'),
]

def main():
    steps = parse(sys.argv[1])
    if sys.argv[2] == 'list':
        for s in steps:
            for f, v in s['fields'].items():
                print(f"{s['section']} {s['role']} #{s['n']} {s['title']!r} :: {f} ({len(v['bytes'])})")
        return
    extra = [w for w in WANT2] if 'WANT2' in globals() else []
    print('/* SPDX-License-Identifier: GPL-2.0-only */')
    print('/*')
    print(' * RFC 8448 example handshake vectors, generated by')
    print(' * scripts/rfc8448-vectors.py from rfc8448-tls13-traces.txt. Do not edit.')
    print(' */')
    print('#ifndef _TLS13_RFC8448_VECTORS_H')
    print('#define _TLS13_RFC8448_VECTORS_H')
    emitted = {}
    for w in WANT + extra:
        name, sec, role, title, field = w[:5]
        n = w[5] if len(w) > 5 else 0
        b = find(steps, sec, role, title, field, n)
        print()
        print(f'/* {sec} {{{role}}} {title} {field} */')
        if b in emitted:
            print(f'#define {name} {emitted[b]}\t/* the same bytes */')
            continue
        emitted[b] = name
        print(f'static const u8 {name}[] = {{')
        for i in range(0, len(b), 11):
            chunk = b[i:i + 11]
            print('\t' + ' '.join(f'0x{x:02x},' for x in chunk))
        print('};')
    print()
    print('#endif /* _TLS13_RFC8448_VECTORS_H */')

if __name__ == '__main__':
    main()
