# search.tfquery.hcl: every connection of the instance, with the resource
# object, so that terraform query can write their configuration.
list "atlasmini_stream_connection" "all" {
  provider         = atlasmini
  include_resource = true

  config {
    project_id    = "65f0a1b2c3d4e5f60718293a"
    instance_name = "ingest"
  }
}

# Only its Kafka connections, at most 20.
list "atlasmini_stream_connection" "kafka" {
  provider = atlasmini
  limit    = 20

  config {
    project_id    = "65f0a1b2c3d4e5f60718293a"
    instance_name = "ingest"
    type          = "Kafka"
  }
}
