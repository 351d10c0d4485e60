# A connection another team manages: check where it points before a
# processor writes to it.
data "atlasmini_stream_connection" "shared" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "ingest"
  name          = "warehouse"
}

output "shared_cluster" {
  value = data.atlasmini_stream_connection.shared.cluster.cluster_name
}
