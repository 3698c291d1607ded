// SPDX-License-Identifier: GPL-2.0-only
/*
 * The engine's own keyrings, for the certificate handshake (RFC 9289's
 * NFS over TLS): knfsd passes no certificate and 6.12's NFS client has no
 * mount option to name one, so the defaults live here. Like the NVMe
 * keyring, they are created at init, owned by root, and filled with
 * keyctl; /proc/keys shows their serials:
 *   .tls13-trust   trust anchors for servers' certificates: CA
 *                  certificates ("asymmetric" keys) our clients check a
 *                  server's chain against when the request names no
 *                  ta_keyring; those of
 *                  CONFIG_NET_HANDSHAKE_TLS13_TRUSTED_CERTS are loaded
 *                  at init, as built-in keys
 *   .tls13-client-ca  trust anchors for clients' certificates, the same
 *                  way, for our servers; empty at init. Kept apart so
 *                  that a CA added for checking servers (a public one,
 *                  say) does not admit every holder of a certificate it
 *                  issued as a client (xprtsec=mtls); a server with no
 *                  anchors here refuses every client certificate
 *                  (unknown_ca), as tlshd does with no client truststore
 *   .tls13-server  the default server identity: "user" keys "cert"
 *                  (DER, leaf first; "cert.1"... for the chain) and
 *                  "privkey" (DER)
 *   .tls13-client  the same for clients that name no certificate
 *   .tls13-peers   filled by the engine: each client certificate a server
 *                  verified, as an "asymmetric" key whose serial is the
 *                  peer id handed to the consumer (one key per
 *                  certificate: a new one replaces the old), made once
 *                  the handshake succeeded; each expires after
 *                  peer_key_ttl seconds, and a ring holding
 *                  peer_keys_max keys is emptied (tls13_peer_key_add())
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/key.h>
#include <linux/moduleparam.h>

#include "builtin_certs.h"
#include "cert.h"
#include "der.h"
#include "engine.h"

static const char *const names[TLS13_KEYRING_COUNT] = {
	[TLS13_KEYRING_TRUST] = ".tls13-trust",
	[TLS13_KEYRING_CLIENT_CA] = ".tls13-client-ca",
	[TLS13_KEYRING_SERVER] = ".tls13-server",
	[TLS13_KEYRING_CLIENT] = ".tls13-client",
	[TLS13_KEYRING_PEERS] = ".tls13-peers",
};

static struct key *rings[TLS13_KEYRING_COUNT];

/**
 * tls13_keyring - one of the engine's keyrings
 * @which: %TLS13_KEYRING_*
 *
 * Return values: the keyring (valid while the engine is loaded)
 */
struct key *tls13_keyring(enum tls13_keyring which)
{
	return rings[which];
}

static unsigned int peer_key_ttl = 3600;
module_param(peer_key_ttl, uint, 0644);
MODULE_PARM_DESC(peer_key_ttl,
		 "Seconds a verified client certificate's key stays in .tls13-peers (default 3600; 0: until the ring is full)");

static unsigned int peer_keys_max = 1024;
module_param(peer_keys_max, uint, 0644);
MODULE_PARM_DESC(peer_keys_max,
		 "Keys .tls13-peers holds at most; a full ring is emptied before the next key (default 1024)");

/**
 * tls13_peer_key_add - the key of a client's verified certificate
 * @leaf: the certificate
 * @serial: the key's serial, the peer id
 *
 * A server's client, authenticated by a certificate: its key in
 * .tls13-peers, whose serial is the peer id ta_done reports. Made only
 * now that the client has proven it holds the key and the handshake is
 * over; bounded by an expiry (peer_key_ttl) and a size (peer_keys_max,
 * past which the ring is emptied: the consumers keep the serial, not the
 * key). One key per certificate: the same one again updates it.
 *
 * Return values: 0 (*@serial set), or key_create_or_update()'s error
 */
int tls13_peer_key_add(const struct tls13_leaf *leaf, key_serial_t *serial)
{
	struct key *peers = tls13_keyring(TLS13_KEYRING_PEERS);
	unsigned int ttl = READ_ONCE(peer_key_ttl);
	key_ref_t ref;

	if (peers->keys.nr_leaves_on_tree >= READ_ONCE(peer_keys_max)) {
		pr_info_ratelimited("%s is full (peer_keys_max %u): emptied\n",
				    peers->description,
				    READ_ONCE(peer_keys_max));
		keyring_clear(peers);
	}
	ref = key_create_or_update(make_key_ref(peers, true), "asymmetric",
				   NULL, leaf->der, leaf->len,
				   (KEY_POS_ALL & ~KEY_POS_SETATTR) |
				   KEY_USR_VIEW | KEY_USR_READ | KEY_USR_SEARCH,
				   KEY_ALLOC_NOT_IN_QUOTA);
	if (IS_ERR(ref))
		return PTR_ERR(ref);
	if (ttl)
		key_set_timeout(key_ref_to_ptr(ref), ttl);
	*serial = key_serial(key_ref_to_ptr(ref));
	key_ref_put(ref);
	return 0;
}

/*
 * The trust anchors compiled in, into .tls13-trust, as certs/ loads the
 * system's. One the kernel refuses is skipped; a broken length ends the
 * list, since the next certificate cannot be found.
 */
static void __init load_builtin_certs(struct key *trust)
{
	const u8 *p = tls13_builtin_certs;
	key_ref_t ref;
	size_t len;

	while (p < tls13_builtin_certs_end) {
		len = tls13_der_certificate(p, tls13_builtin_certs_end - p);
		if (!len) {
			pr_err("built-in trust anchors: no certificate at byte %td, ignoring the rest\n",
			       p - tls13_builtin_certs);
			return;
		}
		ref = key_create_or_update(make_key_ref(trust, true),
					   "asymmetric", NULL, p, len,
					   (KEY_POS_ALL & ~KEY_POS_SETATTR) |
					   KEY_USR_VIEW | KEY_USR_READ,
					   KEY_ALLOC_NOT_IN_QUOTA |
					   KEY_ALLOC_BUILT_IN);
		if (IS_ERR(ref)) {
			pr_err("built-in trust anchor at byte %td refused: %ld\n",
			       p - tls13_builtin_certs, PTR_ERR(ref));
		} else {
			pr_info("built-in trust anchor '%s' loaded into %s\n",
				key_ref_to_ptr(ref)->description,
				trust->description);
			key_ref_put(ref);
		}
		p += len;
	}
}

/**
 * tls13_keyrings_init - create the engine's keyrings, and load the
 *	built-in trust anchors into .tls13-trust (each one logged)
 *
 * Return values: 0 or the negative errno of keyring_alloc()
 */
int __init tls13_keyrings_init(void)
{
	unsigned int i;

	for (i = 0; i < TLS13_KEYRING_COUNT; i++) {
		rings[i] = keyring_alloc(names[i], GLOBAL_ROOT_UID,
					 GLOBAL_ROOT_GID, current_cred(),
					 (KEY_POS_ALL & ~KEY_POS_SETATTR) |
					 (KEY_USR_ALL & ~KEY_USR_SETATTR),
					 KEY_ALLOC_NOT_IN_QUOTA, NULL, NULL);
		if (IS_ERR(rings[i])) {
			int err = PTR_ERR(rings[i]);

			rings[i] = NULL;
			tls13_keyrings_exit();
			return err;
		}
	}
	load_builtin_certs(rings[TLS13_KEYRING_TRUST]);
	return 0;
}

/**
 * tls13_keyrings_exit - revoke and release the engine's keyrings
 */
void tls13_keyrings_exit(void)
{
	unsigned int i;

	for (i = 0; i < TLS13_KEYRING_COUNT; i++) {
		if (!rings[i])
			continue;
		key_revoke(rings[i]);
		key_put(rings[i]);
		rings[i] = NULL;
	}
}
