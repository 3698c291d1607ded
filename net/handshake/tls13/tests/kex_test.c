// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: (EC)DHE key exchange (kex.c) for every group: fresh key pairs
 * agree, and every malformed or invalid peer share is refused with
 * -EINVAL (illegal_parameter) and a wiped output. The RFC 8448 key pairs
 * are checked in rfc8448_test.c.
 */

#include <crypto/curve25519.h>
#include <kunit/test.h>

#include "util.h"

static const u16 all_groups[] = {
	TLS13_GROUP_X25519, TLS13_GROUP_SECP256R1, TLS13_GROUP_SECP384R1,
};

static void group_desc(const u16 *id, char *desc)
{
	strscpy(desc, tls13_group_find(*id)->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(group, all_groups, group_desc);

static const u16 nist_groups[] = {
	TLS13_GROUP_SECP256R1, TLS13_GROUP_SECP384R1,
};

KUNIT_ARRAY_PARAM(nist_group, nist_groups, group_desc);

static void expect_wiped(struct kunit *test, const u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		KUNIT_ASSERT_EQ_MSG(test, buf[i], 0, "byte %zu not wiped", i);
}

/* Two fresh key pairs derive the same secret; two runs differ. */
static void kex_round_trip(struct kunit *test)
{
	u16 id = *(const u16 *)test->param_value;
	struct tls13_kex *a = tls13_test_kex(test, id, NULL);
	struct tls13_kex *b = tls13_test_kex(test, id, NULL);
	unsigned int klen = a->group->key_len, slen = a->group->share_len;
	u8 s1[TLS13_MAX_KEX_KEY_LEN], s2[TLS13_MAX_KEX_KEY_LEN];

	KUNIT_EXPECT_MEMNEQ(test, a->share, b->share, slen);
	KUNIT_ASSERT_EQ(test, tls13_kex_shared(a, b->share, slen, s1), 0);
	KUNIT_ASSERT_EQ(test, tls13_kex_shared(b, a->share, slen, s2), 0);
	KUNIT_EXPECT_MEMEQ(test, s1, s2, klen);
}

/* Shares of the wrong length, either way */
static void kex_bad_length(struct kunit *test)
{
	u16 id = *(const u16 *)test->param_value;
	struct tls13_kex *a = tls13_test_kex(test, id, NULL);
	struct tls13_kex *b = tls13_test_kex(test, id, NULL);
	unsigned int slen = a->group->share_len;
	u8 *peer = kunit_kzalloc(test, slen + 1, GFP_KERNEL);
	u8 shared[TLS13_MAX_KEX_KEY_LEN];

	KUNIT_ASSERT_NOT_NULL(test, peer);
	memcpy(peer, b->share, slen);
	memset(shared, 0xaa, sizeof(shared));
	KUNIT_EXPECT_EQ(test, tls13_kex_shared(a, peer, slen - 1, shared),
			-EINVAL);
	expect_wiped(test, shared, a->group->key_len);
	KUNIT_EXPECT_EQ(test, tls13_kex_shared(a, peer, slen + 1, shared),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tls13_kex_shared(a, peer, 0, shared), -EINVAL);
}

/* NIST groups: compressed form, a point off the curve, the zero point */
static void kex_bad_points(struct kunit *test)
{
	u16 id = *(const u16 *)test->param_value;
	struct tls13_kex *a = tls13_test_kex(test, id, NULL);
	struct tls13_kex *b = tls13_test_kex(test, id, NULL);
	unsigned int slen = a->group->share_len;
	u8 *peer = kunit_kzalloc(test, slen, GFP_KERNEL);
	u8 shared[TLS13_MAX_KEX_KEY_LEN];

	KUNIT_ASSERT_NOT_NULL(test, peer);
	memcpy(peer, b->share, slen);
	peer[0] = 0x02;
	KUNIT_EXPECT_EQ(test, tls13_kex_shared(a, peer, slen, shared),
			-EINVAL);

	memcpy(peer, b->share, slen);
	peer[slen - 1] ^= 0x01;		/* Y no longer matches X */
	memset(shared, 0xaa, sizeof(shared));
	KUNIT_EXPECT_EQ(test, tls13_kex_shared(a, peer, slen, shared),
			-EINVAL);
	expect_wiped(test, shared, a->group->key_len);

	memset(peer, 0, slen);
	peer[0] = 0x04;
	KUNIT_EXPECT_EQ(test, tls13_kex_shared(a, peer, slen, shared),
			-EINVAL);
}

/* x25519: low-order points give an all-zero secret (RFC 8446 7.4.2) */
static void kex_x25519_low_order(struct kunit *test)
{
	struct tls13_kex *a = tls13_test_kex(test, TLS13_GROUP_X25519, NULL);
	u8 *peer = kunit_kzalloc(test, CURVE25519_KEY_SIZE, GFP_KERNEL);
	u8 shared[CURVE25519_KEY_SIZE];

	KUNIT_ASSERT_NOT_NULL(test, peer);
	memset(shared, 0xaa, sizeof(shared));
	KUNIT_EXPECT_EQ(test, tls13_kex_shared(a, peer, CURVE25519_KEY_SIZE,
					       shared), -EINVAL);
	expect_wiped(test, shared, sizeof(shared));
	peer[0] = 1;			/* u = 1, order 1 */
	KUNIT_EXPECT_EQ(test, tls13_kex_shared(a, peer, CURVE25519_KEY_SIZE,
					       shared), -EINVAL);
}

/* Unknown groups are refused; freeing a zeroed or failed state is safe. */
static void kex_unknown_group(struct kunit *test)
{
	struct tls13_kex *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, k);
	KUNIT_EXPECT_EQ(test, tls13_kex_init(k, 0x0019, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, tls13_kex_init(k, 0x0100, NULL), -ENOENT);
	tls13_kex_free(k);
	KUNIT_EXPECT_NULL(test, tls13_group_find(0x001e));	/* x448 */
}

static struct kunit_case kex_test_cases[] = {
	KUNIT_CASE_PARAM(kex_round_trip, group_gen_params),
	KUNIT_CASE_PARAM(kex_bad_length, group_gen_params),
	KUNIT_CASE_PARAM(kex_bad_points, nist_group_gen_params),
	KUNIT_CASE(kex_x25519_low_order),
	KUNIT_CASE(kex_unknown_group),
	{}
};

static struct kunit_suite kex_test_suite = {
	.name = "tls13_kex",
	.test_cases = kex_test_cases,
};

kunit_test_suite(kex_test_suite);
