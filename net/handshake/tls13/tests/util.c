// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the engine's KUnit suites.
 */

#include <kunit/resource.h>
#include <linux/string.h>

#include "util.h"

KUNIT_DEFINE_ACTION_WRAPPER(ks_free_action, tls13_ks_free, struct tls13_ks *);
KUNIT_DEFINE_ACTION_WRAPPER(rk_free_action, tls13_rec_key_free,
			    struct tls13_rec_key *);
KUNIT_DEFINE_ACTION_WRAPPER(kex_free_action, tls13_kex_free,
			    struct tls13_kex *);

/* A key schedule for @hash, freed (and wiped) when the test ends. */
struct tls13_ks *tls13_test_ks(struct kunit *test,
			       const struct tls13_hash_alg *hash)
{
	struct tls13_ks *ks = kunit_kzalloc(test, sizeof(*ks), GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, ks);
	KUNIT_ASSERT_EQ(test, tls13_ks_init(ks, hash), 0);
	err = kunit_add_action_or_reset(test, ks_free_action, ks);
	KUNIT_ASSERT_EQ(test, err, 0);
	return ks;
}

/* A record key for @suite_id, keyed with @key/@iv when @key is given. */
struct tls13_rec_key *tls13_test_rk(struct kunit *test, u16 suite_id,
				    const u8 *key, const u8 *iv)
{
	const struct tls13_suite *suite = tls13_suite_find(suite_id);
	struct tls13_rec_key *rk = kunit_kzalloc(test, sizeof(*rk),
						 GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, suite);
	KUNIT_ASSERT_NOT_NULL(test, rk);
	KUNIT_ASSERT_EQ(test, tls13_rec_key_init(rk, suite), 0);
	err = kunit_add_action_or_reset(test, rk_free_action, rk);
	KUNIT_ASSERT_EQ(test, err, 0);
	if (key)
		KUNIT_ASSERT_EQ(test, tls13_rec_key_set(rk, key, iv), 0);
	return rk;
}

/* A key pair for @group_id (from @priv, or fresh), freed when the test ends */
struct tls13_kex *tls13_test_kex(struct kunit *test, u16 group_id,
				 const u8 *priv)
{
	struct tls13_kex *kex = kunit_kzalloc(test, sizeof(*kex), GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, kex);
	KUNIT_ASSERT_EQ(test, tls13_kex_init(kex, group_id, priv), 0);
	err = kunit_add_action_or_reset(test, kex_free_action, kex);
	KUNIT_ASSERT_EQ(test, err, 0);
	return kex;
}

/*
 * A heap buffer of @size bytes starting with a copy of @src (records are
 * protected in place, and a scatterlist must not point into the stack).
 */
u8 *tls13_test_dup(struct kunit *test, const u8 *src, size_t len, size_t size)
{
	u8 *buf = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_LE(test, len, size);
	if (len)
		memcpy(buf, src, len);
	return buf;
}

/*
 * Seal @payload as record number @seq of the epoch keyed by @key/@iv and
 * expect exactly @record; the sequence number must advance.
 */
void tls13_test_seal(struct kunit *test, u16 suite_id, const u8 *key,
		     const u8 *iv, u64 seq, u8 type, const u8 *payload,
		     size_t payload_len, size_t pad, const u8 *record,
		     size_t record_len)
{
	struct tls13_rec_key *rk = tls13_test_rk(test, suite_id, key, iv);
	u8 *buf = tls13_test_dup(test, NULL, 0, record_len);

	KUNIT_ASSERT_GE(test, record_len, TLS13_RECORD_HEADER_LEN + payload_len);
	memcpy(buf + TLS13_RECORD_HEADER_LEN, payload, payload_len);
	rk->seq = seq;
	KUNIT_ASSERT_EQ(test, tls13_rec_seal(rk, type, buf, record_len,
					     payload_len, pad),
			(int)record_len);
	KUNIT_EXPECT_MEMEQ(test, buf, record, record_len);
	KUNIT_EXPECT_EQ(test, rk->seq, seq + 1);
}

/*
 * Open @record as record number @seq and expect @type and @payload; the
 * sequence number must advance.
 */
void tls13_test_open(struct kunit *test, u16 suite_id, const u8 *key,
		     const u8 *iv, u64 seq, u8 type, const u8 *payload,
		     size_t payload_len, const u8 *record, size_t record_len)
{
	struct tls13_rec_key *rk = tls13_test_rk(test, suite_id, key, iv);
	u8 *buf = tls13_test_dup(test, record, record_len, record_len);
	size_t len = 0;
	u8 got = 0;

	rk->seq = seq;
	KUNIT_ASSERT_EQ(test, tls13_rec_open(rk, buf, record_len, &got, &len),
			0);
	KUNIT_EXPECT_EQ(test, got, type);
	KUNIT_ASSERT_EQ(test, len, payload_len);
	KUNIT_EXPECT_MEMEQ(test, buf + TLS13_RECORD_HEADER_LEN, payload, len);
	KUNIT_EXPECT_EQ(test, rk->seq, seq + 1);
}
