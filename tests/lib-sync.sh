# lib-sync.sh - what the tests of team work share, sourced after lib.sh by
# the scripts of sync, clone and the merge driver (t07*-sync*.sh,
# t0820-sol-sync.sh, t0940-workup-sync.sh): clones worked in at a given
# time, git's own commits at a given time, a section of a case.ini, a
# clone's git identity, and commit ids scrubbed from what docket prints.

# at TIME DIR COMMAND...: run COMMAND in DIR with the clock at TIME
at() {
	t=$1 d=$2
	shift 2
	(cd "$d" && DOCKET_NOW=$t "$@")
}

# gitat TIME DIR ARGS...: git ARGS in DIR, the commits it makes (merges)
# dated TIME
gitat() {
	t=$1 d=$2
	shift 2
	(cd "$d" && DOCKET_NOW=$t GIT_AUTHOR_DATE=$t GIT_COMMITTER_DATE=$t git "$@")
}

# section NAME FILE: the [NAME] of a case.ini, up to the next blank line
section() {
	sed -n "/^\\[$1\\]\$/,/^\$/p" "$2"
}

# ident DIR NAME EMAIL: the git identity of the clone in DIR
ident() {
	git -C "$1" config user.name "$2"
	git -C "$1" config user.email "$3"
}

# scrub [FILE...]: the commit ids docket prints, which vary from run to
# run, as XXXXXXX
scrub() {
	sed -E 's/^  [0-9a-f]{7} /  XXXXXXX /; s/(: |to )[0-9a-f]{7}$/\1XXXXXXX/' "$@"
}
