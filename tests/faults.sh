#!/bin/sh
# tests/faults.sh: a database that is unreadable, read-only, not a
# database, damaged, locked by a writer, or that hits a file-size limit or
# a SIGKILL in the middle of an import. Each gets one line saying what is
# wrong and what to do, the documented exit status, and a file left as it
# was (or rolled back). Silent when all is well; prints what differs.
# With --other-user, only the cases about permissions, which mean nothing
# to root: as root they run as nobody, with a copy of the program and the
# files in a directory of their own that nobody can reach (the clone may
# sit where nobody cannot, as root's home does); when none can be made,
# the script says why and exits 77 (skipped, not passed).
# usage: tests/faults.sh [--other-user] YEONPYO GEN
other_user=false
if [ "${1:-}" = --other-user ]; then
	other_user=true
	shift
fi
YP=$1
GEN=$2
# the messages checked here are the database's; a caller's locale without
# Hangul (make check from a bare env -i) adds its own line before them
LC_ALL=C.UTF-8
export LC_ALL
case $YP in /*) ;; *) YP=$(pwd)/$YP ;; esac
case $GEN in /*) ;; *) GEN=$(pwd)/$GEN ;; esac

# expect NAME STATUS STDERR-PATTERN COMMAND...: the status, and stderr
# matching the grep -E pattern (one line).
expect() {
	name=$1 want=$2 pattern=$3
	shift 3
	"$@" >"$dir/out" 2>"$dir/err"
	got=$?
	[ "$got" = "$want" ] || echo "$name: status $got, not $want"
	if [ -n "$pattern" ]; then
		[ "$(wc -l <"$dir/err")" -eq 1 ] && grep -Eq "$pattern" "$dir/err" ||
			{ echo "$name: stderr:"; cat "$dir/err"; }
	fi
}

# Waits up to 10 s for a file to appear (what another process does, not
# how long it takes); false when it never does.
wait_for_file() {
	i=0
	while [ ! -e "$1" ]; do
		i=$((i + 1))
		[ $i -le 200 ] || return 1
		sleep 0.05
	done
}

# --- as another user ---------------------------------------------------
permission_cases() {
	# unreadable
	cp "$dir/ok.db" "$dir/none.db"
	chmod 000 "$dir/none.db"
	expect unreadable 74 "^yeonpyo: $dir/none.db: cannot open database: Permission denied \(check the permissions" \
		as_user "$YP" --db "$dir/none.db" list

	# read-only: a database in WAL mode cannot be read without its -shm
	# file (and says what to do); one in rollback mode is browsed, and
	# writing it says why; the file stays as it was
	cp "$dir/ok.db" "$dir/wal.db"
	chmod 444 "$dir/wal.db"
	expect "read-only WAL" 74 "a database in WAL mode needs files beside it that you cannot create; its owner can make it shareable with 'yeonpyo db init --shared'" \
		as_user "$YP" --db "$dir/wal.db" list
	"$YP" --db "$dir/ro.db" db init --shared >/dev/null 2>&1
	chmod 444 "$dir/ro.db"
	cp "$dir/ro.db" "$dir/ro.copy"
	expect "read-only list" 0 "" as_user "$YP" --db "$dir/ro.db" list
	"$GEN" 50 3 >"$dir/feed.ndjson"
	chmod 644 "$dir/feed.ndjson"
	expect "read-only import" 74 "read-only for you; browse it as it is, or use --db" \
		as_user "$YP" --db "$dir/ro.db" import "$dir/feed.ndjson"
	cmp -s "$dir/ro.copy" "$dir/ro.db" || echo "read-only: the file changed"

	# shared read-only (db init --shared, file and directory read-only):
	# every user can list and search it; nothing is written to it
	mkdir "$dir/shared"
	"$YP" --db "$dir/shared/s.db" db init --shared >/dev/null 2>&1
	chmod 444 "$dir/shared/s.db"
	chmod 555 "$dir/shared"
	cp "$dir/shared/s.db" "$dir/shared.copy"
	expect "shared list" 0 "" as_user "$YP" --db "$dir/shared/s.db" list
	grep -q "KT" "$dir/out" || echo "shared list: no events"
	expect "shared search" 0 "" as_user "$YP" --db "$dir/shared/s.db" search 동맹
	[ -s "$dir/out" ] || echo "shared search: no results"
	# notes are the user's, in a state of their own: every form of note
	# works over it, and finds and shows them
	mkdir "$dir/state" && chmod 777 "$dir/state"
	note() {
		as_user env XDG_STATE_HOME="$dir/state" \
			"$YP" --db "$dir/shared/s.db" "$@"
	}
	gtaa=2023-07-27-global-telco-ai-alliance-launch
	expect "shared note" 0 "" note note "$gtaa" "공유 DB의 메모"
	expect "shared note --export" 0 "" note note --export
	cp "$dir/out" "$dir/notes.ndjson"
	chmod 644 "$dir/notes.ndjson"
	expect "shared note --delete" 0 "" note note --delete "$gtaa"
	expect "shared note --import" 0 "^imported 1 note$" \
		note note --import "$dir/notes.ndjson"
	expect "shared note, read back" 0 "" note note "$gtaa"
	[ "$(cat "$dir/out")" = "공유 DB의 메모" ] ||
		echo "shared note: reads back $(cat "$dir/out")"
	expect "shared list --noted" 0 "" note list --noted
	grep -q "Global Telco AI Alliance" "$dir/out" ||
		echo "shared list --noted: $(cat "$dir/out")"
	cmp -s "$dir/shared/s.db" "$dir/shared.copy" || echo "shared: the file changed"
	[ "$(ls "$dir/shared")" = s.db ] ||
		echo "shared: files left beside it: $(ls "$dir/shared")"
}

if $other_user; then
	if [ "$(id -u)" != 0 ]; then
		# permissions hold for this user itself
		dir=$(mktemp -d) || exit 1
		trap 'chmod -R u+rwx "$dir"; rm -rf "$dir"' EXIT
		as_user() { "$@"; }
	else
		command -v setpriv >/dev/null ||
			{ echo "no setpriv (Debian package util-linux) to run as nobody"; exit 77; }
		as_nobody() {
			setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
		}
		# a directory nobody can reach, whatever TMPDIR and the clone's
		# path are: under TMPDIR if nobody can reach that, else /tmp
		dir=""
		for base in "${TMPDIR:-/tmp}" /tmp; do
			d=$(mktemp -d "$base/yeonpyo-faults.XXXXXX") || continue
			chmod 755 "$d"
			if as_nobody test -x "$d"; then
				dir=$d
				break
			fi
			rmdir "$d"
		done
		[ -n "$dir" ] || { echo "neither ${TMPDIR:-/tmp} nor /tmp lets the user nobody in"; exit 77; }
		trap 'chmod -R u+rwx "$dir"; rm -rf "$dir"' EXIT
		# the program and what it runs as nobody, copied where nobody
		# can run them
		mkdir "$dir/bin" && cp "$YP" "$dir/bin/yeonpyo" && chmod 755 "$dir/bin/yeonpyo" ||
			exit 1
		YP=$dir/bin/yeonpyo
		as_nobody "$YP" --version >/dev/null 2>&1 ||
			{ echo "nobody cannot run a copy of yeonpyo in $dir"; exit 77; }
		mkdir "$dir/home" && chmod 777 "$dir/home"
		as_user() {
			as_nobody env HOME="$dir/home" XDG_CONFIG_HOME= \
				XDG_STATE_HOME= XDG_DATA_HOME= "$@"
		}
	fi
	"$YP" --db "$dir/ok.db" db init >/dev/null 2>&1 || echo "db init failed"
	permission_cases
	exit 0
fi

# --- as this user ------------------------------------------------------
dir=$(mktemp -d) || exit 1
trap 'chmod -R u+rwx "$dir"; rm -rf "$dir"' EXIT

"$YP" --db "$dir/ok.db" db init >/dev/null 2>&1 || echo "db init failed"
"$YP" --db "$dir/ok.db" export >"$dir/ok.json"

# not a database: random bytes
head -c 8192 /dev/urandom >"$dir/rand.db"
cp "$dir/rand.db" "$dir/rand.copy"
expect "random bytes" 65 "file is not a database \(use --db to choose another file\)" \
	"$YP" --db "$dir/rand.db" list
cmp -s "$dir/rand.db" "$dir/rand.copy" || echo "random bytes: the file changed"

# damaged: cut short; left alone until db rebuild, which keeps it aside
size=$(wc -c <"$dir/ok.db")
head -c $((size / 3)) "$dir/ok.db" >"$dir/cut.db"
cp "$dir/cut.db" "$dir/cut.copy"
expect truncated 65 "the file is damaged; 'yeonpyo db rebuild' starts a new database" \
	"$YP" --db "$dir/cut.db" list
cmp -s "$dir/cut.db" "$dir/cut.copy" || echo "truncated: the file changed"
expect rebuild 0 "the old database is kept as $dir/cut.db.broken-" \
	"$YP" --db "$dir/cut.db" db rebuild
cmp -s "$dir"/cut.db.broken-* "$dir/cut.copy" || echo "rebuild: the old file was not kept as it was"
expect "rebuilt check" 0 "" "$YP" --db "$dir/cut.db" db check

# a file-size limit in the middle of an import: rolled back, and said so
cp "$dir/ok.db" "$dir/lim.db"
"$GEN" 3000 5 >"$dir/big.ndjson"
blocks=$(( (size / 512) + 200 ))
expect "file size limit" 74 "writing failed: the disk may be full, or the file may grow no more; nothing was changed" \
	sh -c "ulimit -f $blocks; exec '$YP' --db '$dir/lim.db' import '$dir/big.ndjson'"
"$YP" --db "$dir/lim.db" export | cmp -s - "$dir/ok.json" ||
	echo "file size limit: the records changed"
expect "file size limit check" 0 "" "$YP" --db "$dir/lim.db" db check

# SIGKILL in the middle of an import: the next run finds the data as it
# was. The feed comes through a pipe held open, so the import is in its
# transaction, having read all but the last pipeful, when it is killed.
cp "$dir/ok.db" "$dir/kill.db"
mkfifo "$dir/feed.fifo"
"$YP" --db "$dir/kill.db" import - <"$dir/feed.fifo" >/dev/null 2>&1 &
pid=$!
exec 3>"$dir/feed.fifo"
# returns once the import has taken all but what the pipe holds (64 KB
# of 3.9 MB)
head -n 2999 "$dir/big.ndjson" >&3
kill -9 "$pid" 2>/dev/null || echo "SIGKILL: the import ended before the kill"
exec 3>&-
wait "$pid" 2>/dev/null
"$YP" --db "$dir/kill.db" export | cmp -s - "$dir/ok.json" ||
	echo "SIGKILL: the records changed"
expect "SIGKILL check" 0 "" "$YP" --db "$dir/kill.db" db check

# a writer holding the database for longer than the 5 s we wait: in WAL
# mode reading goes on, a second writer says it is locked
cp "$dir/ok.db" "$dir/lock.db"
touch "$dir/hold"
sqlite3 "$dir/lock.db" "BEGIN IMMEDIATE" ".shell touch '$dir/locked'" \
	".shell while [ -e '$dir/hold' ]; do sleep 0.05; done" "COMMIT" &
lock=$!
wait_for_file "$dir/locked" || echo "locked: sqlite3 never took the lock"
expect "read while locked" 0 "" "$YP" --db "$dir/lock.db" list
expect locked 74 "database is locked \(another program is writing it; retry, or use --db\)" \
	"$YP" --db "$dir/lock.db" import "$dir/big.ndjson"
rm -f "$dir/hold"
wait "$lock"
exit 0
