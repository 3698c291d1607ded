/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the handshake engine: the state shared by hs.c (records,
 * reassembly, the state table, alerts) and the two roles (client.c,
 * server.c).
 */
#ifndef _NET_HANDSHAKE_TLS13_HS_INT_H
#define _NET_HANDSHAKE_TLS13_HS_INT_H

#include "hs.h"

/*
 * The buffers start small and grow with what a flight needs, up to the
 * protocol's limits: a PSK handshake never grows them.
 * @rec: the record being read, up to TLS13_MAX_RECORD;
 * @in: reassembly, the largest message and one record's spill;
 * @out: a flight, its records sealed;
 * @msg: the message being built: a ClientHello at its largest (five
 *	identities, a cookie) fits in TLS13_HS_MSG_BASE, our chain is added.
 */
#define TLS13_HS_BUF_START	1024
#define TLS13_HS_OUT_SIZE	(4 * TLS13_MAX_RECORD)
#define TLS13_HS_MSG_BASE	8192
#define TLS13_CERT_ENTRY_OVERHEAD	5	/* cert_data<3>, extensions<2> */
#define TLS13_HS_MSG_SIZE	(32 * 1024)
#define TLS13_HS_IN_SIZE	(TLS13_HS_HEADER_LEN + TLS13_MAX_HS_MSG + \
				 TLS13_MAX_PLAINTEXT)
/* early data a server that refuses 0-RTT skips (section 4.2.10) */
#define TLS13_MAX_SKIPPED_EARLY	(TLS13_MAX_PLAINTEXT + TLS13_MAX_RECORD)

/**
 * struct tls13_hs - one handshake
 * @cfg: what it may do
 * @state: where it is
 * @res: what was negotiated
 * @suite: the cipher suite, once chosen
 * @ks: key schedule and transcript (valid when @ks_ready)
 * @ks_ready: @ks is allocated
 * @kex: our key share (valid when @kex_ready)
 * @kex_ready: @kex is allocated
 * @rd: read key (valid when @rd_on)
 * @wr: write key (valid when @wr_on)
 * @rd_on: records in are protected
 * @wr_on: records out are protected
 * @psk: the PSK in use
 * @psk_map: client: index in cfg->psks of each identity offered
 * @n_offered: client: number of identities offered
 * @dhe: (EC)DHE is part of the key exchange
 * @random: our hello random
 * @session_id: client: ours; server: the client's, echoed
 * @session_id_len: its length
 * @ccs_sent: our compatibility change_cipher_spec is out
 * @hrr_suite: the suite a HelloRetryRequest named
 * @cookie: client: the HelloRetryRequest's cookie, echoed
 * @cookie_len: its length
 * @offered: client: extension indexes our ClientHello carried
 * @ch1: client: the first ClientHello, kept until the suite is known
 * @ch1_len: its length
 * @skip_early: server: skip records that fail to decrypt (refused 0-RTT)
 * @skipped: bytes skipped so far
 * @c_hs: client_handshake_traffic_secret
 * @s_hs: server_handshake_traffic_secret
 * @c_ap: client_application_traffic_secret_0
 * @s_ap: server_application_traffic_secret_0
 * @gfp: allocation flags for the buffers' growth
 * @rec: the record being read (tls13_hs_want()), decrypted in place
 * @rec_len: bytes of it read so far
 * @rec_need: its length: the header's until the header is in
 * @rec_size: @rec's size (up to TLS13_MAX_RECORD)
 * @in: handshake message reassembly
 * @in_len: bytes in @in
 * @in_size: its size (up to TLS13_HS_IN_SIZE)
 * @out: records to send
 * @out_len: bytes in @out
 * @out_size: its size (up to TLS13_HS_OUT_SIZE)
 * @msg: where the message being built is encoded
 * @msg_size: its size: TLS13_HS_MSG_BASE and our chain, at most
 *	TLS13_HS_MSG_SIZE
 * @hrr_group: server: the group a HelloRetryRequest asked for
 * @hello: parse scratch: the last hello received
 * @offer: parse scratch: a ClientHello's PSK identities and binders
 * @shares: parse scratch: a ClientHello's key shares
 * @cr_sent: server: we sent a CertificateRequest
 * @cr_received: client: the server sent one
 * @my_scheme: the scheme we sign our CertificateVerify with (0: none
 *	fits; a client then sends an empty Certificate)
 * @peer_key: the key of the peer's verified certificate
 */
struct tls13_hs {
	struct tls13_hs_config cfg;
	enum tls13_state state;
	struct tls13_hs_result res;
	const struct tls13_suite *suite;
	struct tls13_ks ks;
	bool ks_ready;
	struct tls13_kex kex;
	bool kex_ready;
	struct tls13_rec_key rd;
	struct tls13_rec_key wr;
	bool rd_on;
	bool wr_on;
	struct tls13_psk psk;
	u8 psk_map[TLS13_MAX_PSKS];
	unsigned int n_offered;
	bool dhe;
	u8 random[TLS13_RANDOM_LEN];
	u8 session_id[TLS13_MAX_SESSION_ID_LEN];
	u8 session_id_len;
	bool ccs_sent;
	u16 hrr_suite;
	u8 cookie[TLS13_MAX_COOKIE_LEN];
	u16 cookie_len;
	u32 offered;
	u8 *ch1;
	size_t ch1_len;
	bool skip_early;
	size_t skipped;
	u8 c_hs[TLS13_MAX_HASH_LEN];
	u8 s_hs[TLS13_MAX_HASH_LEN];
	u8 c_ap[TLS13_MAX_HASH_LEN];
	u8 s_ap[TLS13_MAX_HASH_LEN];
	gfp_t gfp;
	u8 *rec;
	size_t rec_len;
	size_t rec_need;
	size_t rec_size;
	u8 *in;
	size_t in_len;
	size_t in_size;
	u8 *out;
	size_t out_len;
	size_t out_size;
	u8 *msg;
	size_t msg_size;
	u16 hrr_group;
	struct tls13_hello hello;
	struct tls13_psk_offer offer;
	struct tls13_key_shares shares;
	bool cr_sent;
	bool cr_received;
	u16 my_scheme;
	struct tls13_pubkey peer_key;
};

/* hs.c */
int tls13_hs_alert(struct tls13_hs *hs, u8 alert);
int tls13_hs_send(struct tls13_hs *hs, const u8 *msg, size_t len,
		  bool transcript);
int tls13_hs_send_ccs(struct tls13_hs *hs);
int tls13_hs_set_suite(struct tls13_hs *hs, u16 id);
int tls13_hs_set_key(struct tls13_hs *hs, bool write, const u8 *secret);
int tls13_hs_add(struct tls13_hs *hs, const u8 *msg, size_t len);
int tls13_hs_binder(struct tls13_ks *ks, const struct tls13_psk *psk,
		    const u8 *trunc, size_t trunc_len, u8 *out);
int tls13_hs_kex(struct tls13_hs *hs, u16 group, const u8 *peer,
		 size_t peer_len, u8 *shared, unsigned int *shared_len);
int tls13_hs_check_finished(struct tls13_hs *hs, const u8 *secret,
			    const u8 *msg, size_t len);
int tls13_hs_send_finished(struct tls13_hs *hs, const u8 *secret);
int tls13_hs_handshake_keys(struct tls13_hs *hs, const u8 *psk,
			    unsigned int psk_len, const u8 *dhe,
			    size_t dhe_len);
int tls13_hs_app_secrets(struct tls13_hs *hs);
void tls13_hs_random(const u8 *fixed, u8 *out, size_t len);

int tls13_hs_peer_certificate(struct tls13_hs *hs, const u8 *msg,
			      size_t len);
int tls13_hs_peer_cert_verify(struct tls13_hs *hs, const u8 *msg,
			      size_t len);
int tls13_hs_send_certificate(struct tls13_hs *hs);
u16 tls13_hs_pick_scheme(const struct tls13_hs *hs, const u8 *list,
			 size_t len);

/**
 * struct tls13_transition - a message a role takes in a state
 * @state: the state
 * @type: the HandshakeType
 * @handler: takes the message (header included); returns the next state,
 *	or a negative errno once it has failed the handshake
 *
 * A role's transitions are its state machine (RFC 8446 appendix A): an
 * array ending with an entry without a handler. What no transition takes
 * is unexpected_message.
 */
struct tls13_transition {
	enum tls13_state state;
	u8 type;
	int (*handler)(struct tls13_hs *hs, const u8 *msg, size_t len);
};

int tls13_hs_take(struct tls13_hs *hs, const struct tls13_transition *t,
		  const u8 *msg, size_t len);

/* client.c */
int tls13_client_start(struct tls13_hs *hs);
extern const struct tls13_transition tls13_client_transitions[];

/* server.c */
extern const struct tls13_transition tls13_server_transitions[];

#endif /* _NET_HANDSHAKE_TLS13_HS_INT_H */
