# SPDX-License-Identifier: GPL-2.0-only
# The job pool behind `make check` (tests/run-all.sh) and its self-test
# (tests/harness/self-test.sh); sourced by bash after scripts/lib.sh.
#
# A job is a command that writes its TAP verdicts to the file named by
# $RESULTS, one line per TAP line:
#   PASS|FAIL|SKIP NAME SECONDS[ # why]
# and may follow a line with "# ..." lines that the report shows under it.
# A job that writes nothing is one failed TAP line named after the job.
#
#   job ID COMMAND...   declare a job (ID names its log and its timing)
#   run_jobs            run them, TLS13_VM_JOBS at a time (default: the
#                       number of CPUs; JOB_SERIAL=1: one at a time, in
#                       the order declared), print the TAP lines in the
#                       order the jobs were declared as soon as that
#                       order allows, and forget them (the TAP numbering
#                       goes on with the next run_jobs)
#   tap_footer          the plan line, the five slowest TAP lines and the
#                       closing "N passed, N failed, N skipped" line;
#                       returns non-zero if any line failed or none ran
#   step NAME COMMAND...  a job of one TAP line: COMMAND's exit status,
#                       its output in $CACHE/logs/NAME.log
#   boot NAME PART...   a job's command: one VM (scripts/vm-run.sh, log
#                       $CACHE/logs/boot-NAME.log), one TAP line per part
#   pair FILE...        a job's command: for each FILE, a server VM and
#                       its clients (scripts/vm-pair.sh), one pair after
#                       the other, one TAP line per client
#
# Jobs start longest first, by the time each took in the previous run
# ($JOB_TIMES, default $CACHE/job-times), so that the pool ends as early as it can; the order
# of the TAP lines does not depend on it.

JOB_ID=()
JOB_CMD=()
TAP_N=0 TAP_PASSED=0 TAP_FAILED=0 TAP_SKIPPED=0
TAP_TIMES=()

job() {	# job ID COMMAND...
	local id=$1
	shift
	JOB_ID+=("$id")
	JOB_CMD+=("$(printf '%q ' "$@")")
}

step() {	# step NAME COMMAND...
	job "$1" run_step "$@"
}

run_step() {	# the job behind step
	local name=$1 log=$CACHE/logs/$1.log start=$SECONDS
	shift
	if "$@" >"$log" 2>&1; then
		echo "PASS $name $((SECONDS - start))" >>"$RESULTS"
	else
		echo "FAIL $name $((SECONDS - start)) # see $log" >>"$RESULTS"
		tail -n 20 "$log" | sed 's/^/# /' >>"$RESULTS"
	fi
}

boot() {	# boot NAME PART...
	"$TOP/scripts/vm-run.sh" -l "$CACHE/logs/boot-$1.log" -r "$RESULTS" "${@:2}"
}

pair() {	# pair FILE...: one after the other
	local f r=0 res
	res=$(mktemp)
	for f in "$@"; do
		"$TOP/scripts/vm-pair.sh" -r "$res" "$f" || r=1
		cat "$res" >>"$RESULTS"
		: >"$res"
	done
	rm -f "$res"
	return $r
}

tap_print() {	# tap_print RESULTS-FILE JOB-ID
	local verdict name secs why line found=0
	while IFS= read -r line; do
		case $line in
		'#'*) echo "$line"; continue ;;
		esac
		read -r verdict name secs why <<<"$line"
		why=${why#\# }
		found=1
		TAP_N=$((TAP_N + 1))
		TAP_TIMES+=("$secs $name")
		case $verdict in
		PASS) TAP_PASSED=$((TAP_PASSED + 1)); echo "ok $TAP_N $name" ;;
		SKIP) TAP_SKIPPED=$((TAP_SKIPPED + 1)); echo "ok $TAP_N $name # SKIP $why" ;;
		*) TAP_FAILED=$((TAP_FAILED + 1)); echo "not ok $TAP_N $name${why:+ # $why}" ;;
		esac
	done <"$1"
	if [ $found = 0 ]; then
		TAP_N=$((TAP_N + 1)) TAP_FAILED=$((TAP_FAILED + 1))
		echo "not ok $TAP_N $2 # the job reported nothing (log: $CACHE/logs/job-$2.log)"
		tail -n 20 "$CACHE/logs/job-$2.log" 2>/dev/null | sed 's/^/# /'
	fi
}

run_jobs() {
	local slots=${TLS13_VM_JOBS:-$(nproc)} times=${JOB_TIMES:-$CACHE/job-times}
	[ "${JOB_SERIAL:-0}" = 0 ] || slots=1 times=
	local dir n=${#JOB_ID[@]} i j pid next=0 printed=0 running=0
	local -a order done_at start_at secs_of
	local -A pid_job last
	dir=$(mktemp -d "$CACHE/results.XXXXXX")
	mkdir -p "$CACHE/logs"
	# longest first, by the previous run's times (unknown: first)
	if [ -n "$times" ] && [ -f "$times" ]; then
		while read -r j s; do last[$j]=$s; done <"$times"
	fi
	mapfile -t order < <(for ((i = 0; i < n; i++)); do
		echo "${last[${JOB_ID[i]}]:-99999} $i"
	done | sort -s -k1,1nr | cut -d' ' -f2)
	while [ $printed -lt "$n" ]; do
		while [ $running -lt "$slots" ] && [ $next -lt "$n" ]; do
			i=${order[next]}
			next=$((next + 1))
			: >"$dir/$i"
			RESULTS=$dir/$i eval "${JOB_CMD[i]}" \
				>"$CACHE/logs/job-${JOB_ID[i]}.log" 2>&1 &
			pid_job[$!]=$i
			start_at[i]=$SECONDS
			running=$((running + 1))
		done
		if [ $running -gt 0 ]; then
			wait -n -p pid || true
			i=${pid_job[$pid]}
			unset "pid_job[$pid]"
			running=$((running - 1))
			done_at[i]=1
			secs_of[i]=$((SECONDS - start_at[i]))
			echo "# ${JOB_ID[i]}: ${secs_of[i]}s"
		fi
		while [ $printed -lt "$n" ] && [ -n "${done_at[printed]:-}" ]; do
			tap_print "$dir/$printed" "${JOB_ID[printed]}"
			printed=$((printed + 1))
		done
	done
	# this run's times for the next run's order
	if [ -n "$times" ]; then
		for ((i = 0; i < n; i++)); do
			echo "${JOB_ID[i]} ${secs_of[i]}"
		done >"$times.tmp" && mv "$times.tmp" "$times"
	fi
	rm -rf "$dir"
	JOB_ID=() JOB_CMD=()
}

tap_footer() {
	echo "1..$TAP_N"
	echo "# the five slowest TAP lines:"
	printf '%s\n' "${TAP_TIMES[@]}" | sort -s -k1,1nr | head -n 5 |
		while read -r s name; do printf '#   %5ss %s\n' "$s" "$name"; done
	echo "$TAP_PASSED passed, $TAP_FAILED failed, $TAP_SKIPPED skipped"
	[ "$TAP_N" -gt 0 ] && [ "$TAP_FAILED" = 0 ]
}
