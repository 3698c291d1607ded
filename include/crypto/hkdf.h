/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HKDF: HMAC-based Extract-and-Expand Key Derivation Function (RFC 5869)
 *
 * Linux 6.12 has no generic HKDF; this provides one over any keyed
 * "hmac(...)" shash transform.
 */
#ifndef _CRYPTO_HKDF_H
#define _CRYPTO_HKDF_H

#include <crypto/hash.h>

int __must_check hkdf_extract(struct crypto_shash *hmac_tfm,
			      const u8 *ikm, unsigned int ikmlen,
			      const u8 *salt, unsigned int saltlen, u8 *prk);
int __must_check hkdf_expand(struct crypto_shash *hmac_tfm,
			     const u8 *info, unsigned int infolen,
			     u8 *okm, unsigned int okmlen);

#endif /* _CRYPTO_HKDF_H */
