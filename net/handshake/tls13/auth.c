// SPDX-License-Identifier: GPL-2.0-only
/*
 * Certificate authentication, both roles (RFC 8446 sections 4.4.2 and
 * 4.4.3): the peer's Certificate, checked by the configuration's
 * verify_chain (the transport's: up to a trust anchor, cert.c), and its
 * CertificateVerify; our own Certificate, and CertificateVerify signed by
 * the configuration's sign (the transport's: cred.c). No keyring and no
 * private key here.
 *
 * CertificateVerify schemes: ECDSA P-256/P-384 and rsa_pss_rsae_*. The
 * rsa_pss_pss_* schemes need a certificate with an RSASSA-PSS key, which
 * 6.12's X.509 parser does not take, so they are not offered. PKCS#1 v1.5
 * appears only in signature_algorithms_cert (section 4.2.3).
 */

#include <linux/string.h>

#include "hs_int.h"
#include "sig.h"

/**
 * tls13_hs_pick_scheme - the scheme we sign with
 * @hs: handshake with our credentials (cfg.cred)
 * @list: the peer's signature_algorithms (2-byte entries)
 * @len: its length in bytes
 *
 * Return values: the first scheme of the peer's list we implement and our
 *	key can make, or 0 if there is none (or no credentials)
 */
u16 tls13_hs_pick_scheme(const struct tls13_hs *hs, const u8 *list,
			 size_t len)
{
	size_t i;
	u16 id;

	if (!hs->cfg.cred || !hs->cfg.sign)
		return 0;
	for (i = 0; i + 1 < len; i += 2) {
		id = (list[i] << 8) | list[i + 1];
		if (tls13_sigscheme_fits(id, hs->cfg.cred->kind))
			return id;
	}
	return 0;
}

/* After the peer's Certificate or CertificateVerify */
static enum tls13_state next_state(const struct tls13_hs *hs, bool cv)
{
	if (hs->cfg.server)
		return cv ? TLS13_ST_S_WAIT_CV : TLS13_ST_S_WAIT_FINISHED;
	return cv ? TLS13_ST_C_WAIT_CV : TLS13_ST_C_WAIT_FINISHED;
}

/**
 * tls13_hs_peer_certificate - the peer's Certificate
 * @hs: handshake
 * @msg: the message, header included
 * @len: its length
 *
 * A server's must carry a chain (decode_error otherwise); a client's may
 * be empty unless cfg.client_auth requires one (certificate_required).
 * The chain is checked by cfg.verify_chain; its leaf key is kept for the
 * CertificateVerify that follows.
 *
 * Return values: the next state, or a negative errno (the handshake has
 *	failed)
 */
int tls13_hs_peer_certificate(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	const u8 *der[TLS13_MAX_CHAIN];
	u32 der_len[TLS13_MAX_CHAIN];
	struct tls13_certificate ct;
	struct tls13_reader list;
	unsigned int n = 0;
	u8 alert;

	alert = tls13_parse_certificate(msg + TLS13_HS_HEADER_LEN,
					len - TLS13_HS_HEADER_LEN, hs->offered,
					&ct);
	if (alert)
		return tls13_hs_alert(hs, alert);
	/* in a handshake the context is empty (section 4.4.2) */
	if (ct.context_len)
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	if (!ct.count) {
		if (!hs->cfg.server)
			return tls13_hs_alert(hs, TLS13_ALERT_DECODE_ERROR);
		if (hs->cfg.client_auth == TLS13_CLIENT_AUTH_REQUIRE)
			return tls13_hs_fail(hs,
					     TLS13_ALERT_CERTIFICATE_REQUIRED,
					     -EACCES);
		return tls13_hs_add(hs, msg, len) ?: next_state(hs, false);
	}
	if (ct.count > TLS13_MAX_CHAIN || !hs->cfg.verify_chain)
		return tls13_hs_alert(hs, TLS13_ALERT_BAD_CERTIFICATE);
	tls13_reader_init(&list, ct.list, ct.list_len);
	while (n < ct.count && tls13_cert_next(&list, &der[n], &der_len[n]))
		n++;
	if (n != ct.count)
		return tls13_hs_alert(hs, TLS13_ALERT_DECODE_ERROR);
	memset(&hs->peer_key, 0, sizeof(hs->peer_key));
	alert = hs->cfg.verify_chain(hs->cfg.ctx, der, der_len, n,
				     &hs->peer_key);
	if (!alert && (hs->peer_key.kind == TLS13_KEY_NONE ||
		       !hs->peer_key.len ||
		       hs->peer_key.len > sizeof(hs->peer_key.key)))
		alert = TLS13_ALERT_INTERNAL_ERROR;
	if (alert) {
		hs->res.why = hs->peer_key.why;
		return tls13_hs_alert(hs, alert);
	}
	hs->res.cert_serial = hs->peer_key.serial;
	return tls13_hs_add(hs, msg, len) ?: next_state(hs, true);
}

/**
 * tls13_hs_peer_cert_verify - the peer's CertificateVerify
 * @hs: handshake whose transcript ends with the peer's Certificate
 * @msg: the message, header included
 * @len: its length
 *
 * The scheme must be one we offered and fit the certificate's key
 * (illegal_parameter); the signature must verify over the transcript
 * (decrypt_error).
 *
 * Return values: the next state, or a negative errno (the handshake has
 *	failed)
 */
int tls13_hs_peer_cert_verify(struct tls13_hs *hs, const u8 *msg, size_t len)
{
	unsigned int hlen = hs->suite->hash->len;
	const struct tls13_sigscheme *s;
	struct tls13_cert_verify cv;
	u8 *thash = hs->msg, *content = hs->msg + TLS13_MAX_HASH_LEN;
	size_t clen;
	u8 alert;
	int err;

	alert = tls13_parse_cert_verify(msg + TLS13_HS_HEADER_LEN,
					len - TLS13_HS_HEADER_LEN, &cv);
	if (alert)
		return tls13_hs_alert(hs, alert);
	s = tls13_sigscheme_find(cv.scheme);
	if (!s || !tls13_sigscheme_fits(cv.scheme, hs->peer_key.kind))
		return tls13_hs_alert(hs, TLS13_ALERT_ILLEGAL_PARAMETER);
	err = tls13_transcript_hash(&hs->ks, thash);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	clen = tls13_cv_content(!hs->cfg.server, thash, hlen, content);
	err = tls13_sig_verify(s, hs->peer_key.key, hs->peer_key.len, content,
			       clen, cv.sig, cv.sig_len);
	if (err == -EKEYREJECTED)
		return tls13_hs_fail(hs, TLS13_ALERT_DECRYPT_ERROR, err);
	if (err == -EINVAL)
		return tls13_hs_fail(hs, TLS13_ALERT_ILLEGAL_PARAMETER, err);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	hs->res.peer_cert = true;
	hs->res.peer_scheme = cv.scheme;
	return tls13_hs_add(hs, msg, len) ?: next_state(hs, false);
}

/* Our CertificateVerify, signed with hs->my_scheme */
static int send_cert_verify(struct tls13_hs *hs)
{
	unsigned int hlen = hs->suite->hash->len;
	/* scratch in the message buffer, past the message being built */
	u8 *thash = hs->msg + hs->msg_size / 2;
	u8 *content = thash + TLS13_MAX_HASH_LEN;
	u8 *sig = content + TLS13_CV_CONTENT_MAX;
	size_t clen, sig_len;
	struct tls13_writer w;
	int err;

	err = tls13_transcript_hash(&hs->ks, thash);
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	clen = tls13_cv_content(hs->cfg.server, thash, hlen, content);
	sig_len = 0;
	err = hs->cfg.sign(hs->cfg.ctx, hs->my_scheme, content, clen, sig,
			   hs->msg_size / 4, &sig_len);
	if (!err && (!sig_len || sig_len > hs->msg_size / 4))
		err = -EINVAL;
	if (err)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, err);
	tls13_writer_init(&w, hs->msg, hs->msg_size / 2);
	if (!tls13_put_cert_verify(&w, hs->my_scheme, sig, sig_len) || w.alert)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, -ENOSPC);
	err = tls13_hs_send(hs, hs->msg, w.len, true);
	if (err)
		return err;
	hs->res.cert_sent = true;
	hs->res.scheme = hs->my_scheme;
	return 0;
}

/**
 * tls13_hs_send_certificate - queue our Certificate and CertificateVerify
 * @hs: handshake
 *
 * With credentials and a scheme the peer accepts (hs->my_scheme), our
 * chain and a CertificateVerify; otherwise (a client only) a Certificate
 * with no certificates (section 4.4.2.4).
 *
 * Return values: 0 or a negative errno (the handshake has failed)
 */
int tls13_hs_send_certificate(struct tls13_hs *hs)
{
	static const u8 no_context[1];
	const struct tls13_cred *cred = hs->cfg.cred;
	bool send = cred && hs->my_scheme;
	struct tls13_writer w;
	int err;

	tls13_writer_init(&w, hs->msg, hs->msg_size);
	if (!tls13_put_certificate(&w, no_context, 0,
				   send ? cred->der : NULL,
				   send ? cred->der_len : NULL,
				   send ? cred->n : 0) || w.alert)
		return tls13_hs_fail(hs, TLS13_ALERT_INTERNAL_ERROR, -ENOSPC);
	err = tls13_hs_send(hs, hs->msg, w.len, true);
	if (!err && send)
		err = send_cert_verify(hs);
	return err;
}
