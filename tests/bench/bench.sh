#!/bin/sh
# bench.sh: make bench's table. For each size it generates a feed, imports
# it, and measures yeonpyo beside a reference run here on the same rows:
# sqlite3 loading them, and less on the same timeline as text. Figures are
# medians of $BENCH_RUNS runs; nothing here passes or fails.
#
# usage: tests/bench/bench.sh [SIZES...]   (default: 1000 100000 1000000)
set -eu

B=${B:-build}
YP=${YEONPYO_BIN:-./yeonpyo}
RUNS=${BENCH_RUNS:-3}
ROWS=40
COLS=120
W=$(mktemp -d "${TMPDIR:-/tmp}/yeonpyo-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
# The browser's state (where it was, what was seen) kept apart from the
# user's, and every probe started from the top with --top: resumed where
# the last probe left it, the first G after start found the selection
# already at the end and measured a key that did nothing.
XDG_STATE_HOME="$W/state"
export XDG_STATE_HOME
[ $# -gt 0 ] || set -- 1000 100000 1000000

# The median of numbers on standard input.
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

# Seconds since the epoch, to the nanosecond: /usr/bin/time's %e has
# 10 ms steps, and the shell loads 1,000 rows in less than one.
now_s() {
	date +%s.%N
}

# Seconds from now_s's $1 until now, to standard output.
since() {
	awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.6f\n", b - a }'
}

# Seconds a command takes, to standard output; its output is dropped.
seconds() {
	t0=$(now_s)
	"$@" >/dev/null 2>&1
	since "$t0"
}

# A command's peak resident set in KB (GNU time's %M) into file $1; "-"
# without GNU time. Its output is dropped.
peak_kb() {
	out=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$out" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$out" >"$out.last" && mv "$out.last" "$out"
	else
		echo - >"$out"
	fi
}

# The sqlite3 shell's reference loads, in pieces: the event rows' table
# and index; then, for the external-content reference, a view of the
# texts and an FTS5 index that reads them through it, built at the end.
REF_TABLE="CREATE TABLE t(id TEXT PRIMARY KEY, date_key INTEGER,
	title_ko, title_en, summary_ko, summary_en)"
REF_INDEX="CREATE INDEX t_by_date ON t(date_key, id)"
REF_VIEW="CREATE VIEW v AS SELECT rowid, title_ko || ' ' || title_en
	AS title, summary_ko || ' ' || summary_en AS body FROM t"
REF_EXT="CREATE VIRTUAL TABLE f USING fts5(title, body, content = 'v',
	content_rowid = 'rowid')"
REF_REBUILD="INSERT INTO f(f) VALUES ('rebuild')"

row() {
	printf '%-9s %-40s %14s %14s\n' "$1" "$2" "$3" "$4"
}

# pty_probe's figure for a key: field 3 (p50), 4 (p99) or 5 (bytes).
probe_field() {
	awk -v k="$2" -v f="$3" '$1 == "key" && $2 == k { print $f }' "$1"
}

machine() {
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
	echo "machine: $(uname -sm), $(nproc) cores, ${cpu:-unknown CPU}," \
		"$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo);" \
		"$(sqlite3 --version | cut -d' ' -f1) sqlite3, $(less --version | head -1)"
	echo "terminal: ${COLS}x${ROWS} pseudo-terminal; median of $RUNS runs;" \
		"latency is key written -> output settled (yeonpyo's frame mark;" \
		"less: last byte before 60 ms of quiet); searches typed a" \
		"character at a time, summed: ko 동맹, en tele, en2 te, cho ㅌㄹ;" \
		"far search: the Korean title of the event 90% into the" \
		"timeline, pasted with Enter (less: settled after 8 s of quiet," \
		"as it searches in silence)"
}

bench_size() {
	n=$1
	# each size's browser state new (the ids of one size's events are
	# those of the next size's first ones)
	rm -rf "$W/state"
	mkdir -p "$W/state"
	feed="$W/feed.ndjson"
	db="$W/yp.db"
	"$B/gen" "$n" 1 >"$feed"
	# import: yeonpyo into an empty database (its --timings line splits
	# off the search index); sqlite3 .import of the same event rows into a
	# table with the same index, then an FTS5 index
	: >"$W/imp"
	: >"$W/imp_rec"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		rm -f "$db" "$db-wal" "$db-shm"
		"$YP" --db "$db" db init --empty >/dev/null 2>&1
		t0=$(now_s)
		"$YP" --db "$db" import --timings "$feed" >/dev/null \
			2>"$W/timings"
		all=$(since "$t0")
		echo "$all" >>"$W/imp"
		# everything but the index: the whole run less its index step
		awk -v all="$all" '$1 == "timings:" {
			printf "%.3f\n", all - $7 }' "$W/timings" >>"$W/imp_rec"
		i=$((i + 1))
	done
	sqlite3 -csv "$db" "SELECT id, date_key, title_ko, title_en,
		summary_ko, summary_en FROM events WHERE origin = 'user'" \
		>"$W/rows.csv"
	: >"$W/ref"
	: >"$W/ref_rec"
	: >"$W/ref_ext"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		rm -f "$W/ref.db"
		seconds sqlite3 "$W/ref.db" \
			"$REF_TABLE" "$REF_INDEX" \
			".import --csv $W/rows.csv t" >>"$W/ref_rec"
		rm -f "$W/ref.db"
		seconds sqlite3 "$W/ref.db" \
			"$REF_TABLE" "$REF_INDEX" \
			".import --csv $W/rows.csv t" \
			"CREATE VIRTUAL TABLE f USING fts5(title, body)" \
			"INSERT INTO f(rowid, title, body) SELECT rowid,
			 title_ko || ' ' || title_en, summary_ko || ' ' ||
			 summary_en FROM t" >>"$W/ref"
		# the reference of issue 19: the same table, and an FTS5 index
		# over the same texts that keeps no copy of them (external
		# content, read through a view)
		rm -f "$W/ref.db"
		seconds sqlite3 "$W/ref.db" \
			"$REF_TABLE" "$REF_INDEX" \
			".import --csv $W/rows.csv t" \
			"$REF_VIEW" "$REF_EXT" "$REF_REBUILD" >>"$W/ref_ext"
		i=$((i + 1))
	done
	rate() {
		awk -v n="$n" -v s="$(median <"$1")" \
			'BEGIN { printf "%.0f", n / s }'
	}
	row "$n" "import without search index, ev/s" "$(rate "$W/imp_rec")" \
		"$(rate "$W/ref_rec")"
	row "" "import with search index, ev/s" "$(rate "$W/imp")" \
		"$(rate "$W/ref")"
	row "" "import with index vs external FTS5" "$(rate "$W/imp")" \
		"$(rate "$W/ref_ext")"
	# bytes per event on disk, beside the external-content reference's
	# file (the last one built, kept until the next size)
	row "" "database bytes per event" \
		"$(($(wc -c <"$db") / n))" "$(($(wc -c <"$W/ref.db") / n))"
	# peak RSS importing the feed, and a document of the same events,
	# into an empty database, beside the shell's for the external FTS5
	# reference load (run once more, alone)
	rm -f "$W/ref_rss.db"
	peak_kb "$W/ref_rss" sqlite3 "$W/ref_rss.db" \
		"$REF_TABLE" "$REF_INDEX" \
		".import --csv $W/rows.csv t" \
		"$REF_VIEW" "$REF_EXT" "$REF_REBUILD"
	rm -f "$W/ref_rss.db" "$W/rss.db" "$W/rss.db-wal" "$W/rss.db-shm"
	"$YP" --db "$W/rss.db" db init --empty >/dev/null 2>&1
	peak_kb "$W/nd_rss" "$YP" --db "$W/rss.db" import "$feed"
	rm -f "$W/rss.db" "$W/rss.db-wal" "$W/rss.db-shm"
	"$B/gen" --document "$n" 1 >"$W/doc.json"
	"$YP" --db "$W/rss.db" db init --empty >/dev/null 2>&1
	peak_kb "$W/doc_rss" "$YP" --db "$W/rss.db" import "$W/doc.json"
	rm -f "$W/rss.db" "$W/rss.db-wal" "$W/rss.db-shm" "$W/doc.json"
	row "" "peak RSS importing (NDJSON), KB" "$(cat "$W/nd_rss")" \
		"$(cat "$W/ref_rss")"
	row "" "peak RSS importing (document), KB" "$(cat "$W/doc_rss")" \
		"$(cat "$W/ref_rss")"

	"$YP" --db "$db" --lang en list >"$W/list.txt"
	: >"$W/ys"
	: >"$W/ls"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		YEONPYO_TEST_IDLE=1 "$B/bench/pty_probe" $ROWS $COLS \
			'j*100,PgDn*20,G|g*20,]*40' -- "$YP" --db "$db" \
			--top --lang en >"$W/yp.$i"
		"$B/bench/pty_probe" $ROWS $COLS 'j*100,Space*20,G|g*10' -- \
			less -S "$W/list.txt" >"$W/less.$i"
		awk '$1 == "start" { print $2 }' "$W/yp.$i" >>"$W/ys"
		awk '$1 == "start" { print $2 }' "$W/less.$i" >>"$W/ls"
		i=$((i + 1))
	done
	row "" "first full screen, ms" "$(median <"$W/ys")" "$(median <"$W/ls")"
	for pair in j:j PgDn:Space 'G|g:G|g' ']:'; do
		yk=${pair%%:*}
		lk=${pair#*:}
		for f in 3 4; do
			y=$(for i in $(seq 0 $((RUNS - 1))); do
				probe_field "$W/yp.$i" "$yk" $f; done | median)
			l=-
			[ -z "$lk" ] || l=$(for i in $(seq 0 $((RUNS - 1))); do
				probe_field "$W/less.$i" "$lk" $f; done | median)
			label="p50"
			[ "$f" = 3 ] || label="p99"
			row "" "key $yk ($lk) $label, ms" "$y" "$l"
		done
	done
	row "" "bytes, one-line scroll (j)" "$(probe_field "$W/yp.0" j 5)" \
		"$(probe_field "$W/less.0" j 5)"
	row "" "bytes, one page (PgDn / Space)" \
		"$(probe_field "$W/yp.0" PgDn 5)" "$(probe_field "$W/less.0" Space 5)"
	# the same with the detail pane hidden (d); Down moves inside the view.
	# From the first event (--top), as less starts: the runs above left
	# the browser in the last year, where at 1,000 events j met the end
	# and wrote nothing. A state of its own, new for each size (it keeps
	# the pane hidden: the next size's d showed it again), so that the
	# runs below start with it shown, as the first ones did
	rm -rf "$W/state-d"
	mkdir -p "$W/state-d"
	XDG_STATE_HOME="$W/state-d" YEONPYO_TEST_IDLE=1 \
		"$B/bench/pty_probe" $ROWS $COLS \
		'd*1,Down*30,j*100,PgDn*20' -- "$YP" --db "$db" --top --lang en \
		>"$W/yp.d"
	row "" "bytes, move in view, no detail" \
		"$(probe_field "$W/yp.d" Down 5)" "-"
	row "" "bytes, one-line scroll, no detail" \
		"$(probe_field "$W/yp.d" j 5)" "$(probe_field "$W/less.0" j 5)"
	row "" "bytes, one page, no detail" \
		"$(probe_field "$W/yp.d" PgDn 5)" \
		"$(probe_field "$W/less.0" Space 5)"
	# the same with the selection an arrow (--cursor arrow), which leaves
	# the rows' colours alone: a move rewrites two cells, not two rows.
	# A state of its own: the run above left the detail hidden there
	rm -rf "$W/state-arrow"
	mkdir -p "$W/state-arrow"
	XDG_STATE_HOME="$W/state-arrow" YEONPYO_TEST_IDLE=1 \
		"$B/bench/pty_probe" $ROWS $COLS \
		'd*1,Down*30,j*100' -- "$YP" --db "$db" --lang en --top \
		--cursor arrow >"$W/yp.a"
	row "" "bytes, move in view, no detail, arrow" \
		"$(probe_field "$W/yp.a" Down 5)" "-"
	row "" "bytes, one-line scroll, no detail, arrow" \
		"$(probe_field "$W/yp.a" j 5)" "$(probe_field "$W/less.0" j 5)"
	# searches typed a character at a time (yeonpyo searches as you type;
	# less when Enter is pressed), to the results on the screen
	# (each run's peak RSS kept: the issue-19 target holds during any
	# search, a broad prefix's the largest)
	: >"$W/srss"
	for kind in ko:동맹 en:tele en2:te cho:ㅌㄹ; do
		q=${kind#*:}
		: >"$W/yq"
		: >"$W/lq"
		i=0
		while [ "$i" -lt "$RUNS" ]; do
			YEONPYO_TEST_IDLE=1 "$B/bench/pty_probe" $ROWS $COLS \
				"/$q*1" -- "$YP" --db "$db" --top --lang en >"$W/ysq"
			awk '$1 == "key" { print $3 }' "$W/ysq" >>"$W/yq"
			awk '$1 == "rss" { print $2 }' "$W/ysq" >>"$W/srss"
			"$B/bench/pty_probe" $ROWS $COLS "/$q*1" -- less -S \
				"$W/list.txt" | awk '$1 == "key" { print $3 }' >>"$W/lq"
			i=$((i + 1))
		done
		row "" "search typed (${kind%%:*}), ms" "$(median <"$W/yq")" \
			"$(median <"$W/lq")"
	done
	row "" "peak RSS during searches, KB" "$(sort -n "$W/srss" | tail -n 1)" \
		"-"
	# a far search: the Korean title of the event 90% into the timeline,
	# found only there, pasted with its Enter (less: in the same list in
	# Korean, searching forward from the top)
	far=$("$YP" --db "$db" list --format tsv |
		sed -n "$((n * 9 / 10))p" | cut -f7)
	"$YP" --db "$db" --lang ko list >"$W/list_ko.txt"
	: >"$W/yf"
	: >"$W/lf"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		YEONPYO_TEST_IDLE=1 "$B/bench/pty_probe" $ROWS $COLS "=$far*1" \
			-- "$YP" --db "$db" --top --lang ko |
			awk '$1 == "key" { print $(NF - 2) }' >>"$W/yf"
		PTY_PROBE_QUIET_MS=8000 "$B/bench/pty_probe" $ROWS $COLS \
			"=$far*1" -- less -S "$W/list_ko.txt" |
			awk '$1 == "key" { print $(NF - 2) }' >>"$W/lf"
		i=$((i + 1))
	done
	row "" "far search (pasted), ms" "$(median <"$W/yf")" \
		"$(median <"$W/lf")"
	# the first G: less counts every line of the file first, in silence
	: >"$W/yg"
	: >"$W/lg"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		YEONPYO_TEST_IDLE=1 "$B/bench/pty_probe" $ROWS $COLS 'G*1' -- \
			"$YP" --db "$db" --top --lang en |
			awk '$1 == "key" { print $3 }' >>"$W/yg"
		PTY_PROBE_QUIET_MS=8000 "$B/bench/pty_probe" $ROWS $COLS 'G*1' \
			-- less -S "$W/list.txt" |
			awk '$1 == "key" { print $3 }' >>"$W/lg"
		i=$((i + 1))
	done
	row "" "first G after start, ms" "$(median <"$W/yg")" \
		"$(median <"$W/lg")"
	"$B/bench/view_bench" "$db" "$far" >"$W/inproc"
	while read -r _ name p50 p99; do
		row "" "in-process $name p50/p99, ms" "$p50 / $p99" "-"
	done <"$W/inproc"
	row "" "peak RSS while browsing, KB" \
		"$(awk '$1 == "rss" { print $2 }' "$W/yp.0")" \
		"$(awk '$1 == "rss" { print $2 }' "$W/less.0")"
	printf '%-9s %-34s %14s\n' "" "database size, KB" \
		"$(du -k "$db" | cut -f1)"
}

machine
row "events" "measure" "yeonpyo" "reference"
for n in "$@"; do
	bench_size "$n"
done
