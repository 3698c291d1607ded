// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SignatureSchemes the engine knows (RFC 8446 section 4.2.3) and the
 * kinds of key that make them, in one table: what a CertificateVerify
 * may use and which key must have made it, what signature_algorithms
 * and signature_algorithms_cert offer and in which order, which scheme a
 * credential proves itself with, and how the kernel's X.509 parser names
 * each kind of key. No crypto here (sig.c signs and verifies).
 */

#include <crypto/ecdh.h>
#include <linux/array_size.h>
#include <linux/string.h>

#include "compat.h"
#include "sig.h"

#define CV_CERT	(TLS13_SIG_CV | TLS13_SIG_CERT)

/* in order of preference: the order signature_algorithms(_cert) offer */
static const struct tls13_sigscheme schemes[] = {
	{ 0x0403, "ecdsa_secp256r1_sha256", "sha256", 32, TLS13_SIG_ECDSA,
	  ECC_CURVE_NIST_P256, NULL, TLS13_KEY_EC_P256, CV_CERT },
	{ 0x0503, "ecdsa_secp384r1_sha384", "sha384", 48, TLS13_SIG_ECDSA,
	  ECC_CURVE_NIST_P384, TLS13_ECDSA_P384_VERIFIER, TLS13_KEY_EC_P384, CV_CERT },
	{ 0x0804, "rsa_pss_rsae_sha256", "sha256", 32, TLS13_SIG_RSA_PSS, 0,
	  NULL, TLS13_KEY_RSA, CV_CERT },
	{ 0x0805, "rsa_pss_rsae_sha384", "sha384", 48, TLS13_SIG_RSA_PSS, 0,
	  NULL, TLS13_KEY_RSA, CV_CERT },
	{ 0x0806, "rsa_pss_rsae_sha512", "sha512", 64, TLS13_SIG_RSA_PSS, 0,
	  NULL, TLS13_KEY_RSA, CV_CERT },
	/*
	 * rsa_pss_pss_*: a certificate with an RSASSA-PSS key, which 6.12's
	 * X.509 parser does not take; signed and verified, never offered
	 */
	{ 0x0809, "rsa_pss_pss_sha256", "sha256", 32, TLS13_SIG_RSA_PSS, 0,
	  NULL, TLS13_KEY_NONE, 0 },
	{ 0x080a, "rsa_pss_pss_sha384", "sha384", 48, TLS13_SIG_RSA_PSS, 0,
	  NULL, TLS13_KEY_NONE, 0 },
	{ 0x080b, "rsa_pss_pss_sha512", "sha512", 64, TLS13_SIG_RSA_PSS, 0,
	  NULL, TLS13_KEY_NONE, 0 },
	/* PKCS#1 v1.5: inside certificates only */
	{ 0x0401, "rsa_pkcs1_sha256", "sha256", 32, TLS13_SIG_RSA_PKCS1, 0,
	  NULL, TLS13_KEY_RSA, TLS13_SIG_CERT },
	{ 0x0501, "rsa_pkcs1_sha384", "sha384", 48, TLS13_SIG_RSA_PKCS1, 0,
	  NULL, TLS13_KEY_RSA, TLS13_SIG_CERT },
	{ 0x0601, "rsa_pkcs1_sha512", "sha512", 64, TLS13_SIG_RSA_PKCS1, 0,
	  NULL, TLS13_KEY_RSA, TLS13_SIG_CERT },
};

static const struct tls13_sigscheme *lookup(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(schemes); i++)
		if (schemes[i].id == id)
			return &schemes[i];
	return NULL;
}

/**
 * tls13_sigscheme_find - a SignatureScheme the engine can sign or verify
 *	a CertificateVerify with
 * @id: IANA code point
 *
 * Return values: the scheme, or %NULL (not implemented, or not allowed
 *	in CertificateVerify, such as rsa_pkcs1_*)
 */
const struct tls13_sigscheme *tls13_sigscheme_find(u16 id)
{
	const struct tls13_sigscheme *s = lookup(id);

	return s && s->kind != TLS13_SIG_RSA_PKCS1 ? s : NULL;
}

/**
 * tls13_sigscheme_name - a SignatureScheme's IANA name, for logs
 * @id: IANA code point
 *
 * Return values: the name, or "?" for a scheme the engine does not know
 */
const char *tls13_sigscheme_name(u16 id)
{
	const struct tls13_sigscheme *s = lookup(id);

	return s ? s->name : "?";
}

/**
 * tls13_sigschemes - the schemes of one use, in order of preference
 * @use: %TLS13_SIG_CV (signature_algorithms, CertificateRequest) or
 *	%TLS13_SIG_CERT (signature_algorithms_cert)
 * @ids: room for %TLS13_MAX_SIGSCHEMES code points
 *
 * Return values: how many were written
 */
unsigned int tls13_sigschemes(u8 use, u16 *ids)
{
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(schemes) && n < TLS13_MAX_SIGSCHEMES; i++)
		if (schemes[i].use & use)
			ids[n++] = schemes[i].id;
	return n;
}

/**
 * tls13_sigscheme_fits - may a CertificateVerify use this scheme with
 *	this key?
 * @id: IANA code point
 * @key: the kind of key that signs (ours) or verifies (the peer's leaf)
 *
 * Return values: true for a scheme we offer in CertificateVerify that a
 *	key of @key makes
 */
bool tls13_sigscheme_fits(u16 id, enum tls13_key_kind key)
{
	const struct tls13_sigscheme *s = lookup(id);

	return s && (s->use & TLS13_SIG_CV) && key != TLS13_KEY_NONE &&
	       s->key == key;
}

/**
 * tls13_sigscheme_for - our first CertificateVerify scheme for a key
 * @key: the kind of key
 *
 * Return values: the scheme's code point, or 0 for a kind no scheme fits
 */
u16 tls13_sigscheme_for(enum tls13_key_kind key)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(schemes); i++)
		if (tls13_sigscheme_fits(schemes[i].id, key))
			return schemes[i].id;
	return 0;
}

/**
 * tls13_key_kind - the kind of a key the kernel's X.509 parser read
 * @pkey_algo: struct public_key's pkey_algo ("ecdsa-nist-p256", ...)
 *
 * Return values: the kind, or %TLS13_KEY_NONE for one the engine cannot
 *	use (or %NULL)
 */
enum tls13_key_kind tls13_key_kind(const char *pkey_algo)
{
	if (!pkey_algo)
		return TLS13_KEY_NONE;
	if (!strcmp(pkey_algo, "ecdsa-nist-p256"))
		return TLS13_KEY_EC_P256;
	if (!strcmp(pkey_algo, "ecdsa-nist-p384"))
		return TLS13_KEY_EC_P384;
	if (!strcmp(pkey_algo, "rsa"))
		return TLS13_KEY_RSA;
	return TLS13_KEY_NONE;
}
