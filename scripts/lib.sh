# Shared helpers for run.sh and test.sh.
free_port() {
  local p=${1:-55500}
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

wait_http() { # url seconds
  local i
  for ((i = 0; i < $2 * 4; i++)); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.25
  done
  return 1
}

have_client() { [ -f client/package.json ] && command -v npm >/dev/null; }
