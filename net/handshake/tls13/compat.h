/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel interfaces the engine uses that differ between the kernels
 * it builds on: Linux 6.12 (its base) and current mainline (checked on
 * 7.3). Each difference is here, chosen by LINUX_VERSION_CODE, and the
 * engine uses the names below on every kernel; nothing else in the
 * engine tests the kernel's version. (checkpatch's LINUX_VERSION_CODE
 * warning is expected here, and only here: scripts/style.sh.)
 */
#ifndef _NET_HANDSHAKE_TLS13_COMPAT_H
#define _NET_HANDSHAKE_TLS13_COMPAT_H

#include <linux/timer.h>
#include <linux/version.h>
#include <crypto/public_key.h>
#include <crypto/sha2.h>

/* 6.16 renamed from_timer() to timer_container_of() */
#if KERNEL_VERSION(6, 16, 0) > LINUX_VERSION_CODE && !defined(timer_container_of)
#define timer_container_of(var, callback_timer, timer_fieldname) \
	from_timer(var, callback_timer, timer_fieldname)
#endif

/*
 * The SHA-256 library's incremental context: struct sha256_state until
 * 6.16, struct sha256_ctx from 6.17 (b86ced882b8e, "lib/crypto: sha256:
 * Make library API use strongly-typed contexts"). sha256_init(),
 * sha256_update() and sha256_final() keep their names.
 */
#if KERNEL_VERSION(6, 17, 0) <= LINUX_VERSION_CODE
#define tls13_sha256_ctx sha256_ctx
#else
#define tls13_sha256_ctx sha256_state
#endif

/*
 * The crypto_sig that verifies a DER (X9.62 Ecdsa-Sig-Value) ECDSA
 * signature over P-384: from 6.13 "ecdsa-nist-p384" takes the raw r and s
 * and the "x962" template decodes the DER ("crypto: ecdsa - Move X9.62
 * signature decoding into template").
 */
#if KERNEL_VERSION(6, 13, 0) <= LINUX_VERSION_CODE
#define TLS13_ECDSA_P384_VERIFIER "x962(ecdsa-nist-p384)"
#else
#define TLS13_ECDSA_P384_VERIFIER "ecdsa-nist-p384"
#endif

/*
 * What a certificate's signature covers, as the X.509 parser computed
 * it: struct public_key_signature's digest and digest_size, renamed m
 * and m_size when signature algorithms that take the message itself
 * (ML-DSA) came; for ECDSA and RSA they still hold the digest. 7.0 is
 * assumed: checked on 6.12 (digest) and 7.3 (m) only.
 */
#if KERNEL_VERSION(7, 0, 0) <= LINUX_VERSION_CODE
#define tls13_pks_digest(sig)		((sig)->m)
#define tls13_pks_digest_size(sig)	((sig)->m_size)
#else
#define tls13_pks_digest(sig)		((sig)->digest)
#define tls13_pks_digest_size(sig)	((sig)->digest_size)
#endif

/*
 * kTLS takes a second TLS_TX or TLS_RX on a TLS 1.3 socket, the next
 * generation of keys, from 6.14 on ("tls: add support for changing keys
 * in TLS 1.3"; a received KeyUpdate stops reading, -EKEYEXPIRED, until the
 * new TLS_RX). Before, the engine keeps nothing after the handshake and a
 * KeyUpdate ends the connection (net/handshake's tls_handshake_msg_recv()).
 */
#if KERNEL_VERSION(6, 14, 0) <= LINUX_VERSION_CODE
#define TLS13_KTLS_REKEY	1
#else
#define TLS13_KTLS_REKEY	0
#endif

/*
 * On such a kernel the series' net/handshake asks the engine to follow a
 * KeyUpdate a consumer received (struct tls_handshake_engine's key_update,
 * with its TLS_HANDSHAKE_KU_ flags: tls13_key_update()'s @how) and whether
 * one of ours is due (key_update_due: tls13_key_update_due()); on 6.12
 * net/handshake ends the connection instead and has no such operation.
 */
#if TLS13_KTLS_REKEY
#define TLS13_KU_RECEIVED	TLS_HANDSHAKE_KU_RECEIVED
#define TLS13_KU_REQUESTED	TLS_HANDSHAKE_KU_REQUESTED
#define TLS13_ENGINE_KEY_UPDATE_OPS				\
	.key_update = tls13_key_update, .key_update_due = tls13_key_update_due,
#else
#define TLS13_KU_RECEIVED	0x1U
#define TLS13_KU_REQUESTED	0x2U
#define TLS13_ENGINE_KEY_UPDATE_OPS
#endif

#endif /* _NET_HANDSHAKE_TLS13_COMPAT_H */
