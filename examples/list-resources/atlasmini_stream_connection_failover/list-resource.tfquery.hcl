# search.tfquery.hcl: every failover copy of connection "orders", with the
# resource object, so that terraform query can write their configuration.
list "atlasmini_stream_connection_failover" "orders" {
  provider         = atlasmini
  include_resource = true

  config {
    project_id      = "65f0a1b2c3d4e5f60718293a"
    instance_name   = "resilient"
    connection_name = "orders"
  }
}
