/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A C adapter between the "record" fuzz target and record.c: tls13.h is
 * not C++ (a parameter is named "protected"), so the target calls these.
 * Each call sets up a record key over the null AEAD of shim/kshim.c for
 * one of the four suites, at sequence number @seq, and frees it after.
 */
#ifndef TLS13_FUZZ_RECORD_ADAPTER_H
#define TLS13_FUZZ_RECORD_ADAPTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

int fz_rec_header(const uint8_t *buf, size_t avail, bool prot, uint8_t *type,
		  size_t *len);
int fz_rec_frame(uint8_t type, uint16_t version, uint8_t *buf,
		 size_t buf_size, size_t len);
int fz_rec_open(unsigned int suite, uint64_t seq, uint8_t *rec,
		size_t rec_len, uint8_t *type, size_t *len);
int fz_rec_seal(unsigned int suite, uint64_t seq, uint8_t type, uint8_t *buf,
		size_t buf_size, size_t len, size_t pad);
uint8_t fz_rec_alert(int err);

#ifdef __cplusplus
}
#endif

#endif /* TLS13_FUZZ_RECORD_ADAPTER_H */
