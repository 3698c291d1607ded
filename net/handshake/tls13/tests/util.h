/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the engine's KUnit suites. Everything they allocate
 * is released by KUnit when the test case ends, pass or fail.
 */
#ifndef _TLS13_TEST_UTIL_H
#define _TLS13_TEST_UTIL_H

#include <kunit/test.h>

#include "../tls13.h"

struct tls13_ks *tls13_test_ks(struct kunit *test,
			       const struct tls13_hash_alg *hash);
struct tls13_rec_key *tls13_test_rk(struct kunit *test, u16 suite_id,
				    const u8 *key, const u8 *iv);
struct tls13_kex *tls13_test_kex(struct kunit *test, u16 group_id,
				 const u8 *priv);
u8 *tls13_test_dup(struct kunit *test, const u8 *src, size_t len,
		   size_t size);
void tls13_test_seal(struct kunit *test, u16 suite_id, const u8 *key,
		     const u8 *iv, u64 seq, u8 type, const u8 *payload,
		     size_t payload_len, size_t pad, const u8 *record,
		     size_t record_len);
void tls13_test_open(struct kunit *test, u16 suite_id, const u8 *key,
		     const u8 *iv, u64 seq, u8 type, const u8 *payload,
		     size_t payload_len, const u8 *record, size_t record_len);

#endif /* _TLS13_TEST_UTIL_H */
