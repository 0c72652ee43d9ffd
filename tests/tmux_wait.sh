# tests/tmux_wait.sh: sourced by the tmux tests. tmux has no way to say a
# program is idle, so a test polls the pane for the text it expects.
# tmux_wait SOCKET SESSION TEXT TRIES LABEL: polls every 50 ms up to TRIES
# times; on failure prints one line and the pane, and returns 1.
tmux_wait() {
	i=0
	while [ $i -lt "$4" ]; do
		if tmux -L "$1" capture-pane -p -t "$2" 2>/dev/null |
			grep -qF -- "$3"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.05
	done
	echo "$5: the screen never showed: $3"
	tmux -L "$1" capture-pane -p -t "$2" 2>/dev/null | sed 's/^/  | /'
	return 1
}
