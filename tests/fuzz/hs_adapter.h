/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A C adapter between the "hs" fuzz target and hs.c (whose header
 * includes tls13.h, not C++): one side of a handshake, configured from a
 * few flags, and the calls the target drives it with.
 */
#ifndef TLS13_FUZZ_HS_ADAPTER_H
#define TLS13_FUZZ_HS_ADAPTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* the handshake both sides are set up for */
struct fz_hs_setup {
	bool cert;		/* certificates, else PSK */
	bool client_auth;	/* cert: the server requires one */
	bool psk_ke;		/* PSK: psk_ke only, else psk_dhe_ke too */
	bool hrr;		/* the server takes only secp384r1 */
	bool alpn;		/* both want "sunrpc" */
	bool sni;		/* the client names server.test */
	bool wrong_psk;		/* the server knows another PSK */
	uint8_t suites;		/* rotation of the server's suite order */
	const uint8_t *der;	/* cert: the certificate both sides send */
	uint32_t der_len;
};

struct fz_hs;

struct fz_hs *fz_hs_new(const struct fz_hs_setup *setup, bool server);
void fz_hs_free(struct fz_hs *h);
int fz_hs_start(struct fz_hs *h);
uint8_t *fz_hs_want(struct fz_hs *h, size_t *len);
int fz_hs_got(struct fz_hs *h, size_t len);
/* bytes of a record read, the rest not yet */
bool fz_hs_mid_record(struct fz_hs *h);
int fz_hs_fail(struct fz_hs *h, int err);
const uint8_t *fz_hs_output(struct fz_hs *h, size_t *len);
void fz_hs_output_done(struct fz_hs *h);
bool fz_hs_connected(struct fz_hs *h);
bool fz_hs_failed(struct fz_hs *h);
/* the suite, group and flags negotiated, for comparing two sides */
uint64_t fz_hs_summary(struct fz_hs *h);
int fz_hs_keys(struct fz_hs *h, bool write, uint8_t *key, uint8_t *iv);

#ifdef __cplusplus
}
#endif

#endif /* TLS13_FUZZ_HS_ADAPTER_H */
