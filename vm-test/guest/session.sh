# run_session CMD [ARG...]: run CMD in a session of its own, wait for it, then kill
# whatever it left behind in that session, so that no background job keeps holding
# the pipe its output goes to. Returns CMD's status. (POSIX sh; init sources it too.)
run_session() {
	setsid -w sh -c 'echo $$ >/run/session.sid; exec "$@"' sh "$@"
	_rs_status=$?
	[ -s /run/session.sid ] && kill -9 "-$(cat /run/session.sid)" 2>/dev/null
	rm -f /run/session.sid
	return $_rs_status
}
