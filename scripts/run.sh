#!/usr/bin/env bash
# Start the action server and the Rasa server, wait until both answer, print how to talk to the
# assistant, and stop both on Ctrl-C. Called by `make run` (which exports the settings).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${RASA_PORT:?} ${ACTION_PORT:?} ${TRACKER_STORE_URL:?} ${ACTION_ENDPOINT_URL:?} (set by make run)"
PY=.venv/bin/python

$PY -m rasa run actions --actions actions --port "$ACTION_PORT" &
ACTIONS_PID=$!
$PY -m rasa run --model models/cadomaestro.tar.gz --port "$RASA_PORT" \
  --credentials credentials.yml --endpoints endpoints.yml --cors "*" &
RASA_PID=$!
trap 'kill $ACTIONS_PID $RASA_PID 2>/dev/null; wait' EXIT INT TERM

ready() { curl -sf "$1" -o /dev/null 2>&1; }
for second in $(seq 1 300); do
  if ready "http://localhost:$RASA_PORT/" && ready "http://localhost:$ACTION_PORT/health"; then
    break
  fi
  for pid in $RASA_PID $ACTIONS_PID; do
    kill -0 "$pid" 2>/dev/null || { echo "A server stopped; see the log above." >&2; exit 1; }
  done
  if [ "$second" -eq 300 ]; then
    echo "The assistant did not answer within 300 s; see the log above." >&2
    exit 1
  fi
  sleep 1
done
cat <<MSG

  CadoMaestro assistant ready.
  REST:      curl -XPOST localhost:$RASA_PORT/webhooks/rest/webhook \\
               -d '{"sender":"u1","message":"vous livrez en Belgique ?"}'
  socket.io: ws://localhost:$RASA_PORT/socket.io (events user_uttered / bot_uttered)
  Actions:   http://localhost:$ACTION_PORT/health
  Conversations are kept in $TRACKER_STORE_URL
  Stop with Ctrl-C.

MSG
wait $RASA_PID
