# SPDX-License-Identifier: GPL-2.0-only
# A throwaway X.509 PKI for the certificate scenarios, made with openssl,
# and the helpers that load certificates and keys into kernel keyrings.
# POSIX sh; sourced by tests/interop-lib.sh and tests/nfs-lib.sh. Runs in
# the test VM (whose clock is the host's) and on the host alike.
#
# pki_make DIR makes, in DIR (every certificate ECDSA-signed, SHA-256):
#
#   name       key      signed by  subject / SAN                      EKU
#   root       P-256    itself     CN=tls13 test root CA              (CA)
#   inter      P-256    root       CN=tls13 test intermediate CA      (CA, pathlen 0)
#   server     P-256    inter      server.test, IP 127.0.0.1          serverAuth
#   server384  P-384    root       server.test, IP 127.0.0.1          serverAuth
#   serverrsa  RSA-2048 root       server.test, IP 127.0.0.1          serverAuth
#   client     P-256    inter      client.test                        clientAuth
#   expired    P-256    root       server.test, IP 127.0.0.1, expired serverAuth, clientAuth
#   badeku     P-256    root       server.test, IP 127.0.0.1          clientAuth only
#   wrongname  P-256    root       server.test only (no IP SAN)       serverAuth
#   unkroot    P-256    itself     CN=tls13 unknown CA                (CA, trusted nowhere)
#   unknown    P-256    unkroot    server.test, IP 127.0.0.1          serverAuth, clientAuth
#
# For each NAME: NAME.pem and NAME.der (the certificate), NAME.key.pem
# (PKCS#8 PEM, for openssl and gnutls), NAME.key.der (PKCS#8 DER, for the
# kernel). For server and client, the leaves under the intermediate, also
# NAME.chain.pem (leaf then intermediate, for openssl and gnutls) and
# NAME.chain.der (the two DER certificates concatenated, leaf first: the
# kernel's cert key). Other key forms the kernel takes: server384.key.sec1.der
# (SEC1 ECPrivateKey DER) and serverrsa.key.pkcs1.der (PKCS#1 RSAPrivateKey
# DER). Validity: from a day ago for 30 days; expired: from 60 to 30 days
# ago (openssl ca: OpenSSL 3.0 has no x509 -not_before/-not_after and no
# faketime is installed).
#
# RSA: 6.12's X.509 parser takes rsaEncryption keys only (no RSASSA-PSS
# keys), so serverrsa has an rsaEncryption key; it signs TLS 1.3
# CertificateVerify with rsa_pss_rsae_*.

PKI_DAYS=30
PKI_SAN=DNS:server.test,IP:127.0.0.1

# pki_make DIR: the PKI above; on failure prints openssl's messages.
# About 45 execs (openssl, date, cat): expect a few minutes in the VM under
# TCG, most of it exec and the RSA-2048 key.
pki_make() {
	pki=$1
	mkdir -p "$pki"
	: >"$pki/err"
	pki_conf "$pki"
	nb=$(date -u -d '1 day ago' +%Y%m%d%H%M%SZ)
	na=$(date -u -d "$((PKI_DAYS - 1)) days" +%Y%m%d%H%M%SZ)
	xb=$(date -u -d '60 days ago' +%Y%m%d%H%M%SZ)
	xa=$(date -u -d '30 days ago' +%Y%m%d%H%M%SZ)
	if ! { pki_root root "tls13 test root CA" &&
		pki_cert inter ec:P-256 root v3_inter "tls13 test intermediate CA" &&
		pki_cert server ec:P-256 inter v3_server server.test &&
		pki_cert server384 ec:P-384 root v3_server server.test &&
		pki_cert serverrsa rsa:2048 root v3_server server.test &&
		pki_cert client ec:P-256 inter v3_client "tls13 test client" &&
		pki_cert badeku ec:P-256 root v3_badeku server.test &&
		pki_cert wrongname ec:P-256 root v3_wrongname server.test &&
		pki_root unkroot "tls13 unknown CA" &&
		pki_cert unknown ec:P-256 unkroot v3_any server.test &&
		pki_cert expired ec:P-256 root v3_any server.test "$xb" "$xa" &&
		pki_chain server inter && pki_chain client inter &&
		pki_ssl ec -in "$pki/server384.key.pem" -outform DER \
			-out "$pki/server384.key.sec1.der" &&
		pki_ssl rsa -in "$pki/serverrsa.key.pem" -traditional -outform DER \
			-out "$pki/serverrsa.key.pkcs1.der"; }; then
		sed 's/^/# openssl: /' "$pki/err"
		return 1
	fi
	rm -f "$pki/err"
}

# openssl with its messages kept for pki_make's failure report
pki_ssl() {
	echo "openssl $*" >>"$pki/err"
	openssl "$@" 2>>"$pki/err" >/dev/null
}

# pki_conf DIR: openssl ca's configuration and database; the extensions
# of every kind of certificate.
pki_conf() {
	mkdir -p "$1/ca.db"
	: >"$1/ca.db/index.txt"
	leaf="basicConstraints = critical,CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid"
	cat >"$1/pki.cnf" <<-EOF
	[ ca ]
	default_ca = pki
	[ pki ]
	dir = $1/ca.db
	database = \$dir/index.txt
	new_certs_dir = \$dir
	rand_serial = yes
	unique_subject = no
	default_md = sha256
	policy = pki_policy
	copy_extensions = none
	[ pki_policy ]
	commonName = supplied
	[ req ]
	distinguished_name = req_dn
	prompt = no
	[ req_dn ]
	CN = unused
	[ v3_root ]
	basicConstraints = critical,CA:TRUE
	keyUsage = critical,keyCertSign,cRLSign
	subjectKeyIdentifier = hash
	[ v3_inter ]
	basicConstraints = critical,CA:TRUE,pathlen:0
	keyUsage = critical,keyCertSign,cRLSign
	subjectKeyIdentifier = hash
	authorityKeyIdentifier = keyid
	[ v3_server ]
	$leaf
	keyUsage = critical,digitalSignature,keyEncipherment
	extendedKeyUsage = serverAuth
	subjectAltName = $PKI_SAN
	[ v3_client ]
	$leaf
	keyUsage = critical,digitalSignature
	extendedKeyUsage = clientAuth
	subjectAltName = DNS:client.test
	[ v3_wrongname ]
	$leaf
	keyUsage = critical,digitalSignature
	extendedKeyUsage = serverAuth
	subjectAltName = DNS:server.test
	[ v3_badeku ]
	$leaf
	keyUsage = critical,digitalSignature
	extendedKeyUsage = clientAuth
	subjectAltName = $PKI_SAN
	[ v3_any ]
	$leaf
	keyUsage = critical,digitalSignature,keyEncipherment
	extendedKeyUsage = serverAuth,clientAuth
	subjectAltName = $PKI_SAN
	EOF
}

# pki_root NAME CN: a self-signed CA
pki_root() {
	pki_ssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc \
		-keyout "$pki/$1.key.pem" -subj "/CN=$2" -out "$pki/$1.csr" \
		-config "$pki/pki.cnf" &&
	pki_ssl ca -batch -config "$pki/pki.cnf" -selfsign -keyfile "$pki/$1.key.pem" \
		-in "$pki/$1.csr" -extensions v3_root -startdate "$nb" -enddate "$na" \
		-notext -out "$pki/$1.pem" &&
	pki_ssl x509 -in "$pki/$1.pem" -outform DER -out "$pki/$1.der" &&
	rm -f "$pki/$1.csr"
}

# pki_cert NAME ec:CURVE|rsa:BITS ISSUER EXTENSIONS CN [START END]: a
# certificate issued by ISSUER, valid from START to END (default $nb, $na).
pki_cert() {
	case $2 in
	ec:*) kopt="-newkey ec -pkeyopt ec_paramgen_curve:${2#ec:}" ;;
	rsa:*) kopt="-newkey rsa:${2#rsa:}" ;;
	esac
	# shellcheck disable=SC2086 # $kopt: several words
	pki_ssl req -new $kopt -noenc -keyout "$pki/$1.key.pem" -subj "/CN=$5" \
		-out "$pki/$1.csr" -config "$pki/pki.cnf" &&
	pki_ssl ca -batch -config "$pki/pki.cnf" -cert "$pki/$3.pem" \
		-keyfile "$pki/$3.key.pem" -in "$pki/$1.csr" -extensions "$4" \
		-startdate "${6:-$nb}" -enddate "${7:-$na}" -notext -out "$pki/$1.pem" &&
	pki_ssl x509 -in "$pki/$1.pem" -outform DER -out "$pki/$1.der" &&
	pki_ssl pkcs8 -topk8 -nocrypt -in "$pki/$1.key.pem" -outform DER \
		-out "$pki/$1.key.der" &&
	rm -f "$pki/$1.csr"
}

# pki_chain LEAF CA: LEAF.chain.pem and LEAF.chain.der, leaf first
pki_chain() {
	cat "$pki/$1.pem" "$pki/$2.pem" >"$pki/$1.chain.pem" &&
	cat "$pki/$1.der" "$pki/$2.der" >"$pki/$1.chain.der"
}

# --- kernel keyrings -------------------------------------------------------
#
# Keys go to rings linked to @u (never @s: a keyctl process without a
# session keyring gets a new one that dies with it, and the keys with it).

# pki_ring NAME: a new keyring; prints its serial
pki_ring() {
	keyctl newring "$1" @u
}

# pki_trust RING DER: the CA certificate as an "asymmetric" key in RING
# (the trust anchors of a handshake's ta_keyring); prints its serial
pki_trust() {
	keyctl padd asymmetric "" "$1" <"$2"
}

# pki_user FILE [DESC]: FILE's bytes as a "user" key in @u (ta_my_cert: DER,
# leaf first; ta_my_privkey: PKCS#8, SEC1 or PKCS#1 DER); prints its
# serial. The description defaults to "tls13-test:" and FILE's name: a
# second key of the same description would replace the first.
pki_user() {
	keyctl padd user "${2:-tls13-test:${1##*/}}" @u <"$1"
}

# Keys the handshake consumers name by serial (ta_my_cert, ta_my_privkey)
# follow tlshd's (ktls-utils) convention, since the engine is its drop-in:
# "user" keys whose payload is the DER certificate, and the DER private
# key (tlshd reads both with keyctl_read and imports them as DER). An
# "asymmetric" key cannot hold them: it keeps the public key only, not the
# certificate's bytes, has no read method, and 6.12's PKCS#8 parser takes
# RSA keys only.
#
# The engine's own rings (net/handshake/tls13/keyrings.c):
#   .tls13-trust   CA certificates, "asymmetric" keys (keyctl padd
#                  asymmetric "" RING <ca.der>): the trust anchors for a
#                  server's chain when a request names no ta_keyring
#   .tls13-client-ca  the same for a client's chain (our servers)
#   .tls13-server  the default server identity (a request with no
#                  ta_my_cert, as knfsd's): "user" keys described "cert"
#                  (DER, leaf first; further "cert.1", "cert.2" for the
#                  chain) and "privkey" (DER)
#   .tls13-client  the same for clients that name no certificate: the NFS
#                  client in 6.12 has no cert_serial=/privkey_serial= mount
#                  options, so xprtsec=mtls comes with TLS_NO_CERT
# On a kernel without the engine, tls_ring falls back to user keyrings of
# those names without the dot, linked to @u, so that the mechanics can be
# exercised (userspace cannot make "."-names).
tls_ring() {
	while read -r id _ _ _ _ _ _ type desc; do
		[ "$type" = keyring ] && [ "${desc%%:*}" = "$1" ] &&
			{ echo "0x$id"; return; }
	done </proc/keys
	while read -r id _ _ _ _ _ _ type desc; do
		[ "$type" = keyring ] && [ "${desc%%:*}" = "${1#.}" ] &&
			{ echo "0x$id"; return; }
	done </proc/keys
	# a kernel without the engine (the engine creates the dotted rings)
	keyctl newring "${1#.}" @u
}

# tls_trust_add DER: trust the CA certificate in DER for servers'
# certificates (.tls13-trust: what our clients check); prints its serial.
tls_trust_add() {
	pki_trust "$(tls_ring .tls13-trust)" "$1"
}

# tls_client_ca_add DER: trust it for clients' certificates
# (.tls13-client-ca: what our servers check); prints its serial.
tls_client_ca_add() {
	pki_trust "$(tls_ring .tls13-client-ca)" "$1"
}

# tls_identity_set server|client CERT_DER KEY_DER: the default identity;
# sets $cert_serial and $privkey_serial.
# shellcheck disable=SC2034 # for the caller
tls_identity_set() {
	r=$(tls_ring ".tls13-$1")
	# a key found through /proc/keys is not possessed: its default
	# permissions let root view it, not update it; replace the identity
	keyctl clear "$r"
	cert_serial=$(keyctl padd user cert "$r" <"$2")
	privkey_serial=$(keyctl padd user privkey "$r" <"$3")
}

# Unlink every key the helpers added (and the fallback rings).
tls_keys_clear() {
	for r in .tls13-trust .tls13-client-ca .tls13-server .tls13-client; do
		while read -r id _ _ _ _ _ _ type desc; do
			[ "$type" = keyring ] || continue
			case ${desc%%:*} in
			"$r") keyctl clear "0x$id" ;;
			"${r#.}") keyctl unlink "0x$id" @u >/dev/null ;;
			esac
		done </proc/keys
	done
}
