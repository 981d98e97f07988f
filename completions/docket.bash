# bash completion for docket(1)                             -*- shell-script -*-
#
# Every candidate comes from docket itself ('docket __complete words ...'):
# commands, options, case IDs, stages, kinds, reasons, staff, deadlines.
# Nothing here knows a command, so nothing here changes when docket does.
# Installed as share/bash-completion/completions/docket.

_docket()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		# words as the user typed them, not cut at '=' and ':'
		_init_completion -n =: || return
	else
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${COMP_WORDS[COMP_CWORD]}
	fi

	local bin=${words[0]/#\~/$HOME} line what= nospace= lead=
	local -a cands=()
	while IFS= read -r line; do
		case $line in
		:files) what=files ;;
		:dirs) what=dirs ;;
		:nospace) nospace=1 ;;
		:*) ;;
		*) cands+=("${line%%$'\t'*}") ;;
		esac
	done < <("$bin" __complete words "${words[@]:1:cword}" 2>/dev/null)

	# readline replaces only what follows the last '=' or ':' of the word
	local breaks=${COMP_WORDBREAKS//[^=:]/}
	if [[ -n $breaks && $cur == *["$breaks"]* ]]; then
		lead=${cur%"${cur##*["$breaks"]}"}
	fi
	local c
	for c in "${cands[@]}"; do
		COMPREPLY+=("${c#"$lead"}")
	done
	[[ -n $nospace ]] && compopt -o nospace 2>/dev/null
	case $what in
	files)
		if declare -F _filedir >/dev/null 2>&1; then
			_filedir
		else
			COMPREPLY+=($(compgen -f -- "$cur"))
		fi
		;;
	dirs)
		if declare -F _filedir >/dev/null 2>&1; then
			_filedir -d
		else
			COMPREPLY+=($(compgen -d -- "$cur"))
		fi
		;;
	esac
	return 0
}
complete -F _docket docket
