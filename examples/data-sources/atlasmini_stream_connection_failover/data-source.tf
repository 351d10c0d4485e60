# The copy of connection "orders" that processors use in OREGON_USA, by
# region (or by id).
data "atlasmini_stream_connection_failover" "orders_oregon" {
  project_id      = "65f0a1b2c3d4e5f60718293a"
  instance_name   = "resilient"
  connection_name = "orders"
  region          = "OREGON_USA"
}

output "oregon_brokers" {
  value = data.atlasmini_stream_connection_failover.orders_oregon.kafka.bootstrap_servers
}
