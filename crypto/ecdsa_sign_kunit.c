// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for ECDSA signing (crypto/ecdsa_sign.c).
 *
 * Known answers: the keys and messages of RFC 6979 appendix A.2.5 (P-256)
 * and A.2.6 (P-384). Signing is deterministic, so each DER signature must
 * be exactly the RFC's (r, s):
 *   P-256/SHA-256 "sample", "test"   r, s (and k) of RFC 6979 A.2.5
 *   P-256/SHA-512 "sample"           RFC 6979 A.2.5: the 64-byte digest is
 *                                    truncated to the leftmost 256 bits
 *   P-384/SHA-384 "sample", "test"   r, s (and k) of RFC 6979 A.2.6
 *   P-384/SHA-256, SHA-512 "sample"  shorter and longer digests than the
 *                                    order; derived with OpenSSL (below)
 *   P-256/SHA-256 "sample 51"        r has a zero top octet (DER INTEGER
 *                                    of 31 octets); OpenSSL, found by
 *                                    trying "sample <i>" for i = 0, 1, ...
 * The public keys are the RFC's (Ux, Uy).
 *
 * tests/tools/ecdsa-sign-vectors.py prints these tables: it signs each case
 * with OpenSSL's own RFC 6979 implementation (python3-cryptography,
 * deterministic_signing, OpenSSL 4.0), checks the RFC's k by recomputing
 * r = x(k*G) mod n and s with Python integers, and verifies every signature
 * with `openssl pkeyutl -verify` of the host. In the kernel, every
 * signature is also verified by the kernel's own ECDSA verifier
 * ("ecdsa-nist-p256"/"ecdsa-nist-p384" crypto_sig), which must reject a
 * corrupted one.
 */

#include <crypto/ecdsa-sign.h>
#include <crypto/hash.h>
#include <crypto/sha2.h>
#include <crypto/sig.h>
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/string.h>

/* RFC 6979 A.2.5: private key x */
static const u8 priv_p256[] = {
	0xc9, 0xaf, 0xa9, 0xd8, 0x45, 0xba, 0x75, 0x16,
	0x6b, 0x5c, 0x21, 0x57, 0x67, 0xb1, 0xd6, 0x93,
	0x4e, 0x50, 0xc3, 0xdb, 0x36, 0xe8, 0x9b, 0x12,
	0x7b, 0x8a, 0x62, 0x2b, 0x12, 0x0f, 0x67, 0x21,
};

/* RFC 6979 A.2.6: private key x */
static const u8 priv_p384[] = {
	0x6b, 0x9d, 0x3d, 0xad, 0x2e, 0x1b, 0x8c, 0x1c,
	0x05, 0xb1, 0x98, 0x75, 0xb6, 0x65, 0x9f, 0x4d,
	0xe2, 0x3c, 0x3b, 0x66, 0x7b, 0xf2, 0x97, 0xba,
	0x9a, 0xa4, 0x77, 0x40, 0x78, 0x71, 0x37, 0xd8,
	0x96, 0xd5, 0x72, 0x4e, 0x4c, 0x70, 0xa8, 0x25,
	0xf8, 0x72, 0xc9, 0xea, 0x60, 0xd2, 0xed, 0xf5,
};

/* Group orders n (FIPS 186-4 D.1.2.3, D.1.2.4) */
static const u8 n_p256[] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
	0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};

static const u8 n_p384[] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
	0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a,
	0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
};

/*
 * RFC 6979 nonces, checked by tests/tools/ecdsa-sign-vectors.py:
 *   P-256/SHA-256 sample k = A6E3C57DD01ABE90086538398355DD4C
 *                            3B17AA873382B0F24D6129493D8AAD60
 *   P-256/SHA-256 test   k = D16B6AE827F17175E040871A1C7EC350
 *                            0192C4C92677336EC2537ACAEE0008E0
 *   P-256/SHA-512 sample k = 5FA81C63109BADB88C1F367B47DA606D
 *                            A28CAD69AA22C4FE6AD7DF73A7173AA5
 *   P-384/SHA-384 sample k = 94ED910D1A099DAD3254E9242AE85ABDE4BA15168EAF0CA8
 *                            7A555FD56D10FBCA2907E3E83BA95368623B8C4686915CF9
 *   P-384/SHA-384 test   k = 015EE46A5BF88773ED9123A5AB0807962D193719503C527B
 *                            031B4C2D225092ADA71F4A459BC0DA98ADB95837DB8312EA
 */

/*
 * p256_sha256_sample
 * r = EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716
 * s = F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8
 */
static const u8 der_p256_sha256_sample[] = {
	0x30, 0x46, 0x02, 0x21, 0x00, 0xef, 0xd4, 0x8b,
	0x2a, 0xac, 0xb6, 0xa8, 0xfd, 0x11, 0x40, 0xdd,
	0x9c, 0xd4, 0x5e, 0x81, 0xd6, 0x9d, 0x2c, 0x87,
	0x7b, 0x56, 0xaa, 0xf9, 0x91, 0xc3, 0x4d, 0x0e,
	0xa8, 0x4e, 0xaf, 0x37, 0x16, 0x02, 0x21, 0x00,
	0xf7, 0xcb, 0x1c, 0x94, 0x2d, 0x65, 0x7c, 0x41,
	0xd4, 0x36, 0xc7, 0xa1, 0xb6, 0xe2, 0x9f, 0x65,
	0xf3, 0xe9, 0x00, 0xdb, 0xb9, 0xaf, 0xf4, 0x06,
	0x4d, 0xc4, 0xab, 0x2f, 0x84, 0x3a, 0xcd, 0xa8,
};

/*
 * p256_sha256_test
 * r = F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367
 * s = 019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083
 */
static const u8 der_p256_sha256_test[] = {
	0x30, 0x45, 0x02, 0x21, 0x00, 0xf1, 0xab, 0xb0,
	0x23, 0x51, 0x83, 0x51, 0xcd, 0x71, 0xd8, 0x81,
	0x56, 0x7b, 0x1e, 0xa6, 0x63, 0xed, 0x3e, 0xfc,
	0xf6, 0xc5, 0x13, 0x2b, 0x35, 0x4f, 0x28, 0xd3,
	0xb0, 0xb7, 0xd3, 0x83, 0x67, 0x02, 0x20, 0x01,
	0x9f, 0x41, 0x13, 0x74, 0x2a, 0x2b, 0x14, 0xbd,
	0x25, 0x92, 0x6b, 0x49, 0xc6, 0x49, 0x15, 0x5f,
	0x26, 0x7e, 0x60, 0xd3, 0x81, 0x4b, 0x4c, 0x0c,
	0xc8, 0x42, 0x50, 0xe4, 0x6f, 0x00, 0x83,
};

/*
 * p256_sha512_sample
 * r = 8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00
 * s = 2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE
 */
static const u8 der_p256_sha512_sample[] = {
	0x30, 0x45, 0x02, 0x21, 0x00, 0x84, 0x96, 0xa6,
	0x0b, 0x5e, 0x9b, 0x47, 0xc8, 0x25, 0x48, 0x88,
	0x27, 0xe0, 0x49, 0x5b, 0x0e, 0x3f, 0xa1, 0x09,
	0xec, 0x45, 0x68, 0xfd, 0x3f, 0x8d, 0x10, 0x97,
	0x67, 0x8e, 0xb9, 0x7f, 0x00, 0x02, 0x20, 0x23,
	0x62, 0xab, 0x1a, 0xdb, 0xe2, 0xb8, 0xad, 0xf9,
	0xcb, 0x9e, 0xda, 0xb7, 0x40, 0xea, 0x60, 0x49,
	0xc0, 0x28, 0x11, 0x4f, 0x24, 0x60, 0xf9, 0x65,
	0x54, 0xf6, 0x1f, 0xae, 0x33, 0x02, 0xfe,
};

/*
 * p384_sha384_sample
 * r = 94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA7
 *     3D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46
 * s = 99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526
 *     203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8
 */
static const u8 der_p384_sha384_sample[] = {
	0x30, 0x66, 0x02, 0x31, 0x00, 0x94, 0xed, 0xbb,
	0x92, 0xa5, 0xec, 0xb8, 0xaa, 0xd4, 0x73, 0x6e,
	0x56, 0xc6, 0x91, 0x91, 0x6b, 0x3f, 0x88, 0x14,
	0x06, 0x66, 0xce, 0x9f, 0xa7, 0x3d, 0x64, 0xc4,
	0xea, 0x95, 0xad, 0x13, 0x3c, 0x81, 0xa6, 0x48,
	0x15, 0x2e, 0x44, 0xac, 0xf9, 0x6e, 0x36, 0xdd,
	0x1e, 0x80, 0xfa, 0xbe, 0x46, 0x02, 0x31, 0x00,
	0x99, 0xef, 0x4a, 0xeb, 0x15, 0xf1, 0x78, 0xce,
	0xa1, 0xfe, 0x40, 0xdb, 0x26, 0x03, 0x13, 0x8f,
	0x13, 0x0e, 0x74, 0x0a, 0x19, 0x62, 0x45, 0x26,
	0x20, 0x3b, 0x63, 0x51, 0xd0, 0xa3, 0xa9, 0x4f,
	0xa3, 0x29, 0xc1, 0x45, 0x78, 0x6e, 0x67, 0x9e,
	0x7b, 0x82, 0xc7, 0x1a, 0x38, 0x62, 0x8a, 0xc8,
};

/*
 * p384_sha384_test
 * r = 8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36
 *     AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB
 * s = DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B
 *     827C2F13173923E06A739F040649A667BF3B828246BAA5A5
 */
static const u8 der_p384_sha384_test[] = {
	0x30, 0x66, 0x02, 0x31, 0x00, 0x82, 0x03, 0xb6,
	0x3d, 0x3c, 0x85, 0x3e, 0x8d, 0x77, 0x22, 0x7f,
	0xb3, 0x77, 0xbc, 0xf7, 0xb7, 0xb7, 0x72, 0xe9,
	0x78, 0x92, 0xa8, 0x0f, 0x36, 0xab, 0x77, 0x5d,
	0x50, 0x9d, 0x7a, 0x5f, 0xeb, 0x05, 0x42, 0xa7,
	0xf0, 0x81, 0x29, 0x98, 0xda, 0x8f, 0x1d, 0xd3,
	0xca, 0x3c, 0xf0, 0x23, 0xdb, 0x02, 0x31, 0x00,
	0xdd, 0xd0, 0x76, 0x04, 0x48, 0xd4, 0x2d, 0x8a,
	0x43, 0xaf, 0x45, 0xaf, 0x83, 0x6f, 0xce, 0x4d,
	0xe8, 0xbe, 0x06, 0xb4, 0x85, 0xe9, 0xb6, 0x1b,
	0x82, 0x7c, 0x2f, 0x13, 0x17, 0x39, 0x23, 0xe0,
	0x6a, 0x73, 0x9f, 0x04, 0x06, 0x49, 0xa6, 0x67,
	0xbf, 0x3b, 0x82, 0x82, 0x46, 0xba, 0xa5, 0xa5,
};

/*
 * p384_sha256_sample
 * r = 21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E
 *     354B63A21D3DAA33BDE1E888E63355D92FA2B3C36D8FB2CD
 * s = F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D4
 *     5DB2266FA7D1FEEBEFDC63ECCD1AC42EC0CB8668A4FA0AB0
 */
static const u8 der_p384_sha256_sample[] = {
	0x30, 0x65, 0x02, 0x30, 0x21, 0xb1, 0x3d, 0x1e,
	0x01, 0x3c, 0x7f, 0xa1, 0x39, 0x2d, 0x03, 0xc5,
	0xf9, 0x9a, 0xf8, 0xb3, 0x0c, 0x57, 0x0c, 0x6f,
	0x98, 0xd4, 0xea, 0x8e, 0x35, 0x4b, 0x63, 0xa2,
	0x1d, 0x3d, 0xaa, 0x33, 0xbd, 0xe1, 0xe8, 0x88,
	0xe6, 0x33, 0x55, 0xd9, 0x2f, 0xa2, 0xb3, 0xc3,
	0x6d, 0x8f, 0xb2, 0xcd, 0x02, 0x31, 0x00, 0xf3,
	0xaa, 0x44, 0x3f, 0xb1, 0x07, 0x74, 0x5b, 0xf4,
	0xbd, 0x77, 0xcb, 0x38, 0x91, 0x67, 0x46, 0x32,
	0x06, 0x8a, 0x10, 0xca, 0x67, 0xe3, 0xd4, 0x5d,
	0xb2, 0x26, 0x6f, 0xa7, 0xd1, 0xfe, 0xeb, 0xef,
	0xdc, 0x63, 0xec, 0xcd, 0x1a, 0xc4, 0x2e, 0xc0,
	0xcb, 0x86, 0x68, 0xa4, 0xfa, 0x0a, 0xb0,
};

/*
 * p384_sha512_sample
 * r = ED0959D5880AB2D869AE7F6C2915C6D60F96507F9CB3E047
 *     C0046861DA4A799CFE30F35CC900056D7C99CD7882433709
 * s = 512C8CCEEE3890A84058CE1E22DBC2198F42323CE8ACA913
 *     5329F03C068E5112DC7CC3EF3446DEFCEB01A45C2667FDD5
 */
static const u8 der_p384_sha512_sample[] = {
	0x30, 0x65, 0x02, 0x31, 0x00, 0xed, 0x09, 0x59,
	0xd5, 0x88, 0x0a, 0xb2, 0xd8, 0x69, 0xae, 0x7f,
	0x6c, 0x29, 0x15, 0xc6, 0xd6, 0x0f, 0x96, 0x50,
	0x7f, 0x9c, 0xb3, 0xe0, 0x47, 0xc0, 0x04, 0x68,
	0x61, 0xda, 0x4a, 0x79, 0x9c, 0xfe, 0x30, 0xf3,
	0x5c, 0xc9, 0x00, 0x05, 0x6d, 0x7c, 0x99, 0xcd,
	0x78, 0x82, 0x43, 0x37, 0x09, 0x02, 0x30, 0x51,
	0x2c, 0x8c, 0xce, 0xee, 0x38, 0x90, 0xa8, 0x40,
	0x58, 0xce, 0x1e, 0x22, 0xdb, 0xc2, 0x19, 0x8f,
	0x42, 0x32, 0x3c, 0xe8, 0xac, 0xa9, 0x13, 0x53,
	0x29, 0xf0, 0x3c, 0x06, 0x8e, 0x51, 0x12, 0xdc,
	0x7c, 0xc3, 0xef, 0x34, 0x46, 0xde, 0xfc, 0xeb,
	0x01, 0xa4, 0x5c, 0x26, 0x67, 0xfd, 0xd5,
};

/*
 * p256_sha256_sample_51 (OpenSSL): r has a zero top octet, so its DER
 * INTEGER is 31 octets
 * r = 0049BA509A39FD49F533927A766E7682C7A2ABD74DDBED2D8B939C29E36EF248
 * s = A9994DF163DD3A4BBE0673AF4C2349BEB9CBF5FD09217038B1BFC3AB9CD8278C
 */
static const u8 der_p256_sha256_sample_51[] = {
	0x30, 0x44, 0x02, 0x1f, 0x49, 0xba, 0x50, 0x9a,
	0x39, 0xfd, 0x49, 0xf5, 0x33, 0x92, 0x7a, 0x76,
	0x6e, 0x76, 0x82, 0xc7, 0xa2, 0xab, 0xd7, 0x4d,
	0xdb, 0xed, 0x2d, 0x8b, 0x93, 0x9c, 0x29, 0xe3,
	0x6e, 0xf2, 0x48, 0x02, 0x21, 0x00, 0xa9, 0x99,
	0x4d, 0xf1, 0x63, 0xdd, 0x3a, 0x4b, 0xbe, 0x06,
	0x73, 0xaf, 0x4c, 0x23, 0x49, 0xbe, 0xb9, 0xcb,
	0xf5, 0xfd, 0x09, 0x21, 0x70, 0x38, 0xb1, 0xbf,
	0xc3, 0xab, 0x9c, 0xd8, 0x27, 0x8c,
};

static const u8 pub_p256[] = {
	0x04, 0x60, 0xfe, 0xd4, 0xba, 0x25, 0x5a, 0x9d,
	0x31, 0xc9, 0x61, 0xeb, 0x74, 0xc6, 0x35, 0x6d,
	0x68, 0xc0, 0x49, 0xb8, 0x92, 0x3b, 0x61, 0xfa,
	0x6c, 0xe6, 0x69, 0x62, 0x2e, 0x60, 0xf2, 0x9f,
	0xb6, 0x79, 0x03, 0xfe, 0x10, 0x08, 0xb8, 0xbc,
	0x99, 0xa4, 0x1a, 0xe9, 0xe9, 0x56, 0x28, 0xbc,
	0x64, 0xf2, 0xf1, 0xb2, 0x0c, 0x2d, 0x7e, 0x9f,
	0x51, 0x77, 0xa3, 0xc2, 0x94, 0xd4, 0x46, 0x22,
	0x99,
};

static const u8 pub_p384[] = {
	0x04, 0xec, 0x3a, 0x4e, 0x41, 0x5b, 0x4e, 0x19,
	0xa4, 0x56, 0x86, 0x18, 0x02, 0x9f, 0x42, 0x7f,
	0xa5, 0xda, 0x9a, 0x8b, 0xc4, 0xae, 0x92, 0xe0,
	0x2e, 0x06, 0xaa, 0xe5, 0x28, 0x6b, 0x30, 0x0c,
	0x64, 0xde, 0xf8, 0xf0, 0xea, 0x90, 0x55, 0x86,
	0x60, 0x64, 0xa2, 0x54, 0x51, 0x54, 0x80, 0xbc,
	0x13, 0x80, 0x15, 0xd9, 0xb7, 0x2d, 0x7d, 0x57,
	0x24, 0x4e, 0xa8, 0xef, 0x9a, 0xc0, 0xc6, 0x21,
	0x89, 0x67, 0x08, 0xa5, 0x93, 0x67, 0xf9, 0xdf,
	0xb9, 0xf5, 0x4c, 0xa8, 0x4b, 0x3f, 0x1c, 0x9d,
	0xb1, 0x28, 0x8b, 0x23, 0x1c, 0x3a, 0xe0, 0xd4,
	0xfe, 0x73, 0x44, 0xfd, 0x25, 0x33, 0x26, 0x47,
	0x20,
};

struct ecdsa_kat {
	const char *name;
	unsigned int curve_id;
	const char *hash;
	const char *msg;
	const u8 *priv, *der;
	size_t priv_len, der_len;
};

#define KAT(_name, _curve, _hash, _msg, _priv, _der)			\
	{ .name = _name, .curve_id = _curve, .hash = _hash, .msg = _msg,	\
	  .priv = _priv, .priv_len = sizeof(_priv),			\
	  .der = _der, .der_len = sizeof(_der) }

static const struct ecdsa_kat ecdsa_kats[] = {
	KAT("RFC 6979 A.2.5 P-256 SHA-256 sample", ECC_CURVE_NIST_P256,
	    "sha256", "sample", priv_p256, der_p256_sha256_sample),
	KAT("RFC 6979 A.2.5 P-256 SHA-256 test", ECC_CURVE_NIST_P256,
	    "sha256", "test", priv_p256, der_p256_sha256_test),
	KAT("RFC 6979 A.2.5 P-256 SHA-512 sample", ECC_CURVE_NIST_P256,
	    "sha512", "sample", priv_p256, der_p256_sha512_sample),
	KAT("RFC 6979 A.2.6 P-384 SHA-384 sample", ECC_CURVE_NIST_P384,
	    "sha384", "sample", priv_p384, der_p384_sha384_sample),
	KAT("RFC 6979 A.2.6 P-384 SHA-384 test", ECC_CURVE_NIST_P384,
	    "sha384", "test", priv_p384, der_p384_sha384_test),
	KAT("OpenSSL P-384 SHA-256 sample", ECC_CURVE_NIST_P384,
	    "sha256", "sample", priv_p384, der_p384_sha256_sample),
	KAT("OpenSSL P-384 SHA-512 sample", ECC_CURVE_NIST_P384,
	    "sha512", "sample", priv_p384, der_p384_sha512_sample),
	KAT("OpenSSL P-256 SHA-256 sample 51, short r", ECC_CURVE_NIST_P256,
	    "sha256", "sample 51", priv_p256, der_p256_sha256_sample_51),
};

static void kat_desc(const struct ecdsa_kat *kat, char *desc)
{
	strscpy(desc, kat->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ecdsa_kat, ecdsa_kats, kat_desc);

/* Test buffers, on the heap to keep the test frames small. */
struct test_bufs {
	u8 priv[48];
	u8 digest[SHA512_DIGEST_SIZE];
	u8 sig[ECDSA_SIGN_MAX_DER_SIZE];
	u8 sig2[ECDSA_SIGN_MAX_DER_SIZE];
	u8 pub[ECDSA_SIGN_MAX_PUB_SIZE];
};

static const char *verifier_name(unsigned int curve_id)
{
	return curve_id == ECC_CURVE_NIST_P256 ? "ecdsa-nist-p256" :
						 "ecdsa-nist-p384";
}

static size_t hash_msg(struct kunit *test, const char *hash, const char *msg,
		       u8 *digest)
{
	struct crypto_shash *tfm;
	size_t len;

	tfm = crypto_alloc_shash(hash, 0, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "no %s", hash);
	len = crypto_shash_digestsize(tfm);
	KUNIT_ASSERT_EQ(test, 0,
			crypto_shash_tfm_digest(tfm, msg, strlen(msg), digest));
	crypto_free_shash(tfm);
	return len;
}

/* Verifies with the kernel's own ECDSA verifier (crypto/ecdsa.c). */
static int kernel_verify(struct kunit *test, unsigned int curve_id,
			 const u8 *pub, size_t pub_len, const u8 *sig,
			 size_t sig_len, const u8 *digest, size_t digest_len)
{
	struct crypto_sig *tfm;
	int err;

	tfm = crypto_alloc_sig(verifier_name(curve_id), 0, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "no %s",
			       verifier_name(curve_id));
	err = crypto_sig_set_pubkey(tfm, pub, pub_len);
	KUNIT_ASSERT_EQ(test, err, 0);
	err = crypto_sig_verify(tfm, sig, sig_len, digest, digest_len);
	crypto_free_sig(tfm);
	return err;
}

/* Arrange: RFC key and message; Act: sign; Assert: the RFC's signature. */
static void ecdsa_sign_test_kat(struct kunit *test)
{
	const struct ecdsa_kat *kat = test->param_value;
	struct test_bufs *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	u8 *digest, *sig, *pub;
	size_t dlen, sig_len = 0;
	int err;

	KUNIT_ASSERT_NOT_NULL(test, b);
	digest = b->digest;
	sig = b->sig;
	pub = b->pub;
	dlen = hash_msg(test, kat->hash, kat->msg, digest);

	err = ecdsa_sign_digest(kat->curve_id, kat->priv, kat->priv_len,
				digest, dlen, sig, ECDSA_SIGN_MAX_DER_SIZE,
				&sig_len);

	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_EQ(test, sig_len, kat->der_len);
	KUNIT_EXPECT_MEMEQ(test, sig, kat->der, kat->der_len);

	KUNIT_ASSERT_EQ(test, 0, ecdsa_public_from_private(kat->curve_id,
							   kat->priv,
							   kat->priv_len, pub,
							   ECDSA_SIGN_MAX_PUB_SIZE));
	KUNIT_EXPECT_EQ(test, 0, kernel_verify(test, kat->curve_id, pub,
					       1 + 2 * kat->priv_len, sig,
					       sig_len, digest, dlen));
}

static void ecdsa_sign_test_public_key(struct kunit *test)
{
	u8 pub[ECDSA_SIGN_MAX_PUB_SIZE];

	KUNIT_ASSERT_EQ(test, 0,
			ecdsa_public_from_private(ECC_CURVE_NIST_P256,
						  priv_p256, sizeof(priv_p256),
						  pub, sizeof(pub)));
	KUNIT_EXPECT_MEMEQ(test, pub, pub_p256, sizeof(pub_p256));

	KUNIT_ASSERT_EQ(test, 0,
			ecdsa_public_from_private(ECC_CURVE_NIST_P384,
						  priv_p384, sizeof(priv_p384),
						  pub, sizeof(pub)));
	KUNIT_EXPECT_MEMEQ(test, pub, pub_p384, sizeof(pub_p384));
}

/*
 * Round trip through the kernel verifier over keys and digests that are
 * not in the RFC: the key and digest bytes are a simple pattern of @seed,
 * and the top key byte is kept below n's.
 */
static void round_trip(struct kunit *test, unsigned int curve_id,
		       size_t priv_len, size_t digest_len, u8 seed)
{
	struct test_bufs *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	u8 *priv, *digest, *sig, *sig2, *pub;
	size_t i, sig_len, sig2_len, pub_len = 1 + 2 * priv_len;

	KUNIT_ASSERT_NOT_NULL(test, b);
	priv = b->priv;
	digest = b->digest;
	sig = b->sig;
	sig2 = b->sig2;
	pub = b->pub;
	for (i = 0; i < priv_len; i++)
		priv[i] = seed * 37 + i * 101;
	priv[0] &= 0x7f;
	for (i = 0; i < digest_len; i++)
		digest[i] = seed * 53 + i * 29 + 0x80;

	KUNIT_ASSERT_EQ(test, 0, ecdsa_public_from_private(curve_id, priv,
							   priv_len, pub,
							   ECDSA_SIGN_MAX_PUB_SIZE));
	KUNIT_ASSERT_EQ(test, 0, ecdsa_sign_digest(curve_id, priv, priv_len,
						   digest, digest_len, sig,
						   ECDSA_SIGN_MAX_DER_SIZE,
						   &sig_len));
	KUNIT_EXPECT_EQ(test, 0, kernel_verify(test, curve_id, pub, pub_len,
					       sig, sig_len, digest,
					       digest_len));

	/* deterministic: the same inputs give the same bytes */
	KUNIT_ASSERT_EQ(test, 0, ecdsa_sign_digest(curve_id, priv, priv_len,
						   digest, digest_len, sig2,
						   ECDSA_SIGN_MAX_DER_SIZE,
						   &sig2_len));
	KUNIT_EXPECT_EQ(test, sig_len, sig2_len);
	KUNIT_EXPECT_MEMEQ(test, sig, sig2, sig_len);

	/* a corrupted s is rejected */
	sig2[sig2_len - 1] ^= 0x01;
	KUNIT_EXPECT_NE(test, 0, kernel_verify(test, curve_id, pub, pub_len,
					       sig2, sig2_len, digest,
					       digest_len));

	/* another digest gives another, still valid, signature */
	digest[0] ^= 0x01;
	KUNIT_ASSERT_EQ(test, 0, ecdsa_sign_digest(curve_id, priv, priv_len,
						   digest, digest_len, sig2,
						   ECDSA_SIGN_MAX_DER_SIZE,
						   &sig2_len));
	KUNIT_EXPECT_FALSE(test, sig_len == sig2_len &&
			   !memcmp(sig, sig2, sig_len));
	KUNIT_EXPECT_EQ(test, 0, kernel_verify(test, curve_id, pub, pub_len,
					       sig2, sig2_len, digest,
					       digest_len));
	/* and the first signature does not verify for it */
	KUNIT_EXPECT_NE(test, 0, kernel_verify(test, curve_id, pub, pub_len,
					       sig, sig_len, digest,
					       digest_len));
}

static void ecdsa_sign_test_round_trip_p256(struct kunit *test)
{
	u8 seed;

	for (seed = 1; seed <= 4; seed++) {
		round_trip(test, ECC_CURVE_NIST_P256, 32, SHA256_DIGEST_SIZE,
			   seed);
		round_trip(test, ECC_CURVE_NIST_P256, 32, SHA512_DIGEST_SIZE,
			   seed);
	}
}

static void ecdsa_sign_test_round_trip_p384(struct kunit *test)
{
	u8 seed;

	for (seed = 1; seed <= 4; seed++) {
		round_trip(test, ECC_CURVE_NIST_P384, 48, SHA384_DIGEST_SIZE,
			   seed);
		round_trip(test, ECC_CURVE_NIST_P384, 48, SHA256_DIGEST_SIZE,
			   seed);
	}
}

/* A corrupted r of an RFC signature is rejected by the kernel verifier. */
static void ecdsa_sign_test_verifier_rejects_corrupt_r(struct kunit *test)
{
	u8 digest[SHA256_DIGEST_SIZE];
	u8 sig[ECDSA_SIGN_MAX_DER_SIZE];
	size_t sig_len;

	hash_msg(test, "sha256", "sample", digest);
	KUNIT_ASSERT_EQ(test, 0,
			ecdsa_sign_digest(ECC_CURVE_NIST_P256, priv_p256,
					  sizeof(priv_p256), digest,
					  sizeof(digest), sig, sizeof(sig),
					  &sig_len));
	KUNIT_EXPECT_EQ(test, 0, kernel_verify(test, ECC_CURVE_NIST_P256,
					       pub_p256, sizeof(pub_p256),
					       sig, sig_len, digest,
					       sizeof(digest)));
	sig[10] ^= 0x80;	/* inside r */
	KUNIT_EXPECT_NE(test, 0, kernel_verify(test, ECC_CURVE_NIST_P256,
					       pub_p256, sizeof(pub_p256),
					       sig, sig_len, digest,
					       sizeof(digest)));
}

static int sign_with(unsigned int curve_id, const u8 *priv, size_t priv_len,
		     size_t digest_len, size_t sig_size, size_t *sig_len)
{
	static const u8 digest[SHA512_DIGEST_SIZE] = { 0x42, };
	u8 sig[ECDSA_SIGN_MAX_DER_SIZE];

	return ecdsa_sign_digest(curve_id, priv, priv_len, digest, digest_len,
				 sig, sig_size, sig_len);
}

/* Zero, n, n + 1 and all-ones scalars are refused by both functions. */
static void ecdsa_sign_test_bad_scalar(struct kunit *test)
{
	u8 priv[48], pub[ECDSA_SIGN_MAX_PUB_SIZE];
	size_t sig_len = 1;

	memset(priv, 0, sizeof(priv));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, priv, 32,
						 32, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, sig_len, 0);
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P384, priv, 48,
						 48, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_public_from_private(ECC_CURVE_NIST_P256, priv, 32,
						  pub, sizeof(pub)));

	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, n_p256,
						 32, 32, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P384, n_p384,
						 48, 48, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_public_from_private(ECC_CURVE_NIST_P384, n_p384,
						  48, pub, sizeof(pub)));

	memcpy(priv, n_p256, 32);
	priv[31]++;
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, priv, 32,
						 32, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));

	memset(priv, 0xff, sizeof(priv));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, priv, 32,
						 32, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P384, priv, 48,
						 48, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_public_from_private(ECC_CURVE_NIST_P256, priv, 32,
						  pub, sizeof(pub)));
}

/* Key and digest lengths, curves, NULL pointers. */
static void ecdsa_sign_test_bad_sizes(struct kunit *test)
{
	u8 pub[ECDSA_SIGN_MAX_PUB_SIZE];
	size_t sig_len;

	/* key length must match the curve */
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, priv_p256,
						 31, 32, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, priv_p384,
						 48, 32, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P384, priv_p256,
						 32, 48, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_public_from_private(ECC_CURVE_NIST_P384,
						  priv_p256, 32, pub,
						  sizeof(pub)));

	/* only SHA-256, SHA-384 and SHA-512 digests */
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, priv_p256,
						 32, 0, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, priv_p256,
						 32, 20, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P384, priv_p384,
						 48, 47, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));

	/* P-192 and P-521 are not offered */
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P192, priv_p256,
						 24, 32, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P521, priv_p384,
						 48, 64, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ecdsa_public_from_private(ECC_CURVE_NIST_P521,
						  priv_p384, 48, pub,
						  sizeof(pub)));

	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, NULL,
						 32, 32, ECDSA_SIGN_MAX_DER_SIZE, &sig_len));
	KUNIT_EXPECT_EQ(test, -EINVAL, sign_with(ECC_CURVE_NIST_P256, priv_p256,
						 32, 32, 80, NULL));
}

/* Output buffers: -ENOSPC one byte short, success at the exact size. */
static void ecdsa_sign_test_small_buffer(struct kunit *test)
{
	u8 pub[ECDSA_SIGN_MAX_PUB_SIZE];
	size_t len, sig_len = 1;

	/* learn this signature's length, then offer one byte less */
	KUNIT_ASSERT_EQ(test, 0, sign_with(ECC_CURVE_NIST_P256, priv_p256,
					   32, 32, ECDSA_SIGN_MAX_DER_SIZE,
					   &len));
	KUNIT_EXPECT_EQ(test, -ENOSPC, sign_with(ECC_CURVE_NIST_P256, priv_p256,
						 32, 32, len - 1, &sig_len));
	KUNIT_EXPECT_EQ(test, sig_len, 0);
	KUNIT_EXPECT_EQ(test, -ENOSPC, sign_with(ECC_CURVE_NIST_P256, priv_p256,
						 32, 32, 0, &sig_len));
	KUNIT_EXPECT_EQ(test, 0, sign_with(ECC_CURVE_NIST_P256, priv_p256,
					   32, 32, len, &sig_len));
	KUNIT_EXPECT_EQ(test, sig_len, len);
	KUNIT_EXPECT_EQ(test, -ENOSPC, sign_with(ECC_CURVE_NIST_P384, priv_p384,
						 48, 48, 8, &sig_len));

	KUNIT_EXPECT_EQ(test, -ENOSPC,
			ecdsa_public_from_private(ECC_CURVE_NIST_P256,
						  priv_p256, 32, pub, 64));
	KUNIT_EXPECT_EQ(test, 0,
			ecdsa_public_from_private(ECC_CURVE_NIST_P256,
						  priv_p256, 32, pub, 65));
	KUNIT_EXPECT_EQ(test, -ENOSPC,
			ecdsa_public_from_private(ECC_CURVE_NIST_P384,
						  priv_p384, 48, pub, 96));
}

static struct kunit_case ecdsa_sign_test_cases[] = {
	KUNIT_CASE_PARAM(ecdsa_sign_test_kat, ecdsa_kat_gen_params),
	KUNIT_CASE(ecdsa_sign_test_public_key),
	KUNIT_CASE(ecdsa_sign_test_round_trip_p256),
	KUNIT_CASE(ecdsa_sign_test_round_trip_p384),
	KUNIT_CASE(ecdsa_sign_test_verifier_rejects_corrupt_r),
	KUNIT_CASE(ecdsa_sign_test_bad_scalar),
	KUNIT_CASE(ecdsa_sign_test_bad_sizes),
	KUNIT_CASE(ecdsa_sign_test_small_buffer),
	{}
};

static struct kunit_suite ecdsa_sign_test_suite = {
	.name = "crypto_ecdsa_sign",
	.test_cases = ecdsa_sign_test_cases,
};

kunit_test_suite(ecdsa_sign_test_suite);

MODULE_DESCRIPTION("KUnit tests for ECDSA signing (RFC 6979)");
MODULE_LICENSE("GPL");
