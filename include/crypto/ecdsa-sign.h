/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ECDSA signing for NIST P-256 and P-384 with deterministic nonces
 * (RFC 6979), on top of crypto/ecc.c.
 *
 * Linux 6.12's crypto/ecdsa.c only verifies; TLS 1.3 CertificateVerify
 * needs the signing half. Signatures are the DER Ecdsa-Sig-Value of
 * RFC 5480 / RFC 8446 section 4.2.3.
 */
#ifndef _CRYPTO_ECDSA_SIGN_H
#define _CRYPTO_ECDSA_SIGN_H

#include <linux/types.h>
#include <crypto/ecdh.h>	/* ECC_CURVE_NIST_P256, ECC_CURVE_NIST_P384 */

/*
 * Largest DER signature: SEQUENCE { INTEGER r, INTEGER s } with 48-byte
 * values, each possibly preceded by a 0x00 sign octet (P-384).
 */
#define ECDSA_SIGN_MAX_DER_SIZE	(2 + 2 * (2 + 1 + 48))

/* Largest uncompressed public key: 0x04 || X || Y (P-384). */
#define ECDSA_SIGN_MAX_PUB_SIZE	(1 + 2 * 48)

int __must_check ecdsa_sign_digest(unsigned int curve_id,
				   const u8 *priv, size_t priv_len,
				   const u8 *digest, size_t digest_len,
				   u8 *sig, size_t sig_size, size_t *sig_len);

int __must_check ecdsa_public_from_private(unsigned int curve_id,
					   const u8 *priv, size_t priv_len,
					   u8 *pub, size_t pub_size);

#if IS_ENABLED(CONFIG_KUNIT)
/* Internal, exported to crypto/ecdsa_sign_kunit.c only */
void ecdsa_sign_ladder_scalar(u64 *out, const u64 *x, const u64 *n,
			      unsigned int nd);
#endif

#endif /* _CRYPTO_ECDSA_SIGN_H */
