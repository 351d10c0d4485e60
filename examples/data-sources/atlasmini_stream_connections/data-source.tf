# Every connection of the instance, of every type.
data "atlasmini_stream_connections" "ingest" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "ingest"
}

output "kafka_connections" {
  value = [for c in data.atlasmini_stream_connections.ingest.results : c.name if c.type == "Kafka"]
}
