#!/bin/sh
# deps.sh: installs the Debian packages that are missing, and nothing else.
#   PKGS="name:probe ..." sh conf/deps.sh     probe = a command on PATH or an absolute file path
#   sh conf/deps.sh --npm DIR                 npm ci in DIR when its node_modules is missing
# As root it runs apt-get (with service start-up suppressed: the portal runs its own private servers);
# otherwise it prints the exact command to run and fails.
set -eu

if [ "${1:-}" = "--npm" ]; then
	dir=$2
	[ -d "$dir/node_modules/playwright-core" ] && [ -d "$dir/node_modules/axe-core" ] && exit 0
	echo "deps: npm ci in $dir"
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	exit 0
fi

missing=""
for entry in ${PKGS:-}; do
	pkg=${entry%%:*}
	probe=${entry#*:}
	case $probe in
	/*) [ -e "$probe" ] && continue ;;
	*) command -v "$probe" >/dev/null 2>&1 && continue ;;
	esac
	missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages. Run, then try again:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi

echo "deps: installing$missing"
# Debian starts services on install (nginx and Apache would both want port 80); the portal starts its
# own servers, so service start-up is suppressed for this install only.
policy=/usr/sbin/policy-rc.d
own_policy=no
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' >"$policy"
	chmod 755 "$policy"
	own_policy=yes
fi
cleanup() { [ "$own_policy" = yes ] && rm -f "$policy"; return 0; }
trap cleanup EXIT INT TERM
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends $missing; then
	apt-get update
	apt-get install -y --no-install-recommends $missing
fi
