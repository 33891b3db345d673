#!/usr/bin/env bash
# Print the SITE_URL for a served address (host:port or port): links in mails sent outside a request use it.
# start.sh calls this unless SITE_URL is set; a wildcard host becomes 127.0.0.1.
set -euo pipefail
addr="${1:-127.0.0.1:8000}"
case "$addr" in
  *:*) host="${addr%:*}"; port="${addr##*:}" ;;
  *) host="127.0.0.1"; port="$addr" ;;
esac
case "$host" in ""|0.0.0.0|"[::]") host="127.0.0.1" ;; esac
echo "http://${host}:${port}"
