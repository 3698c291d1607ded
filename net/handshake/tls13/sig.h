/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Signature schemes for CertificateVerify (RFC 8446 section 4.2.3).
 */
#ifndef _NET_HANDSHAKE_TLS13_SIG_H
#define _NET_HANDSHAKE_TLS13_SIG_H

#include <linux/bits.h>
#include <linux/types.h>

#include "cert.h"

struct public_key;
struct public_key_signature;

enum tls13_sig_kind {
	TLS13_SIG_ECDSA,
	TLS13_SIG_RSA_PSS,
	TLS13_SIG_RSA_PKCS1,	/* inside certificates only (section 4.2.3) */
};

/* where the engine uses a scheme: struct tls13_sigscheme's @use */
#define TLS13_SIG_CV	BIT(0)	/* CertificateVerify, ours and the peer's */
#define TLS13_SIG_CERT	BIT(1)	/* signatures in certificates we check */
/* the most schemes of one use */
#define TLS13_MAX_SIGSCHEMES	8

/**
 * struct tls13_sigscheme - a SignatureScheme the engine knows
 * @id: IANA code point
 * @name: IANA name
 * @hash: crypto API name of its hash
 * @hash_len: the hash's length
 * @kind: ECDSA, RSA-PSS or (certificates only) PKCS#1 v1.5
 * @curve: ECDSA: ECC_CURVE_NIST_P256 or _P384
 * @verifier: ECDSA P-384: crypto API name of the kernel's verifier
 *	(P-256 is verified by crypto/p256.c)
 * @key: the kind of key that makes and checks it
 * @use: %TLS13_SIG_CV and/or %TLS13_SIG_CERT: where the engine offers
 *	and accepts it; 0: named in logs, never offered
 */
struct tls13_sigscheme {
	u16 id;
	const char *name;
	const char *hash;
	unsigned int hash_len;
	enum tls13_sig_kind kind;
	unsigned int curve;
	const char *verifier;
	enum tls13_key_kind key;
	u8 use;
};

/* sigscheme.c: the schemes, and the kinds of key, in one table */
const struct tls13_sigscheme *tls13_sigscheme_find(u16 id);
const char *tls13_sigscheme_name(u16 id);
unsigned int tls13_sigschemes(u8 use, u16 *ids);
bool tls13_sigscheme_fits(u16 id, enum tls13_key_kind key);
u16 tls13_sigscheme_for(enum tls13_key_kind key);
enum tls13_key_kind tls13_key_kind(const char *pkey_algo);

/* sig.c */
int __must_check tls13_sig_sign(const struct tls13_sigscheme *s,
				const u8 *priv, size_t priv_len,
				const u8 *content, size_t len, u8 *sig,
				size_t size, size_t *sig_len);
int __must_check tls13_sig_verify(const struct tls13_sigscheme *s,
				  const u8 *pub, size_t pub_len,
				  const u8 *content, size_t len,
				  const u8 *sig, size_t sig_len);
int __must_check tls13_sig_verify_cert(const struct public_key *issuer,
				       const struct public_key_signature *sig);

#endif /* _NET_HANDSHAKE_TLS13_SIG_H */
