# Drill the failover of the orders feed without moving it or consuming
# data, then move it to OREGON_USA and back:
#   terraform apply -invoke=action.atlasmini_stream_processor_failover.drill
#   terraform apply -invoke=action.atlasmini_stream_processor_failover.to_oregon
#   terraform apply -invoke=action.atlasmini_stream_processor_failover.back_home
action "atlasmini_stream_processor_failover" "drill" {
  config {
    project_id    = atlasmini_stream_processor.orders_feed.project_id
    instance_name = atlasmini_stream_processor.orders_feed.instance_name
    name          = atlasmini_stream_processor.orders_feed.name
    region        = "OREGON_USA"
    dry_run       = true
  }
}

action "atlasmini_stream_processor_failover" "to_oregon" {
  config {
    project_id    = atlasmini_stream_processor.orders_feed.project_id
    instance_name = atlasmini_stream_processor.orders_feed.instance_name
    name          = atlasmini_stream_processor.orders_feed.name
    region        = "OREGON_USA"
  }
}

# Back to the primary region, at once (its region is back, but the
# processor's region is not answering): FORCED, from its checkpoint.
action "atlasmini_stream_processor_failover" "back_home" {
  config {
    project_id    = atlasmini_stream_processor.orders_feed.project_id
    instance_name = atlasmini_stream_processor.orders_feed.instance_name
    name          = atlasmini_stream_processor.orders_feed.name
    region        = "VIRGINIA_USA"
    mode          = "FORCED"
  }
}
