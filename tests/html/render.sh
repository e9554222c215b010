#!/bin/sh
# The HTML report renders in a real browser: headless Chromium loads it with
# the network unreachable, and the DOM it builds has the report's sections
# and the hostile answer as text, never as an element. Exit 77 (skipped)
# when Chromium is not installed.
#
#   render.sh GRILL SOURCE_ROOT
set -eu

grill=$1
src=$2
browser=
for name in chromium chromium-browser google-chrome; do
	if command -v "$name" >/dev/null 2>&1; then
		browser=$name
		break
	fi
done
if [ -z "$browser" ]; then
	echo "1..0 # SKIP chromium is not installed"
	exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/grill-html.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home/sessions" "$work/data/question_banks"
ln -s "$src/rubrics" "$work/data/rubrics"
cp "$src"/tests/fixtures/hostile/*.json "$src"/tests/fixtures/sessions/*.json "$work/home/sessions/"

fail=0
n=0
check() { # description, command...
	n=$((n + 1))
	desc=$1
	shift
	if "$@"; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		fail=1
	fi
}

echo "1..6"
for id in 20261102-100000-eeee 20261110-090000-dddd; do
	HOME=$work GRILL_HOME=$work/home GRILL_DATA_DIR=$work/data LC_ALL=C \
		"$grill" report "$id" --format html --output "$work/$id.html" --quiet \
		--bank-dir "$src/tests/fixtures/banks"
	# no network at all: every host resolves to nothing
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile-$id" \
		--host-resolver-rules='MAP * ~NOTFOUND' --log-net-log="$work/$id.net" --dump-dom "file://$work/$id.html" \
		>"$work/$id.dom" 2>"$work/$id.log" || true
done

dom=$work/20261102-100000-eeee.dom
check "html_report_renders_in_chromium_with_its_sections" \
	grep -q '<h2>Turns</h2>' "$dom"
check "html_report_renders_the_score_table_and_verdict" \
	sh -c "grep -q 'id=\"scores\"' '$dom' && grep -q '<h2>Verdict</h2>' '$dom'"
check "html_report_shows_a_hostile_answer_as_text_not_markup" \
	sh -c "grep -q '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;' '$dom' && ! grep -q '<img' '$dom'"
check "html_report_dom_has_no_script_or_external_reference" \
	sh -c "! grep -Eq '<script|<link|<iframe|https?://' '$dom'"
check "html_report_of_a_debrief_renders_its_details" \
	grep -q 'Acme' "$work/20261110-090000-dddd.dom"
# the net log records every request; the browser's own calls home are not the page's
check "html_report_loads_nothing_from_the_network" \
	sh -c "test -s '$work/20261102-100000-eeee.net' && ! grep -Eo '\"url\":\"(https?|wss?|ftp)://[^\"]*' '$work/20261102-100000-eeee.net' | grep -Ev '://[^/]*(google\\.com|googleapis\\.com|gvt1\\.com)[:/]'"
exit $fail
