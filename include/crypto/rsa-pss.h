/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RSASSA-PSS (RFC 8017 section 8.1) with EMSA-PSS and MGF1 over the raw
 * "rsa" akcipher, with the parameters TLS 1.3 uses: MGF1 with the message
 * hash, salt length equal to the hash length, trailer 0xbc.
 *
 * Linux 6.12 has no RSA-PSS; this provides verification (public key) and
 * signing (private key) of a precomputed digest.
 */
#ifndef _CRYPTO_RSA_PSS_H
#define _CRYPTO_RSA_PSS_H

#include <linux/types.h>

/* Smallest modulus accepted, in bits: both functions return -EINVAL below. */
#define RSA_PSS_MIN_MODULUS_BITS 2048

int __must_check rsa_pss_verify(const u8 *pub_key_der, size_t pub_len,
				const char *hash_name,
				const u8 *digest, size_t digest_len,
				const u8 *sig, size_t sig_len);
int __must_check rsa_pss_sign(const u8 *priv_key_der, size_t priv_len,
			      const char *hash_name,
			      const u8 *digest, size_t digest_len,
			      const u8 *salt, u8 *sig, size_t sig_size,
			      size_t *sig_len);

#if IS_ENABLED(CONFIG_KUNIT)
/* Internals exported to crypto/rsa_pss_kunit.c only */
struct gcry_mpi;
int rsa_pss_mod_inv(struct gcry_mpi *x, struct gcry_mpi *a,
		    struct gcry_mpi *n);
int rsa_pss_mod_inv_blinded(struct gcry_mpi *x, struct gcry_mpi *r,
			    struct gcry_mpi *n);
int rsa_pss_sign_blind(const u8 *priv_key_der, size_t priv_len,
		       const char *hash_name,
		       const u8 *digest, size_t digest_len,
		       const u8 *salt, const u8 *blind, size_t blind_len,
		       u8 *sig, size_t sig_size, size_t *sig_len);
int rsa_pss_rsasp1(const u8 *priv_key_der, size_t priv_len,
		   const u8 *c, u8 *s, size_t len);
int rsa_pss_rsasp1_check(const u8 *priv_key_der, size_t priv_len,
			 const u8 *c, const u8 *s, size_t len);
#endif

#endif /* _CRYPTO_RSA_PSS_H */
