#!/bin/sh
# tests/tmux_smoke.sh: opens the browser in a real tmux (100x30), moves,
# switches language and quits, checking the captured screen at each step.
# Prints nothing when all is well; each failure is one line.
top=$(pwd)
dir=$(mktemp -d) || exit 1
sock="yeonpyo-smoke-$$"
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
db="$dir/s.db"
"$top/yeonpyo" --db "$db" db init --empty >/dev/null || exit 1
"$top/yeonpyo" --db "$db" import "$top/tests/data/sample.json" 2>/dev/null || exit 1

. "$top/tests/tmux_wait.sh"
# Waits up to 5 s for the pane to show the text.
expect() {
	tmux_wait "$sock" smoke "$1" 100 "tmux smoke" || exit 1
}

# A session that outlives the others: killing the last session ends the
# server, and a new-session sent while it ends fails with "server exited
# unexpectedly" (1 in 40 tries of kill-session then new-session here).
LANG=C.UTF-8 tmux -L "$sock" -f /dev/null new-session -d -s keep "sleep 600" ||
	exit 1

# run COMMAND: a new session running it, then saying how it exited
run() {
	tmux -L "$sock" kill-session -t smoke 2>/dev/null
	LANG=C.UTF-8 tmux -L "$sock" -f /dev/null new-session -d -s smoke -x 100 -y 30 \
		"$1; echo exited \$?; sleep 30" || exit 1
}

# start ENV ARGS: yeonpyo with ENV and ARGS
start() {
	run "$1 TERM=tmux-256color '$top/yeonpyo' --db '$db' $2"
}

start "LANG=C.UTF-8" "--lang ko"
expect "시험 행사 개최"
expect " 1/3"
tmux -L "$sock" send-keys -t smoke j
expect " 2/3"
expect "날짜      2024년 11월"
tmux -L "$sock" send-keys -t smoke L
expect "Alliance founded"
tmux -L "$sock" send-keys -t smoke G
expect " 3/3"
tmux -L "$sock" send-keys -t smoke q
expect "exited 0"

# Without a UTF-8 locale: romanized, with a notice after the browser ends.
start "LANG=C" "--lang ko"
expect "siheom haengsa gaechoe"
tmux -L "$sock" send-keys -t smoke j
expect "eollaieonseu seollib"
tmux -L "$sock" send-keys -t smoke q
expect "has no Hangul; showing Korean romanized"
expect "exited 0"

# A terminal that draws ambiguous characters wide: no "…" or "·" drawn.
start "LANG=C.UTF-8" "--lang ko --ambiwidth=2"
expect "SKT/KAIST"
if tmux -L "$sock" capture-pane -p -t smoke | grep -q "·\|…"; then
	echo "tmux smoke: ambiguous characters on an --ambiwidth=2 screen"
	exit 1
fi
tmux -L "$sock" send-keys -t smoke q
expect "exited 0"

# EUC-KR, with the locale made here and luit converting for tmux as it
# would for a UTF-8 terminal: Hangul the charset has stays Hangul.
mkdir "$dir/locale" || exit 1
localedef -i ko_KR -f EUC-KR "$dir/locale/ko_KR.EUC-KR" >/dev/null 2>&1
[ -d "$dir/locale/ko_KR.EUC-KR" ] || { echo "tmux smoke: localedef made no ko_KR.EUC-KR"; exit 1; }
run "LANG=C.UTF-8 luit -encoding eucKR -- env LOCPATH='$dir/locale' LANG=ko_KR.EUC-KR TERM=xterm-256color '$top/yeonpyo' --db '$db' --lang ko"
expect "시험 행사 개최"
tmux -L "$sock" send-keys -t smoke j
expect "얼라이언스 설립"
tmux -L "$sock" send-keys -t smoke q
expect "exited 0"
