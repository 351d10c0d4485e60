import {
  to = atlasmini_stream_connection_failover.orders_oregon
  identity = {
    project_id      = "65f0a1b2c3d4e5f60718293a"
    instance_name   = "resilient"
    connection_name = "orders"
    id              = "6a0c5a375baf423a58f5ae4f"
  }
}
