#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Regenerates net/handshake/tls13/tests/cert_vectors.h: X.509 certificates
# (DER) and private keys for the tls13_cert suite and the certificate
# handshake tests. Every run makes new keys (and ECDSA signatures are
# randomised), so the bytes change; the names and what they stand for do
# not. Needs bash and openssl (3.0 or later); certificates are issued with
# "openssl ca", which sets notBefore/notAfter exactly.
#
# Validity of every good certificate: notBefore 2025-01-01 00:00:00Z,
# notAfter 2035-01-01 00:00:00Z (UTCTime). Tests inject
# now = 2026-06-01 00:00:00 UTC = 1780272000.
#
# Good certificates and keys (EC keys: ecdsa-with-SHA256 signatures by the
# P-256 CAs; every certificate has subjectKeyIdentifier and
# authorityKeyIdentifier):
#   root_ca_der            "tls13 test root CA", self-signed P-256,
#                          basicConstraints critical CA:TRUE, keyUsage
#                          critical keyCertSign,cRLSign; root_ca_key_pkcs8
#   ica_der                "tls13 test intermediate CA", P-256 by the root,
#                          CA:TRUE (critical), keyUsage keyCertSign,cRLSign;
#                          ica_key_pkcs8
#   server_p256_der        "server.test", P-256 by ica, SAN DNS:server.test,
#                          IP:127.0.0.1, IP:::1, EKU serverAuth, keyUsage
#                          critical digitalSignature, CA:FALSE;
#                          server_p256_key_pkcs8, server_p256_key_sec1
#                          (ECPrivateKey)
#   server_p384_der        P-384 by the root, SAN DNS:server.test, EKU
#                          id-kp-rpcTLSServer (1.3.6.1.5.5.7.3.34);
#                          server_p384_key_pkcs8
#   server_rsa_der         RSA-2048 by the root (so its own signature is
#                          ecdsa-with-SHA256), SAN DNS:server.test, EKU
#                          serverAuth; server_rsa_key_pkcs8,
#                          server_rsa_key_pkcs1 (RSAPrivateKey)
#   ica_rsa_der            RSA-2048 CA by the root; ica_rsa_key_pkcs8
#   server_rsa_sha256_der  RSA-2048 by ica_rsa: sha256WithRSAEncryption,
#                          SAN DNS:server.test, EKU serverAuth;
#                          server_rsa_sha256_key_pkcs8
#   client_p256_der        P-256 by ica, SAN DNS:client.test, EKU
#                          clientAuth; client_p256_key_pkcs8
#   client_rpc_p256_der    same with EKU id-kp-rpcTLSClient
#                          (1.3.6.1.5.5.7.3.33); client_rpc_p256_key_pkcs8
#   server_gentime_der     P-256 by ica, like server_p256 but notAfter
#                          2050-01-02 (a GeneralizedTime), no EKU at all
#
# Negatives (all P-256; "by ica" means issued by ica_der):
#   leaf_expired_der       by ica, notAfter 2026-01-01
#   leaf_notyet_der        by ica, notBefore 2030-01-01
#   ica_expired_der        CA by the root, notAfter 2026-01-01;
#                          leaf_by_ica_expired_der is a good leaf under it
#   leaf_clientauth_der    by ica, SAN DNS:server.test, EKU clientAuth only
#   unknown_root_der       another self-signed root, not in any trust;
#                          leaf_unknown_root_der: a server.test leaf by it
#   ica_noca_der           by the root, basicConstraints CA:FALSE;
#                          leaf_by_noca_der: a server.test leaf by it
#   leaf_nobc_der          by ica, no basicConstraints, no keyUsage;
#                          leaf_by_nobc_der: a server.test leaf by it
#   leaf_selfsigned_der    a server.test leaf that signs itself
#   long_ica1_der .. long_ica9_der
#                          nine CAs: long_ica1 by the root, long_icaN by
#                          long_ica(N-1); long_leaf_der: a server.test leaf
#                          by long_ica9 (leaf + 9 = 10 > TLS13_MAX_CHAIN)
#   loop_a_der, loop_b_der CAs that cross-sign: A issued by B, B issued by
#                          A, neither anchored; leaf_loop_der: a
#                          server.test leaf by A
#   leaf_wrongname_der     by ica, CN server.test but SAN DNS:other.test only
#   ica_nokcs_der          CA:TRUE by the root with keyUsage
#                          digitalSignature only (no keyCertSign);
#                          leaf_by_nokcs_der: a server.test leaf by it
#   leaf_nods_der          by ica, keyUsage keyAgreement only (no
#                          digitalSignature)
#   leaf_critext_der       by ica, an unknown critical extension
#                          1.3.6.1.4.1.55555.1
#   ica_pathlen0_der       CA by the root with pathLenConstraint 0;
#                          leaf_by_pathlen0_der, a server.test leaf by it,
#                          is GOOD (no intermediate below it);
#                          ica_below_pathlen0_der, a CA by ica_pathlen0,
#                          and leaf_below_pathlen0_der, a server.test leaf
#                          by that one, break the constraint
#   leaf_p521_der          server.test leaf by ica with a P-521 key (the
#                          kernel parses it; the engine cannot use it)
#   leaf_ed25519_der       server.test leaf by ica with an Ed25519 key (the
#                          kernel's x509 parser does not support it)
#   leaf_sha1_der, leaf_sha224_der, leaf_sha512_der
#                          server.test leaves by ica signed with
#                          ecdsa-with-SHA1, -SHA224, -SHA512
#   ica_rsa1024_der        an RSA-1024 CA by the root; leaf_by_rsa1024_der:
#                          a server.test leaf by it
#   ica_rsa_bige_der       an RSA-2048 CA by the root with the public
#                          exponent 2^32 + 15; leaf_by_rsa_bige_der: a
#                          server.test leaf by it
#   leaf_rsa1024_der       a server.test leaf by ica with an RSA-1024 key
#   samename1_der .. samename7_der
#                          seven CAs named "tls13 test same-name CA":
#                          samename1 self-signed, samenameN by
#                          samename(N-1); leaf_samename_der: a server.test
#                          leaf by samename7
#
# Usage: scripts/cert-vectors.sh [output]

set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/net/handshake/tls13/tests/cert_vectors.h}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT

GOOD_FROM=20250101000000Z
GOOD_TO=20350101000000Z

cat >"$w/ca.cnf" <<'EOF'
[ ca ]
default_ca = tca
[ tca ]
dir = WORK
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
default_md = sha256
policy = pol_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ pol_any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
EOF
sed -i "s|WORK|$w|" "$w/ca.cnf"
mkdir "$w/new"
: >"$w/index.txt"
echo 1000 >"$w/serial"

ext() {	# name, body
	printf '[ %s ]\n%s\n' "$1" "$2" >>"$w/ext.cnf"
}
: >"$w/ext.cnf"
ext root 'basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid'
ext ca 'basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid'
ext ca_pathlen0 'basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid'
ext ca_noca 'basicConstraints = critical, CA:FALSE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid'
ext ca_nokcs 'basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid'
leaf_common='basicConstraints = critical, CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid'
ext server_p256 "$leaf_common
keyUsage = critical, digitalSignature
subjectAltName = DNS:server.test, IP:127.0.0.1, IP:::1
extendedKeyUsage = serverAuth"
ext server "$leaf_common
keyUsage = critical, digitalSignature
subjectAltName = DNS:server.test
extendedKeyUsage = serverAuth"
ext server_rsa "$leaf_common
keyUsage = critical, digitalSignature, keyEncipherment
subjectAltName = DNS:server.test
extendedKeyUsage = serverAuth"
ext server_rpc "$leaf_common
keyUsage = critical, digitalSignature
subjectAltName = DNS:server.test
extendedKeyUsage = 1.3.6.1.5.5.7.3.34"
ext server_noeku "$leaf_common
keyUsage = critical, digitalSignature
subjectAltName = DNS:server.test, IP:127.0.0.1"
ext client "$leaf_common
keyUsage = critical, digitalSignature
subjectAltName = DNS:client.test
extendedKeyUsage = clientAuth"
ext client_rpc "$leaf_common
keyUsage = critical, digitalSignature
subjectAltName = DNS:client.test
extendedKeyUsage = 1.3.6.1.5.5.7.3.33"
ext server_clientauth "$leaf_common
keyUsage = critical, digitalSignature
subjectAltName = DNS:server.test
extendedKeyUsage = clientAuth"
ext wrongname "$leaf_common
keyUsage = critical, digitalSignature
subjectAltName = DNS:other.test
extendedKeyUsage = serverAuth"
ext nobc 'subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:server.test
extendedKeyUsage = serverAuth'
ext nods "$leaf_common
keyUsage = critical, keyAgreement
subjectAltName = DNS:server.test
extendedKeyUsage = serverAuth"
ext critext "$leaf_common
keyUsage = critical, digitalSignature
subjectAltName = DNS:server.test
extendedKeyUsage = serverAuth
1.3.6.1.4.1.55555.1 = critical, DER:05:00"

key() {	# name, ec curve, "rsa" (2048 bits), "rsa:BITS[:EXPONENT]" or "ed25519"
	if [ "${2%%:*}" = rsa ]; then
		local bits=2048 e=65537
		case $2 in rsa:*:*) e=${2##*:} bits=${2#rsa:} bits=${bits%%:*} ;;
		rsa:*) bits=${2#rsa:} ;;
		esac
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$bits \
			-pkeyopt rsa_keygen_pubexp:$e -out "$w/$1.key" 2>/dev/null
	elif [ "$2" = ed25519 ]; then
		openssl genpkey -algorithm ED25519 -out "$w/$1.key"
	else
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$2" \
			-pkeyopt ec_param_enc:named_curve -out "$w/$1.key"
	fi
}

# issue name CN issuer(name|self) extsection [from] [to] [digest]
issue() {
	local name=$1 cn=$2 issuer=$3 sect=$4
	local from=${5:-$GOOD_FROM} to=${6:-$GOOD_TO} md=${7:-sha256}
	local ca=()

	openssl req -new -config "$w/ca.cnf" -key "$w/$name.key" \
		-subj "/CN=$cn" -out "$w/$name.csr"
	if [ "$issuer" = self ]; then
		ca=(-selfsign -keyfile "$w/$name.key")
	else
		ca=(-cert "$w/$issuer.pem" -keyfile "$w/$issuer.key")
	fi
	openssl ca -batch -notext -config "$w/ca.cnf" "${ca[@]}" \
		-startdate "$from" -enddate "$to" -md "$md" -extfile "$w/ext.cnf" \
		-extensions "$sect" -in "$w/$name.csr" -out "$w/$name.pem" \
		2>/dev/null
	openssl x509 -in "$w/$name.pem" -outform DER -out "$w/$name.der"
}

# the good tree
key root_ca prime256v1
issue root_ca "tls13 test root CA" self root
key ica prime256v1
issue ica "tls13 test intermediate CA" root_ca ca
key server_p256 prime256v1
issue server_p256 server.test ica server_p256
key server_p384 secp384r1
issue server_p384 server.test root_ca server_rpc
key server_rsa rsa
issue server_rsa server.test root_ca server_rsa
key ica_rsa rsa
issue ica_rsa "tls13 test RSA intermediate CA" root_ca ca
key server_rsa_sha256 rsa
issue server_rsa_sha256 server.test ica_rsa server_rsa
key client_p256 prime256v1
issue client_p256 client.test ica client
key client_rpc_p256 prime256v1
issue client_rpc_p256 client.test ica client_rpc
key server_gentime prime256v1
issue server_gentime server.test ica server_noeku $GOOD_FROM 20500102000000Z

# negatives
key leaf_expired prime256v1
issue leaf_expired server.test ica server $GOOD_FROM 20260101000000Z
key leaf_notyet prime256v1
issue leaf_notyet server.test ica server 20300101000000Z $GOOD_TO
key ica_expired prime256v1
issue ica_expired "tls13 test expired CA" root_ca ca $GOOD_FROM 20260101000000Z
key leaf_by_ica_expired prime256v1
issue leaf_by_ica_expired server.test ica_expired server
key leaf_clientauth prime256v1
issue leaf_clientauth server.test ica server_clientauth
key unknown_root prime256v1
issue unknown_root "tls13 test unknown root CA" self root
key leaf_unknown_root prime256v1
issue leaf_unknown_root server.test unknown_root server
key ica_noca prime256v1
issue ica_noca "tls13 test CA:FALSE issuer" root_ca ca_noca
key leaf_by_noca prime256v1
issue leaf_by_noca server.test ica_noca server
key leaf_nobc prime256v1
issue leaf_nobc "tls13 test leaf without basicConstraints" ica nobc
key leaf_by_nobc prime256v1
issue leaf_by_nobc server.test leaf_nobc server
key leaf_selfsigned prime256v1
issue leaf_selfsigned server.test self server
prev=root_ca
for i in 1 2 3 4 5 6 7 8 9; do
	key long_ica$i prime256v1
	issue long_ica$i "tls13 test long chain CA $i" $prev ca
	prev=long_ica$i
done
key long_leaf prime256v1
issue long_leaf server.test long_ica9 server
# the loop: temporary self-signed A0/B0 carry the keys and names
key loop_a prime256v1
key loop_b prime256v1
cp "$w/loop_a.key" "$w/loop_a0.key"
cp "$w/loop_b.key" "$w/loop_b0.key"
issue loop_a0 "tls13 test loop CA A" self root
issue loop_b0 "tls13 test loop CA B" self root
issue loop_a "tls13 test loop CA A" loop_b0 ca
issue loop_b "tls13 test loop CA B" loop_a0 ca
key leaf_loop prime256v1
issue leaf_loop server.test loop_a server
key leaf_wrongname prime256v1
issue leaf_wrongname server.test ica wrongname
key ica_nokcs prime256v1
issue ica_nokcs "tls13 test CA without keyCertSign" root_ca ca_nokcs
key leaf_by_nokcs prime256v1
issue leaf_by_nokcs server.test ica_nokcs server
key leaf_nods prime256v1
issue leaf_nods server.test ica nods
key leaf_critext prime256v1
issue leaf_critext server.test ica critext
key ica_pathlen0 prime256v1
issue ica_pathlen0 "tls13 test CA with pathlen 0" root_ca ca_pathlen0
key leaf_by_pathlen0 prime256v1
issue leaf_by_pathlen0 server.test ica_pathlen0 server
key ica_below_pathlen0 prime256v1
issue ica_below_pathlen0 "tls13 test CA below pathlen 0" ica_pathlen0 ca
key leaf_below_pathlen0 prime256v1
issue leaf_below_pathlen0 server.test ica_below_pathlen0 server
key leaf_p521 secp521r1
issue leaf_p521 server.test ica server
key leaf_ed25519 ed25519
issue leaf_ed25519 server.test ica server
# signature and key policy
for md in sha1 sha224 sha512; do
	key leaf_$md prime256v1
	issue leaf_$md server.test ica server $GOOD_FROM $GOOD_TO $md
done
key ica_rsa1024 rsa:1024
issue ica_rsa1024 "tls13 test RSA-1024 CA" root_ca ca
key leaf_by_rsa1024 prime256v1
issue leaf_by_rsa1024 server.test ica_rsa1024 server
key ica_rsa_bige rsa:2048:4294967311
issue ica_rsa_bige "tls13 test RSA CA with a 33-bit exponent" root_ca ca
key leaf_by_rsa_bige prime256v1
issue leaf_by_rsa_bige server.test ica_rsa_bige server
key leaf_rsa1024 rsa:1024
issue leaf_rsa1024 server.test ica server_rsa
# seven CAs of one name, each issued by the one before, the first
# self-signed: every step of the path tries the others first
prev=self
for i in 1 2 3 4 5 6 7; do
	key samename$i prime256v1
	issue samename$i "tls13 test same-name CA" $prev ca
	prev=samename$i
done
key leaf_samename prime256v1
issue leaf_samename server.test samename7 server

# private keys
for k in root_ca ica server_p256 server_p384 server_rsa ica_rsa \
	 server_rsa_sha256 client_p256 client_rpc_p256; do
	openssl pkcs8 -topk8 -nocrypt -in "$w/$k.key" -outform DER \
		-out "$w/${k}_key_pkcs8"
done
openssl ec -in "$w/server_p256.key" -outform DER \
	-out "$w/server_p256_key_sec1" 2>/dev/null
openssl rsa -in "$w/server_rsa.key" -traditional -outform DER \
	-out "$w/server_rsa_key_pkcs1" 2>/dev/null

# sanity: the good chains verify with openssl at the injected time
at=1780272000
openssl verify -attime $at -CAfile "$w/root_ca.pem" \
	-untrusted "$w/ica.pem" -purpose sslserver "$w/server_p256.pem" >/dev/null
openssl verify -attime $at -CAfile "$w/root_ca.pem" \
	-untrusted "$w/ica_rsa.pem" -purpose sslserver \
	"$w/server_rsa_sha256.pem" >/dev/null
openssl verify -attime $at -CAfile "$w/root_ca.pem" \
	-untrusted "$w/ica.pem" -purpose sslclient "$w/client_p256.pem" >/dev/null
openssl verify -attime $at -CAfile "$w/root_ca.pem" \
	-untrusted "$w/ica_pathlen0.pem" "$w/leaf_by_pathlen0.pem" >/dev/null
if openssl verify -attime $at -CAfile "$w/root_ca.pem" \
	-untrusted <(cat "$w/ica_pathlen0.pem" "$w/ica_below_pathlen0.pem") \
	"$w/leaf_below_pathlen0.pem" >/dev/null 2>&1; then
	echo "leaf_below_pathlen0 verifies with openssl" >&2
	exit 1
fi

. "$(dirname "$0")/hex-table.sh"
hex() { hex_table "$@"; }

der() {	# name, comment
	hex "${1}_der" "$w/$1.der" "$2"
}

{
	cat <<'EOF'
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * X.509 certificates (DER) and private keys for the certificate tests,
 * generated by scripts/cert-vectors.sh, which says how each one is made.
 * Do not edit. Good certificates are valid from 2025-01-01 to 2035-01-01;
 * tests use now = TLS13_TEST_CERT_NOW (2026-06-01 00:00:00 UTC).
 */
#ifndef _TLS13_CERT_VECTORS_H
#define _TLS13_CERT_VECTORS_H

#define TLS13_TEST_CERT_NOW	1780272000LL

EOF
	der root_ca "root CA, self-signed P-256, CA:TRUE"
	hex root_ca_key_pkcs8 "$w/root_ca_key_pkcs8" "root CA private key, PKCS#8"
	der ica "intermediate CA, P-256, issued by root_ca"
	hex ica_key_pkcs8 "$w/ica_key_pkcs8" "intermediate CA private key, PKCS#8"
	der server_p256 "server leaf P-256 by ica: DNS:server.test, IP:127.0.0.1, IP:::1, serverAuth"
	hex server_p256_key_pkcs8 "$w/server_p256_key_pkcs8" "server_p256 private key, PKCS#8"
	hex server_p256_key_sec1 "$w/server_p256_key_sec1" "server_p256 private key, SEC1 ECPrivateKey"
	der server_p384 "server leaf P-384 by root_ca: DNS:server.test, id-kp-rpcTLSServer"
	hex server_p384_key_pkcs8 "$w/server_p384_key_pkcs8" "server_p384 private key, PKCS#8"
	der server_rsa "server leaf RSA-2048 by root_ca (ecdsa-with-SHA256): DNS:server.test, serverAuth"
	hex server_rsa_key_pkcs8 "$w/server_rsa_key_pkcs8" "server_rsa private key, PKCS#8"
	hex server_rsa_key_pkcs1 "$w/server_rsa_key_pkcs1" "server_rsa private key, PKCS#1 RSAPrivateKey"
	der ica_rsa "intermediate CA, RSA-2048, issued by root_ca"
	hex ica_rsa_key_pkcs8 "$w/ica_rsa_key_pkcs8" "ica_rsa private key, PKCS#8"
	der server_rsa_sha256 "server leaf RSA-2048 by ica_rsa (sha256WithRSAEncryption): DNS:server.test, serverAuth"
	hex server_rsa_sha256_key_pkcs8 "$w/server_rsa_sha256_key_pkcs8" "server_rsa_sha256 private key, PKCS#8"
	der client_p256 "client leaf P-256 by ica: DNS:client.test, clientAuth"
	hex client_p256_key_pkcs8 "$w/client_p256_key_pkcs8" "client_p256 private key, PKCS#8"
	der client_rpc_p256 "client leaf P-256 by ica: DNS:client.test, id-kp-rpcTLSClient"
	hex client_rpc_p256_key_pkcs8 "$w/client_rpc_p256_key_pkcs8" "client_rpc_p256 private key, PKCS#8"
	der server_gentime "server leaf P-256 by ica, notAfter 2050-01-02 (GeneralizedTime), no EKU"
	der leaf_expired "negative: leaf by ica, notAfter 2026-01-01"
	der leaf_notyet "negative: leaf by ica, notBefore 2030-01-01"
	der ica_expired "negative: CA by root_ca, notAfter 2026-01-01"
	der leaf_by_ica_expired "negative: good leaf by ica_expired"
	der leaf_clientauth "negative for a server: leaf by ica, DNS:server.test, EKU clientAuth only"
	der unknown_root "negative: self-signed root CA that is not trusted"
	der leaf_unknown_root "negative: server.test leaf by unknown_root"
	der ica_noca "negative: issuer by root_ca with CA:FALSE"
	der leaf_by_noca "negative: server.test leaf by ica_noca"
	der leaf_nobc "negative: leaf by ica without basicConstraints"
	der leaf_by_nobc "negative: server.test leaf by leaf_nobc"
	der leaf_selfsigned "negative: self-signed server.test leaf, not trusted"
	for i in 1 2 3 4 5 6 7 8 9; do
		der long_ica$i "long chain: CA $i"
	done
	der long_leaf "long chain: server.test leaf by long_ica9"
	der loop_a "loop: CA A issued by B"
	der loop_b "loop: CA B issued by A"
	der leaf_loop "loop: server.test leaf by loop_a"
	der leaf_wrongname "negative: leaf by ica, CN=server.test, SAN only DNS:other.test"
	der ica_nokcs "negative: CA by root_ca, keyUsage digitalSignature only"
	der leaf_by_nokcs "negative: server.test leaf by ica_nokcs"
	der leaf_nods "negative: leaf by ica, keyUsage keyAgreement only"
	der leaf_critext "negative: leaf by ica with an unknown critical extension"
	der ica_pathlen0 "CA by root_ca with pathLenConstraint 0"
	der leaf_by_pathlen0 "good: server.test leaf by ica_pathlen0"
	der ica_below_pathlen0 "negative: CA by ica_pathlen0 (breaks its pathlen)"
	der leaf_below_pathlen0 "negative: server.test leaf by ica_below_pathlen0"
	der leaf_sha1 "negative: server.test leaf by ica, ecdsa-with-SHA1"
	der leaf_sha224 "negative: server.test leaf by ica, ecdsa-with-SHA224"
	der leaf_sha512 "negative: server.test leaf by ica, ecdsa-with-SHA512 (not advertised)"
	der ica_rsa1024 "negative: RSA-1024 CA by root_ca"
	der leaf_by_rsa1024 "negative: server.test leaf by ica_rsa1024"
	der ica_rsa_bige "negative: RSA-2048 CA by root_ca, public exponent 2^32 + 15"
	der leaf_by_rsa_bige "negative: server.test leaf by ica_rsa_bige"
	der leaf_rsa1024 "negative: server.test leaf by ica with an RSA-1024 key"
	for i in 1 2 3 4 5 6 7; do
		der samename$i "same name: CA $i (1 self-signed, the others by the one before)"
	done
	der leaf_samename "same name: server.test leaf by samename7"
	der leaf_p521 "unsupported: server.test leaf by ica, P-521 key"
	der leaf_ed25519 "unsupported: server.test leaf by ica, Ed25519 key"
	echo '#endif /* _TLS13_CERT_VECTORS_H */'
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"
