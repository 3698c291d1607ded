/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Certificates for the certificate handshake (RFC 8446 section 4.4.2,
 * RFC 9289): checking a peer's chain up to a trust anchor (cert.c), and
 * our own certificate chain and private key (cred.c).
 */
#ifndef _NET_HANDSHAKE_TLS13_CERT_H
#define _NET_HANDSHAKE_TLS13_CERT_H

#include <linux/key.h>
#include <linux/time64.h>
#include <linux/types.h>

/* certificates in a chain we accept or send, leaf included */
#define TLS13_MAX_CHAIN		8
/* a public key we keep: an RSAPublicKey up to 4096 bits, or an EC point */
#define TLS13_MAX_PUBKEY	600

enum tls13_key_kind {
	TLS13_KEY_NONE,
	TLS13_KEY_EC_P256,
	TLS13_KEY_EC_P384,
	TLS13_KEY_RSA,
};

/**
 * struct tls13_pubkey - the key of a verified peer certificate
 * @kind: what it is
 * @key: an uncompressed point (EC) or an RSAPublicKey (RSA), as
 *	sig.c's tls13_sig_verify() takes it
 * @len: its length
 * @serial: 0 (the transport makes the peer's key, once the handshake
 *	has succeeded: &struct tls13_cert_policy's @leaf)
 * @why: if the chain was refused, what its alert means here (a constant
 *	string for the log), or %NULL
 */
struct tls13_pubkey {
	enum tls13_key_kind kind;
	u8 key[TLS13_MAX_PUBKEY];
	size_t len;
	key_serial_t serial;
	const char *why;
};

/**
 * struct tls13_leaf - a copy of a peer's verified leaf certificate
 * @der: its DER (kmalloc'ed), or %NULL
 * @len: its length
 */
struct tls13_leaf {
	u8 *der;
	u32 len;
};

/**
 * struct tls13_cert_policy - how to check a peer's chain
 * @trust: trust anchors: a keyring of "asymmetric" keys (CA certificates)
 * @peername: the name the leaf must carry: a DNS name matched exactly
 *	(case-insensitively) against its dNSName SANs, or an IPv4/IPv6
 *	address literal matched against its iPAddress SANs; %NULL: no name
 *	check (a server checking a client)
 * @client: the chain is a client's (EKU id-kp-rpcTLSClient or
 *	clientAuth), else a server's (id-kp-rpcTLSServer or serverAuth)
 * @now: the time to check validity against (seconds since the epoch);
 *	0: the current time
 * @leaf: when not %NULL, where a copy of the verified leaf certificate
 *	is kept (kmalloc'ed, replacing and freeing what was there): the
 *	transport makes the peer's key of it once the handshake has
 *	succeeded, not before the peer proved it holds the key
 */
struct tls13_cert_policy {
	struct key *trust;
	const char *peername;
	bool client;
	time64_t now;
	struct tls13_leaf *leaf;
};

u8 tls13_cert_verify_chain(const struct tls13_cert_policy *pol,
			   const u8 *const *der, const u32 *der_len,
			   unsigned int n, struct tls13_pubkey *out);

/**
 * struct tls13_cred - our certificate chain and private key
 * @kind: the leaf key's kind
 * @priv: the private key as sig.c's tls13_sig_sign() takes it: the
 *	big-endian scalar (EC) or an RSAPrivateKey (RSA)
 * @priv_len: its length
 * @buf: the chain's DER, leaf first
 * @der: each certificate in @buf
 * @der_len: its length
 * @n: number of certificates (1..%TLS13_MAX_CHAIN)
 */
struct tls13_cred {
	enum tls13_key_kind kind;
	u8 *priv;
	size_t priv_len;
	u8 *buf;
	const u8 *der[TLS13_MAX_CHAIN];
	u32 der_len[TLS13_MAX_CHAIN];
	unsigned int n;
};

int tls13_cred_load(key_serial_t cert, key_serial_t privkey,
		    struct tls13_cred *out);
int tls13_cred_load_default(struct key *keyring, struct tls13_cred *out);
int tls13_cred_set(const u8 *chain, size_t chain_len, const u8 *privkey,
		   size_t privkey_len, struct tls13_cred *out);
int tls13_cred_sign(const struct tls13_cred *cred, u16 scheme, const u8 *msg,
		    size_t len, u8 *sig, size_t size, size_t *sig_len);
void tls13_cred_free(struct tls13_cred *cred);
unsigned int tls13_cred_proofs(void);

#endif /* _NET_HANDSHAKE_TLS13_CERT_H */
