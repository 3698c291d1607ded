/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NIST P-256 (secp256r1): ECDH and ECDSA as a constant-time library on
 * 64-bit limbs (crypto/p256.c).
 *
 * Keys and values are big-endian byte strings: a private scalar or a
 * signature half is P256_BYTES long, a public key is the uncompressed
 * point 0x04 || X || Y (P256_PUB_BYTES).
 */
#ifndef _CRYPTO_P256_H
#define _CRYPTO_P256_H

#include <linux/types.h>

#define P256_BYTES	32
#define P256_PUB_BYTES	(1 + 2 * P256_BYTES)

/**
 * struct p256_pubkey - a validated public key, ready for verifying
 * @x: affine x, in the library's internal (Montgomery) representation
 * @y: affine y, likewise
 *
 * Filled by p256_pubkey_decode(); opaque to callers, who may decode a key
 * once and verify many signatures with it.
 */
struct p256_pubkey {
	u64 x[4];
	u64 y[4];
};

int __must_check p256_ecdh_keygen(u8 *priv, u8 *pub);
int __must_check p256_ecdh_shared(const u8 *priv, const u8 *peer_pub,
				  size_t peer_len, u8 *shared_x);
int __must_check p256_public_from_private(const u8 *priv, u8 *pub);
int __must_check p256_pubkey_decode(struct p256_pubkey *key, const u8 *in,
				    size_t len);
int __must_check p256_ecdsa_sign(const u8 *priv, const u8 *digest,
				 size_t dlen, const u8 *k, u8 *r, u8 *s);
int __must_check p256_ecdsa_verify(const struct p256_pubkey *key,
				   const u8 *digest, size_t dlen,
				   const u8 *r, const u8 *s);
int __must_check p256_ecdsa_sig_from_der(const u8 *der, size_t len,
					 u8 *r, u8 *s);

#if IS_ENABLED(CONFIG_KUNIT)
/* Internal field arithmetic mod p, exported to crypto/p256_kunit.c only */
void p256_fe_to_mont(u64 *r, const u64 *a);
void p256_fe_from_mont(u64 *r, const u64 *a);
void p256_fe_mul(u64 *r, const u64 *a, const u64 *b);
void p256_fe_sqr(u64 *r, const u64 *a);
void p256_fe_inv(u64 *r, const u64 *a);
void p256_fe_add(u64 *r, const u64 *a, const u64 *b);
void p256_fe_sub(u64 *r, const u64 *a, const u64 *b);
void p256_scalar_inv(u64 *r, const u64 *a);
#endif

#endif /* _CRYPTO_P256_H */
