// SPDX-License-Identifier: GPL-2.0-only
/*
 * TLS 1.3 record layer for the handshake epochs (RFC 8446 section 5):
 * framing, TLSInnerPlaintext, per-record nonces and AEAD protection.
 *
 * Records are protected in place in one linear buffer laid out as
 *   [5-byte header][content][content type][zero padding][16-byte tag]
 * with the header as additional data. The AEAD transform and its request
 * are allocated once per direction (tls13_rec_key_init()) and re-keyed per
 * epoch (tls13_rec_key_set()): nothing is allocated per record.
 *
 * Errors are negative errnos, one per kind of failure, and
 * tls13_rec_alert() names the alert each one sends:
 *   -ENODATA    decode_error: truncated header, or a length that does not
 *               match the bytes given
 *   -EMSGSIZE   record_overflow: a record or inner plaintext over the limit
 *   -EBADMSG    bad_record_mac: authentication failed (flipped bits, wrong
 *               key or sequence number: the AEAD cannot tell them apart)
 *   -EPROTO     unexpected_message: a content type that cannot appear
 *               there, or an inner plaintext of only zeros
 *   -EOVERFLOW  the 64-bit sequence number is exhausted (internal_error)
 *   -ENOSPC     the caller's buffer is too small (internal_error)
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "tls13.h"

/* RFC 3610 flags byte of the CCM counter block for a 12-byte nonce: L' */
#define CCM_L_PRIME	(16 - 1 - TLS13_AEAD_NONCE_LEN - 1)

/**
 * tls13_rec_key_init - allocate the AEAD of one direction
 * @rk: record key to set up; zeroed here
 * @suite: negotiated cipher suite
 *
 * Return values:
 *   %0: @rk is allocated; key it with tls13_rec_key_set()
 *   %-ENOMEM or the crypto API's errno: nothing is left allocated
 */
int tls13_rec_key_init(struct tls13_rec_key *rk,
		       const struct tls13_suite *suite)
{
	unsigned int ivsize = suite->ccm_iv ? 16 : TLS13_AEAD_NONCE_LEN;
	int err;

	memset(rk, 0, sizeof(*rk));
	rk->suite = suite;
	rk->aead = crypto_alloc_aead(suite->aead, 0, 0);
	if (IS_ERR(rk->aead)) {
		err = PTR_ERR(rk->aead);
		rk->aead = NULL;
		return err;
	}
	err = crypto_aead_setauthsize(rk->aead, TLS13_AEAD_TAG_LEN);
	if (err)
		goto fail;
	if (crypto_aead_ivsize(rk->aead) != ivsize) {
		err = -EINVAL;
		goto fail;
	}
	rk->req = aead_request_alloc(rk->aead, GFP_KERNEL);
	if (!rk->req) {
		err = -ENOMEM;
		goto fail;
	}
	crypto_init_wait(&rk->wait);
	aead_request_set_callback(rk->req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &rk->wait);
	aead_request_set_ad(rk->req, TLS13_RECORD_HEADER_LEN);
	return 0;

fail:
	tls13_rec_key_free(rk);
	return err;
}

/**
 * tls13_rec_key_set - enter a new epoch: key, IV, sequence number 0
 * @rk: record key from tls13_rec_key_init()
 * @key: write key, @rk->suite->key_len bytes
 * @iv: write IV, %TLS13_AEAD_NONCE_LEN bytes
 *
 * Return values:
 *   %0: records of the new epoch can be sealed or opened
 *   negative errno: the transform refused the key
 */
int tls13_rec_key_set(struct tls13_rec_key *rk, const u8 *key, const u8 *iv)
{
	int err;

	err = crypto_aead_setkey(rk->aead, key, rk->suite->key_len);
	if (err)
		return err;
	memcpy(rk->iv, iv, TLS13_AEAD_NONCE_LEN);
	rk->seq = 0;
	return 0;
}

/**
 * tls13_rec_key_free - free a record key and wipe its IV
 * @rk: record key from tls13_rec_key_init(), or zeroed
 */
void tls13_rec_key_free(struct tls13_rec_key *rk)
{
	aead_request_free(rk->req);
	crypto_free_aead(rk->aead);
	memzero_explicit(rk, sizeof(*rk));
}

/* nonce = iv XOR (64-bit sequence number, left-padded) (section 5.3) */
static int next_nonce(struct tls13_rec_key *rk)
{
	u8 *n = rk->nonce;
	unsigned int i;

	if (rk->seq == U64_MAX)
		return -EOVERFLOW;
	memset(rk->nonce, 0, sizeof(rk->nonce));
	if (rk->suite->ccm_iv)
		*n++ = CCM_L_PRIME;
	memcpy(n, rk->iv, TLS13_AEAD_NONCE_LEN);
	for (i = 0; i < 8; i++)
		n[TLS13_AEAD_NONCE_LEN - 1 - i] ^= (u8)(rk->seq >> (8 * i));
	return 0;
}

static int aead_crypt(struct tls13_rec_key *rk, u8 *rec, size_t cryptlen,
		      bool encrypt)
{
	struct scatterlist sg;
	size_t total = TLS13_RECORD_HEADER_LEN + cryptlen;
	int err;

	if (encrypt)
		total += TLS13_AEAD_TAG_LEN;
	sg_init_one(&sg, rec, total);
	aead_request_set_crypt(rk->req, &sg, &sg, cryptlen, rk->nonce);
	if (encrypt)
		err = crypto_aead_encrypt(rk->req);
	else
		err = crypto_aead_decrypt(rk->req);
	return crypto_wait_req(err, &rk->wait);
}

static void put_header(u8 *buf, u8 type, u16 version, size_t len)
{
	buf[0] = type;
	put_unaligned_be16(version, buf + 1);
	put_unaligned_be16(len, buf + 3);
}

/**
 * tls13_rec_header - parse and check a record header
 * @buf: received bytes
 * @avail: number of bytes in @buf
 * @protected: the current read epoch is encrypted
 * @type: ContentType of the record
 * @len: length of the record's fragment, to be read next
 *
 * legacy_record_version is ignored, as RFC 8446 section 5.1 requires.
 *
 * Return values:
 *   %0: @type and @len are set
 *   %-ENODATA: fewer than 5 bytes
 *   %-EPROTO: an unknown content type, a plaintext record in an encrypted
 *	epoch, or an empty handshake or alert fragment
 *   %-EMSGSIZE: longer than 2^14 (plaintext) or 2^14 + 256 (protected)
 */
int tls13_rec_header(const u8 *buf, size_t avail, bool protected, u8 *type,
		     size_t *len)
{
	size_t max = TLS13_MAX_PLAINTEXT;
	size_t length;

	if (avail < TLS13_RECORD_HEADER_LEN)
		return -ENODATA;
	length = get_unaligned_be16(buf + 3);

	switch (buf[0]) {
	case TLS13_CT_APPLICATION_DATA:
		if (protected)
			max = TLS13_MAX_CIPHERTEXT;
		break;
	case TLS13_CT_HANDSHAKE:
	case TLS13_CT_ALERT:
		if (protected)
			return -EPROTO;
		if (!length)
			return -EPROTO;
		break;
	case TLS13_CT_CHANGE_CIPHER_SPEC:
		break;
	default:
		return -EPROTO;
	}
	if (length > max)
		return -EMSGSIZE;
	*type = buf[0];
	*len = length;
	return 0;
}

/**
 * tls13_rec_frame - frame a plaintext record in place
 * @type: ContentType
 * @version: legacy_record_version: 0x0303, or 0x0301 for an initial
 *	ClientHello
 * @buf: [5 bytes for the header][@len bytes of content]
 * @buf_size: size of @buf
 * @len: content length
 *
 * Return values:
 *   the record length (5 + @len)
 *   %-EMSGSIZE: @len is over 2^14
 *   %-ENOSPC: @buf is too small
 */
int tls13_rec_frame(u8 type, u16 version, u8 *buf, size_t buf_size,
		    size_t len)
{
	if (len > TLS13_MAX_PLAINTEXT)
		return -EMSGSIZE;
	if (buf_size < TLS13_RECORD_HEADER_LEN + len)
		return -ENOSPC;
	put_header(buf, type, version, len);
	return TLS13_RECORD_HEADER_LEN + len;
}

/*
 * Seal without the sender-side limits, so that tests can build the
 * malformed records a peer might send.
 */
VISIBLE_IF_KUNIT int tls13_rec_seal_raw(struct tls13_rec_key *rk, u8 type,
					u8 *buf, size_t buf_size, size_t len,
					size_t pad)
{
	size_t inner = len + 1 + pad;
	size_t total = TLS13_RECORD_HEADER_LEN + inner + TLS13_AEAD_TAG_LEN;
	int err;

	if (total > buf_size)
		return -ENOSPC;
	if (inner + TLS13_AEAD_TAG_LEN > U16_MAX)
		return -EMSGSIZE;
	err = next_nonce(rk);
	if (err)
		return err;

	buf[TLS13_RECORD_HEADER_LEN + len] = type;
	memset(buf + TLS13_RECORD_HEADER_LEN + len + 1, 0, pad);
	put_header(buf, TLS13_CT_APPLICATION_DATA, TLS13_LEGACY_RECORD_VERSION,
		   inner + TLS13_AEAD_TAG_LEN);
	err = aead_crypt(rk, buf, inner, true);
	if (err)
		return err;
	rk->seq++;
	return total;
}

/**
 * tls13_rec_seal - protect one record in place
 * @rk: the write key of the current epoch
 * @type: real content type (handshake, alert or application_data)
 * @buf: [5 bytes for the header][@len bytes of content][room for the
 *	content type, @pad zero bytes and the 16-byte tag]
 * @buf_size: size of @buf
 * @len: content length
 * @pad: zero padding to add
 *
 * On success the sequence number advances.
 *
 * Return values:
 *   the length of the protected record (5 + @len + 1 + @pad + 16)
 *   %-EMSGSIZE: @len + @pad is over 2^14
 *   %-EPROTO: @type is not a content type that may be protected
 *   %-ENOSPC: @buf is too small
 *   %-EOVERFLOW: the sequence number is exhausted
 *   other negative errno: the AEAD failed
 */
int tls13_rec_seal(struct tls13_rec_key *rk, u8 type, u8 *buf,
		   size_t buf_size, size_t len, size_t pad)
{
	if (type != TLS13_CT_HANDSHAKE && type != TLS13_CT_ALERT &&
	    type != TLS13_CT_APPLICATION_DATA)
		return -EPROTO;
	if (len + pad > TLS13_MAX_PLAINTEXT)
		return -EMSGSIZE;
	return tls13_rec_seal_raw(rk, type, buf, buf_size, len, pad);
}

/**
 * tls13_rec_open - authenticate and decrypt one record in place
 * @rk: the read key of the current epoch
 * @rec: the whole record, header included
 * @rec_len: length of @rec
 * @type: the real content type of the record
 * @len: the content length; the content is at @rec + 5
 *
 * On success the sequence number advances.
 *
 * Return values:
 *   %0: @type and @len are set
 *   %-ENODATA: truncated header, or @rec_len does not match the header
 *   %-EMSGSIZE: record or inner plaintext over the limits of section 5
 *   %-EBADMSG: too short to carry a tag, or authentication failed
 *   %-EPROTO: not an application_data record, or the inner plaintext is
 *	all zeros or carries a type that cannot be protected
 *   %-EOVERFLOW: the sequence number is exhausted
 */
int tls13_rec_open(struct tls13_rec_key *rk, u8 *rec, size_t rec_len,
		   u8 *type, size_t *len)
{
	u8 *inner = rec + TLS13_RECORD_HEADER_LEN;
	size_t clen, ilen;
	u8 outer;
	int err;

	err = tls13_rec_header(rec, rec_len, true, &outer, &clen);
	if (err)
		return err;
	if (outer != TLS13_CT_APPLICATION_DATA)
		return -EPROTO;
	if (clen != rec_len - TLS13_RECORD_HEADER_LEN)
		return -ENODATA;
	if (clen < TLS13_AEAD_TAG_LEN + 1)
		return -EBADMSG;
	err = next_nonce(rk);
	if (err)
		return err;
	err = aead_crypt(rk, rec, clen, false);
	if (err)
		return err;
	rk->seq++;

	ilen = clen - TLS13_AEAD_TAG_LEN;
	if (ilen > TLS13_MAX_INNER_PLAINTEXT)
		return -EMSGSIZE;
	while (ilen && !inner[ilen - 1])
		ilen--;
	if (!ilen)
		return -EPROTO;
	switch (inner[ilen - 1]) {
	case TLS13_CT_HANDSHAKE:
	case TLS13_CT_ALERT:
	case TLS13_CT_APPLICATION_DATA:
		break;
	default:
		return -EPROTO;
	}
	*type = inner[ilen - 1];
	*len = ilen - 1;
	return 0;
}

/**
 * tls13_rec_alert - the alert that a record layer error sends
 * @err: negative errno from this file
 *
 * Return values:
 *   an AlertDescription
 */
u8 tls13_rec_alert(int err)
{
	switch (err) {
	case -ENODATA:
		return TLS13_ALERT_DECODE_ERROR;
	case -EMSGSIZE:
		return TLS13_ALERT_RECORD_OVERFLOW;
	case -EBADMSG:
		return TLS13_ALERT_BAD_RECORD_MAC;
	case -EPROTO:
		return TLS13_ALERT_UNEXPECTED_MESSAGE;
	default:
		return TLS13_ALERT_INTERNAL_ERROR;
	}
}
