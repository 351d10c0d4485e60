# Every Private Link endpoint of the project.
data "atlasmini_stream_privatelink_endpoints" "all" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  depends_on = [atlasmini_stream_privatelink_endpoint.msk]
}

# The ids of the endpoints that are ready for connections.
output "done_endpoints" {
  value = [for e in data.atlasmini_stream_privatelink_endpoints.all.results : e.id if e.state == "DONE"]
}
