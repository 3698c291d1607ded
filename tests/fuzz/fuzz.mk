# SPDX-License-Identifier: GPL-2.0-only
#
# The fuzz targets (scripts/fuzz.sh runs this): the engine's pure files
# and lib/asn1_decoder.c built unchanged in userspace over the stand-ins
# in shim/, with libFuzzer, ASan and UBSan. Incremental: every object
# lists its headers in a .d file, so an edited engine file or header is
# rebuilt, and nothing else.
#
#   make -f tests/fuzz/fuzz.mk TOP=... OUT=... KSRC=... ASN1C=... [targets]
#
# KSRC: the kernel tree (lib/asn1_decoder.c, include/linux/asn1*.h);
# ASN1C: the kernel's scripts/asn1_compiler (scripts/fuzz.sh builds one
# from $(KSRC) when the kernel build has none yet).

CC := clang-14
CXX := clang++-14
ENGINE := $(TOP)/net/handshake/tls13
FUZZ := $(TOP)/tests/fuzz
SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
       -g -O1 -fno-omit-frame-pointer
# the kernel's own dialect: gnu11, unsigned char (since 6.2)
INC := -I$(OUT)/inc -I$(OUT)/kinc -I$(TOP)/include -I$(OUT)/gen -I$(ENGINE) \
       -I$(FUZZ)/shim
# The kernel's memcpy() and friends take NULL with a zero length (glibc's
# are declared nonnull): UBSan's nonnull-attribute check is off for them.
ENGINE_CFLAGS := -std=gnu11 -funsigned-char -fno-strict-aliasing -Wall \
		 -Wno-unused-parameter -Wno-pointer-sign \
		 -fsanitize=fuzzer-no-link $(SAN) -fno-sanitize=nonnull-attribute \
		 $(INC)
# our own code: warnings are errors
OWN_CFLAGS := $(ENGINE_CFLAGS) -Wextra -Werror
CXXFLAGS := -std=c++17 -funsigned-char -Wall -Wextra -Werror \
	    -fsanitize=fuzzer-no-link $(SAN) $(INC)
LDFLAGS := -fsanitize=fuzzer $(SAN)

TARGETS := msg record cert cred hs
all: $(addprefix $(OUT)/,$(TARGETS))

# Every kernel header the built files include, as a one-line stand-in.
SHIM_HEADERS := linux/types.h linux/string.h linux/unaligned.h \
	linux/bits.h linux/bitops.h linux/minmax.h linux/export.h linux/kernel.h \
	linux/module.h linux/err.h linux/inet.h linux/slab.h \
	linux/time64.h linux/timekeeping.h linux/array_size.h linux/mm.h \
	linux/random.h crypto/algapi.h crypto/curve25519.h \
	linux/scatterlist.h linux/key.h linux/key-type.h linux/fips.h \
	kunit/visibility.h \
	crypto/aead.h crypto/hash.h crypto/kpp.h crypto/ecdh.h \
	crypto/public_key.h keys/asymmetric-parser.h \
	keys/asymmetric-subtype.h keys/asymmetric-type.h keys/user-type.h \
	crypto/sha2.h crypto/utils.h linux/spinlock.h linux/mutex.h \
	linux/timer.h linux/version.h
# (not linux/errno.h: glibc includes it for the errno values). The
# ASN.1 decoder's and the RSA key parser's own headers are the kernel's.
KERNEL_HEADERS := linux/asn1.h linux/asn1_decoder.h \
	linux/asn1_ber_bytecode.h crypto/internal/rsa.h

$(OUT)/inc/.stamp: $(FUZZ)/fuzz.mk
	@set -e; for h in $(SHIM_HEADERS); do \
		mkdir -p $(OUT)/inc/$$(dirname $$h); \
		echo '#include "kshim.h"' >$(OUT)/inc/$$h; \
	done; \
	for h in $(KERNEL_HEADERS); do \
		mkdir -p $(OUT)/kinc/$$(dirname $$h); \
		ln -sf $(KSRC)/include/$$h $(OUT)/kinc/$$h; \
	done; \
	touch $@

# The grammars, compiled by the kernel's compiler.
GRAMMARS := cert_x509 cert_bc cert_ku cert_eku cert_san \
	    cred_pkcs8 cred_eckey cred_rsakey
$(OUT)/gen/%.asn1.c $(OUT)/gen/%.asn1.h: $(ENGINE)/%.asn1 $(ASN1C)
	@mkdir -p $(OUT)/gen
	$(ASN1C) $< $(OUT)/gen/$*.asn1.c $(OUT)/gen/$*.asn1.h

# cert.c checks RSA keys with the kernel's parser (crypto/rsa_helper.c)
KERNEL_GRAMMARS := rsapubkey rsaprivkey
$(OUT)/gen/%.asn1.c $(OUT)/gen/%.asn1.h: $(KSRC)/crypto/%.asn1 $(ASN1C)
	@mkdir -p $(OUT)/gen
	$(ASN1C) $< $(OUT)/gen/$*.asn1.c $(OUT)/gen/$*.asn1.h

GEN_HEADERS := $(GRAMMARS:%=$(OUT)/gen/%.asn1.h) \
	       $(KERNEL_GRAMMARS:%=$(OUT)/gen/%.asn1.h)

$(OUT)/obj/engine/%.o: $(ENGINE)/%.c $(OUT)/inc/.stamp | $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) -MMD -MP -c -o $@ $<

# (asn1_ber_bytecode.h includes linux/types.h only #ifdef __KERNEL__)
$(OUT)/obj/gen/%.o: $(OUT)/gen/%.c $(OUT)/inc/.stamp
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) -include kshim.h -MMD -MP -c -o $@ $<

$(OUT)/obj/kernel/asn1_decoder.o: $(KSRC)/lib/asn1_decoder.c $(OUT)/inc/.stamp
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) -MMD -MP -c -o $@ $<

$(OUT)/obj/kernel/rsa_helper.o: $(KSRC)/crypto/rsa_helper.c $(OUT)/inc/.stamp \
				| $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) -MMD -MP -c -o $@ $<

$(OUT)/obj/own/%.o: $(FUZZ)/%.c $(OUT)/inc/.stamp | $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(OWN_CFLAGS) -MMD -MP -c -o $@ $<

$(OUT)/obj/own/%.o: $(FUZZ)/shim/%.c $(OUT)/inc/.stamp
	@mkdir -p $(@D)
	$(CC) $(OWN_CFLAGS) -MMD -MP -c -o $@ $<

$(OUT)/obj/own/%.o: $(FUZZ)/%.cpp $(OUT)/inc/.stamp | $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -MMD -MP -c -o $@ $<

$(OUT)/obj/harness/%.o: $(TOP)/tests/harness/%.cpp
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -MMD -MP -c -o $@ $<

E := $(OUT)/obj/engine
O := $(OUT)/obj/own
ASN1_DEC := $(OUT)/obj/kernel/asn1_decoder.o

$(OUT)/msg: $(O)/msg.o $(E)/codec.o $(E)/ext.o $(E)/msg.o $(O)/kshim.o
	$(CXX) $(LDFLAGS) -o $@ $^

$(OUT)/record: $(O)/record.o $(O)/record_adapter.o $(E)/record.o $(O)/kshim.o
	$(CXX) $(LDFLAGS) -o $@ $^

$(OUT)/cert: $(O)/cert.o $(O)/model.o $(E)/cert.o $(E)/der.o $(E)/sigscheme.o \
	     $(ASN1_DEC) $(O)/kshim.o \
	     $(patsubst %,$(OUT)/obj/gen/%.asn1.o,$(filter cert_%,$(GRAMMARS)) \
	     $(KERNEL_GRAMMARS)) $(OUT)/obj/kernel/rsa_helper.o
	$(CXX) $(LDFLAGS) -o $@ $^

$(OUT)/cred: $(O)/cred.o $(O)/model.o $(E)/cred.o $(E)/der.o $(E)/sigscheme.o \
	     $(ASN1_DEC) $(O)/kshim.o \
	     $(O)/kcrypto.o \
	     $(patsubst %,$(OUT)/obj/gen/%.asn1.o,$(filter cred_%,$(GRAMMARS)))
	$(CXX) $(LDFLAGS) -o $@ $^ -lcrypto

# the state machines, over OpenSSL's crypto (shim/kcrypto.c)
HS_ENGINE := codec ext msg record keysched kex hs client server auth cert der \
	     sigscheme
$(OUT)/obj/project/%.o: $(TOP)/crypto/%.c $(OUT)/inc/.stamp
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) -MMD -MP -c -o $@ $<

$(OUT)/hs: $(O)/hs.o $(O)/hs_adapter.o $(O)/model.o $(O)/kshim.o \
	   $(O)/kcrypto.o $(HS_ENGINE:%=$(E)/%.o) $(OUT)/obj/project/hkdf.o \
	   $(ASN1_DEC) $(OUT)/obj/kernel/rsa_helper.o \
	   $(patsubst %,$(OUT)/obj/gen/%.asn1.o,$(filter cert_%,$(GRAMMARS)) \
	   $(KERNEL_GRAMMARS))
	$(CXX) $(LDFLAGS) -o $@ $^ -lcrypto

# the target that must crash (tests/run-all.sh: fuzz.selftest)
$(OUT)/fuzz-crash: $(OUT)/obj/harness/fuzz-crash.o
	$(CXX) $(LDFLAGS) -o $@ $^

-include $(shell find $(OUT)/obj -name '*.d' 2>/dev/null)
