# Every failover copy of connection "orders", one per failover region.
data "atlasmini_stream_connection_failovers" "orders" {
  project_id      = "65f0a1b2c3d4e5f60718293a"
  instance_name   = "resilient"
  connection_name = "orders"
}

output "orders_failover_regions" {
  value = [for f in data.atlasmini_stream_connection_failovers.orders.results : f.region]
}
