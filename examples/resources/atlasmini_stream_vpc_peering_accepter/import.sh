# Import an ACTIVE peering by <project_id>/<vpc_peering_connection_id>:
terraform import atlasmini_stream_vpc_peering_accepter.kafka 65f0a1b2c3d4e5f60718293a/pcx-09277e1e81d0751c1
