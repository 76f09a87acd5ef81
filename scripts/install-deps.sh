#!/usr/bin/env bash
# Installs the Debian packages Mooring builds and tests with, only those missing.
set -euo pipefail
packages=(pkg-config libgit2-dev libyaml-dev libcurl4-openssl-dev liblua5.4-dev git openssl nginx-light fcgiwrap python3 chromium openssh-server)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Test tools from PyPI: the Prometheus text-format parser that /metrics is checked with.
python3 -c "import prometheus_client" 2>/dev/null || python3 -m pip install -q "prometheus-client==0.21.1" >/dev/null
# Playwright for Python drives Debian's chromium (launched with executable_path: no browser download)
# in the dashboard's browser tests (Tests/Browser).
python3 -c "import playwright" 2>/dev/null || python3 -m pip install -q "playwright==1.65.3" >/dev/null
# JSON Schema validation of mooring.schema.json against the configurations the tests use.
python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install -q "jsonschema==4.23.0" >/dev/null
