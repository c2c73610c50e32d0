#!/usr/bin/env bash
# Start the order backend, the action server and the Rasa server, wait until they answer, print
# how to talk to the assistant, and stop them all on Ctrl-C. Called by `make run`;
# `scripts/run.sh shell` talks to the assistant in the terminal instead (`make chat`).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# The defaults of the settings the environment does not set (cadomaestro/settings.py).
eval "$($PY -m cadomaestro.settings shell)"
MODE=${1:-server}

# The key between the action server and the order backend: generated once, kept out of git.
if [ -z "${ORDERS_API_KEY:-}" ]; then
  KEY_FILE=state/orders-api-key
  if [ ! -s "$KEY_FILE" ]; then
    (umask 077 && $PY -c 'import secrets; print(secrets.token_urlsafe(32))' > "$KEY_FILE")
  fi
  ORDERS_API_KEY=$(cat "$KEY_FILE")
  export ORDERS_API_KEY
fi

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait' EXIT INT TERM
# Migrates the order database and seeds the demo shop when it has no order yet.
$PY -m cadomaestro.backend serve --port "$ORDERS_API_PORT" &
PIDS+=($!)
# rasa_sdk listens on SANIC_HOST (all interfaces by default).
SANIC_HOST="$ACTION_HOST" $PY -m rasa run actions --actions actions --port "$ACTION_PORT" &
PIDS+=($!)

ready() { curl -sf "$1" -o /dev/null 2>&1; }
wait_until_ready() {
  for second in $(seq 1 300); do
    local all=1
    for url in "$@"; do ready "$url" || all=0; done
    [ "$all" -eq 1 ] && return 0
    for pid in "${PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "A server stopped; see the log above." >&2; exit 1; }
    done
    sleep 1
  done
  echo "The assistant did not answer within 300 s; see the log above." >&2
  exit 1
}

if [ "$MODE" = shell ]; then
  wait_until_ready "$ORDERS_API_URL/health" "http://localhost:$ACTION_PORT/health"
  $PY -m rasa shell -m models/cadomaestro.tar.gz --endpoints endpoints.yml
  exit 0
fi

# The agent console (its own database; reads the conversations).
$PY -m cadomaestro.console serve --port "$CONSOLE_PORT" &
PIDS+=($!)

# Browsers on the shop's pages (WIDGET_ORIGINS, as the settings read them) may call the HTTP
# routes (the widget's photo uploads); unset, only the assistant's own pages.
read -r -a ORIGINS <<< "$($PY -m cadomaestro.settings origins WIDGET_ORIGINS)"
CORS=()
[ "${#ORIGINS[@]}" -gt 0 ] && CORS=(--cors "${ORIGINS[@]}")
$PY -m cadomaestro.server run --model models/cadomaestro.tar.gz --port "$RASA_PORT" \
  --credentials credentials.yml --endpoints endpoints.yml "${CORS[@]}" &
RASA_PID=$!
PIDS+=($RASA_PID)
wait_until_ready "http://localhost:$RASA_PORT/" "http://localhost:$ACTION_PORT/health" \
  "$ORDERS_API_URL/health" "http://localhost:$CONSOLE_PORT/health"
DEMO=""
if [ "${DEMO_PAGES:-}" = 1 ]; then
  DEMO="
  Demo shop with the chat widget:   http://localhost:$RASA_PORT/demo/
  … as a logged-in demo customer:   http://localhost:$RASA_PORT/demo/?customer=claire.martin@example.fr"
fi
cat <<MSG

  CadoMaestro assistant ready.$DEMO
  REST:      curl -XPOST localhost:$RASA_PORT/webhooks/rest/webhook \\
               -d '{"sender":"u1","message":"vous livrez en Belgique ?"}'
  Widget:    <script src="http://localhost:$RASA_PORT/widget/widget.js" async></script>
             (socket.io at ws://localhost:$RASA_PORT/socket.io; see the README)
  Console:   http://localhost:$CONSOLE_PORT/ (agents: make agent EMAIL=… NAME=…)
  Actions:   http://localhost:$ACTION_PORT/health
  Orders:    $ORDERS_API_URL/openapi.json (demo orders: docs/order-conversations.md)
  Conversations are kept in $TRACKER_STORE_URL, orders in $ORDERS_DATABASE_URL
  Stop with Ctrl-C.

MSG
wait $RASA_PID
