#!/bin/sh
# completion.sh YEONPYO: the bash and zsh completions in assets/completion,
# loaded by the real shells, complete commands, values and event ids from a
# database through the binary at YEONPYO. Silent and 0 when all is well.
YP=$1
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
db=$dir/t.db
HOME=$dir "$YP" --db "$db" db init >/dev/null || exit 1
# organizations and people with aliases (tests/data/aliases.json)
adb=$dir/a.db
HOME=$dir "$YP" --db "$adb" db init --empty >/dev/null &&
	HOME=$dir "$YP" --db "$adb" import tests/data/aliases.json 2>/dev/null ||
	exit 1

expect() { # what, want, got
	[ "$2" = "$3" ] || printf '%s: got [%s], want [%s]\n' "$1" "$3" "$2"
}

# bash: the function the script registers, with the words bash would give
bash_complete() { # word index, words...
	cword=$1
	shift
	HOME=$dir bash --norc --noprofile -c '
		. assets/completion/yeonpyo.bash
		complete -p yeonpyo >/dev/null || echo "not registered"
		COMP_CWORD=$1
		shift
		COMP_WORDS=("$@")
		_yeonpyo
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s " "${COMPREPLY[@]}"' \
		sh "$cword" "$@"
}
expect "bash: commands" "show search " "$(bash_complete 1 "$YP" s)"
expect "bash: --format values" "ics " \
	"$(bash_complete 3 "$YP" export --format i)"
expect "bash: --lang=k (bash splits at =)" "ko " \
	"$(bash_complete 3 "$YP" --lang = k)"
expect "bash: a setting's values (src/options.def)" "keep-all normal " \
	"$(bash_complete 3 "$YP" list --wrap "")"
expect "bash: event ids" \
	"2021-kt-ai2xl-lab-and-robotics-unit 2021-kt-kaist-lab-launch-planned " \
	"$(bash_complete 4 "$YP" --db "$db" show 2021-kt)"
expect "bash: a file goes here" "" "$(bash_complete 2 "$YP" import "")"
expect "bash: an organization by its alias's reading" "kaist " \
	"$(bash_complete 5 "$YP" --db "$adb" list --org 카이)"
expect "bash: a person by a romanization of the name" "chung-suk-geun " \
	"$(bash_complete 5 "$YP" --db "$adb" list --person jeong)"
expect "bash: note's event ids" \
	"2021-kt-ai2xl-lab-and-robotics-unit 2021-kt-kaist-lab-launch-planned " \
	"$(bash_complete 4 "$YP" --db "$db" note 2021-kt)"
expect "bash: note --delete's event ids" \
	"2021-kt-ai2xl-lab-and-robotics-unit 2021-kt-kaist-lab-launch-planned " \
	"$(bash_complete 5 "$YP" --db "$db" note --delete 2021-kt)"
expect "bash: note's options" "--export " "$(bash_complete 2 "$YP" note --e)"
expect "bash: list --noted" "--noted " "$(bash_complete 2 "$YP" list --no)"
expect "bash: note --import reads a file" "" \
	"$(bash_complete 3 "$YP" note --import "")"

# zsh: the function's body, with compadd and _files standing in for the
# completion system so that what it offers is printed (words and CURRENT
# count from 1, the command being words[1])
zsh_complete() { # current, words...
	current=$1
	shift
	HOME=$dir zsh -f -c '
		compadd() {
			[[ $1 == -U ]] && shift || print -rn -- "(no -U) "
			[[ $1 == -a ]] && print -rn -- "${(@P)2} "
		}
		_files() { print -rn -- "(files) "; }
		CURRENT=$1
		shift
		words=("$@")
		. assets/completion/_yeonpyo' zsh "$current" "$@"
}
expect "zsh: commands" "show search " "$(zsh_complete 2 "$YP" s)"
expect "zsh: organization ids" "sk-ai-rnd-center sk-group sk-hynix " \
	"$(zsh_complete 6 "$YP" --db "$db" list --org sk-)"
expect "zsh: event ids" \
	"2021-kt-ai2xl-lab-and-robotics-unit 2021-kt-kaist-lab-launch-planned " \
	"$(zsh_complete 5 "$YP" --db "$db" show 2021-kt)"
expect "zsh: a file goes here" "(files) " "$(zsh_complete 3 "$YP" import "")"
expect "zsh: an organization by its alias's reading" "kaist " \
	"$(zsh_complete 6 "$YP" --db "$adb" list --org 카이)"
expect "zsh: note's event ids" \
	"2021-kt-ai2xl-lab-and-robotics-unit 2021-kt-kaist-lab-launch-planned " \
	"$(zsh_complete 5 "$YP" --db "$db" note 2021-kt)"
expect "zsh: note --import reads a file" "(files) " \
	"$(zsh_complete 4 "$YP" note --import "")"
head -1 assets/completion/_yeonpyo | grep -qx '#compdef yeonpyo' ||
	echo "zsh: _yeonpyo does not start with #compdef"
exit 0
