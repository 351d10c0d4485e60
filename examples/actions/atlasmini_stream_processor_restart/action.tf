# Replay the orders feed from the beginning of its source, with its
# statistics cleared, after a bad deploy wrote wrong events:
#   terraform apply -invoke=action.atlasmini_stream_processor_restart.replay_orders
action "atlasmini_stream_processor_restart" "replay_orders" {
  config {
    project_id    = atlasmini_stream_processor.orders_feed.project_id
    instance_name = atlasmini_stream_processor.orders_feed.instance_name
    name          = atlasmini_stream_processor.orders_feed.name
    from          = "beginning"
  }
}

# Replay only what changed since an incident, on a larger tier to catch up.
action "atlasmini_stream_processor_restart" "replay_since_incident" {
  config {
    project_id    = atlasmini_stream_processor.orders_feed.project_id
    instance_name = atlasmini_stream_processor.orders_feed.instance_name
    name          = atlasmini_stream_processor.orders_feed.name
    from          = "2026-12-01T08:00:00Z"
    tier          = "SP30"
  }
}
