// SPDX-License-Identifier: GPL-2.0-only
/*
 * Signature schemes for CertificateVerify (RFC 8446 sections 4.2.3 and
 * 4.4.3): ECDSA on P-256 and P-384 and RSA-PSS, signing and verifying the
 * content tls13_cv_content() builds. Keys come as the kernel's X.509
 * parser leaves them in struct public_key: an uncompressed point for EC,
 * an RSAPublicKey for RSA; private keys as a big-endian scalar (EC) or an
 * RSAPrivateKey (RSA). PKCS#1 v1.5 is never used here: TLS 1.3 allows it
 * only inside certificates. ECDSA on P-256 is verified by the P-256
 * library (crypto/p256.c), P-384 by the kernel's "ecdsa-nist-p384".
 */

#include <crypto/ecdsa-sign.h>
#include <crypto/hash.h>
#include <crypto/p256.h>
#include <crypto/public_key.h>
#include <crypto/rsa-pss.h>
#include <crypto/sig.h>
#include <linux/slab.h>

#include "compat.h"
#include "sig.h"
#include "tls13.h"

static int digest(const struct tls13_sigscheme *s, const u8 *content,
		  size_t len, u8 *out)
{
	struct crypto_shash *tfm = tls13_shared_hash(s->hash);

	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	return crypto_shash_tfm_digest(tfm, content, len, out);
}

/**
 * tls13_sig_sign - sign a CertificateVerify content
 * @s: the scheme
 * @priv: the private key: a big-endian scalar (ECDSA) or an RSAPrivateKey
 *	(RSA-PSS)
 * @priv_len: its length
 * @content: what to sign (tls13_cv_content())
 * @len: its length
 * @sig: the signature
 * @size: room in @sig
 * @sig_len: the signature's length
 *
 * Return values: 0, -EINVAL (a key that does not fit the scheme), -ENOSPC,
 *	or the crypto API's errno
 */
int tls13_sig_sign(const struct tls13_sigscheme *s, const u8 *priv,
		   size_t priv_len, const u8 *content, size_t len, u8 *sig,
		   size_t size, size_t *sig_len)
{
	u8 d[64];
	int err;

	err = digest(s, content, len, d);
	if (err)
		return err;
	if (s->kind == TLS13_SIG_ECDSA)
		err = ecdsa_sign_digest(s->curve, priv, priv_len, d,
					s->hash_len, sig, size, sig_len);
	else
		err = rsa_pss_sign(priv, priv_len, s->hash, d, s->hash_len,
				   NULL, sig, size, sig_len);
	memzero_explicit(d, sizeof(d));
	return err;
}

/* ecdsa_secp256r1_sha256: -EINVAL for a bad key, -EKEYREJECTED otherwise */
static int p256_verify(const u8 *pub, size_t pub_len, const u8 *d,
		       size_t dlen, const u8 *sig, size_t sig_len)
{
	struct p256_pubkey key;
	u8 r[P256_BYTES], s[P256_BYTES];

	if (p256_pubkey_decode(&key, pub, pub_len))
		return -EINVAL;
	/* a malformed signature is a bad one */
	if (p256_ecdsa_sig_from_der(sig, sig_len, r, s))
		return -EKEYREJECTED;
	return p256_ecdsa_verify(&key, d, dlen, r, s);
}

/**
 * tls13_sig_verify - verify a CertificateVerify signature
 * @s: the scheme
 * @pub: the public key: an uncompressed point (ECDSA) or an RSAPublicKey
 *	(RSA-PSS)
 * @pub_len: its length
 * @content: what was signed (tls13_cv_content())
 * @len: its length
 * @sig: the signature
 * @sig_len: its length
 *
 * Return values:
 *   0: the signature is good
 *   -EKEYREJECTED: it is not (decrypt_error, section 4.4.3)
 *   -EINVAL: a key that does not fit the scheme
 *   other negative errno: the crypto API failed
 */
int tls13_sig_verify(const struct tls13_sigscheme *s, const u8 *pub,
		     size_t pub_len, const u8 *content, size_t len,
		     const u8 *sig, size_t sig_len)
{
	struct crypto_sig *tfm;
	u8 d[64];
	int err;

	err = digest(s, content, len, d);
	if (err)
		return err;
	if (s->kind == TLS13_SIG_RSA_PSS)
		return rsa_pss_verify(pub, pub_len, s->hash, d, s->hash_len,
				      sig, sig_len);
	if (s->curve == ECC_CURVE_NIST_P256)
		return p256_verify(pub, pub_len, d, s->hash_len, sig, sig_len);
	tfm = crypto_alloc_sig(s->verifier, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = crypto_sig_set_pubkey(tfm, pub, pub_len);
	if (err) {
		err = -EINVAL;
		goto out;
	}
	err = crypto_sig_verify(tfm, sig, sig_len, d, s->hash_len);
	/* a malformed, high or wrong signature alike */
	if (err == -EBADMSG || err == -EKEYREJECTED || err == -EINVAL)
		err = -EKEYREJECTED;
out:
	crypto_free_sig(tfm);
	return err;
}

/**
 * tls13_sig_verify_cert - verify a certificate's signature in a chain
 * @issuer: the issuer's public key
 * @sig: the certificate's signature, its digest computed by the X.509
 *	parser
 *
 * P-256 keys through crypto/p256.c, the others through the kernel's
 * public_key_verify_signature(). The caller has checked that @sig's
 * algorithm fits @issuer's key (cert.c's sig_usable()).
 *
 * Return values:
 *   0: the signature is good
 *   -EKEYREJECTED: it is not, or it is malformed
 *   other negative errno: the key is unusable, or the crypto API failed
 */
int tls13_sig_verify_cert(const struct public_key *issuer,
			  const struct public_key_signature *sig)
{
	if (!strcmp(issuer->pkey_algo, "ecdsa-nist-p256"))
		return p256_verify(issuer->key, issuer->keylen,
				   tls13_pks_digest(sig),
				   tls13_pks_digest_size(sig), sig->s, sig->s_size);
	return public_key_verify_signature(issuer, sig);
}
