// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the bounded reader and writer (codec.c). Every truncation of a
 * well-formed structure must fail cleanly (KASAN watches for over-reads),
 * failures are sticky and the first alert wins, vectors honour their
 * <min..max> bounds, and what the writer encodes the reader decodes.
 */

#include <kunit/test.h>

#include "../codec.h"

/*
 * An extensions block as in a ServerHello: <0..2^16-1> of
 * { uint16 type; opaque data<0..2^16-1>; }: supported_versions 0x0304 and
 * an empty extension 0xff01.
 */
static const u8 extensions[] = {
	0x00, 0x0a,
	0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0xff, 0x01, 0x00, 0x00,
};

/* Parse @extensions the way a message parser would; false on any error. */
static bool parse_extensions(const u8 *buf, size_t len, u8 *alert)
{
	struct tls13_reader r, list, data;
	u16 type, version = 0;
	unsigned int n = 0;

	tls13_reader_init(&r, buf, len);
	tls13_read_vec(&r, 2, 0, 0xffff, &list);
	while (tls13_reader_ok(&list) && list.left) {
		tls13_read_u16(&list, &type);
		tls13_read_vec(&list, 2, 0, 0xffff, &data);
		if (type == 0x002b)
			tls13_read_u16(&data, &version);
		tls13_reader_done(&data);
		n++;
	}
	tls13_reader_done(&list);
	tls13_reader_done(&r);
	*alert = r.alert;
	return tls13_reader_ok(&r) && n == 2 && version == 0x0304;
}

static void codec_parse_whole(struct kunit *test)
{
	u8 alert = 0xff;

	KUNIT_EXPECT_TRUE(test, parse_extensions(extensions,
						 sizeof(extensions), &alert));
	KUNIT_EXPECT_EQ(test, alert, 0);
}

/*
 * Every proper prefix fails with decode_error; the bytes live on the heap
 * so that KASAN sees any read past the end.
 */
static void codec_every_truncation_fails(struct kunit *test)
{
	size_t len;

	for (len = 0; len < sizeof(extensions); len++) {
		u8 *buf = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);
		u8 alert = 0;

		KUNIT_ASSERT_NOT_NULL(test, buf);
		memcpy(buf, extensions, len);
		KUNIT_EXPECT_FALSE_MSG(test, parse_extensions(buf, len, &alert),
				       "prefix of %zu bytes parsed", len);
		KUNIT_EXPECT_EQ(test, alert, TLS13_ALERT_DECODE_ERROR);
	}
}

/* A trailing byte anywhere is left over: decode_error. */
static void codec_trailing_byte_fails(struct kunit *test)
{
	u8 buf[sizeof(extensions) + 1];
	u8 alert = 0;

	memcpy(buf, extensions, sizeof(extensions));
	buf[sizeof(extensions)] = 0;
	KUNIT_EXPECT_FALSE(test, parse_extensions(buf, sizeof(buf), &alert));
	KUNIT_EXPECT_EQ(test, alert, TLS13_ALERT_DECODE_ERROR);

	/* the same byte inside supported_versions' data */
	{
		static const u8 inner[] = {
			0x00, 0x0b, 0x00, 0x2b, 0x00, 0x03, 0x03, 0x04, 0x00,
			0xff, 0x01, 0x00, 0x00,
		};

		KUNIT_EXPECT_FALSE(test, parse_extensions(inner, sizeof(inner),
							  &alert));
		KUNIT_EXPECT_EQ(test, alert, TLS13_ALERT_DECODE_ERROR);
	}
}

static void codec_integers(struct kunit *test)
{
	static const u8 buf[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	struct tls13_reader r;
	u8 a;
	u16 b;
	u32 c, d;

	tls13_reader_init(&r, buf, sizeof(buf));
	KUNIT_EXPECT_TRUE(test, tls13_read_u8(&r, &a));
	KUNIT_EXPECT_TRUE(test, tls13_read_u16(&r, &b));
	KUNIT_EXPECT_TRUE(test, tls13_read_u24(&r, &c));
	KUNIT_EXPECT_TRUE(test, tls13_read_u32(&r, &d));
	KUNIT_EXPECT_EQ(test, a, 1);
	KUNIT_EXPECT_EQ(test, b, 0x0203);
	KUNIT_EXPECT_EQ(test, c, 0x040506);
	KUNIT_EXPECT_EQ(test, d, 0x0708090a);
	KUNIT_EXPECT_TRUE(test, tls13_reader_done(&r));
}

/* After a failure nothing more can be read, and the first alert stays. */
static void codec_failure_is_sticky(struct kunit *test)
{
	static const u8 buf[] = { 1, 2, 3 };
	struct tls13_reader r;
	const u8 *p;
	u32 v;
	u8 a;

	tls13_reader_init(&r, buf, sizeof(buf));
	KUNIT_EXPECT_FALSE(test, tls13_read_u32(&r, &v));
	KUNIT_EXPECT_EQ(test, v, 0);
	KUNIT_EXPECT_EQ(test, r.alert, TLS13_ALERT_DECODE_ERROR);
	KUNIT_EXPECT_FALSE(test, tls13_read_u8(&r, &a));
	KUNIT_EXPECT_FALSE(test, tls13_read_bytes(&r, 0, &p));
	KUNIT_EXPECT_NULL(test, p);
	tls13_reader_fail(&r, TLS13_ALERT_ILLEGAL_PARAMETER);
	KUNIT_EXPECT_EQ(test, r.alert, TLS13_ALERT_DECODE_ERROR);
	KUNIT_EXPECT_FALSE(test, tls13_reader_done(&r));
}

/* Vector bounds, and failures inside a vector reach the outer reader. */
static void codec_vectors(struct kunit *test)
{
	static const u8 buf[] = { 0x03, 0xaa, 0xbb, 0xcc, 0x00 };
	struct tls13_reader r, sub, inner;
	u32 v;

	tls13_reader_init(&r, buf, sizeof(buf));
	KUNIT_EXPECT_TRUE(test, tls13_read_vec(&r, 1, 1, 3, &sub));
	KUNIT_EXPECT_EQ(test, sub.left, 3);
	KUNIT_EXPECT_EQ(test, r.left, 1);

	/* shorter than its minimum, longer than its maximum */
	tls13_reader_init(&r, buf, sizeof(buf));
	KUNIT_EXPECT_FALSE(test, tls13_read_vec(&r, 1, 4, 8, &sub));
	KUNIT_EXPECT_EQ(test, r.alert, TLS13_ALERT_DECODE_ERROR);
	KUNIT_EXPECT_EQ(test, sub.left, 0);
	tls13_reader_init(&r, buf, sizeof(buf));
	KUNIT_EXPECT_FALSE(test, tls13_read_vec(&r, 1, 0, 2, &sub));

	/* a length beyond the bytes there are */
	tls13_reader_init(&r, buf, 3);
	KUNIT_EXPECT_FALSE(test, tls13_read_vec(&r, 1, 0, 255, &sub));

	/* a prefix size the protocol never uses */
	tls13_reader_init(&r, buf, sizeof(buf));
	KUNIT_EXPECT_FALSE(test, tls13_read_vec(&r, 4, 0, 255, &sub));
	KUNIT_EXPECT_EQ(test, r.alert, TLS13_ALERT_INTERNAL_ERROR);

	/*
	 * A vector inside a vector that announces more than its container
	 * holds (aa bb cc read as a vector: 0xaa bytes announced, 2 there)
	 * fails the container and every reader around it.
	 */
	tls13_reader_init(&r, buf, sizeof(buf));
	KUNIT_ASSERT_TRUE(test, tls13_read_vec(&r, 1, 0, 255, &sub));
	KUNIT_EXPECT_FALSE(test, tls13_read_vec(&sub, 1, 0, 255, &inner));
	KUNIT_EXPECT_EQ(test, inner.alert, TLS13_ALERT_DECODE_ERROR);
	KUNIT_EXPECT_EQ(test, sub.alert, TLS13_ALERT_DECODE_ERROR);
	KUNIT_EXPECT_EQ(test, r.alert, TLS13_ALERT_DECODE_ERROR);
	KUNIT_EXPECT_EQ(test, r.left, 0);
	KUNIT_EXPECT_FALSE(test, tls13_read_u32(&sub, &v));
}

/* The writer encodes what the reader decodes, vectors included. */
static void codec_writer_round_trip(struct kunit *test)
{
	struct tls13_vec_mark outer, inner;
	struct tls13_writer w;
	u8 buf[32];
	u8 alert = 0xff;

	tls13_writer_init(&w, buf, sizeof(buf));
	tls13_put_vec_begin(&w, 2, &outer);
	tls13_put_u16(&w, 0x002b);
	tls13_put_vec_begin(&w, 2, &inner);
	tls13_put_u16(&w, 0x0304);
	tls13_put_vec_end(&w, &inner, 0xffff);
	tls13_put_u16(&w, 0xff01);
	tls13_put_vec_begin(&w, 2, &inner);
	tls13_put_vec_end(&w, &inner, 0xffff);
	KUNIT_EXPECT_TRUE(test, tls13_put_vec_end(&w, &outer, 0xffff));
	KUNIT_EXPECT_EQ(test, w.alert, 0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(extensions));
	KUNIT_EXPECT_MEMEQ(test, buf, extensions, sizeof(extensions));
	KUNIT_EXPECT_TRUE(test, parse_extensions(buf, w.len, &alert));
}

/* Running out of room, or over a vector's maximum: internal_error. */
static void codec_writer_bounds(struct kunit *test)
{
	struct tls13_vec_mark mark;
	struct tls13_writer w;
	u8 buf[4];

	tls13_writer_init(&w, buf, sizeof(buf));
	KUNIT_EXPECT_TRUE(test, tls13_put_u16(&w, 0xffff));
	KUNIT_EXPECT_TRUE(test, tls13_put_u8(&w, 0xff));
	KUNIT_EXPECT_FALSE(test, tls13_put_u16(&w, 1));
	KUNIT_EXPECT_EQ(test, w.alert, TLS13_ALERT_INTERNAL_ERROR);
	KUNIT_EXPECT_FALSE(test, tls13_put_u8(&w, 1));
	KUNIT_EXPECT_EQ(test, w.len, 3);

	tls13_writer_init(&w, buf, sizeof(buf));
	tls13_put_vec_begin(&w, 1, &mark);
	tls13_put_bytes(&w, "abc", 3);
	KUNIT_EXPECT_FALSE(test, tls13_put_vec_end(&w, &mark, 2));
	KUNIT_EXPECT_EQ(test, w.alert, TLS13_ALERT_INTERNAL_ERROR);

	tls13_writer_init(&w, buf, sizeof(buf));
	KUNIT_EXPECT_FALSE(test, tls13_put_vec_begin(&w, 4, &mark));
}

static struct kunit_case codec_test_cases[] = {
	KUNIT_CASE(codec_parse_whole),
	KUNIT_CASE(codec_every_truncation_fails),
	KUNIT_CASE(codec_trailing_byte_fails),
	KUNIT_CASE(codec_integers),
	KUNIT_CASE(codec_failure_is_sticky),
	KUNIT_CASE(codec_vectors),
	KUNIT_CASE(codec_writer_round_trip),
	KUNIT_CASE(codec_writer_bounds),
	{}
};

static struct kunit_suite codec_test_suite = {
	.name = "tls13_codec",
	.test_cases = codec_test_cases,
};

kunit_test_suite(codec_test_suite);
