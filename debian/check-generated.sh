#!/bin/bash
# check-generated.sh GEN: what make deb generated from the picocli model agrees with itself.
# GEN/man/uoom*.1 (ManPageGenerator + asciidoctor) and GEN/completion/uoom (picocli.AutoComplete):
# every command with a man page is completed and every completed command has a man page, each
# page renders without a groff warning, and "uoom q<TAB>" completes to "queue" in bash.
set -euo pipefail
gen=$1 comp=$1/completion/uoom fail=0
mapfile -t pages < <(cd "$gen/man" && ls uoom*.1 | sed 's/\.1$//' | sort)
mapfile -t cmds < <(sed -n 's/^ *local cmds[0-9]*=(\(.*\))$/\1/p' "$comp" | sed 's/^/uoom /; s/ /-/g' | sort)
cmds=(uoom "${cmds[@]}")
mapfile -t cmds < <(printf '%s\n' "${cmds[@]}" | sort)
if [ "${pages[*]}" != "${cmds[*]}" ]; then
	echo "error: man pages and completion disagree" >&2
	diff <(printf '%s\n' "${pages[@]}") <(printf '%s\n' "${cmds[@]}") >&2 || true
	fail=1
fi
for p in "${pages[@]}"; do
	out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$gen/man/$p.1" 2>&1 >/dev/null) || true
	[ -z "$out" ] || { echo "error: $p.1: $out" >&2; fail=1; }
done
got=$(bash -c 'source "$1"; COMP_WORDS=(uoom q); COMP_CWORD=1; COMP_LINE="uoom q"; COMP_POINT=6
	_complete_uoom uoom q uoom; printf "%s " "${COMPREPLY[@]}"' _ "$comp")
[ "$got" = "queue " ] || { echo "error: uoom q<TAB> completes to '$got', not 'queue'" >&2; fail=1; }
[ $fail = 0 ] && echo "generated: ${#pages[@]} man pages, the same commands in the bash completion; uoom q<TAB> gives queue"
exit $fail
