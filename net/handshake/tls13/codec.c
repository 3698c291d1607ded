// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bounded reader and writer for TLS 1.3 wire structures (see codec.h).
 */

#include <linux/string.h>
#include <linux/unaligned.h>

#include "codec.h"

/**
 * tls13_reader_init - start reading @len bytes at @buf
 * @r: reader
 * @buf: bytes received
 * @len: their number
 */
void tls13_reader_init(struct tls13_reader *r, const u8 *buf, size_t len)
{
	r->p = buf;
	r->left = len;
	r->alert = 0;
	r->parent = NULL;
}

/**
 * tls13_reader_fail - record a failure on @r and on the readers it is in
 * @r: reader
 * @alert: AlertDescription to send; the first failure recorded wins
 *
 * Nothing can be read from @r afterwards.
 */
void tls13_reader_fail(struct tls13_reader *r, u8 alert)
{
	for (; r; r = r->parent) {
		if (!r->alert)
			r->alert = alert;
		r->left = 0;
	}
}

static bool take(struct tls13_reader *r, size_t n, const u8 **out)
{
	if (r->alert || n > r->left) {
		tls13_reader_fail(r, TLS13_ALERT_DECODE_ERROR);
		return false;
	}
	*out = r->p;
	r->p += n;
	r->left -= n;
	return true;
}

/**
 * tls13_read_u8 - read a uint8
 * @r: reader
 * @v: the value; 0 on failure
 *
 * Return values:
 *   %true: @v was read
 *   %false: nothing left, or @r had failed before (decode_error)
 */
bool tls13_read_u8(struct tls13_reader *r, u8 *v)
{
	const u8 *p;

	*v = 0;
	if (!take(r, 1, &p))
		return false;
	*v = *p;
	return true;
}

/**
 * tls13_read_u16 - read a big-endian uint16
 * @r: reader
 * @v: the value; 0 on failure
 *
 * Return values: as tls13_read_u8()
 */
bool tls13_read_u16(struct tls13_reader *r, u16 *v)
{
	const u8 *p;

	*v = 0;
	if (!take(r, 2, &p))
		return false;
	*v = get_unaligned_be16(p);
	return true;
}

/**
 * tls13_read_u24 - read a big-endian uint24
 * @r: reader
 * @v: the value; 0 on failure
 *
 * Return values: as tls13_read_u8()
 */
bool tls13_read_u24(struct tls13_reader *r, u32 *v)
{
	const u8 *p;

	*v = 0;
	if (!take(r, 3, &p))
		return false;
	*v = get_unaligned_be24(p);
	return true;
}

/**
 * tls13_read_u32 - read a big-endian uint32
 * @r: reader
 * @v: the value; 0 on failure
 *
 * Return values: as tls13_read_u8()
 */
bool tls13_read_u32(struct tls13_reader *r, u32 *v)
{
	const u8 *p;

	*v = 0;
	if (!take(r, 4, &p))
		return false;
	*v = get_unaligned_be32(p);
	return true;
}

/**
 * tls13_read_bytes - take @n bytes in place
 * @r: reader
 * @n: number of bytes
 * @out: where they are; %NULL on failure
 *
 * Return values: as tls13_read_u8()
 */
bool tls13_read_bytes(struct tls13_reader *r, size_t n, const u8 **out)
{
	*out = NULL;
	return take(r, n, out);
}

/**
 * tls13_read_vec - open a length-prefixed vector as a sub-reader
 * @r: reader
 * @len_bytes: size of the length prefix: 1, 2 or 3
 * @min: the vector's least length in bytes (the <min..max> of RFC 8446)
 * @max: its greatest
 * @sub: reader over exactly the vector's bytes; its failures are @r's
 *
 * A length outside <@min..@max> or beyond what @r holds is decode_error.
 *
 * Return values:
 *   %true: @sub holds the vector
 *   %false: @r and @sub have failed; @sub is empty
 */
bool tls13_read_vec(struct tls13_reader *r, unsigned int len_bytes,
		    size_t min, size_t max, struct tls13_reader *sub)
{
	const u8 *p = NULL;
	u32 len = 0;
	bool ok;

	tls13_reader_init(sub, NULL, 0);
	sub->parent = r;
	switch (len_bytes) {
	case 1: {
		u8 v;

		ok = tls13_read_u8(r, &v);
		len = v;
		break;
	}
	case 2: {
		u16 v;

		ok = tls13_read_u16(r, &v);
		len = v;
		break;
	}
	case 3:
		ok = tls13_read_u24(r, &len);
		break;
	default:
		tls13_reader_fail(r, TLS13_ALERT_INTERNAL_ERROR);
		ok = false;
	}
	if (ok && (len < min || len > max)) {
		tls13_reader_fail(r, TLS13_ALERT_DECODE_ERROR);
		ok = false;
	}
	if (ok)
		ok = take(r, len, &p);
	if (!ok) {
		sub->alert = r->alert;
		return false;
	}
	sub->p = p;
	sub->left = len;
	return true;
}

/**
 * tls13_reader_done - require that every byte of @r was consumed
 * @r: reader
 *
 * Return values:
 *   %true: @r is good and empty
 *   %false: bytes left over (decode_error), or an earlier failure
 */
bool tls13_reader_done(struct tls13_reader *r)
{
	if (!r->alert && r->left)
		tls13_reader_fail(r, TLS13_ALERT_DECODE_ERROR);
	return !r->alert;
}

/**
 * tls13_writer_init - start encoding into @buf
 * @w: writer
 * @buf: buffer
 * @size: its size
 */
void tls13_writer_init(struct tls13_writer *w, u8 *buf, size_t size)
{
	w->buf = buf;
	w->size = size;
	w->len = 0;
	w->alert = 0;
}

static u8 *room(struct tls13_writer *w, size_t n)
{
	u8 *p;

	if (w->alert || n > w->size - w->len) {
		w->alert = TLS13_ALERT_INTERNAL_ERROR;
		return NULL;
	}
	p = w->buf + w->len;
	w->len += n;
	return p;
}

/**
 * tls13_put_u8 - append a uint8
 * @w: writer
 * @v: value
 *
 * Return values:
 *   %true: appended
 *   %false: no room, or @w had failed before (internal_error)
 */
bool tls13_put_u8(struct tls13_writer *w, u8 v)
{
	u8 *p = room(w, 1);

	if (p)
		*p = v;
	return p;
}

/**
 * tls13_put_u16 - append a big-endian uint16
 * @w: writer
 * @v: value
 *
 * Return values: as tls13_put_u8()
 */
bool tls13_put_u16(struct tls13_writer *w, u16 v)
{
	u8 *p = room(w, 2);

	if (p)
		put_unaligned_be16(v, p);
	return p;
}

/**
 * tls13_put_u32 - append a big-endian uint32
 * @w: writer
 * @v: value
 *
 * Return values: as tls13_put_u8()
 */
bool tls13_put_u32(struct tls13_writer *w, u32 v)
{
	u8 *p = room(w, 4);

	if (p)
		put_unaligned_be32(v, p);
	return p;
}

/**
 * tls13_put_bytes - append @n bytes
 * @w: writer
 * @src: bytes
 * @n: their number (may be 0)
 *
 * Return values: as tls13_put_u8()
 */
bool tls13_put_bytes(struct tls13_writer *w, const void *src, size_t n)
{
	u8 *p = room(w, n);

	if (p && n)
		memcpy(p, src, n);
	return p;
}

/**
 * tls13_put_vec_begin - open a length-prefixed vector
 * @w: writer
 * @len_bytes: size of the length prefix: 1, 2 or 3
 * @mark: remembers where the prefix goes; pass to tls13_put_vec_end()
 *
 * Return values: as tls13_put_u8()
 */
bool tls13_put_vec_begin(struct tls13_writer *w, unsigned int len_bytes,
			 struct tls13_vec_mark *mark)
{
	mark->at = w->len;
	mark->len_bytes = len_bytes;
	if (len_bytes < 1 || len_bytes > 3) {
		w->alert = TLS13_ALERT_INTERNAL_ERROR;
		return false;
	}
	return room(w, len_bytes);
}

/**
 * tls13_put_vec_end - close a vector: write its length into the prefix
 * @w: writer
 * @mark: from tls13_put_vec_begin()
 * @max: the vector's greatest length; more is internal_error
 *
 * Return values: as tls13_put_u8()
 */
bool tls13_put_vec_end(struct tls13_writer *w,
		       const struct tls13_vec_mark *mark, size_t max)
{
	size_t len;
	u8 *p;

	if (w->alert)
		return false;
	len = w->len - mark->at - mark->len_bytes;
	if (len > max || len >> (8 * mark->len_bytes)) {
		w->alert = TLS13_ALERT_INTERNAL_ERROR;
		return false;
	}
	p = w->buf + mark->at;
	switch (mark->len_bytes) {
	case 1:
		*p = len;
		break;
	case 2:
		put_unaligned_be16(len, p);
		break;
	default:
		put_unaligned_be24(len, p);
		break;
	}
	return true;
}
