#!/bin/sh
# tests/ssh_test.sh: the browser over a real SSH connection. OpenSSH's sshd
# listens on 127.0.0.1 at a high port with a throwaway host key, accepting
# one throwaway user key; ssh -tt runs yeonpyo from inside tmux, and the
# test browses, resizes, searches and quits, checking the screen each time.
# With --delay MS the connection goes through tests/delay_proxy.py, which
# holds each chunk MS in each direction, so that tmux's answers to the
# width probe come after the first frame, and keys are typed before them:
# no help may open, and the first q must quit.
# Prints nothing when all is well; exits 77 with one line saying why when
# sshd cannot be started here (the test is then skipped, never passed).
# usage: tests/ssh_test.sh [--delay MS]
delay=0
if [ "${1:-}" = --delay ]; then
	delay=$2
	shift 2
fi
top=$(pwd)
dir=$(mktemp -d) || exit 1
sock="yeonpyo-ssh-$$"
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null
	[ -f "$dir/sshd.pid" ] && kill "$(cat "$dir/sshd.pid")" 2>/dev/null
	[ -n "${proxy:-}" ] && kill "$proxy" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
chmod 755 "$dir"

skip() {
	echo "ssh test skipped: $1"
	exit 77
}

sshd=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$sshd" ] || skip "no sshd (Debian package openssh-server)"
command -v ssh >/dev/null || skip "no ssh (Debian package openssh-client)"
me=$(id -un)
db="$dir/s.db"
"$top/yeonpyo" --db "$db" db init --empty >/dev/null || exit 1
"$top/yeonpyo" --db "$db" import "$top/tests/data/sample.json" 2>/dev/null ||
	exit 1

ssh-keygen -q -t ed25519 -N '' -f "$dir/host" || skip "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -f "$dir/user" || skip "ssh-keygen failed"
cp "$dir/user.pub" "$dir/authorized_keys"
chmod 600 "$dir/authorized_keys"
# privilege separation wants this directory when sshd runs as root
[ "$(id -u)" != 0 ] || mkdir -p /run/sshd 2>/dev/null
port=$((20000 + $$ % 20000 + delay))
cat >"$dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $me
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
AcceptEnv LANG
EOF
"$sshd" -f "$dir/sshd_config" -E "$dir/sshd.log" ||
	skip "sshd would not start: $(tail -1 "$dir/sshd.log" 2>/dev/null)"

ssh_opts="-i $dir/user -o IdentitiesOnly=yes -o BatchMode=yes \
-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
i=0
until ssh $ssh_opts -p "$port" "$me@127.0.0.1" true 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || skip "sshd started but took no login: $(tail -1 "$dir/sshd.log")"
	sleep 0.1
done
if [ "$delay" -gt 0 ]; then
	/usr/bin/python3 "$top/tests/delay_proxy.py" "$delay" "$port" \
		"$dir/proxy.port" &
	proxy=$!
	i=0
	until [ -s "$dir/proxy.port" ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "ssh test: the delaying proxy never listened"; exit 1; }
		sleep 0.05
	done
	port=$(cat "$dir/proxy.port")
fi

. "$top/tests/tmux_wait.sh"
# Waits up to 10 s for the pane to show the text.
expect() {
	tmux_wait "$sock" ssh "$1" 200 "ssh test" || exit 1
}

LANG=C.UTF-8 tmux -L "$sock" -f /dev/null new-session -d -s ssh -x 100 -y 30 \
	"LANG=C.UTF-8 ssh -tt $ssh_opts -p $port -o SendEnv=LANG $me@127.0.0.1 \
'$top/yeonpyo --db $db --lang ko'; echo exited \$?; sleep 30" || exit 1
expect "시험 행사 개최"
expect " 1/3"
# over the slow link the terminal's answers are still on their way
tmux -L "$sock" send-keys -t ssh j
expect " 2/3"
# a resize travels over SSH as a window-change request
tmux -L "$sock" resize-window -t ssh -x 140 -y 40
expect "│ 날짜      2024년 11월"  # wide enough: the detail pane beside
tmux -L "$sock" send-keys -t ssh / 얼
expect "/얼"
tmux -L "$sock" send-keys -t ssh Enter
expect " 1/1  /얼"
if tmux -L "$sock" capture-pane -p -t ssh | grep -q "닫기)"; then
	echo "ssh test: the help opened by itself"
	exit 1
fi
tmux -L "$sock" send-keys -t ssh q
expect "exited 0"
grep -q "Accepted publickey for $me" "$dir/sshd.log" ||
	echo "ssh test: sshd logged no login: $(tail -1 "$dir/sshd.log")"
exit 0
