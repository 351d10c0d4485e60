import {
  to = atlasmini_stream_connection.events
  id = "65f0a1b2c3d4e5f60718293a/ingest/events"
}
