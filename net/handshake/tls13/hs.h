/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The handshake engine core: client and server state machines over the
 * record layer, bytes in and bytes out. It never touches a socket: the
 * transport (transport.c) reads what tls13_hs_want() asks for and says
 * so with tls13_hs_got(); a test may feed it whole records with
 * tls13_hs_input(). Either sends what it queues.
 */
#ifndef _NET_HANDSHAKE_TLS13_HS_H
#define _NET_HANDSHAKE_TLS13_HS_H

#include "cert.h"
#include "msg.h"
#include "tls13.h"

/**
 * struct tls13_psk - an external PSK (RFC 8446 section 4.2.11)
 * @key: the key
 * @key_len: its length
 * @hash: the hash it is used with
 * @id: its identity as sent on the wire
 * @id_len: the identity's length
 * @serial: the kernel key it came from, reported as the peer id
 */
struct tls13_psk {
	u8 key[TLS13_MAX_HASH_LEN];
	unsigned int key_len;
	const struct tls13_hash_alg *hash;
	u8 id[TLS13_MAX_PSK_ID_LEN];
	u16 id_len;
	s32 serial;
};

/**
 * struct tls13_hs_config - what one handshake may do
 * @server: our role
 * @suites: cipher suites in order of preference
 * @n_suites: their number
 * @groups: groups in order of preference; a client sends a key share
 *	for the first
 * @n_groups: their number
 * @psk_modes: BIT(%TLS13_PSK_KE) and/or BIT(%TLS13_PSK_DHE_KE)
 * @psks: client: the PSKs to offer, in order
 * @n_psks: their number
 * @psk_find: server: look an offered identity up; fills @out and
 *	returns 0, or -ENOKEY
 * @verify_chain: check the peer's certificate chain (leaf first, as
 *	sent; 1..%TLS13_MAX_CHAIN entries) and fill @out with the leaf's
 *	key; returns 0 or the alert to send (a TLS13_ALERT_*), and may set
 *	@out->why. Required to accept a peer's certificate: without it a
 *	chain is refused (bad_certificate). May sleep.
 * @sign: make our CertificateVerify signature of @len bytes at @msg with
 *	@scheme (one that fits @cred's key): at most @size bytes at @sig,
 *	their number in *@sig_len; returns 0 or a negative errno (an
 *	internal_error alert). Required to send a certificate: without it
 *	we have no scheme to sign with. May sleep.
 * @ctx: passed to @psk_find, @verify_chain and @sign
 * @random: a fixed hello random (tests); %NULL: random
 * @kex_priv: a fixed private key for every key share (tests); %NULL:
 *	random
 * @session_id: client: a fixed legacy_session_id for compatibility mode
 *	(tests); %NULL: random
 * @alpn: the application protocol (RFC 7301) a client offers and requires
 *	the server to select, or a server requires the client to offer
 *	(RFC 9289: "sunrpc"); %NULL: none, and a server ignores the
 *	client's list
 * @alpn_len: its length (1..255)
 * @server_name: client: the DNS name to send as server_name (RFC 6066),
 *	%NULL for none (an address is never sent)
 * @cert: authenticate with certificates, not PSKs: a client offers no
 *	PSK and requires the server's certificate; a server ignores offered
 *	PSKs and authenticates with @cred
 * @cred: our certificate chain: a server's (required with @cert), or
 *	what a client sends when asked (%NULL: an empty Certificate); the
 *	engine reads its chain and key kind, and signs through @sign
 * @client_auth: server: %TLS13_CLIENT_AUTH_*
 */
struct tls13_hs_config {
	bool server;
	u16 suites[4];
	unsigned int n_suites;
	u16 groups[3];
	unsigned int n_groups;
	u8 psk_modes;
	const struct tls13_psk *psks;
	unsigned int n_psks;
	int (*psk_find)(void *ctx, const u8 *id, u16 id_len,
			struct tls13_psk *out);
	u8 (*verify_chain)(void *ctx, const u8 *const *der,
			   const u32 *der_len, unsigned int n,
			   struct tls13_pubkey *out);
	int (*sign)(void *ctx, u16 scheme, const u8 *msg, size_t len, u8 *sig,
		    size_t size, size_t *sig_len);
	void *ctx;
	const u8 *random;
	const u8 *kex_priv;
	const u8 *session_id;
	const u8 *alpn;
	u8 alpn_len;
	const char *server_name;
	bool cert;
	const struct tls13_cred *cred;
	u8 client_auth;
};

/* tls13_hs_config.client_auth */
enum {
	TLS13_CLIENT_AUTH_NONE,		/* no CertificateRequest */
	TLS13_CLIENT_AUTH_REQUEST,	/* a client may answer with no certificate */
	TLS13_CLIENT_AUTH_REQUIRE,	/* certificate_required without one */
};

/* Handshake states (RFC 8446 appendix A) */
enum tls13_state {
	TLS13_ST_START,
	TLS13_ST_C_WAIT_SH,		/* ClientHello sent */
	TLS13_ST_C_WAIT_SH2,		/* second ClientHello sent after HRR */
	TLS13_ST_C_WAIT_EE,
	TLS13_ST_C_WAIT_CERT_CR,
	TLS13_ST_C_WAIT_CERT,
	TLS13_ST_C_WAIT_CV,
	TLS13_ST_C_WAIT_FINISHED,
	TLS13_ST_S_WAIT_CH,
	TLS13_ST_S_WAIT_CH2,		/* HelloRetryRequest sent */
	TLS13_ST_S_WAIT_CERT,
	TLS13_ST_S_WAIT_CV,
	TLS13_ST_S_WAIT_FINISHED,
	TLS13_ST_CONNECTED,
	TLS13_ST_FAILED,
	TLS13_ST_COUNT
};

/**
 * struct tls13_hs_result - what was negotiated, or how it failed
 * @suite: cipher suite
 * @group: (EC)DHE group, 0 for psk_ke
 * @psk_serial: the PSK that authenticated the peer
 * @cert_serial: the key made of the peer's verified certificate (by the
 *	transport, once the handshake succeeded; the engine leaves 0)
 *	(0: none)
 * @peer_cert: the peer proved a certificate chain we verified
 * @cert_sent: we sent a certificate and proved it
 * @scheme: the SignatureScheme of our CertificateVerify
 * @peer_scheme: the SignatureScheme of the peer's
 * @hrr: a HelloRetryRequest was sent or received
 * @alpn: the configured application protocol was negotiated
 * @alert: the alert we sent, 0 if none
 * @peer_alert: the alert we received, -1 if none
 * @why: what @alert means here, when the engine knows more than its
 *	name (a refused certificate chain), or %NULL; a constant string
 */
struct tls13_hs_result {
	u16 suite;
	u16 group;
	s32 psk_serial;
	s32 cert_serial;
	bool peer_cert;
	bool cert_sent;
	u16 scheme;
	u16 peer_scheme;
	bool hrr;
	bool alpn;
	u8 alert;
	int peer_alert;
	const char *why;
};

struct tls13_hs;

struct tls13_hs *tls13_hs_alloc(const struct tls13_hs_config *cfg, gfp_t gfp);
void tls13_hs_free(struct tls13_hs *hs);
int __must_check tls13_hs_start(struct tls13_hs *hs);
int __must_check tls13_hs_record_len(struct tls13_hs *hs, const u8 *hdr,
				     size_t *len);
int __must_check tls13_hs_input(struct tls13_hs *hs, u8 *rec, size_t len);
u8 *tls13_hs_want(struct tls13_hs *hs, size_t *len);
int __must_check tls13_hs_got(struct tls13_hs *hs, size_t len);
int tls13_hs_fail(struct tls13_hs *hs, u8 alert, int err);
const u8 *tls13_hs_output(struct tls13_hs *hs, size_t *len);
void tls13_hs_output_done(struct tls13_hs *hs);
enum tls13_state tls13_hs_state(const struct tls13_hs *hs);
const struct tls13_hs_result *tls13_hs_result(const struct tls13_hs *hs);
int __must_check tls13_hs_traffic_keys(struct tls13_hs *hs, bool write,
				       u8 *key, u8 *iv);
int tls13_hs_traffic_secret(struct tls13_hs *hs, bool write, u8 *secret);
int tls13_alert_errno(u8 alert, bool received);
const char *tls13_alert_name(u8 alert);

#endif /* _NET_HANDSHAKE_TLS13_HS_H */
