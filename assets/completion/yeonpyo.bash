# bash completion for yeonpyo(1). The candidates come from the program
# itself ("yeonpyo complete"), which reads event, organization and person
# ids from the database (those whose names or aliases start with the
# word too: 카이 offers kaist); where it offers none, a file name goes,
# and -o default completes one.
_yeonpyo()
{
	local IFS=$'\n'
	COMPREPLY=($("${COMP_WORDS[0]}" complete -- \
		"${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _yeonpyo yeonpyo
