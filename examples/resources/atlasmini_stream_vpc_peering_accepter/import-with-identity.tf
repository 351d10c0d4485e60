import {
  to = atlasmini_stream_vpc_peering_accepter.kafka
  identity = {
    project_id                = "65f0a1b2c3d4e5f60718293a"
    vpc_peering_connection_id = "pcx-09277e1e81d0751c1"
  }
}
