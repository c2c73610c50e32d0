#!/usr/bin/env bash
# Start the action server and the Rasa server, wait until the assistant answers, print how to
# talk to it, and stop both on Ctrl-C. Called by `make run` (which exports the defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p state

$PY -m rasa run actions --actions actions --port "$ACTION_PORT" &
ACTIONS_PID=$!
$PY -m rasa run --model models/cadomaestro.tar.gz --port "$RASA_PORT" \
  --credentials credentials.yml --endpoints endpoints.yml --cors "*" &
RASA_PID=$!
trap 'kill $ACTIONS_PID $RASA_PID 2>/dev/null; wait' EXIT INT TERM

for _ in $(seq 1 180); do
  if curl -sf "http://localhost:$RASA_PORT/status" -o /dev/null 2>&1 || \
     curl -sf "http://localhost:$RASA_PORT/" -o /dev/null 2>&1; then
    break
  fi
  kill -0 $RASA_PID 2>/dev/null || { echo "The Rasa server stopped; see the log above." >&2; exit 1; }
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
