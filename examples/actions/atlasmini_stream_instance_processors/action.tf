# Maintenance and regional failover of every processor of an instance:
#   terraform apply -invoke=action.atlasmini_stream_instance_processors.stop_all
#   terraform apply -invoke=action.atlasmini_stream_instance_processors.evacuate
#   terraform apply -invoke=action.atlasmini_stream_instance_processors.return
#   terraform apply -invoke=action.atlasmini_stream_instance_processors.start_all
# The processors' resources keep their declared state: a plain
# terraform apply after stop_all starts the ones declared STARTED again.
action "atlasmini_stream_instance_processors" "stop_all" {
  config {
    project_id    = atlasmini_stream_instance.resilient.project_id
    instance_name = atlasmini_stream_instance.resilient.name
    status        = "STOPPED"
  }
}

action "atlasmini_stream_instance_processors" "start_all" {
  config {
    project_id    = atlasmini_stream_instance.resilient.project_id
    instance_name = atlasmini_stream_instance.resilient.name
    status        = "STARTED"
  }
}

# Every processor with failover_enabled that is eligible moves to
# OREGON_USA; the last message names the ones left where they were.
action "atlasmini_stream_instance_processors" "evacuate" {
  config {
    project_id    = atlasmini_stream_instance.resilient.project_id
    instance_name = atlasmini_stream_instance.resilient.name
    status        = "FAILED_OVER"
    region        = "OREGON_USA"
    mode          = "FORCED"
  }
}

action "atlasmini_stream_instance_processors" "return" {
  config {
    project_id    = atlasmini_stream_instance.resilient.project_id
    instance_name = atlasmini_stream_instance.resilient.name
    status        = "FAILED_OVER"
    region        = "VIRGINIA_USA"
  }
}
