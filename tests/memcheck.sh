#!/bin/sh
# tests/memcheck.sh: runs test programs with every yeonpyo they start under
# valgrind's memcheck; a run passes when valgrind has nothing to say (no
# error, no definite or indirect leak) beyond tests/valgrind.supp, whose
# every entry says why it is library noise. Prints one closing line.
# usage: tests/memcheck.sh PROGRAM...
top=$(pwd)
logs=$(mktemp -d "${TMPDIR:-/tmp}/yeonpyo-memcheck.XXXXXX") || exit 1
trap 'rm -rf "$logs"' EXIT
cat >"$logs/yeonpyo" <<WRAP
#!/bin/sh
exec valgrind --quiet --log-file="$logs/vg.%p" --leak-check=full \\
	--show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \\
	--suppressions="$top/tests/valgrind.supp" "$top/yeonpyo" "\$@"
WRAP
chmod +x "$logs/yeonpyo"
YEONPYO_BIN="$logs/yeonpyo" sh tests/run.sh --programs "$@"
rc=$?
runs=0
noisy=0
for f in "$logs"/vg.*; do
	[ -e "$f" ] || continue
	runs=$((runs + 1))
	if [ -s "$f" ]; then
		noisy=$((noisy + 1))
		echo "== valgrind: $f"
		cat "$f"
	fi
done
echo "valgrind: $runs runs of yeonpyo, $noisy with errors or leaks"
[ "$runs" -gt 0 ] && [ "$noisy" -eq 0 ] && [ "$rc" -eq 0 ]
