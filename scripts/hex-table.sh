# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the vector generators (cert-vectors.sh, cred-vectors.sh):
# hex_table NAME FILE COMMENT prints FILE's bytes as a C table, eleven to a
# line, marked __maybe_unused (a suite may use only some of a header).
hex_table() {
	printf '/* %s */\nstatic const u8 %s[] __maybe_unused = {\n' "$3" "$1"
	od -An -v -tx1 "$2" | tr -s '[:space:]' '\n' | sed '/^$/d' |
		awk '{ b[NR] = $1 } END {
			for (i = 1; i <= NR; i += 11) {
				s = "\t0x" b[i] ","
				for (j = i + 1; j < i + 11 && j <= NR; j++)
					s = s " 0x" b[j] ","
				print s
			}
		}'
	printf '};\n\n'
}
