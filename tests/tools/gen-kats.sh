#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Derive the known answers of net/handshake/tls13/tests/keysched_test.c and
# record_test.c with OpenSSL (its TLS13-KDF and HKDF, HMAC, and AEADs through
# tests/tools/aead-record), independently of the engine. Prints NAME HEX.
# Usage: gen-kats.sh [path to aead-record binary]
set -euo pipefail
AEAD=${1:-./aead-record}
"$AEAD" selftest >/dev/null

hx() { tr -d ':\n ' | tr 'A-F' 'a-f'; }
rep() { printf "%0.s$1" $(seq "$2"); }
seqhex() { python3 -c "print(bytes(range($1, $1 + $2)).hex())"; }
x13() {	# x13 DIGEST KEYLEN SECRET LABEL CONTEXT: HKDF-Expand-Label
	openssl kdf -keylen "$2" -kdfopt mode:EXPAND_ONLY -kdfopt digest:"$1" \
		-kdfopt hexkey:"$3" -kdfopt prefix:"tls13 " -kdfopt label:"$4" \
		-kdfopt hexdata:"$5" TLS13-KDF | hx
}
extract() { # extract DIGEST KEYLEN IKM [PREVSECRET]: next stage secret
	openssl kdf -keylen "$2" -kdfopt mode:EXTRACT_ONLY -kdfopt digest:"$1" \
		-kdfopt hexkey:"$3" ${4:+-kdfopt hexsalt:"$4"} \
		-kdfopt prefix:"tls13 " -kdfopt label:"derived" TLS13-KDF | hx
}

# SHA-384 key schedule: no PSK, a 48-byte (EC)DHE secret 0xa0..0xcf, and
# the transcript hash SHA-384("tls13 kat transcript").
zero48=$(rep 00 48)
dhe=$(seqhex 0xa0 48)
th=$(printf 'tls13 kat transcript' | openssl dgst -sha384 -binary | xxd -p | hx)
early=$(extract SHA384 48 "$zero48")
hs=$(extract SHA384 48 "$dhe" "$early")
ms=$(extract SHA384 48 "$zero48" "$hs")
chs=$(x13 SHA384 48 "$hs" "c hs traffic" "$th")
key=$(x13 SHA384 32 "$chs" key "")
iv=$(x13 SHA384 12 "$chs" iv "")
upd=$(x13 SHA384 48 "$chs" "traffic upd" "")
fk=$(x13 SHA384 48 "$chs" finished "")
vd=$(printf '%s' "$th" | xxd -r -p | openssl dgst -sha384 -mac HMAC -macopt hexkey:"$fk" -binary | xxd -p | hx)
psk=$(seqhex 1 48)
pskearly=$(extract SHA384 48 "$psk")
binder_key=$(x13 SHA384 48 "$pskearly" "ext binder" "$(printf '' | openssl dgst -sha384 -binary | xxd -p | hx)")
echo "sha384_dhe $dhe"
echo "sha384_thash $th"
echo "sha384_early $early"
echo "sha384_hs $hs"
echo "sha384_master $ms"
echo "sha384_c_hs_traffic $chs"
echo "sha384_key $key"
echo "sha384_iv $iv"
echo "sha384_traffic_upd $upd"
echo "sha384_finished_key $fk"
echo "sha384_verify_data $vd"
echo "sha384_psk $psk"
echo "sha384_psk_early $pskearly"
echo "sha384_ext_binder_key $binder_key"

# KeyUpdate (RFC 8446 section 7.2) with SHA-256: two generations from
# RFC 8448's client_application_traffic_secret_0 (simple 1-RTT), and the
# AES-128-GCM key and IV of the first.
s3_c_ap=2dca43b0ae13af89e9533d39b65dd25cc22df9e7afcaf082a76895a4da353b50
upd1=$(x13 SHA256 32 "$s3_c_ap" "traffic upd" "")
upd2=$(x13 SHA256 32 "$upd1" "traffic upd" "")
echo "s3_c_ap_traffic $s3_c_ap"
echo "s256_traffic_upd1 $upd1"
echo "s256_traffic_upd2 $upd2"
echo "s256_upd1_key $(x13 SHA256 16 "$upd1" key "")"
echo "s256_upd1_iv $(x13 SHA256 12 "$upd1" iv "")"

# Records. AES-256-GCM: the SHA-384 keys above, a Finished message, seq 5,
# 7 bytes of padding. ChaCha20-Poly1305 and AES-128-CCM: SHA-256 traffic
# secret 0x00..0x1f.
echo "gcm256_key $key"
echo "gcm256_iv $iv"
echo "gcm256_payload 14000030$vd"
echo "rec_gcm256 $("$AEAD" aes-256-gcm "$key" "$iv" 5 22 "14000030$vd" 7)"
s256=$(seqhex 0 32)
ckey=$(x13 SHA256 32 "$s256" key "")
civ=$(x13 SHA256 12 "$s256" iv "")
mkey=$(x13 SHA256 16 "$s256" key "")
echo "s256_secret $s256"
echo "chacha_key $ckey"
echo "chacha_iv $civ"
echo "ccm_key $mkey"
echo "rec_chacha $("$AEAD" chacha20-poly1305 "$ckey" "$civ" 1 23 "$(seqhex 0 64)" 0)"
echo "rec_ccm $("$AEAD" aes-128-ccm "$mkey" "$civ" 2 21 0232 13)"
