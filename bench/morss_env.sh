#!/bin/sh
# Make the morss CLI's own venv for `make bench` (never .venv: morss brings its own dependency
# set). Usage: bench/morss_env.sh VENV PYTHON VERSION. Idempotent (a stamp per version). A failed
# install is reported and leaves no venv; the bench's morss section then says why and skips.
set -u
venv=$1 python=$2 version=$3
stamp="$venv/.installed-morss-$version"
log="$(dirname "$venv")/morss-install.log"
[ -f "$stamp" ] && exit 0
mkdir -p "$(dirname "$venv")"
rm -rf "$venv"
echo "installing morss $version into $venv ..."
if "$python" -m venv "$venv" >"$log" 2>&1 \
  && "$venv/bin/python" -m pip install -q --disable-pip-version-check "morss==$version" >>"$log" 2>&1 \
  && "$venv/bin/morss" --help >/dev/null 2>&1; then
  touch "$stamp"
else
  echo "morss: install failed (see $log); the morss bench section will skip"
  rm -rf "$venv"
fi
exit 0
