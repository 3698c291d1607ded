/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bounded reader and writer for TLS 1.3 wire structures.
 *
 * Every read is checked against what is left; the first failure records an
 * alert (decode_error unless the caller names another) and every later
 * operation on that reader fails too, so a parser can read a whole
 * structure and test once at the end. A length-prefixed vector is read
 * into a sub-reader whose failures propagate to its parent. Nothing here
 * hides a return or a goto.
 *
 * The writer works on a caller-owned buffer; running out of room records
 * internal_error (our own encoder is wrong, not the peer).
 */
#ifndef _NET_HANDSHAKE_TLS13_CODEC_H
#define _NET_HANDSHAKE_TLS13_CODEC_H

#include <linux/types.h>

#include "wire.h"

/**
 * struct tls13_reader - bounded cursor over received bytes
 * @p: next byte to read
 * @left: bytes left
 * @alert: 0 while good; the AlertDescription of the first failure after
 * @parent: reader this one was opened from, which shares its failure
 */
struct tls13_reader {
	const u8 *p;
	size_t left;
	u8 alert;
	struct tls13_reader *parent;
};

void tls13_reader_init(struct tls13_reader *r, const u8 *buf, size_t len);
void tls13_reader_fail(struct tls13_reader *r, u8 alert);
bool tls13_read_u8(struct tls13_reader *r, u8 *v);
bool tls13_read_u16(struct tls13_reader *r, u16 *v);
bool tls13_read_u24(struct tls13_reader *r, u32 *v);
bool tls13_read_u32(struct tls13_reader *r, u32 *v);
bool tls13_read_bytes(struct tls13_reader *r, size_t n, const u8 **out);
bool tls13_read_vec(struct tls13_reader *r, unsigned int len_bytes,
		    size_t min, size_t max, struct tls13_reader *sub);
bool tls13_reader_done(struct tls13_reader *r);

/**
 * tls13_reader_ok - has every operation on @r succeeded so far?
 * @r: reader
 *
 * Return values:
 *   %true: no failure recorded
 *   %false: @r->alert names the first failure
 */
static inline bool tls13_reader_ok(const struct tls13_reader *r)
{
	return !r->alert;
}

/**
 * struct tls13_writer - bounded cursor over a buffer being encoded
 * @buf: start of the buffer
 * @size: its size
 * @len: bytes written
 * @alert: 0 while good; internal_error once anything did not fit
 */
struct tls13_writer {
	u8 *buf;
	size_t size;
	size_t len;
	u8 alert;
};

/* An open length prefix, closed by tls13_put_vec_end() */
struct tls13_vec_mark {
	size_t at;
	unsigned int len_bytes;
};

void tls13_writer_init(struct tls13_writer *w, u8 *buf, size_t size);
bool tls13_put_u8(struct tls13_writer *w, u8 v);
bool tls13_put_u16(struct tls13_writer *w, u16 v);
bool tls13_put_u32(struct tls13_writer *w, u32 v);
bool tls13_put_bytes(struct tls13_writer *w, const void *src, size_t n);
bool tls13_put_vec_begin(struct tls13_writer *w, unsigned int len_bytes,
			 struct tls13_vec_mark *mark);
bool tls13_put_vec_end(struct tls13_writer *w, const struct tls13_vec_mark *mark,
		       size_t max);

#endif /* _NET_HANDSHAKE_TLS13_CODEC_H */
