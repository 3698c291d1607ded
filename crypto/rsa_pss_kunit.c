// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for RSASSA-PSS (crypto/rsa_pss.c).
 *
 * The vectors (rsa_pss_vectors.h) are written by
 * tests/tools/gen-rsa-pss-vectors.py, independently of this code:
 *  - keys: fixed 1024-, 2048- and 3072-bit keys made with
 *    "openssl genpkey", in the DER forms "openssl rsa" writes;
 *  - ossl_*: signatures made by OpenSSL 3.0 ("openssl pkeyutl -sign
 *    -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:<len>
 *    -pkeyopt digest:<hash>") over fixed digests with random salts: those
 *    with saltlen:digest must verify, the others (salt length 0, maximal,
 *    32 with SHA-384) must be rejected as TLS 1.3 requires;
 *  - fixed_*: EMSA-PSS encoded by the generator from RFC 8017 (Python
 *    hashlib for SHA-2/MGF1, pow() for RSASP1) with a fixed salt, each
 *    confirmed with "openssl pkeyutl -verify": rsa_pss_sign() with the same
 *    salt must produce them byte for byte;
 *  - bad_*: valid RSA signatures over encodings broken in one place
 *    (trailer, top bit, a padding byte, the 0x01 separator, H), each
 *    confirmed rejected by OpenSSL.
 */

#include <crypto/akcipher.h>
#include <crypto/internal/rsa.h>
#include <crypto/rsa-pss.h>
#include <kunit/test.h>
#include <linux/gcd.h>
#include <linux/module.h>
#include <linux/mpi.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "rsa_pss_vectors.h"

struct pss_key {
	const u8 *pub, *priv, *n;
	size_t pub_len, priv_len, k;
};

#define PSS_KEY(name) {							\
	.pub = name##_pub, .pub_len = sizeof(name##_pub),		\
	.priv = name##_priv, .priv_len = sizeof(name##_priv),		\
	.n = name##_n, .k = sizeof(name##_n),				\
}

static const struct pss_key k2048 = PSS_KEY(key2048);
static const struct pss_key k3072 = PSS_KEY(key3072);

struct pss_case {
	const char *desc;
	const struct pss_key *key;
	const char *hash;
	const u8 *digest, *sig, *salt;
	size_t digest_len, sig_len;
};

#define PSS_CASE(d, k, h, s) {						\
	.desc = d, .key = &(k), .hash = #h,				\
	.digest = digest_##h, .digest_len = sizeof(digest_##h),		\
	.sig = s, .sig_len = sizeof(s),					\
}

/* A signature made with fixed_salt, which the signer must reproduce */
#define PSS_FIXED(d, k, h, s) {						\
	.desc = d, .key = &(k), .hash = #h,				\
	.digest = digest_##h, .digest_len = sizeof(digest_##h),		\
	.sig = s, .sig_len = sizeof(s), .salt = fixed_salt,		\
}

static void pss_case_desc(const struct pss_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

/* Signatures that must verify */
static const struct pss_case good_cases[] = {
	PSS_CASE("openssl 2048 sha256", k2048, sha256, ossl_2048_sha256),
	PSS_CASE("openssl 2048 sha384", k2048, sha384, ossl_2048_sha384),
	PSS_CASE("openssl 2048 sha512", k2048, sha512, ossl_2048_sha512),
	PSS_CASE("openssl 3072 sha512", k3072, sha512, ossl_3072_sha512),
	PSS_FIXED("fixed salt 2048 sha256", k2048, sha256, fixed_2048_sha256),
	PSS_FIXED("fixed salt 2048 sha384", k2048, sha384, fixed_2048_sha384),
	PSS_FIXED("fixed salt 2048 sha512", k2048, sha512, fixed_2048_sha512),
	PSS_FIXED("fixed salt 3072 sha512", k3072, sha512, fixed_3072_sha512),
};

KUNIT_ARRAY_PARAM(good, good_cases, pss_case_desc);

/* The subset of good_cases with (fixed) or without (!fixed) a known salt */
static const void *good_subset(const void *prev, char *desc, bool fixed)
{
	const struct pss_case *c = prev ? (const struct pss_case *)prev + 1 :
					  good_cases;

	for (; c < good_cases + ARRAY_SIZE(good_cases); c++) {
		if (!!c->salt == fixed) {
			pss_case_desc(c, desc);
			return c;
		}
	}
	return NULL;
}

static const void *fixed_gen_params(const void *prev, char *desc)
{
	return good_subset(prev, desc, true);
}

static const void *random_gen_params(const void *prev, char *desc)
{
	return good_subset(prev, desc, false);
}

/* Signatures from the same key over the same digest that must not */
static const struct pss_case bad_cases[] = {
	PSS_CASE("openssl saltlen 0", k2048, sha256, ossl_2048_sha256_salt0),
	PSS_CASE("openssl saltlen max", k2048, sha256,
		 ossl_2048_sha256_saltmax),
	PSS_CASE("openssl sha384 saltlen 32", k2048, sha384,
		 ossl_2048_sha384_salt32),
	PSS_CASE("trailer not 0xbc", k2048, sha256, bad_trailer),
	PSS_CASE("top bit of EM set", k2048, sha256, bad_topbit),
	PSS_CASE("non-zero padding byte", k2048, sha256, bad_padding),
	PSS_CASE("separator 0x02", k2048, sha256, bad_separator),
	PSS_CASE("H not Hash(M')", k2048, sha256, bad_hash),
};

KUNIT_ARRAY_PARAM(bad, bad_cases, pss_case_desc);

static int pss_verify_case(const struct pss_case *c, const u8 *digest,
			   const u8 *sig, size_t sig_len)
{
	return rsa_pss_verify(c->key->pub, c->key->pub_len, c->hash,
			      digest, c->digest_len, sig, sig_len);
}

static void rsa_pss_verify_kat(struct kunit *test)
{
	const struct pss_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, pss_verify_case(c, c->digest, c->sig, c->sig_len),
			0);
}

static void rsa_pss_verify_rejects(struct kunit *test)
{
	const struct pss_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, pss_verify_case(c, c->digest, c->sig, c->sig_len),
			-EKEYREJECTED);
}

static void flip_sig_bit(struct kunit *test, const struct pss_case *c,
			 const u8 *digest, u8 *sig, size_t i)
{
	sig[i] ^= 1 << (i % 8);
	KUNIT_EXPECT_EQ_MSG(test, pss_verify_case(c, digest, sig, c->sig_len),
			    -EKEYREJECTED, "signature byte %zu", i);
	sig[i] ^= 1 << (i % 8);
}

/*
 * One bit flipped in every 11th byte and the last byte of the signature
 * (each check is a modular exponentiation), then in each byte of the digest
 */
static void rsa_pss_verify_bitflips(struct kunit *test)
{
	const struct pss_case *c = test->param_value;
	u8 *sig, *digest;
	size_t i;

	sig = kunit_kmalloc(test, c->sig_len, GFP_KERNEL);
	digest = kunit_kmalloc(test, c->digest_len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);
	KUNIT_ASSERT_NOT_NULL(test, digest);
	memcpy(sig, c->sig, c->sig_len);
	memcpy(digest, c->digest, c->digest_len);

	for (i = 0; i < c->sig_len; i += 11)
		flip_sig_bit(test, c, digest, sig, i);
	flip_sig_bit(test, c, digest, sig, c->sig_len - 1);
	for (i = 0; i < c->digest_len; i++) {
		digest[i] ^= 0x80 >> (i % 8);
		KUNIT_EXPECT_EQ_MSG(test,
				    pss_verify_case(c, digest, sig, c->sig_len),
				    -EKEYREJECTED, "digest byte %zu", i);
		digest[i] ^= 0x80 >> (i % 8);
	}
	/* and unflipped it still verifies */
	KUNIT_EXPECT_EQ(test, pss_verify_case(c, digest, sig, c->sig_len), 0);
}

static void rsa_pss_sign_fixed_salt(struct kunit *test)
{
	const struct pss_case *c = test->param_value;
	size_t len = 0;
	u8 *sig;

	sig = kunit_kzalloc(test, c->key->k, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);

	KUNIT_ASSERT_EQ(test, rsa_pss_sign(c->key->priv, c->key->priv_len,
					   c->hash, c->digest, c->digest_len,
					   c->salt, sig, c->key->k, &len), 0);
	KUNIT_ASSERT_EQ(test, len, c->sig_len);
	KUNIT_EXPECT_MEMEQ(test, sig, c->sig, c->sig_len);
}

/* Random salts: two signatures differ and both verify */
static void rsa_pss_sign_random_salt(struct kunit *test)
{
	const struct pss_case *c = test->param_value;
	size_t k = c->key->k, len1 = 0, len2 = 0;
	u8 *s1, *s2;

	s1 = kunit_kzalloc(test, k, GFP_KERNEL);
	s2 = kunit_kzalloc(test, k, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s1);
	KUNIT_ASSERT_NOT_NULL(test, s2);

	KUNIT_ASSERT_EQ(test, rsa_pss_sign(c->key->priv, c->key->priv_len,
					   c->hash, c->digest, c->digest_len,
					   NULL, s1, k, &len1), 0);
	KUNIT_ASSERT_EQ(test, rsa_pss_sign(c->key->priv, c->key->priv_len,
					   c->hash, c->digest, c->digest_len,
					   NULL, s2, k, &len2), 0);
	KUNIT_ASSERT_EQ(test, len1, k);
	KUNIT_ASSERT_EQ(test, len2, k);
	KUNIT_EXPECT_NE(test, memcmp(s1, s2, k), 0);
	KUNIT_EXPECT_EQ(test, pss_verify_case(c, c->digest, s1, k), 0);
	KUNIT_EXPECT_EQ(test, pss_verify_case(c, c->digest, s2, k), 0);
}

/* A signature under one hash does not verify under another */
static void rsa_pss_verify_wrong_hash(struct kunit *test)
{
	u8 digest[64] = {};

	/* SHA-256 signature, its digest padded out and presented as SHA-384 */
	memcpy(digest, digest_sha256, sizeof(digest_sha256));
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha384", digest, 48,
					     ossl_2048_sha256,
					     sizeof(ossl_2048_sha256)),
			-EKEYREJECTED);
	/* SHA-512 signature presented as SHA-256 over a prefix of its digest */
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha512, 32,
					     ossl_2048_sha512,
					     sizeof(ossl_2048_sha512)),
			-EKEYREJECTED);
	/* SHA-384 signature presented as SHA-512 */
	memset(digest, 0, sizeof(digest));
	memcpy(digest, digest_sha384, sizeof(digest_sha384));
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha512", digest, 64,
					     ossl_2048_sha384,
					     sizeof(ossl_2048_sha384)),
			-EKEYREJECTED);
}

/* Hash names and digest lengths the caller got wrong */
static void rsa_pss_bad_hash_args(struct kunit *test)
{
	static const char * const names[] = { "sha1", "md5", "sha224",
					       "sha3-256", "SHA256", "" };
	size_t i, len;
	u8 *sig;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    rsa_pss_verify(key2048_pub,
						   sizeof(key2048_pub),
						   names[i], digest_sha256, 32,
						   ossl_2048_sha256,
						   sizeof(ossl_2048_sha256)),
				    -EINVAL, "hash \"%s\"", names[i]);
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     NULL, digest_sha256, 32,
					     ossl_2048_sha256,
					     sizeof(ossl_2048_sha256)),
			-EINVAL);
	/* right hash, digest one byte short or long */
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha256, 31,
					     ossl_2048_sha256,
					     sizeof(ossl_2048_sha256)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha384", digest_sha512, 64,
					     ossl_2048_sha384,
					     sizeof(ossl_2048_sha384)),
			-EINVAL);

	sig = kunit_kzalloc(test, 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);
	KUNIT_EXPECT_EQ(test, rsa_pss_sign(key2048_priv, sizeof(key2048_priv),
					   "sha1", digest_sha256, 20, NULL,
					   sig, 256, &len), -EINVAL);
	KUNIT_EXPECT_EQ(test, rsa_pss_sign(key2048_priv, sizeof(key2048_priv),
					   "sha256", digest_sha384, 48, NULL,
					   sig, 256, &len), -EINVAL);
}

/* Signature length other than the modulus length */
static void rsa_pss_verify_bad_length(struct kunit *test)
{
	size_t k = sizeof(ossl_2048_sha256);
	u8 *sig;

	sig = kunit_kzalloc(test, k + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);

	/* truncated, by one byte and to nothing */
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha256, 32,
					     ossl_2048_sha256, k - 1),
			-EKEYREJECTED);
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha256, 32,
					     ossl_2048_sha256, 0),
			-EKEYREJECTED);
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha256, 32,
					     NULL, 0),
			-EKEYREJECTED);
	/* the same integer with a leading zero octet: k + 1 octets */
	memcpy(sig + 1, ossl_2048_sha256, k);
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha256, 32,
					     sig, k + 1),
			-EKEYREJECTED);
}

/* s >= n, and the values crypto/rsa.c refuses (0, 1, n - 1) */
static void rsa_pss_verify_out_of_range(struct kunit *test)
{
	size_t k = sizeof(key2048_n), i;
	u8 *sig;

	sig = kunit_kmalloc(test, k, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);

	memcpy(sig, key2048_n, k);
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha256, 32,
					     sig, k),
			-EKEYREJECTED);
	/* n + 1 (n is odd; its last octet is not 0xff, so no carry) */
	KUNIT_ASSERT_NE(test, sig[k - 1], 0xff);
	sig[k - 1]++;
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha256, 32,
					     sig, k),
			-EKEYREJECTED);
	/* n - 1 */
	sig[k - 1] -= 2;
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha256, 32,
					     sig, k),
			-EKEYREJECTED);
	memset(sig, 0xff, k);
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub, sizeof(key2048_pub),
					     "sha256", digest_sha256, 32,
					     sig, k),
			-EKEYREJECTED);
	/* 0 and 1 */
	for (i = 0; i < 2; i++) {
		memset(sig, 0, k);
		sig[k - 1] = i;
		KUNIT_EXPECT_EQ_MSG(test,
				    rsa_pss_verify(key2048_pub,
						   sizeof(key2048_pub),
						   "sha256", digest_sha256, 32,
						   sig, k),
				    -EKEYREJECTED, "s = %zu", i);
	}
}

/* Moduli below 2048 bits are refused for verifying and for signing */
static void rsa_pss_key_too_small(struct kunit *test)
{
	size_t len = 0;
	u8 *sig;

	sig = kunit_kzalloc(test, 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);

	KUNIT_EXPECT_EQ(test, rsa_pss_sign(key1024_priv, sizeof(key1024_priv),
					   "sha256", digest_sha256, 32, NULL,
					   sig, 512, &len), -EINVAL);
	KUNIT_EXPECT_EQ(test, len, 0);
	/* a well-formed 1024-bit signature is still not accepted */
	sig[1] = 1;
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key1024_pub, sizeof(key1024_pub),
					     "sha256", digest_sha256, 32,
					     sig, sizeof(key1024_n)),
			-EINVAL);
}

/* Keys that do not parse, or of the wrong kind */
static void rsa_pss_bad_keys(struct kunit *test)
{
	static const u8 junk[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
	size_t len = 0;
	u8 *sig;

	sig = kunit_kzalloc(test, 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);

	KUNIT_EXPECT_EQ(test, rsa_pss_verify(junk, sizeof(junk), "sha256",
					     digest_sha256, 32,
					     ossl_2048_sha256, 256), -EINVAL);
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(key2048_pub,
					     sizeof(key2048_pub) - 1,
					     "sha256", digest_sha256, 32,
					     ossl_2048_sha256, 256), -EINVAL);
	KUNIT_EXPECT_EQ(test, rsa_pss_verify(NULL, 0, "sha256",
					     digest_sha256, 32,
					     ossl_2048_sha256, 256), -EINVAL);
	/* a public key cannot sign */
	KUNIT_EXPECT_EQ(test, rsa_pss_sign(key2048_pub, sizeof(key2048_pub),
					   "sha256", digest_sha256, 32, NULL,
					   sig, 256, &len), -EINVAL);
	KUNIT_EXPECT_EQ(test, rsa_pss_sign(key2048_priv,
					   sizeof(key2048_priv) - 1,
					   "sha256", digest_sha256, 32, NULL,
					   sig, 256, &len), -EINVAL);
	KUNIT_EXPECT_EQ(test, len, 0);
}

static void rsa_pss_sign_no_space(struct kunit *test)
{
	size_t len = 0;
	u8 *sig;

	sig = kunit_kzalloc(test, 384, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);

	KUNIT_EXPECT_EQ(test, rsa_pss_sign(key2048_priv, sizeof(key2048_priv),
					   "sha256", digest_sha256, 32,
					   fixed_salt, sig, 255, &len),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, rsa_pss_sign(key3072_priv, sizeof(key3072_priv),
					   "sha512", digest_sha512, 64,
					   fixed_salt, sig, 383, &len),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, len, 0);
	/* more room than needed is fine; the length says how much was used */
	KUNIT_ASSERT_EQ(test, rsa_pss_sign(key2048_priv, sizeof(key2048_priv),
					   "sha256", digest_sha256, 32,
					   fixed_salt, sig, 384, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 256);
	KUNIT_EXPECT_MEMEQ(test, sig, fixed_2048_sha256, 256);
}

/* Blinding (crypto/rsa_pss.c header comment) */

/* n = (2^61 - 1)(2^89 - 1): a 150-bit product of two Mersenne primes */
static const u8 small_n[] = {
	0x3f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfd, 0xff, 0xff,
	0xff, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};

static const u8 small_p[] = {	/* 2^61 - 1 */
	0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

static const u8 small_q[] = {	/* 2^89 - 1 */
	0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff,
};

static const u8 small_r[] = {	/* prime to small_n */
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23,
	0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45,
};

static void free_mpi(void *p)
{
	mpi_free(p);
}

/* An MPI of @len big-endian octets, freed at the end of the test */
static MPI test_mpi(struct kunit *test, const u8 *be, size_t len)
{
	MPI a = mpi_read_raw_data(be, len);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_mpi, a), 0);
	return a;
}

static MPI test_mpi_u64(struct kunit *test, u64 v)
{
	u8 be[8];

	put_unaligned_be64(v, be);
	return test_mpi(test, be, sizeof(be));
}

static u64 mpi_u64(struct kunit *test, MPI a)
{
	unsigned int len, i;
	u8 be[8] = {};
	u64 v = 0;

	KUNIT_ASSERT_EQ(test, mpi_read_buffer(a, be, sizeof(be), &len, NULL),
			0);
	for (i = 0; i < len; i++)
		v = v << 8 | be[i];
	return v;
}

/*
 * Arrange: n = 3 * 5 * 7 * 11; Act: invert every a in [0, n); Assert: the
 * units get their inverse, the others -EDOM. Then moduli it refuses.
 */
static void rsa_pss_mod_inv_exhaustive(struct kunit *test)
{
	const u64 nv = 3 * 5 * 7 * 11;
	MPI n = test_mpi_u64(test, nv), x = test_mpi(test, NULL, 0);
	u64 a, inv;
	int err;

	for (a = 0; a < nv; a++) {
		err = rsa_pss_mod_inv(x, test_mpi_u64(test, a), n);
		if (gcd(a, nv) != 1) {
			KUNIT_EXPECT_EQ_MSG(test, err, -EDOM, "a = %llu", a);
			continue;
		}
		KUNIT_ASSERT_EQ_MSG(test, err, 0, "a = %llu", a);
		inv = mpi_u64(test, x);
		KUNIT_EXPECT_LT_MSG(test, inv, nv, "a = %llu", a);
		KUNIT_EXPECT_EQ_MSG(test, a * inv % nv, 1, "a = %llu", a);
	}
	/* an even modulus, 1, and a not below n */
	KUNIT_EXPECT_EQ(test, rsa_pss_mod_inv(x, test_mpi_u64(test, 3),
					      test_mpi_u64(test, 1154)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rsa_pss_mod_inv(x, test_mpi_u64(test, 0),
					      test_mpi_u64(test, 1)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rsa_pss_mod_inv(x, n, n), -EINVAL);
}

/* r * r^-1 = 1 mod n, and the blinded inverse is the same every time */
static void expect_inverse(struct kunit *test, MPI r, MPI n, const char *what)
{
	MPI x = test_mpi(test, NULL, 0), y = test_mpi(test, NULL, 0);
	MPI prod = test_mpi(test, NULL, 0);
	int i;

	KUNIT_ASSERT_EQ_MSG(test, rsa_pss_mod_inv_blinded(x, r, n), 0, "%s",
			    what);
	KUNIT_ASSERT_EQ(test, mpi_mulm(prod, r, x, n), 0);
	KUNIT_EXPECT_EQ_MSG(test, mpi_cmp_ui(prod, 1), 0, "%s", what);
	KUNIT_EXPECT_LT_MSG(test, mpi_cmp(x, n), 0, "%s", what);
	/* fresh blinding factors, the same inverse */
	for (i = 0; i < 3; i++) {
		KUNIT_ASSERT_EQ(test, rsa_pss_mod_inv_blinded(y, r, n), 0);
		KUNIT_EXPECT_EQ_MSG(test, mpi_cmp(x, y), 0, "%s", what);
	}
}

/*
 * The blinded inverse over a 150-bit n = p * q and the 2048-bit test
 * modulus; r sharing a factor with n (p, q, 2p, n - p, 0) is refused.
 */
static void rsa_pss_mod_inv_blinded_test(struct kunit *test)
{
	MPI n = test_mpi(test, small_n, sizeof(small_n));
	MPI p = test_mpi(test, small_p, sizeof(small_p));
	MPI q = test_mpi(test, small_q, sizeof(small_q));
	MPI big_n = test_mpi(test, key2048_n, sizeof(key2048_n));
	MPI r = test_mpi(test, NULL, 0), x = test_mpi(test, NULL, 0);

	KUNIT_ASSERT_EQ(test, mpi_get_nbits(n), 150);
	expect_inverse(test, test_mpi_u64(test, 2), n, "2");
	expect_inverse(test, test_mpi_u64(test, 3), n, "3");
	KUNIT_ASSERT_EQ(test, mpi_sub_ui(r, n, 1), 0);
	expect_inverse(test, r, n, "n - 1");
	expect_inverse(test, test_mpi(test, small_r, sizeof(small_r)), n,
		       "r");
	expect_inverse(test, test_mpi(test, small_r, sizeof(small_r)), big_n,
		       "r mod 2048-bit n");
	/* (n - 1) / 2 for the 2048-bit n: a 2047-bit r */
	r = test_mpi(test, key2048_n, sizeof(key2048_n));
	KUNIT_ASSERT_EQ(test, mpi_rshift(r, r, 1), 0);
	expect_inverse(test, r, big_n, "n / 2 mod 2048-bit n");

	KUNIT_EXPECT_EQ(test, rsa_pss_mod_inv_blinded(x, p, n), -EDOM);
	KUNIT_EXPECT_EQ(test, rsa_pss_mod_inv_blinded(x, q, n), -EDOM);
	r = test_mpi(test, NULL, 0);
	KUNIT_ASSERT_EQ(test, mpi_add(r, p, p), 0);
	KUNIT_EXPECT_EQ(test, rsa_pss_mod_inv_blinded(x, r, n), -EDOM);
	KUNIT_ASSERT_EQ(test, mpi_sub(r, n, p), 0);
	KUNIT_EXPECT_EQ(test, rsa_pss_mod_inv_blinded(x, r, n), -EDOM);
	KUNIT_EXPECT_EQ(test, rsa_pss_mod_inv_blinded(x, test_mpi(test, NULL,
								  0), n),
			-EDOM);
	/* r not below n */
	KUNIT_EXPECT_EQ(test, rsa_pss_mod_inv_blinded(x, n, n), -EINVAL);
}

static int sign_blind(const u8 *blind, size_t blind_len, u8 *sig)
{
	size_t len = 0;
	int err;

	err = rsa_pss_sign_blind(key2048_priv, sizeof(key2048_priv), "sha256",
				 digest_sha256, sizeof(digest_sha256),
				 fixed_salt, blind, blind_len, sig, 256, &len);
	if (!err && len != 256)
		err = -ERANGE;
	return err;
}

/*
 * Deterministic output despite random blinding: with the fixed salt, two
 * signatures with fresh random blinding factors, and signatures with the
 * factors 2, n - 2 and an arbitrary one, are all the known answer.
 */
static void rsa_pss_sign_blinding_invisible(struct kunit *test)
{
	size_t k = sizeof(key2048_n), len1 = 0, len2 = 0;
	u8 *s1, *s2, *r;

	s1 = kunit_kzalloc(test, k, GFP_KERNEL);
	s2 = kunit_kzalloc(test, k, GFP_KERNEL);
	r = kunit_kzalloc(test, k, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s1);
	KUNIT_ASSERT_NOT_NULL(test, s2);
	KUNIT_ASSERT_NOT_NULL(test, r);

	KUNIT_ASSERT_EQ(test, rsa_pss_sign(key2048_priv, sizeof(key2048_priv),
					   "sha256", digest_sha256, 32,
					   fixed_salt, s1, k, &len1), 0);
	KUNIT_ASSERT_EQ(test, rsa_pss_sign(key2048_priv, sizeof(key2048_priv),
					   "sha256", digest_sha256, 32,
					   fixed_salt, s2, k, &len2), 0);
	KUNIT_ASSERT_EQ(test, len1, k);
	KUNIT_ASSERT_EQ(test, len2, k);
	KUNIT_EXPECT_MEMEQ(test, s1, s2, k);
	KUNIT_EXPECT_MEMEQ(test, s1, fixed_2048_sha256, k);

	r[k - 1] = 2;
	memset(s1, 0, k);
	KUNIT_ASSERT_EQ(test, sign_blind(r, k, s1), 0);
	KUNIT_EXPECT_MEMEQ(test, s1, fixed_2048_sha256, k);

	memcpy(r, key2048_n, k);
	KUNIT_ASSERT_GE(test, r[k - 1], 2);
	r[k - 1] -= 2;
	memset(s1, 0, k);
	KUNIT_ASSERT_EQ(test, sign_blind(r, k, s1), 0);
	KUNIT_EXPECT_MEMEQ(test, s1, fixed_2048_sha256, k);

	/* an arbitrary factor, given without leading zeros and shorter */
	memset(s1, 0, k);
	KUNIT_ASSERT_EQ(test, sign_blind(small_r, sizeof(small_r), s1), 0);
	KUNIT_EXPECT_MEMEQ(test, s1, fixed_2048_sha256, k);
}

/* Blinding factors outside (1, n) or not prime to n are refused. */
static void rsa_pss_sign_bad_blind(struct kunit *test)
{
	size_t k = sizeof(key2048_n);
	struct rsa_key raw = {};
	u8 *sig, *r;

	sig = kunit_kzalloc(test, k, GFP_KERNEL);
	r = kunit_kzalloc(test, k, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_EQ(test, rsa_parse_priv_key(&raw, key2048_priv,
						 sizeof(key2048_priv)), 0);

	/* 0, 1, n, n + 1 (n's last octet is not 0xff) */
	KUNIT_EXPECT_EQ(test, sign_blind(r, k, sig), -EINVAL);
	r[k - 1] = 1;
	KUNIT_EXPECT_EQ(test, sign_blind(r, k, sig), -EINVAL);
	memcpy(r, key2048_n, k);
	KUNIT_EXPECT_EQ(test, sign_blind(r, k, sig), -EINVAL);
	r[k - 1]++;
	KUNIT_EXPECT_EQ(test, sign_blind(r, k, sig), -EINVAL);
	/* the prime factors */
	KUNIT_EXPECT_EQ(test, sign_blind(raw.p, raw.p_sz, sig), -EINVAL);
	KUNIT_EXPECT_EQ(test, sign_blind(raw.q, raw.q_sz, sig), -EINVAL);
	/* a zero-length factor */
	KUNIT_EXPECT_EQ(test, sign_blind(r, 0, sig), -EINVAL);
}

/* The private operation (crypto/rsa_pss.c pss_crt()) */

static const struct pss_key *const priv_keys[] = { &k2048, &k3072 };

static void priv_key_desc(const struct pss_key *const *k, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%zu-bit key", (*k)->k * 8);
}

KUNIT_ARRAY_PARAM(priv_key, priv_keys, priv_key_desc);

#define PSS_CROSS_CHECKS	16

static void free_akcipher(void *tfm)
{
	crypto_free_akcipher(tfm);
}

/*
 * Random c < n (their first octet below n's), each signed twice by
 * rsa_pss_rsasp1(), with fresh exponent blinding each time, and once by
 * crypto/rsa.c: all three agree.
 */
static void rsa_pss_rsasp1_vs_akcipher(struct kunit *test)
{
	const struct pss_key *key = *(const struct pss_key *const *)
				    test->param_value;
	struct crypto_akcipher *tfm;
	size_t k = key->k;
	u8 *c, *s1, *s2, *want;
	int i;

	c = kunit_kzalloc(test, k, GFP_KERNEL);
	s1 = kunit_kzalloc(test, k, GFP_KERNEL);
	s2 = kunit_kzalloc(test, k, GFP_KERNEL);
	want = kunit_kzalloc(test, k, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, s1);
	KUNIT_ASSERT_NOT_NULL(test, s2);
	KUNIT_ASSERT_NOT_NULL(test, want);
	tfm = crypto_alloc_akcipher("rsa", 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_akcipher,
							tfm), 0);
	KUNIT_ASSERT_EQ(test, crypto_akcipher_set_priv_key(tfm, key->priv,
							   key->priv_len), 0);

	for (i = 0; i < PSS_CROSS_CHECKS; i++) {
		get_random_bytes(c, k);
		c[0] %= key->n[0];
		KUNIT_ASSERT_EQ(test, crypto_akcipher_sync_decrypt(tfm, c, k,
								   want, k),
				(int)k);
		KUNIT_ASSERT_EQ(test, rsa_pss_rsasp1(key->priv, key->priv_len,
						     c, s1, k), 0);
		KUNIT_ASSERT_EQ(test, rsa_pss_rsasp1(key->priv, key->priv_len,
						     c, s2, k), 0);
		KUNIT_EXPECT_MEMEQ_MSG(test, s1, want, k, "input %d", i);
		KUNIT_EXPECT_MEMEQ_MSG(test, s2, want, k, "input %d", i);
	}
}

/*
 * c = 0, 1 and n - 1 are their own signatures (d is odd); c = n and a
 * wrong length are refused.
 */
static void rsa_pss_rsasp1_edges(struct kunit *test)
{
	const struct pss_key *key = *(const struct pss_key *const *)
				    test->param_value;
	size_t k = key->k;
	u8 *c, *s;

	c = kunit_kzalloc(test, k, GFP_KERNEL);
	s = kunit_kzalloc(test, k, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, s);

	memset(s, 0xa5, k);
	KUNIT_ASSERT_EQ(test, rsa_pss_rsasp1(key->priv, key->priv_len, c, s,
					     k), 0);
	KUNIT_EXPECT_MEMEQ(test, s, c, k);
	c[k - 1] = 1;
	KUNIT_ASSERT_EQ(test, rsa_pss_rsasp1(key->priv, key->priv_len, c, s,
					     k), 0);
	KUNIT_EXPECT_MEMEQ(test, s, c, k);
	/* n - 1: n is odd */
	memcpy(c, key->n, k);
	c[k - 1]--;
	KUNIT_ASSERT_EQ(test, rsa_pss_rsasp1(key->priv, key->priv_len, c, s,
					     k), 0);
	KUNIT_EXPECT_MEMEQ(test, s, c, k);
	/* n itself, and the wrong length */
	c[k - 1]++;
	KUNIT_EXPECT_EQ(test, rsa_pss_rsasp1(key->priv, key->priv_len, c, s,
					     k), -EINVAL);
	KUNIT_EXPECT_EQ(test, rsa_pss_rsasp1(key->priv, key->priv_len, c, s,
					     k - 1), -EINVAL);
	/* a public key has no private operation */
	KUNIT_EXPECT_EQ(test, rsa_pss_rsasp1(key->pub, key->pub_len, c, s, k),
			-EINVAL);
}

/* Flips bit @bit (0 the least significant) of @s: the check refuses it. */
static void flip_result_bit(struct kunit *test, const struct pss_key *key,
			    const u8 *c, u8 *s, size_t bit)
{
	u8 *byte = &s[key->k - 1 - bit / 8];

	*byte ^= 1 << (bit % 8);
	KUNIT_EXPECT_EQ_MSG(test, rsa_pss_rsasp1_check(key->priv,
						       key->priv_len, c, s,
						       key->k),
			    -EIO, "bit %zu", bit);
	*byte ^= 1 << (bit % 8);
}

/*
 * The fault check: a result with one bit flipped (every 13th bit, and the
 * top one) is caught; the right one passes.
 */
static void rsa_pss_rsasp1_fault_check(struct kunit *test)
{
	const struct pss_key *key = *(const struct pss_key *const *)
				    test->param_value;
	size_t k = key->k, bit;
	u8 *c, *s;

	c = kunit_kzalloc(test, k, GFP_KERNEL);
	s = kunit_kzalloc(test, k, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, s);
	get_random_bytes(c, k);
	c[0] %= key->n[0];
	KUNIT_ASSERT_EQ(test, rsa_pss_rsasp1(key->priv, key->priv_len, c, s,
					     k), 0);
	KUNIT_EXPECT_EQ(test, rsa_pss_rsasp1_check(key->priv, key->priv_len,
						   c, s, k), 0);
	for (bit = 0; bit < 8 * k; bit += 13)
		flip_result_bit(test, key, c, s, bit);
	flip_result_bit(test, key, c, s, 8 * k - 1);
	KUNIT_EXPECT_EQ(test, rsa_pss_rsasp1_check(key->priv, key->priv_len,
						   c, s, k), 0);
}

static struct kunit_case rsa_pss_test_cases[] = {
	KUNIT_CASE_PARAM(rsa_pss_verify_kat, good_gen_params),
	KUNIT_CASE_PARAM(rsa_pss_verify_rejects, bad_gen_params),
	KUNIT_CASE_PARAM(rsa_pss_verify_bitflips, good_gen_params),
	KUNIT_CASE_PARAM(rsa_pss_sign_fixed_salt, fixed_gen_params),
	KUNIT_CASE_PARAM(rsa_pss_sign_random_salt, random_gen_params),
	KUNIT_CASE(rsa_pss_verify_wrong_hash),
	KUNIT_CASE(rsa_pss_bad_hash_args),
	KUNIT_CASE(rsa_pss_verify_bad_length),
	KUNIT_CASE(rsa_pss_verify_out_of_range),
	KUNIT_CASE(rsa_pss_key_too_small),
	KUNIT_CASE(rsa_pss_bad_keys),
	KUNIT_CASE(rsa_pss_sign_no_space),
	KUNIT_CASE(rsa_pss_mod_inv_exhaustive),
	KUNIT_CASE(rsa_pss_mod_inv_blinded_test),
	KUNIT_CASE(rsa_pss_sign_blinding_invisible),
	KUNIT_CASE(rsa_pss_sign_bad_blind),
	KUNIT_CASE_PARAM(rsa_pss_rsasp1_vs_akcipher, priv_key_gen_params),
	KUNIT_CASE_PARAM(rsa_pss_rsasp1_edges, priv_key_gen_params),
	KUNIT_CASE_PARAM(rsa_pss_rsasp1_fault_check, priv_key_gen_params),
	{}
};

static struct kunit_suite rsa_pss_test_suite = {
	.name = "crypto_rsa_pss",
	.test_cases = rsa_pss_test_cases,
};

kunit_test_suite(rsa_pss_test_suite);

MODULE_DESCRIPTION("KUnit tests for RSASSA-PSS");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
