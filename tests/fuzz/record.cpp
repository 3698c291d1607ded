// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target "record": the record layer of record.c, through
 * record_adapter.c, over the null AEAD of shim/kshim.c (the real AEADs
 * are the kernel's and proven by KUnit; here a forged tag must not be
 * needed to reach what record.c does with the plaintext).
 *
 * Input: [selector][...]:
 *   0: [protected][bytes]   tls13_rec_header()
 *   1: [suite][seq: u32][record]   tls13_rec_open() of a whole record
 *   2: [suite][type][pad: u16][slack][content]   tls13_rec_seal(), then
 *      tls13_rec_open() of what it sealed must give the content back
 *   3: [type][version: u16][size: u16][len: u16]   tls13_rec_frame()
 * A sequence number of 0xffffffff stands for 2^64 - 1 (exhausted).
 */
#include <algorithm>
#include <cstring>

#include "fuzz_util.hpp"
#include "record_adapter.h"

using fuzz::check;

namespace {

constexpr size_t HDR = TLS13_RECORD_HEADER_LEN;
constexpr size_t TAG = TLS13_AEAD_TAG_LEN;

// the errnos record.c documents, each with its own alert
void check_errno(int err, const char *what)
{
	switch (err) {
	case -ENODATA:
	case -EMSGSIZE:
	case -EBADMSG:
	case -EPROTO:
		check(fz_rec_alert(err) != TLS13_ALERT_INTERNAL_ERROR, what);
		break;
	case -EOVERFLOW:
	case -ENOSPC:
		check(fz_rec_alert(err) == TLS13_ALERT_INTERNAL_ERROR, what);
		break;
	default:
		fuzz::fail(what);
	}
}

bool protected_type(uint8_t t)
{
	return t == TLS13_CT_HANDSHAKE || t == TLS13_CT_ALERT ||
	       t == TLS13_CT_APPLICATION_DATA;
}

uint64_t seq_of(uint32_t v)
{
	return v == UINT32_MAX ? UINT64_MAX : v;
}

void header(fuzz::Input &in)
{
	bool prot = in.u8() & 1;
	std::vector<uint8_t> b = in.rest();
	uint8_t type;
	size_t len;
	int err = fz_rec_header(b.data(), b.size(), prot, &type, &len);

	if (err) {
		check_errno(err, "rec_header: errno");
		return;
	}
	check(b.size() >= HDR && type == b[0] &&
	      len == get_unaligned_be16(&b[3]), "rec_header: fields");
	check(len <= (prot && type == TLS13_CT_APPLICATION_DATA ?
		      TLS13_MAX_CIPHERTEXT : TLS13_MAX_PLAINTEXT),
	      "rec_header: over the limit");
	check(!prot || type == TLS13_CT_APPLICATION_DATA ||
	      type == TLS13_CT_CHANGE_CIPHER_SPEC,
	      "rec_header: plaintext record in an encrypted epoch");
}

void open(fuzz::Input &in)
{
	unsigned int suite = in.u8();
	uint64_t seq = seq_of(in.u32());
	std::vector<uint8_t> rec = in.rest();
	uint8_t type;
	size_t len;
	int err = fz_rec_open(suite, seq, rec.data(), rec.size(), &type, &len);

	if (err) {
		check_errno(err, "rec_open: errno");
		return;
	}
	check(rec.size() >= HDR + TAG + 1 && len <= rec.size() - HDR - TAG - 1,
	      "rec_open: content length");
	check(len <= TLS13_MAX_PLAINTEXT, "rec_open: content over 2^14");
	check(protected_type(type) && rec[HDR + len] == type,
	      "rec_open: content type");
	for (size_t i = HDR + len + 1; i < rec.size() - TAG; i++)
		check(!rec[i], "rec_open: padding is not zeros");
}

void round_trip(fuzz::Input &in)
{
	unsigned int suite = in.u8();
	uint8_t type = in.u8();
	size_t pad = in.u16() % (TLS13_MAX_PLAINTEXT + 64);
	size_t slack = in.u8();
	std::vector<uint8_t> content = in.rest();
	size_t len = content.size();
	// room for everything, less up to 255 bytes: ENOSPC is a result too
	size_t need = HDR + len + 1 + pad + TAG;
	size_t size = std::max(need > slack ? need - slack + 16 : 0, HDR + len);
	std::vector<uint8_t> buf(size);

	if (len)
		std::memcpy(buf.data() + HDR, content.data(), len);
	int n = fz_rec_seal(suite, 7, type, buf.data(), buf.size(), len, pad);
	if (n < 0) {
		check_errno(n, "rec_seal: errno");
		check(n != -ENOSPC || need > size, "rec_seal: spurious ENOSPC");
		check(n != -EPROTO || !protected_type(type),
		      "rec_seal: refused a type it may seal");
		return;
	}
	check(protected_type(type) && len + pad <= TLS13_MAX_PLAINTEXT &&
	      static_cast<size_t>(n) == need && need <= size,
	      "rec_seal: sealed what it should refuse");

	uint8_t back;
	size_t back_len;
	int err = fz_rec_open(suite, 7, buf.data(), n, &back, &back_len);
	check(!err && back == type && back_len == len &&
	      (!len || !std::memcmp(buf.data() + HDR, content.data(), len)),
	      "rec_open does not give back what rec_seal sealed");
}

void frame(fuzz::Input &in)
{
	uint8_t type = in.u8();
	uint16_t version = in.u16();
	size_t size = in.u16();
	size_t len = in.u16();
	std::vector<uint8_t> buf(size);
	int n = fz_rec_frame(type, version, buf.data(), size, len);

	if (n < 0) {
		check_errno(n, "rec_frame: errno");
		return;
	}
	check(static_cast<size_t>(n) == HDR + len && HDR + len <= size &&
	      len <= TLS13_MAX_PLAINTEXT, "rec_frame: length");
	uint8_t t;
	size_t l;
	int err = fz_rec_header(buf.data(), n, false, &t, &l);
	check(err || (t == type && l == len), "rec_frame: header reads back");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz::Input in(data, size);

	switch (in.u8() % 4) {
	case 0:
		header(in);
		break;
	case 1:
		open(in);
		break;
	case 2:
		round_trip(in);
		break;
	default:
		frame(in);
		break;
	}
	return 0;
}
