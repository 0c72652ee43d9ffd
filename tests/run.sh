#!/bin/sh
# tests/run.sh: runs every test program given on the command line and the
# man page checks, then prints one closing line "N passed, N failed".
# A program that dies without cmocka's summary counts as one failure, so a
# crash can never pass silently.
passed=0
failed=0
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT

count_run() { # name, exit status: reads cmocka's summary from $log
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL: $1 exited with status $2 before reporting" >&2
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

for t in "$@"; do
	echo "== $t"
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	count_run "$t" "$rc"
done

check() { # name, command...: a shell check passes when silent and 0
	name=$1
	shift
	if out=$("$@" 2>&1) && [ -z "$out" ]; then
		echo "[       OK ] $name"
		passed=$((passed + 1))
	else
		echo "[  FAILED  ] $name"
		printf '%s\n' "$out"
		failed=$((failed + 1))
	fi
}

echo "== man pages"
for page in man/yeonpyo.1 man/yeonpyo.5; do
	check "mandoc -T lint $page" mandoc -T lint -W warning "$page"
	check "groff -ww -z -man $page" groff -ww -z -man "$page"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
