#!/usr/bin/env bash
# Prints the path of a Python interpreter of the version asked (e.g. 3.13), or fails: on PATH as python3.13,
# then pyenv's versions (this workplace's machines carry 3.13 under /root/.pyenv), then /usr/local and /opt.
set -euo pipefail
want="${1:?usage: scripts/find_python.sh 3.13}"
candidates=("$(command -v "python$want" || true)")
for root in "${PYENV_ROOT:-$HOME/.pyenv}" /root/.pyenv; do
  candidates+=("$root"/versions/"$want"*/bin/python"$want")
done
candidates+=(/usr/local/bin/python"$want" /opt/python*/bin/python"$want")
for py in "${candidates[@]}"; do
  if [ -n "$py" ] && [ -x "$py" ] && "$py" -c "import ssl, sqlite3, venv" 2>/dev/null; then
    echo "$py"; exit 0
  fi
done
echo "find_python: no working python$want found" >&2
exit 1
