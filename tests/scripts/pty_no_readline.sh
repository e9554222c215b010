#!/usr/bin/env bash
# Runs pty_no_readline.exp in its own HOME with libreadline hidden from the
# dynamic linker; skips (77) where expect is missing.
set -euo pipefail
grill=$1 src=$2 hide=$3
command -v expect >/dev/null 2>&1 || { echo "1..0 # SKIP expect is not installed"; exit 77; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_DATA_HOME=$home/.local/share XDG_CONFIG_HOME=$home/.config LC_ALL=C NO_COLOR=1 TERM=xterm
unset GRILL_HOME
export GRILL_DATA_DIR=$home/data
mkdir -p "$GRILL_DATA_DIR/question_banks"
ln -s "$src/rubrics" "$GRILL_DATA_DIR/rubrics"
expect "$src/tests/scripts/pty_no_readline.exp" "$grill" "$src/tests/fixtures/banks" "$hide" | tee "$home/tap"
grep -q '^ok' "$home/tap"
f=$(ls "$home/.local/share/grill/sessions/"*.json)
python3 -c "import json,sys; t=json.load(open(sys.argv[1])); a=t['turns'][0]['answer']; assert a=='At least once delivery,\nwith the visibility timeout', repr(a); assert t['status']=='in_progress'" "$f"
