// SPDX-License-Identifier: GPL-2.0-only
/*
 * The handshake engine core: records in and out, handshake message
 * reassembly, the table of which message each state accepts, alerts, and
 * the key schedule steps both roles share. The roles themselves are in
 * client.c and server.c.
 *
 * The engine is pure: tls13_hs_input() takes one whole record, as the
 * transport read it, and queues whatever must be sent; the caller sends
 * it (tls13_hs_output()) before reading the next record. Every failure
 * queues the alert RFC 8446 names, moves to TLS13_ST_FAILED and returns a
 * negative errno (tls13_alert_errno()); nothing is accepted after that.
 */

#include <crypto/algapi.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "hs_int.h"

static const char *const alert_names[] = {
	[TLS13_ALERT_CLOSE_NOTIFY] = "close_notify",
	[TLS13_ALERT_UNEXPECTED_MESSAGE] = "unexpected_message",
	[TLS13_ALERT_BAD_RECORD_MAC] = "bad_record_mac",
	[TLS13_ALERT_RECORD_OVERFLOW] = "record_overflow",
	[TLS13_ALERT_HANDSHAKE_FAILURE] = "handshake_failure",
	[TLS13_ALERT_BAD_CERTIFICATE] = "bad_certificate",
	[TLS13_ALERT_UNSUPPORTED_CERTIFICATE] = "unsupported_certificate",
	[TLS13_ALERT_CERTIFICATE_REVOKED] = "certificate_revoked",
	[TLS13_ALERT_CERTIFICATE_EXPIRED] = "certificate_expired",
	[TLS13_ALERT_CERTIFICATE_UNKNOWN] = "certificate_unknown",
	[TLS13_ALERT_ILLEGAL_PARAMETER] = "illegal_parameter",
	[TLS13_ALERT_UNKNOWN_CA] = "unknown_ca",
	[TLS13_ALERT_ACCESS_DENIED] = "access_denied",
	[TLS13_ALERT_DECODE_ERROR] = "decode_error",
	[TLS13_ALERT_DECRYPT_ERROR] = "decrypt_error",
	[TLS13_ALERT_PROTOCOL_VERSION] = "protocol_version",
	[TLS13_ALERT_INSUFFICIENT_SECURITY] = "insufficient_security",
	[TLS13_ALERT_INTERNAL_ERROR] = "internal_error",
	[TLS13_ALERT_INAPPROPRIATE_FALLBACK] = "inappropriate_fallback",
	[TLS13_ALERT_USER_CANCELED] = "user_canceled",
	[TLS13_ALERT_MISSING_EXTENSION] = "missing_extension",
	[TLS13_ALERT_UNSUPPORTED_EXTENSION] = "unsupported_extension",
	[TLS13_ALERT_UNRECOGNIZED_NAME] = "unrecognized_name",
	[TLS13_ALERT_BAD_CERTIFICATE_STATUS_RESPONSE] =
		"bad_certificate_status_response",
	[TLS13_ALERT_UNKNOWN_PSK_IDENTITY] = "unknown_psk_identity",
	[TLS13_ALERT_CERTIFICATE_REQUIRED] = "certificate_required",
	[TLS13_ALERT_NO_APPLICATION_PROTOCOL] = "no_application_protocol",
};

/**
 * tls13_alert_name - an AlertDescription's name
 * @alert: AlertDescription
 *
 * Return values: its RFC 8446 name, or "unknown"
 */
const char *tls13_alert_name(u8 alert)
{
	if (alert < ARRAY_SIZE(alert_names) && alert_names[alert])
		return alert_names[alert];
	return "unknown";
}

/**
 * tls13_alert_errno - the errno a failed handshake reports for an alert
 * @alert: AlertDescription
 * @received: the peer sent it (else we did)
 *
 * Received: close_notify and user_canceled are -ECONNRESET; alerts that
 * say the peer did not accept our credentials -EACCES; any other
 * -ECONNABORTED. Sent: the peer broke the protocol -EPROTO, a record
 * failed authentication -EBADMSG, a binder or Finished did not verify
 * -EKEYREJECTED, no PSK we know -ENOKEY, nothing in common -EOPNOTSUPP,
 * not TLS 1.3 -EPROTONOSUPPORT, a certificate expired -EKEYEXPIRED,
 * no credentials -EACCES, no common ALPN -ENOPROTOOPT.
 *
 * Return values: a negative errno
 */
int tls13_alert_errno(u8 alert, bool received)
{
	if (received) {
		switch (alert) {
		case TLS13_ALERT_CLOSE_NOTIFY:
		case TLS13_ALERT_USER_CANCELED:
			return -ECONNRESET;
		case TLS13_ALERT_BAD_RECORD_MAC:
		case TLS13_ALERT_DECRYPT_ERROR:
		case TLS13_ALERT_UNKNOWN_PSK_IDENTITY:
		case TLS13_ALERT_BAD_CERTIFICATE:
		case TLS13_ALERT_UNSUPPORTED_CERTIFICATE:
		case TLS13_ALERT_CERTIFICATE_REVOKED:
		case TLS13_ALERT_CERTIFICATE_EXPIRED:
		case TLS13_ALERT_CERTIFICATE_UNKNOWN:
		case TLS13_ALERT_UNKNOWN_CA:
		case TLS13_ALERT_ACCESS_DENIED:
		case TLS13_ALERT_CERTIFICATE_REQUIRED:
			return -EACCES;
		default:
			return -ECONNABORTED;
		}
	}
	switch (alert) {
	case TLS13_ALERT_BAD_RECORD_MAC:
		return -EBADMSG;
	case TLS13_ALERT_DECRYPT_ERROR:
	case TLS13_ALERT_BAD_CERTIFICATE:
	case TLS13_ALERT_UNSUPPORTED_CERTIFICATE:
	case TLS13_ALERT_CERTIFICATE_REVOKED:
	case TLS13_ALERT_CERTIFICATE_UNKNOWN:
	case TLS13_ALERT_UNKNOWN_CA:
		return -EKEYREJECTED;
	case TLS13_ALERT_CERTIFICATE_EXPIRED:
		return -EKEYEXPIRED;
	case TLS13_ALERT_UNKNOWN_PSK_IDENTITY:
		return -ENOKEY;
	case TLS13_ALERT_HANDSHAKE_FAILURE:
	case TLS13_ALERT_INSUFFICIENT_SECURITY:
		return -EOPNOTSUPP;
	case TLS13_ALERT_PROTOCOL_VERSION:
		return -EPROTONOSUPPORT;
	case TLS13_ALERT_ACCESS_DENIED:
	case TLS13_ALERT_CERTIFICATE_REQUIRED:
		return -EACCES;
	case TLS13_ALERT_NO_APPLICATION_PROTOCOL:
		return -ENOPROTOOPT;
	case TLS13_ALERT_INTERNAL_ERROR:
		return -EIO;
	default:
		return -EPROTO;
	}
}

/**
 * tls13_hs_random - fill @out with random bytes, or a fixed value
 * @fixed: the fixed value (tests), or %NULL
 * @out: destination
 * @len: its length
 */
void tls13_hs_random(const u8 *fixed, u8 *out, size_t len)
{
	if (fixed)
		memcpy(out, fixed, len);
	else
		get_random_bytes(out, len);
}

/**
 * tls13_hs_alloc - set up a handshake
 * @cfg: what it may do; copied (the PSKs @cfg->psks points to are not:
 *	they must outlive the handshake)
 * @gfp: allocation flags
 *
 * Return values:
 *   the handshake, in TLS13_ST_START; free it with tls13_hs_free()
 *   %NULL: out of memory
 */
struct tls13_hs *tls13_hs_alloc(const struct tls13_hs_config *cfg, gfp_t gfp)
{
	struct tls13_hs *hs;
	unsigned int i;

	hs = kzalloc(sizeof(*hs), gfp);
	if (!hs)
		return NULL;
	hs->cfg = *cfg;
	hs->res.peer_alert = -1;
	hs->gfp = gfp;
	hs->msg_size = TLS13_HS_MSG_BASE;
	for (i = 0; cfg->cred && i < cfg->cred->n; i++)
		hs->msg_size += TLS13_CERT_ENTRY_OVERHEAD +
				cfg->cred->der_len[i];
	hs->msg_size = min_t(size_t, hs->msg_size, TLS13_HS_MSG_SIZE);
	hs->rec_need = TLS13_RECORD_HEADER_LEN;
	hs->rec_size = TLS13_HS_BUF_START;
	hs->in_size = TLS13_HS_BUF_START;
	hs->out_size = TLS13_HS_BUF_START;
	hs->rec = kvmalloc(hs->rec_size, gfp);
	hs->in = kvmalloc(hs->in_size, gfp);
	hs->out = kvmalloc(hs->out_size, gfp);
	hs->msg = kvmalloc(hs->msg_size, gfp);
	if (!hs->rec || !hs->in || !hs->out || !hs->msg) {
		tls13_hs_free(hs);
		return NULL;
	}
	return hs;
}

/**
 * tls13_hs_free - wipe every secret of a handshake and free it
 * @hs: handshake, or %NULL
 */
void tls13_hs_free(struct tls13_hs *hs)
{
	if (!hs)
		return;
	if (hs->ks_ready)
		tls13_ks_free(&hs->ks);
	if (hs->kex_ready)
		tls13_kex_free(&hs->kex);
	tls13_rec_key_free(&hs->rd);
	tls13_rec_key_free(&hs->wr);
	kfree_sensitive(hs->ch1);
	kvfree_sensitive(hs->rec, hs->rec_size);
	if (hs->in)
		memzero_explicit(hs->in, hs->in_size);
	if (hs->msg)
		memzero_explicit(hs->msg, hs->msg_size);
	kvfree(hs->in);
	kvfree(hs->out);
	kvfree(hs->msg);
	kfree_sensitive(hs);
}

/*
 * Make *@buf (@size bytes, the first @used of them in use) hold @need
 * bytes: at least double it, at most @limit (-ENOSPC past it). The old
 * one is wiped (it held handshake messages) and freed.
 */
static int grow(struct tls13_hs *hs, u8 **buf, size_t *size, size_t used,
		size_t need, size_t limit)
{
	size_t n;
	u8 *p;

	if (need <= *size)
		return 0;
	if (need > limit)
		return -ENOSPC;
	n = clamp(2 * *size, need, limit);
	p = kvmalloc(n, hs->gfp);
	if (!p)
		return -ENOMEM;
	memcpy(p, *buf, used);
	memzero_explicit(*buf, *size);
	kvfree(*buf);
	*buf = p;
	*size = n;
	return 0;
}

/*
 * Room in hs->out for one more record of @len content bytes; the content
 * goes at the pointer returned, then put_record() seals it.
 */
static u8 *out_room(struct tls13_hs *hs, size_t len, int *err)
{
	*err = grow(hs, &hs->out, &hs->out_size, hs->out_len,
		    hs->out_len + TLS13_RECORD_HEADER_LEN + len + 1 +
		    TLS13_AEAD_TAG_LEN, TLS13_HS_OUT_SIZE);
	if (*err)
		return NULL;
	return hs->out + hs->out_len + TLS13_RECORD_HEADER_LEN;
}

/* Queue one record of @len content bytes already at out_room() */
static int put_record(struct tls13_hs *hs, u8 type, size_t len, u16 version)
{
	u8 *buf = hs->out + hs->out_len;
	size_t room = hs->out_size - hs->out_len;
	int n;

	if (hs->wr_on)
		n = tls13_rec_seal(&hs->wr, type, buf, room, len, 0);
	else
		n = tls13_rec_frame(type, version, buf, room, len);
	if (n < 0)
		return n;
	hs->out_len += n;
	return 0;
}

/**
 * tls13_hs_alert - fail the handshake with an alert of ours
 * @hs: handshake
 * @alert: AlertDescription
 *
 * Return values: tls13_alert_errno(@alert, false)
 */
int tls13_hs_alert(struct tls13_hs *hs, u8 alert)
{
	return tls13_hs_fail(hs, alert, tls13_alert_errno(alert, false));
}

/**
 * tls13_hs_fail - fail the handshake
 * @hs: handshake
 * @alert: the fatal alert to queue, or 0 for none
 * @err: the negative errno to report
 *
 * Whatever was queued and not yet sent is dropped: the alert is the last
 * thing the peer gets. Later calls keep the first failure.
 *
 * Return values: the handshake's errno (@err unless it had failed before)
 */
int tls13_hs_fail(struct tls13_hs *hs, u8 alert, int err)
{
	int perr;
	u8 *body;

	if (hs->state == TLS13_ST_FAILED)
		return hs->res.alert ? tls13_alert_errno(hs->res.alert, false) :
				       err;
	hs->state = TLS13_ST_FAILED;
	hs->out_len = 0;
	if (!alert)
		return err;
	hs->res.alert = alert;
	/* no growth: the buffer's first size holds an alert record */
	body = out_room(hs, 2, &perr);
	if (!body)
		return err;
	body[0] = 2;	/* fatal */
	body[1] = alert;
	if (put_record(hs, TLS13_CT_ALERT, 2, TLS13_LEGACY_RECORD_VERSION))
		hs->out_len = 0;
	return err;
}

/**
 * tls13_hs_send - queue a handshake message
 * @hs: handshake
 * @msg: the message, header included
 * @len: its length
 * @transcript: add it to the transcript
 *
 * Messages longer than a record are fragmented.
 *
 * Return values: 0, or the negative errno the handshake failed with
 */
int tls13_hs_send(struct tls13_hs *hs, const u8 *msg, size_t len,
		  bool transcript)
{
	/* the first ClientHello goes out as a TLS 1.0 record, like others do */
	u16 version = hs->state == TLS13_ST_START ? 0x0301 :
		      TLS13_LEGACY_RECORD_VERSION;
	size_t off, n;
	u8 *body;
	int err;

	if (transcript) {
		err = tls13_hs_add(hs, msg, len);
		if (err)
			return err;
	}
	for (off = 0; off < len; off += n) {
		n = min_t(size_t, len - off, TLS13_MAX_PLAINTEXT);
		body = out_room(hs, n, &err);
		if (!body)
			return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR,
					     err);
		memcpy(body, msg + off, n);
		err = put_record(hs, TLS13_CT_HANDSHAKE, n, version);
		if (err)
			return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR,
					     err);
	}
	return 0;
}

/**
 * tls13_hs_send_ccs - queue our compatibility change_cipher_spec, once
 * @hs: handshake
 *
 * Section D.4: sent, in plaintext, right after a server's first
 * handshake message or before a client's second flight, when the client
 * offered a legacy_session_id.
 *
 * Return values: 0 or a negative errno
 */
int tls13_hs_send_ccs(struct tls13_hs *hs)
{
	bool wr_on = hs->wr_on;
	u8 *body;
	int err;

	if (hs->ccs_sent || !hs->session_id_len)
		return 0;
	hs->ccs_sent = true;
	body = out_room(hs, 1, &err);
	if (!body)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	body[0] = 1;
	hs->wr_on = false;
	err = put_record(hs, TLS13_CT_CHANGE_CIPHER_SPEC, 1,
			 TLS13_LEGACY_RECORD_VERSION);
	hs->wr_on = wr_on;
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	return 0;
}

/**
 * tls13_hs_set_suite - fix the cipher suite; set up the key schedule and
 *	the record transforms for it
 * @hs: handshake
 * @id: the suite (one of ours)
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_hs_set_suite(struct tls13_hs *hs, u16 id)
{
	const struct tls13_suite *suite = tls13_suite_find(id);
	int err;

	if (!suite)
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	if (hs->suite)
		return hs->suite == suite ? 0 :
		       tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	err = tls13_ks_init(&hs->ks, suite->hash);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	hs->ks_ready = true;
	err = tls13_rec_key_init(&hs->rd, suite);
	if (!err)
		err = tls13_rec_key_init(&hs->wr, suite);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	hs->suite = suite;
	hs->res.suite = id;
	return 0;
}

/**
 * tls13_hs_set_key - protect records from now on with a traffic secret
 * @hs: handshake
 * @write: the write direction (else read)
 * @secret: the traffic secret
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_hs_set_key(struct tls13_hs *hs, bool write, const u8 *secret)
{
	u8 key[TLS13_MAX_KEY_LEN], iv[TLS13_AEAD_NONCE_LEN];
	int err;

	err = tls13_traffic_keys(&hs->ks, hs->suite, secret, key, iv);
	if (!err)
		err = tls13_rec_key_set(write ? &hs->wr : &hs->rd, key, iv);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	if (write)
		hs->wr_on = true;
	else
		hs->rd_on = true;
	return 0;
}

/**
 * tls13_hs_add - add a handshake message to the transcript
 * @hs: handshake (its suite is set)
 * @msg: the message, header included
 * @len: its length
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_hs_add(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	int err = tls13_transcript_add(&hs->ks, msg, len);

	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	return 0;
}

/**
 * tls13_hs_binder - a PSK binder (section 4.2.11.2)
 * @ks: a key schedule of the PSK's hash whose transcript holds what
 *	precedes the ClientHello (nothing, or message_hash and the HRR)
 * @psk: the PSK
 * @trunc: the ClientHello up to its binders vector
 * @trunc_len: its length
 * @out: Hash.length bytes
 *
 * Leaves @ks's current secret at the PSK's early secret.
 *
 * Return values: 0 or the crypto API's negative errno
 */
int tls13_hs_binder(struct tls13_ks *ks, const struct tls13_psk *psk,
		    const u8 *trunc, size_t trunc_len, u8 *out)
{
	u8 binder_key[TLS13_MAX_HASH_LEN], thash[TLS13_MAX_HASH_LEN];
	int err;

	err = tls13_ks_early(ks, psk->key, psk->key_len);
	if (!err)
		err = tls13_ks_derive(ks, "ext binder", NULL, binder_key);
	if (!err)
		err = tls13_transcript_peek(ks, trunc, trunc_len, thash);
	if (!err)
		err = tls13_finished_mac(ks, binder_key, thash, out);
	memzero_explicit(binder_key, sizeof(binder_key));
	return err;
}

/**
 * tls13_hs_kex - the (EC)DHE shared secret with the peer's share
 * @hs: handshake whose @kex is ours
 * @group: the peer share's group
 * @peer: the peer's key_exchange
 * @peer_len: its length
 * @shared: at least %TLS13_MAX_KEX_KEY_LEN bytes
 * @shared_len: the secret's length
 *
 * Return values: 0, or a negative errno: illegal_parameter for a share
 *	that is not a valid point of the group
 */
int tls13_hs_kex(struct tls13_hs *hs, u16 group, const u8 *peer,
		 size_t peer_len, u8 *shared, unsigned int *shared_len)
{
	int err;

	if (!hs->kex_ready || hs->kex.group->id != group)
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	err = tls13_kex_shared(&hs->kex, peer, peer_len, shared);
	if (err == -EINVAL)
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	*shared_len = hs->kex.group->key_len;
	hs->res.group = group;
	return 0;
}

/* Finished verify_data for the transcript so far (section 4.4.4) */
static int finished_mac(struct tls13_hs *hs, const u8 *secret, u8 *out)
{
	u8 thash[TLS13_MAX_HASH_LEN];
	int err;

	err = tls13_transcript_hash(&hs->ks, thash);
	if (!err)
		err = tls13_finished_mac(&hs->ks, secret, thash, out);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	return 0;
}

/**
 * tls13_hs_check_finished - verify the peer's Finished, then add it to
 *	the transcript
 * @hs: handshake
 * @secret: the peer's handshake traffic secret
 * @msg: the Finished message, header included
 * @len: its length
 *
 * Return values: 0, or a negative errno (the handshake has failed):
 *	decode_error for a wrong length, decrypt_error for a wrong MAC
 *	(compared in constant time)
 */
int tls13_hs_check_finished(struct tls13_hs *hs, const u8 *secret,
			    const u8 *msg, size_t len)
{
	unsigned int hlen = hs->suite->hash->len;
	u8 fin[TLS13_MAX_HASH_LEN];
	int err;

	if (tls13_parse_finished(msg + TLS13_HS_HEADER_LEN,
				 len - TLS13_HS_HEADER_LEN, hlen))
		return tls13_hs_alert(hs, TLS13_ALERT_DECODE_ERROR);
	err = finished_mac(hs, secret, fin);
	if (err)
		return err;
	err = crypto_memneq(fin, msg + TLS13_HS_HEADER_LEN, hlen);
	memzero_explicit(fin, sizeof(fin));
	if (err)
		return tls13_hs_alert(hs, TLS13_ALERT_DECRYPT_ERROR);
	return tls13_hs_add(hs, msg, len);
}

/**
 * tls13_hs_send_finished - queue our Finished (and add it to the
 *	transcript)
 * @hs: handshake
 * @secret: our handshake traffic secret
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_hs_send_finished(struct tls13_hs *hs, const u8 *secret)
{
	unsigned int hlen = hs->suite->hash->len;
	u8 *fin = hs->msg;
	int err;

	fin[0] = TLS13_HS_FINISHED;
	fin[1] = 0;
	fin[2] = 0;
	fin[3] = hlen;
	err = finished_mac(hs, secret, fin + TLS13_HS_HEADER_LEN);
	if (!err)
		err = tls13_hs_send(hs, fin, TLS13_HS_HEADER_LEN + hlen, true);
	return err;
}

/*
 * A stage's client_ and server_ traffic secrets (section 7.1), over the
 * transcript so far
 */
static int traffic_secrets(struct tls13_hs *hs, const char *c_label,
			   u8 *c_secret, const char *s_label, u8 *s_secret)
{
	u8 thash[TLS13_MAX_HASH_LEN];
	int err;

	err = tls13_transcript_hash(&hs->ks, thash);
	if (!err)
		err = tls13_ks_derive(&hs->ks, c_label, thash, c_secret);
	if (!err)
		err = tls13_ks_derive(&hs->ks, s_label, thash, s_secret);
	return err;
}

/**
 * tls13_hs_handshake_keys - the handshake traffic secrets, both roles
 * @hs: handshake whose transcript ends with the ServerHello
 * @psk: the PSK's key, or %NULL (certificates)
 * @psk_len: its length
 * @dhe: the (EC)DHE shared secret
 * @dhe_len: its length, 0 for psk_ke
 *
 * Runs the key schedule to the handshake secret, derives
 * client_/server_handshake_traffic_secret (section 7.1) and protects
 * records with them from now on: ours for what we send, the peer's for
 * what we read.
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_hs_handshake_keys(struct tls13_hs *hs, const u8 *psk,
			    unsigned int psk_len, const u8 *dhe,
			    size_t dhe_len)
{
	bool server = hs->cfg.server;
	int err;

	err = tls13_ks_early(&hs->ks, psk, psk ? psk_len : 0);
	if (!err)
		err = tls13_ks_handshake(&hs->ks, dhe_len ? dhe : NULL, dhe_len);
	if (!err)
		err = traffic_secrets(hs, "c hs traffic", hs->c_hs,
				      "s hs traffic", hs->s_hs);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	err = tls13_hs_set_key(hs, false, server ? hs->c_hs : hs->s_hs);
	if (!err)
		err = tls13_hs_set_key(hs, true, server ? hs->s_hs : hs->c_hs);
	return err;
}

/**
 * tls13_hs_app_secrets - derive the application traffic secrets
 * @hs: handshake whose transcript ends with the server's Finished
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_hs_app_secrets(struct tls13_hs *hs)
{
	int err;

	err = tls13_ks_master(&hs->ks);
	if (!err)
		err = traffic_secrets(hs, "c ap traffic", hs->c_ap,
				      "s ap traffic", hs->s_ap);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	return 0;
}

/**
 * tls13_hs_start - begin: a client queues its ClientHello
 * @hs: handshake in TLS13_ST_START
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_hs_start(struct tls13_hs *hs)
{
	if (hs->state != TLS13_ST_START)
		return -EINVAL;
	if (hs->cfg.server) {
		hs->state = TLS13_ST_S_WAIT_CH;
		return 0;
	}
	return tls13_client_start(hs);
}

/**
 * tls13_hs_record_len - check a record header before reading the body
 * @hs: handshake
 * @hdr: the 5-byte header
 * @len: the body length to read
 *
 * Return values: 0, or a negative errno (the handshake has failed):
 *	unexpected_message for a type not allowed now, record_overflow
 */
int tls13_hs_record_len(struct tls13_hs *hs, const u8 *hdr, size_t *len)
{
	u8 type;
	int err;

	if (hs->state == TLS13_ST_FAILED || hs->state == TLS13_ST_CONNECTED)
		return -EINVAL;
	/*
	 * change_cipher_spec is always plaintext; so may an alert be: a peer
	 * that fails before it switches its write key (OpenSSL's client,
	 * refusing our certificate) sends it in the clear. It can only end
	 * the handshake. The rest follows rd_on.
	 */
	err = tls13_rec_header(hdr, TLS13_RECORD_HEADER_LEN,
			       hdr[0] != TLS13_CT_CHANGE_CIPHER_SPEC &&
			       hdr[0] != TLS13_CT_ALERT && hs->rd_on,
			       &type, len);
	if (err)
		return tls13_hs_fail(hs, tls13_rec_alert(err), -EPROTO);
	return 0;
}

/*
 * An alert from the peer ends the handshake; we send none back. An empty
 * alert record is unexpected_message (section 5.4: no Handshake or Alert
 * record may have zero-length content), any other length but 2 a
 * decode_error.
 */
static int peer_alert(struct tls13_hs *hs, const u8 *p, size_t len)
{
	if (!len)
		return tls13_hs_alert(hs, TLS13_ALERT_UNEXPECTED_MESSAGE);
	if (len != 2)
		return tls13_hs_alert(hs, TLS13_ALERT_DECODE_ERROR);
	hs->res.peer_alert = p[1];
	hs->state = TLS13_ST_FAILED;
	hs->out_len = 0;
	return tls13_alert_errno(p[1], true);
}

static int ccs(struct tls13_hs *hs, const u8 *p, size_t len)
{
	/*
	 * Section 5: one byte 0x01, received after the first ClientHello and
	 * before the peer's Finished (the engine reads nothing after that),
	 * and not inside a fragmented handshake message (section 5.1), is
	 * dropped; anything else is unexpected_message. Each costs the peer
	 * a record and the wait is bounded by the handshake's timeout.
	 */
	if (len != 1 || p[0] != 1 || hs->in_len ||
	    hs->state == TLS13_ST_S_WAIT_CH)
		return tls13_hs_alert(hs, TLS13_ALERT_UNEXPECTED_MESSAGE);
	return 0;
}

/**
 * tls13_hs_take - a handshake message, through a role's transitions
 * @hs: handshake
 * @t: the role's transitions (tls13_client_transitions or
 *	tls13_server_transitions)
 * @msg: the message, header included (its first byte is its type)
 * @len: its length
 *
 * The handler of the transition for the current state and the message's
 * type takes it and names the next state; a message no transition takes
 * is unexpected_message (RFC 8446 appendix A).
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_hs_take(struct tls13_hs *hs, const struct tls13_transition *t,
		  const u8 *msg, size_t len)
{
	int next;

	for (; t->handler; t++) {
		if (t->state != hs->state || t->type != msg[0])
			continue;
		next = t->handler(hs, msg, len);
		if (next < 0)
			return next;
		if (next <= TLS13_ST_START || next >= TLS13_ST_FAILED)
			return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR,
					     -EINVAL);
		hs->state = next;
		return 0;
	}
	return tls13_hs_alert(hs, TLS13_ALERT_UNEXPECTED_MESSAGE);
}

static int dispatch(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	return tls13_hs_take(hs, hs->cfg.server ? tls13_server_transitions :
				 tls13_client_transitions, msg, len);
}

/* Reassemble handshake messages; each complete one goes to its role. */
static int handshake(struct tls13_hs *hs, const u8 *p, size_t len)
{
	size_t off = 0, mlen;
	bool rd_on;
	u32 l24;
	int err;

	if (!len)
		return tls13_hs_alert(hs, TLS13_ALERT_UNEXPECTED_MESSAGE);
	err = grow(hs, &hs->in, &hs->in_size, hs->in_len, hs->in_len + len,
		   TLS13_HS_IN_SIZE);
	if (err == -ENOSPC)
		return tls13_hs_alert(hs, TLS13_ALERT_DECODE_ERROR);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	memcpy(hs->in + hs->in_len, p, len);
	hs->in_len += len;

	while (hs->in_len - off >= TLS13_HS_HEADER_LEN) {
		l24 = get_unaligned_be32(hs->in + off) & 0xffffff;
		if (l24 > TLS13_MAX_HS_MSG)
			return tls13_hs_alert(hs, TLS13_ALERT_DECODE_ERROR);
		mlen = TLS13_HS_HEADER_LEN + l24;
		if (hs->in_len - off < mlen)
			break;
		rd_on = hs->rd_on;
		err = dispatch(hs, hs->in + off, mlen);
		if (err)
			return err;
		off += mlen;
		/* section 5.1: no message may span a key change */
		if ((hs->rd_on != rd_on || hs->state == TLS13_ST_CONNECTED) &&
		    off != hs->in_len)
			return tls13_hs_alert(hs,
					      TLS13_ALERT_UNEXPECTED_MESSAGE);
		if (hs->state == TLS13_ST_CONNECTED)
			break;
	}
	memmove(hs->in, hs->in + off, hs->in_len - off);
	hs->in_len -= off;
	return 0;
}

/**
 * tls13_hs_input - process one record
 * @hs: handshake
 * @rec: the whole record (header and body); decrypted in place
 * @len: its length
 *
 * Return values:
 *   0: processed; see tls13_hs_output() and tls13_hs_state()
 *   a negative errno: the handshake has failed; an alert may be queued
 */
int tls13_hs_input(struct tls13_hs *hs, u8 *rec, size_t len)
{
	u8 *body = rec + TLS13_RECORD_HEADER_LEN;
	size_t blen;
	u8 type;
	int err;

	if (hs->state == TLS13_ST_FAILED || hs->state == TLS13_ST_CONNECTED ||
	    hs->state == TLS13_ST_START)
		return -EINVAL;
	if (len < TLS13_RECORD_HEADER_LEN)
		return tls13_hs_alert(hs, TLS13_ALERT_DECODE_ERROR);
	err = tls13_hs_record_len(hs, rec, &blen);
	if (err)
		return err;
	if (blen != len - TLS13_RECORD_HEADER_LEN)
		return tls13_hs_alert(hs, TLS13_ALERT_DECODE_ERROR);
	type = rec[0];

	if (type == TLS13_CT_CHANGE_CIPHER_SPEC)
		return ccs(hs, body, blen);
	if (type == TLS13_CT_ALERT)
		return peer_alert(hs, body, blen);	/* even in the clear */
	if (hs->rd_on) {
		err = tls13_rec_open(&hs->rd, rec, len, &type, &blen);
		if (err == -EBADMSG && hs->skip_early &&
		    hs->skipped + len <= TLS13_MAX_SKIPPED_EARLY) {
			hs->skipped += len;
			return 0;
		}
		if (err)
			return tls13_hs_alert(hs, tls13_rec_alert(err));
		hs->skip_early = false;
	} else if (type == TLS13_CT_APPLICATION_DATA) {
		return tls13_hs_alert(hs, TLS13_ALERT_UNEXPECTED_MESSAGE);
	}

	switch (type) {
	case TLS13_CT_ALERT:
		return peer_alert(hs, body, blen);
	case TLS13_CT_HANDSHAKE:
		return handshake(hs, body, blen);
	default:
		return tls13_hs_alert(hs, TLS13_ALERT_UNEXPECTED_MESSAGE);
	}
}

/**
 * tls13_hs_want - where the peer's next bytes go, and how many to read
 * @hs: handshake
 * @len: the bytes wanted: the rest of the record header, or of the record
 *	under way; never more, so that nothing past the handshake's last
 *	record is read (it belongs to kTLS)
 *
 * Return values: where to put them (valid until the next call into @hs),
 *	or %NULL with *@len 0 once the handshake wants nothing more
 *	(connected, failed, or not started)
 */
u8 *tls13_hs_want(struct tls13_hs *hs, size_t *len)
{
	if (hs->state == TLS13_ST_START || hs->state == TLS13_ST_FAILED ||
	    hs->state == TLS13_ST_CONNECTED) {
		*len = 0;
		return NULL;
	}
	*len = hs->rec_need - hs->rec_len;
	return hs->rec + hs->rec_len;
}

/**
 * tls13_hs_got - the peer's bytes are where tls13_hs_want() said
 * @hs: handshake
 * @len: how many (1 up to what tls13_hs_want() asked for)
 *
 * A complete header is checked at once (its type, its length); a
 * complete record is processed as by tls13_hs_input().
 *
 * Return values:
 *   0: taken; see tls13_hs_want(), tls13_hs_output() and tls13_hs_state()
 *   -EINVAL: more than was asked for, or nothing is wanted
 *   another negative errno: the handshake has failed; an alert may be
 *	queued
 */
int tls13_hs_got(struct tls13_hs *hs, size_t len)
{
	size_t want, blen;
	int err;

	if (!tls13_hs_want(hs, &want) || !len || len > want)
		return -EINVAL;
	hs->rec_len += len;
	if (hs->rec_len < hs->rec_need)
		return 0;
	if (hs->rec_need == TLS13_RECORD_HEADER_LEN) {
		err = tls13_hs_record_len(hs, hs->rec, &blen);
		if (err)
			return err;
		err = grow(hs, &hs->rec, &hs->rec_size, hs->rec_len,
			   TLS13_RECORD_HEADER_LEN + blen, TLS13_MAX_RECORD);
		if (err)
			return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
		hs->rec_need += blen;
		if (blen)
			return 0;
	}
	err = tls13_hs_input(hs, hs->rec, hs->rec_len);
	hs->rec_len = 0;
	hs->rec_need = TLS13_RECORD_HEADER_LEN;
	return err;
}

/**
 * tls13_hs_output - what is queued to send
 * @hs: handshake
 * @len: its length
 *
 * Return values: the bytes (valid until the next call into @hs)
 */
const u8 *tls13_hs_output(struct tls13_hs *hs, size_t *len)
{
	*len = hs->out_len;
	return hs->out;
}

/**
 * tls13_hs_output_done - the queued output was sent
 * @hs: handshake
 */
void tls13_hs_output_done(struct tls13_hs *hs)
{
	hs->out_len = 0;
}

/**
 * tls13_hs_state - where the handshake is
 * @hs: handshake
 *
 * Return values: the state; TLS13_ST_CONNECTED once the handshake is
 *	complete, TLS13_ST_FAILED after a failure
 */
enum tls13_state tls13_hs_state(const struct tls13_hs *hs)
{
	return hs->state;
}

/**
 * tls13_hs_result - what was negotiated
 * @hs: handshake
 *
 * Return values: the result (valid while @hs is)
 */
const struct tls13_hs_result *tls13_hs_result(const struct tls13_hs *hs)
{
	return &hs->res;
}

/**
 * tls13_hs_traffic_keys - application traffic key and IV for kTLS
 * @hs: a connected handshake
 * @write: our sending direction (else receiving)
 * @key: the suite's key length
 * @iv: 12 bytes
 *
 * Return values: 0, -EINVAL before TLS13_ST_CONNECTED, or the crypto
 *	API's negative errno
 */
int tls13_hs_traffic_keys(struct tls13_hs *hs, bool write, u8 *key, u8 *iv)
{
	bool client_secret = write != hs->cfg.server;

	if (hs->state != TLS13_ST_CONNECTED)
		return -EINVAL;
	return tls13_traffic_keys(&hs->ks, hs->suite,
				  client_secret ? hs->c_ap : hs->s_ap, key, iv);
}

/**
 * tls13_hs_traffic_secret - an application traffic secret, to keep
 * @hs: a connected handshake
 * @write: our sending direction (else receiving)
 * @secret: Hash.length bytes (at most %TLS13_MAX_HASH_LEN)
 *
 * For following KeyUpdates after the handshake (ktls.c).
 *
 * Return values: Hash.length, or -EINVAL before TLS13_ST_CONNECTED
 */
int tls13_hs_traffic_secret(struct tls13_hs *hs, bool write, u8 *secret)
{
	bool client_secret = write != hs->cfg.server;

	if (hs->state != TLS13_ST_CONNECTED)
		return -EINVAL;
	memcpy(secret, client_secret ? hs->c_ap : hs->s_ap, hs->ks.hash->len);
	return hs->ks.hash->len;
}
