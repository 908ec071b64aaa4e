#!/usr/bin/env bash
# Installs what the tests need when it is missing: tmux and pgrep for the
# end-to-end tests, ip for the device-churn test, Prometheus and promtool
# for the export test and the test of --remote and --prometheus against the
# real engine, Prometheus' node_exporter for the latter, and a C compiler
# for the race detector. Debian/Ubuntu (apt-get).
set -euo pipefail

missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v pgrep >/dev/null 2>&1 || missing+=(procps)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-node-exporter >/dev/null 2>&1 || missing+=(prometheus-node-exporter)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "ensure-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "ensure-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-deps: no apt-get here; install ${missing[*]} by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
