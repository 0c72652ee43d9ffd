#!/bin/sh
# tests/run.sh: runs every test program given on the command line and the
# man page checks, then prints one closing line "N passed, N failed".
# A program that dies without cmocka's summary counts as one failure, so a
# crash can never pass silently. With SAN_TESTS (programs of the sanitizer
# build) and SAN_BIN (its yeonpyo), those run too; with --programs first,
# only the programs given run.
# usage: tests/run.sh [--programs] PROGRAM...
programs_only=false
if [ "${1:-}" = --programs ]; then
	programs_only=true
	shift
fi
YP=${YEONPYO_BIN:-./yeonpyo}
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
# the same programs against the sanitizer build: any report fails its run
for t in ${SAN_TESTS:-}; do
	echo "== $t (AddressSanitizer, UndefinedBehaviorSanitizer)"
	YEONPYO_BIN=$SAN_BIN "$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	count_run "$t" "$rc"
done
if $programs_only; then
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

check() { # [--may-skip] name, command...: a shell check passes when
	# silent and 0; with --may-skip, status 77 is a skip, its output the
	# reason (never a pass)
	may_skip=false
	if [ "$1" = --may-skip ]; then
		may_skip=true
		shift
	fi
	name=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	if $may_skip && [ "$rc" -eq 77 ]; then
		echo "[ SKIPPED  ] $name: $out"
	elif [ "$rc" -eq 0 ] && [ -z "$out" ]; then
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

# yeonpyo(1)'s SYNOPSIS and COMMANDS say what --help says, and OPTIONS
# and CONFIGURATION what src/options.def says (the KEYS section is checked
# against src/keys.def by test_keys).
check "yeonpyo(1) SYNOPSIS, COMMANDS, OPTIONS match --help and options.def" \
	/usr/bin/python3 tests/check_man.py "$YP" man/yeonpyo.1

# The layers hold by construction: no two object files call each other,
# even by way of others; curses and the browser's headers stay in src/ui
# (and main.c); no source file reaches 800 lines. LAYER_OBJS: the
# program's objects, from the Makefile.
if [ -n "${LAYER_OBJS:-}" ]; then
	# shellcheck disable=SC2086  # a list of files
	check "layers: no call cycle, curses only in src/ui, files under 800 lines" \
		/usr/bin/python3 tests/check_layers.py src include/yeonpyo $LAYER_OBJS
fi

# Only src/options.def spells a setting: its flags, keys and values.
check "options.def's words are written in no other source file" \
	/usr/bin/python3 tests/check_options.py

# The examples of yeonpyo(5) must be valid input: render the page, cut out
# the document and the NDJSON lines, and import both into an empty database.
man_examples() {
	dir=$(mktemp -d) || return 1
	mandoc -T utf8 -O width=250 man/yeonpyo.5 | sed 's/.\x08//g' >"$dir/page"
	awk '/A document holding one event/{f=1;next} /Records as NDJSON/{f=0} f' \
		"$dir/page" >"$dir/doc.json"
	awk '/Records as NDJSON/{f=1;next} /^DIAGNOSTICS/{f=0} f && NF' \
		"$dir/page" | sed 's/^ *//' >"$dir/feed.ndjson"
	"$YP" --db "$dir/t.db" db init --empty >/dev/null &&
		"$YP" --db "$dir/t.db" import "$dir/doc.json" 2>&1 |
		grep -v '^imported 1 event, 4 organizations, 1 person, 1 source$'
	"$YP" --db "$dir/t.db" import "$dir/feed.ndjson" 2>&1 |
		grep -v '^imported 1 event, 2 organizations, 0 people, 0 sources$'
	rm -rf "$dir"
}
check "yeonpyo(5) examples import" man_examples

# The configuration example of yeonpyo(1) must read without a problem.
man_config_example() {
	dir=$(mktemp -d) || return 1
	mkdir -p "$dir/yeonpyo"
	mandoc -T utf8 -O width=250 man/yeonpyo.1 | sed 's/.\x08//g' |
		awk '/# ~\/.config\/yeonpyo\/config/{f=1} f && !NF{f=0} f' |
		sed 's/^ *//' >"$dir/yeonpyo/config"
	[ "$(wc -l <"$dir/yeonpyo/config")" -ge 10 ] || echo "no example found"
	XDG_CONFIG_HOME=$dir "$YP" config --dump 2>&1 >/dev/null
	rm -rf "$dir"
}
check "yeonpyo(1) configuration example reads without a problem" \
	man_config_example

# make install and uninstall honour DESTDIR and PREFIX.
install_tree() {
	dir=$(mktemp -d) || return 1
	env -u MAKEFLAGS -u MFLAGS make -s install DESTDIR="$dir" PREFIX=/opt/yp >/dev/null || return 1
	for f in bin/yeonpyo share/yeonpyo/timeline.json \
		share/yeonpyo/timeline.db share/man/man1/yeonpyo.1 \
		share/man/man5/yeonpyo.5 \
		share/bash-completion/completions/yeonpyo \
		share/zsh/site-functions/_yeonpyo; do
		[ -f "$dir/opt/yp/$f" ] || echo "not installed: $f"
	done
	env -u MAKEFLAGS -u MFLAGS make -s uninstall DESTDIR="$dir" PREFIX=/opt/yp >/dev/null || return 1
	left=$(find "$dir" -type f)
	[ -z "$left" ] || echo "left after uninstall: $left"
	rm -rf "$dir"
}
check "make install/uninstall with DESTDIR and PREFIX" install_tree

# The generator's feed imports whole, and the same seed gives the same feed.
generated_feed() {
	dir=$(mktemp -d) || return 1
	build/gen 300 7 >"$dir/a.ndjson" && build/gen 300 7 >"$dir/b.ndjson" &&
		cmp -s "$dir/a.ndjson" "$dir/b.ndjson" || echo "gen: not deterministic"
	"$YP" --db "$dir/t.db" db init --empty >/dev/null &&
		"$YP" --db "$dir/t.db" import "$dir/a.ndjson" 2>&1 |
		grep -v '^imported 300 events, 500 organizations, 2000 people, 5000 sources$'
	rm -rf "$dir"
}
check "tests/gen feed imports (300 events)" generated_feed

# The same records as one JSON document (streamed, from a file and through
# a pipe) import to the same database as the NDJSON feed.
generated_document() {
	dir=$(mktemp -d) || return 1
	build/gen 300 7 >"$dir/a.ndjson"
	build/gen --document 300 7 >"$dir/a.json"
	for how in ndjson file pipe; do
		"$YP" --db "$dir/$how.db" db init --empty >/dev/null
		case $how in
		ndjson) "$YP" --db "$dir/$how.db" import "$dir/a.ndjson" ;;
		file) "$YP" --db "$dir/$how.db" import "$dir/a.json" ;;
		pipe) cat "$dir/a.json" | "$YP" --db "$dir/$how.db" import - ;;
		esac 2>&1 | grep -v '^imported 300 events, 500 organizations, 2000 people, 5000 sources$'
		"$YP" --db "$dir/$how.db" export --format ndjson >"$dir/$how.out"
	done
	[ -s "$dir/ndjson.out" ] || echo "empty export"
	cmp "$dir/ndjson.out" "$dir/file.out"
	cmp "$dir/ndjson.out" "$dir/pipe.out"
	rm -rf "$dir"
}
check "tests/gen document imports as its feed does (file and pipe)" generated_document

# export --format ics, csv and md read back by a real iCalendar parser and
# Python's csv module, against the events of the ndjson export.
check "exports read back: ics (python3-icalendar), csv, md" \
	/usr/bin/python3 tests/check_exports.py "$YP"

# The bash and zsh completions, loaded by the real shells.
check "bash and zsh completions offer commands, values and ids" \
	sh tests/completion.sh "$YP"

# The fuzz targets over their seed corpora and every input that once
# crashed one (tests/fuzz/regressions), in both builds.
fuzz_replay() {
	for dir in build/replay build/san/replay; do
		for t in import text search; do
			[ -x "$dir/replay_$t" ] || { echo "no $dir/replay_$t"; continue; }
			set -- tests/fuzz/corpus/$t/*
			[ -d "tests/fuzz/regressions/$t" ] &&
				set -- "$@" tests/fuzz/regressions/$t/*
			"$dir/replay_$t" "$@" >/dev/null || echo "$dir/replay_$t failed"
		done
	done
}
check "fuzz corpora and regressions replay (import, text, search)" fuzz_replay

# Foreign, damaged and locked databases, a file-size limit and a SIGKILL
# in the middle of an import; then unreadable, read-only and shared ones,
# as another user when this one is root.
check "database faults: messages, statuses, nothing half-written" \
	sh tests/faults.sh "$YP" build/gen
check --may-skip "database permissions, as another user when root" \
	sh tests/faults.sh --other-user "$YP" build/gen

# The browser over ssh -tt from inside tmux, to an sshd started here.
check --may-skip "ssh test (sshd on 127.0.0.1, ssh -tt inside tmux)" \
	sh tests/ssh_test.sh
check --may-skip "ssh test through a link of 200 ms each way" \
	sh tests/ssh_test.sh --delay 200

check "tmux smoke test (100x30)" sh tests/tmux_smoke.sh

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
