#!/bin/sh
# Make the venv of the accuracy baselines (trafilatura, newspaper4k) for `make accuracy` only
# (never .venv: they bring their own dependency sets). Usage:
#   bench/extractors_env.sh VENV PYTHON TRAFILATURA_VERSION NEWSPAPER4K_VERSION
# Idempotent (a stamp per version pair). newspaper4k's [ja] extra brings the tokenizer its
# Japanese pages need (without it those pages crash it). pip is upgraded first: the stock one fails to resolve
# both together. Then one wrapper per tool, VENV/bin/NAME-adapter, which answers
# `parse SOURCE --json` in pagefeed's JSON shape (bench/extractor_adapter.py). A failed install
# is reported and leaves no venv; `make accuracy` then scores pagefeed alone.
set -u
venv=$1 python=$2 traf=$3 news=$4
here=$(cd "$(dirname "$0")" && pwd)
stamp="$venv/.installed-$traf-$news"
log="$(dirname "$venv")/extractors-install.log"
[ -f "$stamp" ] && exit 0
mkdir -p "$(dirname "$venv")"
rm -rf "$venv"
echo "installing trafilatura $traf and newspaper4k $news into $venv ..."
if "$python" -m venv "$venv" >"$log" 2>&1 \
  && "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >>"$log" 2>&1 \
  && "$venv/bin/python" -m pip install -q --disable-pip-version-check \
       "trafilatura==$traf" "newspaper4k[ja]==$news" >>"$log" 2>&1; then
  for tool in trafilatura newspaper4k; do
    printf '#!/bin/sh\nexec "%s/bin/python" "%s/extractor_adapter.py" %s "$@"\n' \
      "$(cd "$venv" && pwd)" "$here" "$tool" >"$venv/bin/$tool-adapter"
    chmod +x "$venv/bin/$tool-adapter"
  done
  touch "$stamp"
else
  echo "extractors: install failed (see $log); make accuracy scores pagefeed alone"
  rm -rf "$venv"
fi
exit 0
