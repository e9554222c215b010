# Shared by scripts/run and scripts/test: install what is missing, build.
# shellcheck shell=bash

GRILL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Debian/Ubuntu packages the build and the tests need.
GRILL_BUILD_PACKAGES=(gcc meson ninja-build pkg-config libcurl4-openssl-dev libcjson-dev libreadline-dev)
GRILL_TEST_PACKAGES=(python3 expect tmux valgrind clang chromium)

say() { printf '%s\n' "$*" >&2; }

install_packages() {
	local missing=() pkg
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		say "grill: missing packages: ${missing[*]}; install them with your package manager"
		return 1
	fi
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || { say "grill: need root (or sudo) to install: ${missing[*]}"; return 1; }
		sudo=(sudo)
	fi
	say "grill: installing ${missing[*]}"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# configure_build DIR [meson options...]: set up DIR once, reconfigure after,
# then build everything (or only $GRILL_TARGETS when set).
configure_build() {
	local dir=$1; shift
	if [ -f "$GRILL_ROOT/$dir/build.ninja" ]; then
		meson configure "$GRILL_ROOT/$dir" "$@" >/dev/null
	else
		meson setup "$GRILL_ROOT/$dir" "$GRILL_ROOT" "$@" >/dev/null
	fi
	# shellcheck disable=SC2086
	ninja -C "$GRILL_ROOT/$dir" ${GRILL_TARGETS:-} >&2
}
