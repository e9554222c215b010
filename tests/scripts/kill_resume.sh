#!/usr/bin/env bash
# Killing grill (SIGKILL) in the middle of a session leaves a valid transcript
# that `grill resume` continues. Usage: kill_resume.sh GRILL SOURCE_ROOT
set -euo pipefail
grill=$1 src=$2
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config LC_ALL=C NO_COLOR=1
unset GRILL_HOME
export GRILL_DATA_DIR=$home/data
mkdir -p "$GRILL_DATA_DIR/question_banks"
ln -s "$src/rubrics" "$GRILL_DATA_DIR/rubrics"
banks=$src/tests/fixtures/banks
fail() { echo "not ok 1 - $1"; echo "1..1"; exit 1; }
# GRILL_TEST_WRAPPER (meson test --setup valgrind) runs grill under a tool
read -r -a wrap <<< "${GRILL_TEST_WRAPPER:-}"

mkfifo "$home/in"
"${wrap[@]}" "$grill" run --bank-dir "$banks" --bank mini-queues -n 1 --seed 1 < "$home/in" > "$home/out1" 2>&1 &
pid=$!
exec 3> "$home/in"
printf 'At least once; the queue visibility timeout hides the message.\n\n' >&3
# wait until the answer is on disk and the follow-up is pending
for _ in $(seq 1 100); do
	f=$(ls "$home/.local/share/grill/sessions/"*.json 2>/dev/null | head -n 1 || true)
	if [ -n "$f" ] && python3 -c "import json,sys; t=json.load(open(sys.argv[1])); sys.exit(0 if len(t['turns'])==2 and t['turns'][1]['answer'] is None else 1)" "$f" 2>/dev/null; then
		break
	fi
	sleep 0.05
done
printf 'half an answer that was being typed' >&3
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
exec 3>&-
[ -n "${f:-}" ] || fail "no session file after the first answer"
python3 -c "import json,sys; t=json.load(open(sys.argv[1])); assert t['status']=='in_progress'; assert t['turns'][0]['answer'].startswith('At least once'); assert t['turns'][1]['answer'] is None" "$f" \
	|| fail "transcript after kill -9 is not valid and resumable"
ls -a "$home/.local/share/grill/sessions/" | grep -q -e '\.tmp' -e '\.new-' && fail "a temporary file was left behind"
printf 'From the p99 plus a margin.\n\n' | "${wrap[@]}" "$grill" resume --bank-dir "$banks" > "$home/out2" 2>&1 || fail "grill resume failed: $(cat "$home/out2")"
grep -q 'resumed: this was the question waiting' "$home/out2" || fail "resume did not re-ask the pending follow-up"
grep -q 'What happens when processing takes longer than the timeout?' "$home/out2" || fail "resume did not continue the branch: $(cat "$home/out2")"
echo "ok 1 - killing_grill_mid_session_leaves_a_valid_resumable_transcript"
echo "1..1"
