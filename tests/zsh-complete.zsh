#!/bin/zsh -f
# zsh-complete.zsh COMPLETION_DIR LINE... - for the tests: run zsh's real
# completion system (compinit, the _docket function from COMPLETION_DIR) on
# each LINE, as if TAB was pressed at its end, in an interactive zsh on a
# pseudo-terminal (zpty); print "== LINE" and then the matches, one a line.
zmodload zsh/zpty || { print -u2 "no zsh/zpty"; exit 1 }
compdir=$1; shift
setup=${TMPDIR:-/tmp}/zsh-complete.$$
cat >$setup <<SETUP
PS1='' PROMPT='' RPROMPT=''
unsetopt zle_bracketed_paste 2>/dev/null
fpath=(${(q)compdir} \$fpath)
autoload -Uz compinit && compinit -u -D
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
__tab() { comppostfuncs=(__end); zle complete-word }
zle -N __tab
bindkey '^I' __tab
compadd() {
	# compadd's own queries (used by _describe and the like) go through
	if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
		builtin compadd "\$@"
		return
	fi
	local -a __m
	builtin compadd -A __m "\$@"
	local __x
	for __x in \$__m; do print -r -- "MATCH:\$__x"; done
	builtin compadd "\$@"
}
__end() { print -r -- "END""OF""MATCHES" }
print RE""ADY
SETUP
zpty z zsh -f -i
zpty -w z ". ${(q)setup}"
while zpty -r z line; do [[ $line == READY* ]] && break; done
for want in "$@"; do
	print -r -- "== $want"
	zpty -w -n z "$want"$'\t'
	while zpty -r z line; do
		line=${line//[$'\r\n']/}
		[[ $line == *ENDOFMATCHES* ]] && break
		[[ $line == *MATCH:* ]] && print -r -- ${line#*MATCH:}
	done
	zpty -w -n z $'\C-u'
done
zpty -d z
rm -f $setup
