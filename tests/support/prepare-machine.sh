#!/usr/bin/env bash
# What the tests need beyond npm, installed on a fresh Debian machine: Chromium (the tests never
# download a browser), nats-server (replication tests start a real one), and the e-invoice
# validator's tools (xmllint, qpdf, poppler) and npm packages. As root it installs what is
# missing with apt; otherwise it stops and names the one command to run. Run by `npm test`
# (pretest) and by .ci/run.
set -uo pipefail
cd "$(dirname "$0")/../.."

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
# Debian puts it in /usr/sbin, which a user's PATH may lack.
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
command -v qpdf >/dev/null || missing+=(qpdf)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "Il manque ${missing[*]} pour les tests. Lancez une fois :"
		echo "  sudo apt-get install -y ${missing[*]}"
		exit 1
	fi
	echo "== apt-get install ${missing[*]}"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || {
		echo "apt-get install ${missing[*]} a échoué."
		exit 1
	}
fi

# The validator every e-invoice export is checked with: its own npm packages, beside the clone.
# Its first run compiles the schematron rules it needs (about 30 s each, cached in ~/.cache).
validator="$(node tests/support/shared-dir.js)/tools/einvoice-check"
if [ -f "$validator/package.json" ] && [ ! -d "$validator/node_modules" ]; then
	echo "== npm ci ($validator)"
	(cd "$validator" && npm ci --no-audit --no-fund) || exit 1
fi
exit 0
