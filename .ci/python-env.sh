#!/usr/bin/env bash
# Installs the Python virtualenv the tests use (moto server, py2sfn-task-tools), exactly as the test harness's
# PythonVirtualEnv does on first use, so CI can do it in a step of its own (and cache it).
# The venv is $PY2SFN_PYTHON_VENV, default target/python-venv in the repository root (what Maven passes to the
# tests). Run it before the Maven build, not during it: it does not take the harness's file lock.
# Its .requirements.sha256 marker holds the sha256 of the requirements file: when it matches, this script
# and the Java harness both skip the install.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$repo_root/py2sfn-task-tools-test-emulator/src/main/resources/io/github/py2sfn/tasktools/test/emulator/python-requirements.txt"
venv="${PY2SFN_PYTHON_VENV:-$repo_root/target/python-venv}"
marker="$venv/.requirements.sha256"
checksum="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ -f "$marker" && -x "$venv/bin/python" && "$(tr -d '[:space:]' < "$marker")" == "$checksum" ]]; then
  echo "Python virtualenv $venv is up to date"
  exit 0
fi

echo "Installing $(grep -v '^#' "$requirements" | paste -sd, | sed 's/,/, /g') into $venv"
rm -f "$marker"
mkdir -p "$(dirname "$venv")"
if ! python3 -m venv "$venv"; then
  # Debian and Ubuntu ship python3 without ensurepip; the venv module needs python3-venv.
  echo "python3 -m venv failed: installing the python3-venv package" >&2
  sudo=""
  if [[ "$(id -u)" != 0 ]]; then
    sudo="sudo"
  fi
  $sudo apt-get update -q
  $sudo apt-get install -y -q python3-venv
  rm -rf "$venv"
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -r "$requirements"
echo "$checksum" > "$marker"
