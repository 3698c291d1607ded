// SPDX-License-Identifier: GPL-2.0
/*
 * HKDF: HMAC-based Extract-and-Expand Key Derivation Function (RFC 5869)
 *
 * Both steps run on a caller-owned "hmac(<hash>)" transform so that the
 * caller decides how long a transform lives (the TLS 1.3 engine allocates
 * one per handshake and derives every secret of that handshake with it).
 * The transform's key is part of its state: a transform must not be
 * shared between concurrent users of these functions.
 */

#include <crypto/hash.h>
#include <crypto/hkdf.h>
#include <linux/module.h>
#include <linux/string.h>

/**
 * hkdf_extract - HKDF-Extract (RFC 5869 section 2.2)
 * @hmac_tfm: "hmac(<hash>)" transform; left keyed with @salt on return
 * @ikm: input keying material
 * @ikmlen: length of @ikm in bytes (may be 0)
 * @salt: salt; %NULL or @saltlen 0 means HashLen zero octets
 * @saltlen: length of @salt in bytes
 * @prk: output, digest size of @hmac_tfm bytes
 *
 * Computes PRK = HMAC-Hash(salt, IKM).
 *
 * Return values:
 *   %0: @prk holds the pseudorandom key
 *   %-EINVAL: the transform rejected the salt as a key
 *   other negative errno: the underlying hash failed
 */
int hkdf_extract(struct crypto_shash *hmac_tfm, const u8 *ikm,
		 unsigned int ikmlen, const u8 *salt, unsigned int saltlen,
		 u8 *prk)
{
	static const u8 zeroes[HASH_MAX_DIGESTSIZE];
	unsigned int hlen = crypto_shash_digestsize(hmac_tfm);
	int err;

	if (!salt || !saltlen) {
		salt = zeroes;
		saltlen = hlen;
	}
	err = crypto_shash_setkey(hmac_tfm, salt, saltlen);
	if (err)
		return err;
	return crypto_shash_tfm_digest(hmac_tfm, ikm, ikmlen, prk);
}
EXPORT_SYMBOL_GPL(hkdf_extract);

/**
 * hkdf_expand - HKDF-Expand (RFC 5869 section 2.3)
 * @hmac_tfm: "hmac(<hash>)" transform already keyed with the PRK
 * @info: context and application specific information
 * @infolen: length of @info in bytes (may be 0)
 * @okm: output keying material
 * @okmlen: bytes of output wanted, at most 255 * digest size
 *
 * Computes T(1) | T(2) | ... with T(i) = HMAC-Hash(PRK, T(i-1) | info | i)
 * and copies the first @okmlen bytes to @okm. @okm may alias @info only
 * if @okmlen is at most one digest.
 *
 * Return values:
 *   %0: @okm holds @okmlen bytes
 *   %-EINVAL: @okmlen is 0 or more than 255 * digest size
 *   other negative errno: the underlying hash failed; @okm is wiped
 */
int hkdf_expand(struct crypto_shash *hmac_tfm, const u8 *info,
		unsigned int infolen, u8 *okm, unsigned int okmlen)
{
	SHASH_DESC_ON_STACK(desc, hmac_tfm);
	unsigned int hlen = crypto_shash_digestsize(hmac_tfm);
	u8 t[HASH_MAX_DIGESTSIZE];
	unsigned int done = 0;
	u8 counter = 1;
	int err = 0;

	if (!okmlen || okmlen > 255 * hlen)
		return -EINVAL;

	desc->tfm = hmac_tfm;
	while (done < okmlen) {
		unsigned int n = min(hlen, okmlen - done);

		err = crypto_shash_init(desc);
		if (!err && done)
			err = crypto_shash_update(desc, t, hlen);
		if (!err && infolen)
			err = crypto_shash_update(desc, info, infolen);
		if (!err)
			err = crypto_shash_finup(desc, &counter, 1, t);
		if (err)
			break;
		memcpy(okm + done, t, n);
		done += n;
		counter++;
	}
	shash_desc_zero(desc);
	memzero_explicit(t, sizeof(t));
	if (err)
		memzero_explicit(okm, okmlen);
	return err;
}
EXPORT_SYMBOL_GPL(hkdf_expand);

MODULE_DESCRIPTION("HMAC-based Extract-and-Expand Key Derivation (RFC 5869)");
MODULE_LICENSE("GPL");
