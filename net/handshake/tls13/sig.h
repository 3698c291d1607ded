/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Signature schemes for CertificateVerify (RFC 8446 section 4.2.3).
 */
#ifndef _NET_HANDSHAKE_TLS13_SIG_H
#define _NET_HANDSHAKE_TLS13_SIG_H

#include <linux/types.h>

struct public_key;
struct public_key_signature;

enum tls13_sig_kind {
	TLS13_SIG_ECDSA,
	TLS13_SIG_RSA_PSS,
};

/**
 * struct tls13_sigscheme - a SignatureScheme usable in CertificateVerify
 * @id: IANA code point
 * @name: IANA name
 * @hash: crypto API name of its hash
 * @hash_len: the hash's length
 * @kind: ECDSA or RSA-PSS
 * @curve: ECDSA: ECC_CURVE_NIST_P256 or _P384
 * @verifier: ECDSA P-384: crypto API name of the kernel's verifier
 *	(P-256 is verified by crypto/p256.c)
 */
struct tls13_sigscheme {
	u16 id;
	const char *name;
	const char *hash;
	unsigned int hash_len;
	enum tls13_sig_kind kind;
	unsigned int curve;
	const char *verifier;
};

const struct tls13_sigscheme *tls13_sigscheme_find(u16 id);
const char *tls13_sigscheme_name(u16 id);
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
