# Import by <project_id>/<instance_name>/<connection_name>/<id>, the form of
# MongoDB's own provider too; data "atlasmini_stream_connection_failovers"
# lists a connection's failover connections with their ids:
terraform import atlasmini_stream_connection_failover.orders_oregon 65f0a1b2c3d4e5f60718293a/resilient/orders/6a0c5a375baf423a58f5ae4f

# OpenTofu: the same with tofu import.
