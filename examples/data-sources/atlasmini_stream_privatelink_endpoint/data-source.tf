# One endpoint by its id: here the MSK endpoint of the resource example;
# in practice one another team manages, for a connection of yours.
data "atlasmini_stream_privatelink_endpoint" "msk" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  id         = atlasmini_stream_privatelink_endpoint.msk.id
}

output "msk_endpoint_state" {
  value = data.atlasmini_stream_privatelink_endpoint.msk.state
}
