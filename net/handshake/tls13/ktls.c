// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hand-off to kTLS: once the handshake is over, the socket sends and
 * receives TLS 1.3 records itself.
 */

#include <linux/net.h>
#include <linux/sockptr.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <net/sock.h>
#include <uapi/linux/tls.h>

#include "transport.h"

static int set_ktls(struct socket *sock, int dir, const struct tls13_suite *s,
		    const u8 *key, const u8 *iv)
{
	union {
		struct tls12_crypto_info_aes_gcm_128 gcm128;
		struct tls12_crypto_info_aes_gcm_256 gcm256;
		struct tls12_crypto_info_chacha20_poly1305 chacha;
		struct tls12_crypto_info_aes_ccm_128 ccm;
	} ci;
	struct tls_crypto_info *info = &ci.gcm128.info;
	unsigned int size;
	int err;

	memset(&ci, 0, sizeof(ci));
	info->version = TLS_1_3_VERSION;
	switch (s->id) {
	case TLS13_AES_128_GCM_SHA256:
		info->cipher_type = TLS_CIPHER_AES_GCM_128;
		memcpy(ci.gcm128.salt, iv, 4);
		memcpy(ci.gcm128.iv, iv + 4, 8);
		memcpy(ci.gcm128.key, key, 16);
		size = sizeof(ci.gcm128);
		break;
	case TLS13_AES_256_GCM_SHA384:
		info->cipher_type = TLS_CIPHER_AES_GCM_256;
		memcpy(ci.gcm256.salt, iv, 4);
		memcpy(ci.gcm256.iv, iv + 4, 8);
		memcpy(ci.gcm256.key, key, 32);
		size = sizeof(ci.gcm256);
		break;
	case TLS13_CHACHA20_POLY1305_SHA256:
		info->cipher_type = TLS_CIPHER_CHACHA20_POLY1305;
		memcpy(ci.chacha.iv, iv, 12);
		memcpy(ci.chacha.key, key, 32);
		size = sizeof(ci.chacha);
		break;
	case TLS13_AES_128_CCM_SHA256:
		info->cipher_type = TLS_CIPHER_AES_CCM_128;
		memcpy(ci.ccm.salt, iv, 4);
		memcpy(ci.ccm.iv, iv + 4, 8);
		memcpy(ci.ccm.key, key, 16);
		size = sizeof(ci.ccm);
		break;
	default:
		return -EINVAL;
	}
	err = sock->ops->setsockopt(sock, SOL_TLS, dir, KERNEL_SOCKPTR(&ci),
				    size);
	memzero_explicit(&ci, sizeof(ci));
	return err;
}

/**
 * tls13_ktls_install - hand the application traffic keys to kTLS
 * @sock: the consumer's socket, its callbacks its own again
 * @hs: a connected handshake
 *
 * TCP_ULP "tls", then TLS_TX and TLS_RX: TLS 1.3, the suite's cipher,
 * the application traffic keys, sequence 0.
 *
 * Return values: 0, or the error setsockopt() or the key schedule gave
 */
int tls13_ktls_install(struct socket *sock, struct tls13_hs *hs)
{
	char ulp[] = "tls";
	const struct tls13_suite *s = tls13_suite_find(tls13_hs_result(hs)->suite);
	u8 key[TLS13_MAX_KEY_LEN], iv[TLS13_AEAD_NONCE_LEN];
	int err;

	err = sock->ops->setsockopt(sock, SOL_TCP, TCP_ULP,
					 KERNEL_SOCKPTR(ulp), sizeof(ulp));
	if (!err)
		err = tls13_hs_traffic_keys(hs, true, key, iv);
	if (!err)
		err = set_ktls(sock, TLS_TX, s, key, iv);
	if (!err)
		err = tls13_hs_traffic_keys(hs, false, key, iv);
	if (!err)
		err = set_ktls(sock, TLS_RX, s, key, iv);
	memzero_explicit(key, sizeof(key));
	memzero_explicit(iv, sizeof(iv));
	return err;
}
