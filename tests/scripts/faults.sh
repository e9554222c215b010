#!/usr/bin/env bash
# Faults while saving, end to end: a data folder that turns read-only or
# full in the middle of a session, several grill processes saving at once,
# and a config file grill may not read. Each case checks the message the
# user sees and that nothing already saved was lost.
# Usage: faults.sh GRILL SOURCE_ROOT
#
# Root ignores file permissions, so the permission cases run as an
# unprivileged user (nobody, through setpriv) when started as root; the
# full-disk case needs a small tmpfs, which only root can mount. A case that
# cannot be set up here is reported as skipped with the reason.
set -uo pipefail
grill=$1 src=$2
base=$(mktemp -d)
chmod 755 "$base"
mounted=
cleanup() {
	[ -n "$mounted" ] && umount "$mounted" 2>/dev/null
	chmod -R u+rwX "$base" 2>/dev/null
	rm -rf "$base"
}
trap cleanup EXIT
banks=$src/tests/fixtures/banks
n=0 failed=0
# GRILL_TEST_WRAPPER (meson test --setup valgrind) runs grill under a tool
read -r -a wrap <<< "${GRILL_TEST_WRAPPER:-}"

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/# /'; done; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# as_user CMD...: runs CMD as an unprivileged user when we are root
unprivileged=
if [ "$(id -u)" -ne 0 ]; then
	as_user() { "$@"; }
	unprivileged=yes
elif command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1 &&
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups test -x "$grill" 2>/dev/null &&
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups test -r "$banks/mini-queues.json" 2>/dev/null; then
	as_user() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
	unprivileged=yes
else
	as_user() { "$@"; }
fi

# new_home NAME: a fresh home with its own XDG folders, owned by whoever runs grill
new_home() {
	home=$base/$1
	mkdir -p "$home/data/question_banks" "$home/tmp" "$home/.config"
	ln -s "$src/rubrics" "$home/data/rubrics"
	[ "$(id -u)" -eq 0 ] && [ -n "$unprivileged" ] && chown -R nobody "$home"
	env_for=(env -u GRILL_HOME HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
		XDG_CACHE_HOME="$home/.cache" TMPDIR="$home/tmp" GRILL_DATA_DIR="$home/data" LC_ALL=C NO_COLOR=1)
}

# wait_for_turns FILE COUNT: until the saved transcript has COUNT turns, the last one pending
wait_for_turns() {
	local i
	for i in $(seq 1 200); do
		python3 - "$1" "$2" 2>/dev/null <<'PY' && return 0
import json, sys
t = json.load(open(sys.argv[1]))
sys.exit(0 if len(t["turns"]) == int(sys.argv[2]) and t["turns"][-1]["answer"] is None else 1)
PY
		sleep 0.05
	done
	return 1
}

# save_fails_mid_session NAME BREAK_COMMAND: answers the first question,
# runs BREAK_COMMAND, answers the follow-up; the save of that answer fails.
save_fails_mid_session() {
	local name=$1 break_cmd=$2 sessions f pid rc rescue
	sessions=$home/.local/share/grill/sessions
	mkfifo "$home/in"
	as_user "${env_for[@]}" "${wrap[@]}" "$grill" run --bank-dir "$banks" --bank mini-queues -n 1 --seed 1 \
		< "$home/in" > "$home/out" 2> "$home/err" &
	pid=$!
	exec 3> "$home/in"
	printf 'At least once; the visibility timeout hides the message.\n\n' >&3
	f=
	for _ in $(seq 1 200); do
		f=$(ls "$sessions"/*.json 2>/dev/null | head -n 1)
		[ -n "$f" ] && break
		sleep 0.05
	done
	if [ -z "$f" ] || ! wait_for_turns "$f" 2; then
		exec 3>&-
		kill "$pid" 2>/dev/null
		wait "$pid"
		not_ok "$name" "the first answer was never saved" "$(cat "$home/err")"
		return
	fi
	cp "$f" "$home/before.json"
	eval "$break_cmd"
	printf 'From the p99 of processing time plus a margin: UNSAVED-ANSWER-7.\n\n' >&3
	exec 3>&-
	wait "$pid"
	rc=$?
	rescue=$(sed -n 's/^grill: the whole session, with your last answer, was written to //p' "$home/err")
	if [ "$rc" -ne 1 ]; then
		not_ok "$name" "exit $rc, expected 1" "$(cat "$home/err")"
	elif ! grep -q '^grill: could not save the session: ' "$home/err"; then
		not_ok "$name" "no 'could not save the session' message" "$(cat "$home/err")"
	elif ! cmp -s "$f" "$home/before.json"; then
		not_ok "$name" "the saved transcript changed"
	elif ls -a "$sessions" | grep -q -e '\.tmp' -e '\.new-'; then
		not_ok "$name" "a temporary file was left in the sessions folder: $(ls -a "$sessions")"
	elif [ -z "$rescue" ] || [ "${rescue#"$home/tmp/"}" = "$rescue" ]; then
		not_ok "$name" "not told where the unsaved text went (expected a file in \$TMPDIR)" "$(cat "$home/err")"
	elif ! grep -q 'UNSAVED-ANSWER-7' "$rescue" || ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$rescue"; then
		not_ok "$name" "the rescue file $rescue lacks the last answer or is not JSON"
	elif [ "$(stat -c %a "$rescue")" != 600 ]; then
		not_ok "$name" "the rescue file can be read by others: mode $(stat -c %a "$rescue")"
	else
		ok "$name"
	fi
}

# 1. the sessions folder becomes read-only between two answers
name=read_only_data_folder_keeps_the_saved_transcript_and_says_where_the_answer_went
if [ -n "$unprivileged" ]; then
	new_home ro
	save_fails_mid_session "$name" 'chmod 0500 "$sessions"'
else
	skip "$name" "running as root without setpriv or a nobody user: permissions would not apply"
fi

# 2. the disk holding the data fills up between two answers
name=full_data_folder_keeps_the_saved_transcript_and_says_where_the_answer_went
new_home full
mkdir -p "$home/.local/share"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=256k,mode=0777 grill-faults "$home/.local/share" 2>/dev/null; then
	mounted=$home/.local/share
	save_fails_mid_session "$name" 'dd if=/dev/zero of="$mounted/filler" bs=4k 2>/dev/null; true'
	umount "$mounted" && mounted=
else
	skip "$name" "cannot mount a small tmpfs here (needs root)"
fi

# 3. several grill processes save sessions into one folder at once
name=grill_processes_saving_at_once_each_keep_their_whole_session
new_home many
answers=$'At least once, with the visibility timeout.\n\nThe p99 plus a margin.\n\nI do not know.\n\nWe keep the queue.\n\nWhat does on-call look like?\n\n4\n\n5\n\n4\n\n4\n\n-\n\n3\n'
pids=()
for i in 1 2 3 4 5 6; do
	printf '%s' "$answers" | as_user "${env_for[@]}" "${wrap[@]}" "$grill" run --bank-dir "$banks" --bank mini-queues -n 1 --seed 1 \
		> "$home/out$i" 2>&1 &
	pids+=($!)
done
bad=
for i in "${!pids[@]}"; do
	wait "${pids[$i]}" || bad="$bad process $((i + 1)) exited $?;"
done
sessions=$home/.local/share/grill/sessions
count=$(ls "$sessions"/*.json 2>/dev/null | wc -l)
complete=$(python3 - "$sessions" <<'PY'
import glob, json, sys
n = 0
for p in glob.glob(sys.argv[1] + "/*.json"):
    t = json.load(open(p))
    if t["status"] == "complete" and len(t["turns"]) >= 4 and t["turns"][0]["answer"].startswith("At least once"):
        n += 1
print(n)
PY
)
listed=$(as_user "${env_for[@]}" "$grill" history --json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["sessions"]) if isinstance(d, dict) else len(d))' 2>/dev/null || echo "?")
if [ -n "$bad" ]; then
	not_ok "$name" "$bad" "$(cat "$home"/out1)"
elif [ "$count" -ne 6 ] || [ "$complete" != 6 ]; then
	not_ok "$name" "expected 6 complete session files, found $count files, $complete complete"
elif [ "$listed" != 6 ]; then
	not_ok "$name" "grill history lists $listed sessions, expected 6"
else
	ok "$name"
fi

# 4. a config file grill may not read
name=unreadable_config_is_reported_with_its_path_and_the_cause
if [ -n "$unprivileged" ]; then
	new_home cfg
	mkdir -p "$home/.config/grill"
	printf '{"llm": {"provider": "ollama"}}\n' > "$home/.config/grill/config.json"
	chmod 000 "$home/.config/grill/config.json"
	[ "$(id -u)" -eq 0 ] && chown -R nobody "$home/.config"
	as_user "${env_for[@]}" "${wrap[@]}" "$grill" doctor > "$home/out" 2>&1
	rc=$?
	if [ "$rc" -ne 1 ]; then
		not_ok "$name" "exit $rc, expected 1" "$(cat "$home/out")"
	elif ! grep -q "$home/.config/grill/config.json: Permission denied" "$home/out"; then
		not_ok "$name" "no message naming the file and the cause" "$(cat "$home/out")"
	else
		ok "$name"
	fi
else
	skip "$name" "running as root without setpriv or a nobody user: permissions would not apply"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
