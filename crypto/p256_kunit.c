// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the P-256 library (crypto/p256.c).
 *
 * - Field arithmetic mod p against a simple reference (shift-and-add
 *   multiplication with compare-and-subtract reduction) on edge values
 *   (0, 1, 2, p - 1, p - 2, 2^255, ...) and random ones; inversion mod p
 *   and mod n.
 * - Known answers (crypto/p256_vectors.h): RFC 6979 A.2.5, NIST CAVP KAS
 *   ECC CDH, Wycheproof ECDH (edge-case shared secrets and private keys,
 *   invalid and compressed points) and ECDSA (r, s out of range, large
 *   x(kG), point at infinity during verification, ...).
 * - Cross-checks on random inputs against the kernel's generic code:
 *   ecc_make_pub_key(), crypto_ecdh_shared_secret(), and the
 *   "ecdsa-nist-p256" verifier on signatures made here.
 */

#include <crypto/ecdh.h>
#include <crypto/hash.h>
#include <crypto/internal/ecc.h>
#include <crypto/p256.h>
#include <crypto/sig.h>
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "p256_vectors.h"

#define NL		4
#define ITERATIONS	32

static const u64 TP[NL] = {
	0xffffffffffffffffULL, 0x00000000ffffffffULL,
	0x0000000000000000ULL, 0xffffffff00000001ULL,
};

static const u64 TN[NL] = {
	0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL,
	0xffffffffffffffffULL, 0xffffffff00000000ULL,
};

/* ---- reference arithmetic: slow and obvious ------------------------- */

static int ref_cmp(const u64 *a, const u64 *b)
{
	int i;

	for (i = NL - 1; i >= 0; i--) {
		if (a[i] != b[i])
			return a[i] > b[i] ? 1 : -1;
	}
	return 0;
}

/* r = a + b (carry returned) */
static u64 ref_add(u64 *r, const u64 *a, const u64 *b)
{
	u64 carry = 0;
	int i;

	for (i = 0; i < NL; i++) {
		u64 s = a[i] + carry;
		u64 c = s < carry;

		r[i] = s + b[i];
		carry = c + (r[i] < s);
	}
	return carry;
}

static void ref_sub(u64 *r, const u64 *a, const u64 *b)
{
	u64 borrow = 0;
	int i;

	for (i = 0; i < NL; i++) {
		u64 d = a[i] - b[i] - borrow;

		borrow = borrow ? a[i] <= b[i] : a[i] < b[i];
		r[i] = d;
	}
}

/* r = a + b mod m for a, b < m */
static void ref_addmod(u64 *r, const u64 *a, const u64 *b, const u64 *m)
{
	u64 carry = ref_add(r, a, b);

	if (carry || ref_cmp(r, m) >= 0)
		ref_sub(r, r, m);
}

static void ref_submod(u64 *r, const u64 *a, const u64 *b, const u64 *m)
{
	if (ref_cmp(a, b) >= 0) {
		ref_sub(r, a, b);
	} else {
		u64 t[NL];

		ref_sub(t, m, b);
		ref_addmod(r, a, t, m);
	}
}

/* r = a * b mod m, double and add over the bits of b */
static void ref_mulmod(u64 *r, const u64 *a, const u64 *b, const u64 *m)
{
	u64 acc[NL] = { 0 };
	int i;

	for (i = 255; i >= 0; i--) {
		ref_addmod(acc, acc, acc, m);
		if ((b[i / 64] >> (i % 64)) & 1)
			ref_addmod(acc, acc, a, m);
	}
	memcpy(r, acc, sizeof(acc));
}

static void random_below(u64 *r, const u64 *m)
{
	do {
		get_random_bytes(r, NL * sizeof(u64));
	} while (ref_cmp(r, m) >= 0);
}

/* edge values below p */
static void edge_value(u64 *r, int i)
{
	memset(r, 0, NL * sizeof(u64));
	switch (i) {
	case 0:
		break;
	case 1:
		r[0] = 1;
		break;
	case 2:
		r[0] = 2;
		break;
	case 3:
		memcpy(r, TP, NL * sizeof(u64));
		r[0] -= 1;		/* p - 1 */
		break;
	case 4:
		memcpy(r, TP, NL * sizeof(u64));
		r[0] -= 2;		/* p - 2 */
		break;
	case 5:
		r[3] = 1ULL << 63;	/* 2^255 */
		break;
	case 6:
		r[0] = ~0ULL;		/* 2^64 - 1 */
		break;
	case 7:
		r[3] = 1ULL << 32;	/* 2^224 */
		break;
	default:
		random_below(r, TP);
	}
}

#define NEDGE	8

/* ---- field tests ------------------------------------------------------ */

static void p256_test_fe_mul_sqr(struct kunit *test)
{
	u64 a[NL], b[NL], am[NL], bm[NL], r[NL], want[NL];
	int i, j;

	for (i = 0; i < NEDGE + ITERATIONS; i++) {
		for (j = 0; j < NEDGE + 4; j++) {
			edge_value(a, i);
			edge_value(b, j);
			p256_fe_to_mont(am, a);
			p256_fe_to_mont(bm, b);
			p256_fe_mul(r, am, bm);
			p256_fe_from_mont(r, r);
			ref_mulmod(want, a, b, TP);
			KUNIT_ASSERT_MEMEQ_MSG(test, r, want, sizeof(r),
					       "mul %d x %d", i, j);
		}
		p256_fe_sqr(r, am);
		p256_fe_from_mont(r, r);
		ref_mulmod(want, a, a, TP);
		KUNIT_ASSERT_MEMEQ_MSG(test, r, want, sizeof(r), "sqr %d", i);
		/* round trip through the Montgomery form */
		p256_fe_from_mont(r, am);
		KUNIT_ASSERT_MEMEQ_MSG(test, r, a, sizeof(r), "mont %d", i);
	}
}

static void p256_test_fe_add_sub(struct kunit *test)
{
	u64 a[NL], b[NL], r[NL], want[NL];
	int i, j;

	for (i = 0; i < NEDGE + ITERATIONS; i++) {
		for (j = 0; j < NEDGE + 4; j++) {
			edge_value(a, i);
			edge_value(b, j);
			p256_fe_add(r, a, b);
			ref_addmod(want, a, b, TP);
			KUNIT_ASSERT_MEMEQ_MSG(test, r, want, sizeof(r),
					       "add %d + %d", i, j);
			p256_fe_sub(r, a, b);
			ref_submod(want, a, b, TP);
			KUNIT_ASSERT_MEMEQ_MSG(test, r, want, sizeof(r),
					       "sub %d - %d", i, j);
		}
	}
}

static void p256_test_fe_inv(struct kunit *test)
{
	static const u64 one[NL] = { 1 };
	u64 a[NL], am[NL], r[NL];
	int i;

	for (i = 0; i < NEDGE + ITERATIONS; i++) {
		edge_value(a, i);
		p256_fe_to_mont(am, a);
		p256_fe_inv(r, am);
		if (i == 0) {
			KUNIT_EXPECT_TRUE(test, !(r[0] | r[1] | r[2] | r[3]));
			continue;
		}
		p256_fe_mul(r, r, am);
		p256_fe_from_mont(r, r);
		KUNIT_ASSERT_MEMEQ_MSG(test, r, one, sizeof(r), "inv %d", i);
	}
}

static void p256_test_scalar_inv(struct kunit *test)
{
	static const u64 one[NL] = { 1 };
	u64 a[NL], r[NL];
	int i;

	for (i = 0; i < ITERATIONS + 2; i++) {
		if (i == 0) {
			memcpy(a, one, sizeof(a));
		} else if (i == 1) {
			memcpy(a, TN, sizeof(a));
			a[0] -= 1;	/* n - 1 */
		} else {
			random_below(a, TN);
		}
		p256_scalar_inv(r, a);
		ref_mulmod(r, r, a, TN);
		KUNIT_ASSERT_MEMEQ_MSG(test, r, one, sizeof(r), "inv %d", i);
	}
}

/* ---- known answers ---------------------------------------------------- */

static void ecdh_desc(const struct p256_ecdh_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(p256_ecdh, p256_ecdh_vecs, ecdh_desc);

/* Arrange: a vector; Act: ECDH; Assert: its shared secret or -EINVAL. */
static void p256_test_ecdh_kat(struct kunit *test)
{
	const struct p256_ecdh_vec *v = test->param_value;
	static const u8 zero[P256_BYTES];
	u8 shared[P256_BYTES];
	int err;

	memset(shared, 0xaa, sizeof(shared));
	err = p256_ecdh_shared(v->priv, v->pub, v->pub_len, shared);
	if (v->valid) {
		KUNIT_ASSERT_EQ(test, err, 0);
		KUNIT_EXPECT_MEMEQ(test, shared, v->shared, P256_BYTES);
	} else {
		KUNIT_EXPECT_EQ(test, err, -EINVAL);
		KUNIT_EXPECT_MEMEQ(test, shared, zero, P256_BYTES);
	}
}

static void verify_desc(const struct p256_verify_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(p256_verify, p256_verify_vecs, verify_desc);

static void p256_test_verify_kat(struct kunit *test)
{
	const struct p256_verify_vec *v = test->param_value;
	struct p256_pubkey key;

	KUNIT_ASSERT_EQ(test, p256_pubkey_decode(&key, v->pub, P256_PUB_BYTES),
			0);
	KUNIT_EXPECT_EQ(test, p256_ecdsa_verify(&key, v->digest, 32, v->r,
						v->s),
			v->valid ? 0 : -EKEYREJECTED);
}

static void sha256_of(struct kunit *test, const char *msg, u8 *digest)
{
	struct crypto_shash *tfm = crypto_alloc_shash("sha256", 0, 0);

	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	KUNIT_ASSERT_EQ(test, crypto_shash_tfm_digest(tfm, msg, strlen(msg),
						      digest), 0);
	crypto_free_shash(tfm);
}

static void sign_desc(const struct p256_sign_vec *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "RFC 6979 A.2.5 SHA-256 \"%s\"",
		 v->msg);
}

KUNIT_ARRAY_PARAM(p256_sign, p256_sign_vecs, sign_desc);

/* Arrange: RFC 6979's key, message and k; Act: sign; Assert: its r, s. */
static void p256_test_sign_kat(struct kunit *test)
{
	const struct p256_sign_vec *v = test->param_value;
	struct p256_pubkey key;
	u8 digest[32], r[32], s[32];

	sha256_of(test, v->msg, digest);
	KUNIT_ASSERT_EQ(test, p256_ecdsa_sign(rfc6979_p256_priv, digest, 32, v->k,
					      r, s), 0);
	KUNIT_EXPECT_MEMEQ(test, r, v->r, 32);
	KUNIT_EXPECT_MEMEQ(test, s, v->s, 32);

	KUNIT_ASSERT_EQ(test, p256_pubkey_decode(&key, rfc6979_p256_pub,
						 sizeof(rfc6979_p256_pub)), 0);
	KUNIT_EXPECT_EQ(test, p256_ecdsa_verify(&key, digest, 32, r, s), 0);
	digest[31] ^= 1;
	KUNIT_EXPECT_EQ(test, p256_ecdsa_verify(&key, digest, 32, r, s),
			-EKEYREJECTED);
}

static void p256_test_public_kat(struct kunit *test)
{
	u8 pub[P256_PUB_BYTES];

	KUNIT_ASSERT_EQ(test, p256_public_from_private(rfc6979_p256_priv, pub), 0);
	KUNIT_EXPECT_MEMEQ(test, pub, rfc6979_p256_pub, sizeof(pub));
	KUNIT_ASSERT_EQ(test, p256_public_from_private(cavp0_priv, pub), 0);
	KUNIT_EXPECT_MEMEQ(test, pub, cavp0_pub, sizeof(pub));
}

/* 1 * G = G, (n - 1) * G = -G, and out-of-range scalars are refused */
static void p256_test_scalar_edges(struct kunit *test)
{
	static const u8 g[P256_PUB_BYTES] = {
		0x04,
		0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47,
		0xf8, 0xbc, 0xe6, 0xe5, 0x63, 0xa4, 0x40, 0xf2,
		0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0,
		0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96,
		0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b,
		0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16,
		0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce,
		0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5,
	};
	u8 d[P256_BYTES], pub[P256_PUB_BYTES], shared[P256_BYTES];
	u8 digest[32] = { 1 }, r[32], s[32];
	u64 y[NL], ny[NL];
	int i;

	memset(d, 0, sizeof(d));
	d[31] = 1;
	KUNIT_ASSERT_EQ(test, p256_public_from_private(d, pub), 0);
	KUNIT_EXPECT_MEMEQ(test, pub, g, sizeof(g));
	/* 1 * G through the variable-base path too */
	KUNIT_ASSERT_EQ(test, p256_ecdh_shared(d, g, sizeof(g), shared), 0);
	KUNIT_EXPECT_MEMEQ(test, shared, g + 1, 32);

	for (i = 0; i < NL; i++)
		put_unaligned_be64(TN[NL - 1 - i], d + 8 * i);
	d[31] -= 1;				/* n - 1 */
	KUNIT_ASSERT_EQ(test, p256_public_from_private(d, pub), 0);
	KUNIT_EXPECT_MEMEQ(test, pub + 1, g + 1, 32);
	for (i = 0; i < NL; i++)
		y[i] = get_unaligned_be64(g + 33 + 8 * (NL - 1 - i));
	ref_sub(ny, TP, y);
	for (i = 0; i < NL; i++)
		KUNIT_EXPECT_EQ(test, get_unaligned_be64(pub + 33 +
							 8 * (NL - 1 - i)),
				ny[i]);
	KUNIT_ASSERT_EQ(test, p256_ecdh_shared(d, g, sizeof(g), shared), 0);
	KUNIT_EXPECT_MEMEQ(test, shared, g + 1, 32);

	/* n, n + 1, 0 and 2^256 - 1 are refused everywhere */
	d[31] += 1;				/* n */
	KUNIT_EXPECT_EQ(test, p256_public_from_private(d, pub), -EINVAL);
	KUNIT_EXPECT_EQ(test, p256_ecdh_shared(d, g, sizeof(g), shared),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sign(d, digest, 32, rfc6979_p256_priv, r,
					      s), -EINVAL);
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sign(rfc6979_p256_priv, digest, 32, d, r,
					      s), -EAGAIN);
	d[31] += 1;				/* n + 1 */
	KUNIT_EXPECT_EQ(test, p256_public_from_private(d, pub), -EINVAL);
	memset(d, 0, sizeof(d));
	KUNIT_EXPECT_EQ(test, p256_public_from_private(d, pub), -EINVAL);
	KUNIT_EXPECT_EQ(test, p256_ecdh_shared(d, g, sizeof(g), shared),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sign(rfc6979_p256_priv, digest, 32, d, r,
					      s), -EAGAIN);
	memset(d, 0xff, sizeof(d));
	KUNIT_EXPECT_EQ(test, p256_public_from_private(d, pub), -EINVAL);
}

/* The peer's key: exact length, uncompressed form, on the curve */
static void p256_test_pubkey_decode(struct kunit *test)
{
	struct p256_pubkey key;
	u8 pub[P256_PUB_BYTES + 1];

	memcpy(pub, rfc6979_p256_pub, P256_PUB_BYTES);
	KUNIT_EXPECT_EQ(test, p256_pubkey_decode(&key, pub, P256_PUB_BYTES), 0);
	KUNIT_EXPECT_EQ(test, p256_pubkey_decode(&key, pub, P256_PUB_BYTES - 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, p256_pubkey_decode(&key, pub, P256_PUB_BYTES + 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, p256_pubkey_decode(&key, pub, 1), -EINVAL);
	pub[0] = 0x00;				/* infinity's encoding */
	KUNIT_EXPECT_EQ(test, p256_pubkey_decode(&key, pub, 1), -EINVAL);
	pub[0] = 0x02;
	KUNIT_EXPECT_EQ(test, p256_pubkey_decode(&key, pub, 33), -EINVAL);
	pub[0] = 0x04;
	pub[64] ^= 1;				/* off the curve */
	KUNIT_EXPECT_EQ(test, p256_pubkey_decode(&key, pub, P256_PUB_BYTES),
			-EINVAL);
}

static size_t der_int(u8 *out, const u8 *v)
{
	size_t i = 0, len, pad;

	while (i < 31 && !v[i])
		i++;
	len = 32 - i;
	pad = v[i] >> 7;
	out[0] = 0x02;
	out[1] = len + pad;
	out[2] = 0;
	memcpy(out + 2 + pad, v + i, len);
	return 2 + pad + len;
}

static size_t der_sig(u8 *out, const u8 *r, const u8 *s)
{
	size_t len = der_int(out + 2, r);

	len += der_int(out + 2 + len, s);
	out[0] = 0x30;
	out[1] = len;
	return 2 + len;
}

static void p256_test_der(struct kunit *test)
{
	u8 r[32], s[32], r2[32], s2[32], der[80];
	size_t len;

	memset(r, 0, sizeof(r));
	r[31] = 0x80;				/* needs a 0x00 sign octet */
	memset(s, 0x7f, sizeof(s));
	len = der_sig(der, r, s);
	KUNIT_ASSERT_EQ(test, p256_ecdsa_sig_from_der(der, len, r2, s2), 0);
	KUNIT_EXPECT_MEMEQ(test, r, r2, 32);
	KUNIT_EXPECT_MEMEQ(test, s, s2, 32);

	/* trailing garbage, a truncation, a wrong outer length */
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sig_from_der(der, len + 1, r2, s2),
			-EBADMSG);
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sig_from_der(der, len - 1, r2, s2),
			-EBADMSG);
	/* 0x80 without its sign octet: negative */
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sig_from_der((u8[]){
		0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01 }, 8, r2, s2),
		-EBADMSG);
	/* 0x00 0x01: not minimal */
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sig_from_der((u8[]){
		0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01 }, 9, r2,
		s2), -EBADMSG);
	/* an empty INTEGER */
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sig_from_der((u8[]){
		0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01 }, 7, r2, s2),
		-EBADMSG);
	/* the smallest valid one */
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sig_from_der((u8[]){
		0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 }, 8, r2, s2),
		0);
	/* 33 value octets */
	memset(der, 0, sizeof(der));
	der[0] = 0x30;
	der[1] = 2 + 34 + 3;
	der[2] = 0x02;
	der[3] = 34;
	der[4] = 0x00;
	der[5] = 0x01;
	der[6] = 0x80;
	der[2 + 2 + 34] = 0x02;
	der[2 + 2 + 34 + 1] = 1;
	der[2 + 2 + 34 + 2] = 1;
	KUNIT_EXPECT_EQ(test, p256_ecdsa_sig_from_der(der, 2 + 39, r2, s2),
			-EBADMSG);
}

/* ---- round trips and cross-checks against crypto/ecc.c ------------------ */

static void p256_test_keygen_agree(struct kunit *test)
{
	u8 a[P256_BYTES], b[P256_BYTES], pa[P256_PUB_BYTES], pb[P256_PUB_BYTES];
	u8 sa[P256_BYTES], sb[P256_BYTES];
	struct p256_pubkey key;
	int i;

	for (i = 0; i < ITERATIONS / 4; i++) {
		KUNIT_ASSERT_EQ(test, p256_ecdh_keygen(a, pa), 0);
		KUNIT_ASSERT_EQ(test, p256_ecdh_keygen(b, pb), 0);
		KUNIT_EXPECT_EQ(test, p256_pubkey_decode(&key, pa, sizeof(pa)),
				0);
		KUNIT_ASSERT_EQ(test, p256_ecdh_shared(a, pb, sizeof(pb), sa),
				0);
		KUNIT_ASSERT_EQ(test, p256_ecdh_shared(b, pa, sizeof(pa), sb),
				0);
		KUNIT_EXPECT_MEMEQ(test, sa, sb, sizeof(sa));
	}
}

static void random_scalar(u8 *d)
{
	u64 v[NL];
	int i;

	random_below(v, TN);
	v[0] |= 1;			/* never zero */
	for (i = 0; i < NL; i++)
		put_unaligned_be64(v[NL - 1 - i], d + 8 * i);
}

/* Arrange: random scalars; Act: both libraries; Assert: same points. */
static void p256_test_cross_public(struct kunit *test)
{
	u8 d[P256_BYTES], pub[P256_PUB_BYTES];
	u64 dv[NL], ref[2 * NL];
	int i;

	for (i = 0; i < ITERATIONS; i++) {
		random_scalar(d);
		ecc_digits_from_bytes(d, P256_BYTES, dv, NL);
		KUNIT_ASSERT_EQ(test, ecc_make_pub_key(ECC_CURVE_NIST_P256, NL,
						       dv, ref), 0);
		KUNIT_ASSERT_EQ(test, p256_public_from_private(d, pub), 0);
		KUNIT_EXPECT_EQ(test, pub[0], 0x04);
		KUNIT_EXPECT_MEMEQ(test, pub + 1, (u8 *)ref, 2 * P256_BYTES);
	}
}

static void p256_test_cross_ecdh(struct kunit *test)
{
	u8 d[P256_BYTES], peer_d[P256_BYTES], peer[P256_PUB_BYTES];
	u8 shared[P256_BYTES];
	u64 dv[NL], pk[2 * NL], ref[NL];
	int i, err;

	for (i = 0; i < ITERATIONS; i++) {
		random_scalar(d);
		random_scalar(peer_d);
		KUNIT_ASSERT_EQ(test, p256_public_from_private(peer_d, peer),
				0);
		ecc_digits_from_bytes(d, P256_BYTES, dv, NL);
		memcpy(pk, peer + 1, sizeof(pk));
		err = crypto_ecdh_shared_secret(ECC_CURVE_NIST_P256, NL, dv,
						pk, ref);
		KUNIT_ASSERT_EQ(test, err, 0);
		KUNIT_ASSERT_EQ(test, p256_ecdh_shared(d, peer, sizeof(peer),
						       shared), 0);
		KUNIT_EXPECT_MEMEQ(test, shared, (u8 *)ref, sizeof(shared));
	}
}

/* Signatures made here verify with crypto/ecdsa.c and with ourselves. */
static void p256_test_cross_ecdsa(struct kunit *test)
{
	u8 d[P256_BYTES], k[P256_BYTES], pub[P256_PUB_BYTES], digest[32];
	u8 r[32], s[32], der[80];
	struct p256_pubkey key;
	struct crypto_sig *tfm;
	size_t len;
	int i;

	tfm = crypto_alloc_sig("ecdsa-nist-p256", 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(tfm));
	for (i = 0; i < ITERATIONS; i++) {
		random_scalar(d);
		random_scalar(k);
		get_random_bytes(digest, sizeof(digest));
		KUNIT_ASSERT_EQ(test, p256_public_from_private(d, pub), 0);
		KUNIT_ASSERT_EQ(test, p256_ecdsa_sign(d, digest, 32, k, r, s),
				0);
		len = der_sig(der, r, s);
		KUNIT_ASSERT_EQ(test, crypto_sig_set_pubkey(tfm, pub,
							    sizeof(pub)), 0);
		KUNIT_EXPECT_EQ(test, crypto_sig_verify(tfm, der, len, digest,
							32), 0);
		KUNIT_ASSERT_EQ(test, p256_pubkey_decode(&key, pub,
							 sizeof(pub)), 0);
		KUNIT_EXPECT_EQ(test, p256_ecdsa_verify(&key, digest, 32, r, s),
				0);
		r[i % 32] ^= 0x10;
		KUNIT_EXPECT_EQ(test, p256_ecdsa_verify(&key, digest, 32, r, s),
				-EKEYREJECTED);
	}
	crypto_free_sig(tfm);
}

static void p256_test_long_digest(struct kunit *test)
{
	u8 digest[64], r[32], s[32];
	struct p256_pubkey key;

	get_random_bytes(digest, sizeof(digest));
	KUNIT_ASSERT_EQ(test, p256_ecdsa_sign(rfc6979_p256_priv, digest, 64,
					      p256_sign_vecs[0].k, r, s), 0);
	KUNIT_ASSERT_EQ(test, p256_pubkey_decode(&key, rfc6979_p256_pub,
						 sizeof(rfc6979_p256_pub)), 0);
	KUNIT_EXPECT_EQ(test, p256_ecdsa_verify(&key, digest, 64, r, s), 0);
	KUNIT_EXPECT_EQ(test, p256_ecdsa_verify(&key, digest, 32, r, s), 0);
	digest[40] ^= 1;			/* beyond the leftmost 256 bits */
	KUNIT_EXPECT_EQ(test, p256_ecdsa_verify(&key, digest, 64, r, s), 0);
	digest[0] ^= 1;
	KUNIT_EXPECT_EQ(test, p256_ecdsa_verify(&key, digest, 64, r, s),
			-EKEYREJECTED);
}

static struct kunit_case p256_test_cases[] = {
	KUNIT_CASE(p256_test_fe_mul_sqr),
	KUNIT_CASE(p256_test_fe_add_sub),
	KUNIT_CASE(p256_test_fe_inv),
	KUNIT_CASE(p256_test_scalar_inv),
	KUNIT_CASE(p256_test_public_kat),
	KUNIT_CASE_PARAM(p256_test_sign_kat, p256_sign_gen_params),
	KUNIT_CASE_PARAM(p256_test_ecdh_kat, p256_ecdh_gen_params),
	KUNIT_CASE_PARAM(p256_test_verify_kat, p256_verify_gen_params),
	KUNIT_CASE(p256_test_scalar_edges),
	KUNIT_CASE(p256_test_pubkey_decode),
	KUNIT_CASE(p256_test_der),
	KUNIT_CASE(p256_test_long_digest),
	KUNIT_CASE(p256_test_keygen_agree),
	KUNIT_CASE(p256_test_cross_public),
	KUNIT_CASE(p256_test_cross_ecdh),
	KUNIT_CASE(p256_test_cross_ecdsa),
	{}
};

static struct kunit_suite p256_test_suite = {
	.name = "p256",
	.test_cases = p256_test_cases,
};

kunit_test_suite(p256_test_suite);

MODULE_DESCRIPTION("KUnit tests for the P-256 library");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
