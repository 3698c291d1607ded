/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * Test entry of the in-kernel TLS 1.3 handshake (CONFIG_NET_HANDSHAKE_TLS13_TESTDEV):
 * the ioctl ABI of /dev/tls13_test, shared with the userspace interop tools.
 *
 * A program hands a connected TCP socket to the engine as client or server
 * with credentials; the ioctl returns when the handshake is over. On
 * success the socket carries kTLS (TLS_TX and TLS_RX installed) and the
 * program exchanges application data on it with plain read()/write().
 *
 * Not for production: the device exists only when the Kconfig option is
 * set, and only CAP_NET_ADMIN may use it. Every key serial passed must be
 * one the caller could use itself (keyctl's rules: possession and the
 * key's permissions; read for keys, search for keyrings), else -EACCES
 * (or -ENOKEY, -EKEYREVOKED...) before anything starts.
 */
#ifndef _NET_HANDSHAKE_TLS13_TESTDEV_H
#define _NET_HANDSHAKE_TLS13_TESTDEV_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define TLS13_TEST_DEVICE	"/dev/tls13_test"

/* tls13_test_handshake.role */
#define TLS13_TEST_CLIENT	1
#define TLS13_TEST_SERVER	2

/* tls13_test_handshake.auth: which tls_*_hello_*() the request stands for */
#define TLS13_TEST_AUTH_PSK	1
#define TLS13_TEST_AUTH_X509	2
#define TLS13_TEST_AUTH_ANON	3	/* client only */

/* tls13_test_handshake.flags */
#define TLS13_TEST_F_PSK_KE		0x1U	/* offer/accept psk_ke only */
#define TLS13_TEST_F_PSK_DHE_KE		0x2U	/* psk_dhe_ke only */
#define TLS13_TEST_F_NO_CLIENT_CERT	0x4U	/* server: no CertificateRequest */
#define TLS13_TEST_F_REQUIRE_CLIENT_CERT 0x8U	/* server: certificate_required without one */
#define TLS13_TEST_F_NO_NAME_CHECK	0x10U	/* client: no @peername, check no name */

/* tls13_test_handshake.result_flags */
#define TLS13_TEST_R_HRR		0x1U	/* a HelloRetryRequest was sent/received */
#define TLS13_TEST_R_PSK_DHE		0x2U	/* the PSK was combined with (EC)DHE */
#define TLS13_TEST_R_ALPN		0x4U	/* @alpn was negotiated */
#define TLS13_TEST_R_PEER_CERT		0x8U	/* the peer was authenticated by a certificate */
#define TLS13_TEST_R_CERT_SENT		0x10U	/* we sent a certificate and signed with it */

#define TLS13_TEST_MAX_SUITES	4
#define TLS13_TEST_MAX_GROUPS	3
#define TLS13_TEST_MAX_PEERIDS	5
#define TLS13_TEST_PEERNAME_LEN	256
#define TLS13_TEST_ALPN_LEN	32

/**
 * struct tls13_test_handshake - one handshake through the test entry
 * @fd: in: a connected TCP socket of the caller
 * @role: in: %TLS13_TEST_CLIENT or %TLS13_TEST_SERVER
 * @auth: in: %TLS13_TEST_AUTH_*
 * @timeout_ms: in: ta_timeout_ms (0: the engine's default)
 * @keyring: in: ta_keyring (PSK server: where offered PSK identities
 *	are looked up by description; x509/anon: the trust anchors for the
 *	peer's chain; 0: none, the engine's .tls13-trust)
 * @cert: in: ta_my_cert (x509; 0: the default identity in .tls13-server
 *	or .tls13-client)
 * @privkey: in: ta_my_privkey (x509)
 * @num_peerids: in: number of @peerids
 * @peerids: in: ta_my_peerids (client PSK: serials of the keys to offer)
 * @flags: in: %TLS13_TEST_F_*
 * @suites: in: cipher suites to offer (client) or accept (server), in
 *	order of preference, 0-terminated; all 0: the engine's list
 * @groups: in: groups to offer/accept, 0-terminated; a client sends a key
 *	share for the first; all 0: the engine's list
 * @peername: in: ta_peername, NUL-terminated ("" for none)
 * @alpn: in: ta_alpn, NUL-terminated ("" for none): the application
 *	protocol to offer and require (client) or require (server)
 * @status: out: the status ta_done reported (0 or a negative errno)
 * @peerid: out: the peer id ta_done reported (PSK: serial of the key that
 *	authenticated the peer)
 * @suite: out: negotiated cipher suite (IANA code point)
 * @group: out: negotiated group, 0 if no (EC)DHE (psk_ke)
 * @result_flags: out: %TLS13_TEST_R_*
 * @alert: out: the alert sent or received on failure, 0 if none
 * @scheme: out: the SignatureScheme of our CertificateVerify, 0 if none
 * @peer_scheme: out: the SignatureScheme of the peer's, 0 if none
 */
struct tls13_test_handshake {
	__s32 fd;
	__u32 role;
	__u32 auth;
	__u32 timeout_ms;
	__s32 keyring;
	__s32 cert;
	__s32 privkey;
	__u32 num_peerids;
	__s32 peerids[TLS13_TEST_MAX_PEERIDS];
	__u32 flags;
	__u16 suites[TLS13_TEST_MAX_SUITES];
	__u16 groups[TLS13_TEST_MAX_GROUPS];
	__u16 pad;
	char peername[TLS13_TEST_PEERNAME_LEN];
	char alpn[TLS13_TEST_ALPN_LEN];
	__s32 status;
	__s32 peerid;
	__u16 suite;
	__u16 group;
	__u32 result_flags;
	__u32 alert;
	__u16 scheme;
	__u16 peer_scheme;
};

#define TLS13_TEST_HANDSHAKE	_IOWR('T', 0x13, struct tls13_test_handshake)

/* tls13_test_key_update.flags */
#define TLS13_TEST_KU_RECEIVED	0x1U	/* the caller read the peer's KeyUpdate */
#define TLS13_TEST_KU_REQUESTED	0x2U	/* its (or our) update_requested */

/**
 * struct tls13_test_key_update - a KeyUpdate (RFC 8446 section 4.6.3) on
 *	a socket a %TLS13_TEST_HANDSHAKE left with kTLS
 * @fd: in: that socket
 * @flags: in: %TLS13_TEST_KU_RECEIVED: the caller read the peer's
 *	KeyUpdate from @fd (kTLS then reads nothing until the engine sets the
 *	next receive key), %TLS13_TEST_KU_REQUESTED if its request_update was
 *	update_requested (the engine then sends ours and moves its send key
 *	too). Without %TLS13_TEST_KU_RECEIVED: the engine sends a KeyUpdate
 *	of its own (update_requested with %TLS13_TEST_KU_REQUESTED) and
 *	moves its send key. The caller sends nothing on @fd meanwhile.
 *
 * Errors: -EOPNOTSUPP where kTLS cannot change keys (before Linux 6.14),
 * -ENOENT if the engine keeps no session for @fd, else why a key could
 * not be derived, set or sent (the connection cannot go on).
 */
struct tls13_test_key_update {
	__s32 fd;
	__u32 flags;
};

#define TLS13_TEST_KEY_UPDATE	_IOW('T', 0x14, struct tls13_test_key_update)

#endif /* _NET_HANDSHAKE_TLS13_TESTDEV_H */
