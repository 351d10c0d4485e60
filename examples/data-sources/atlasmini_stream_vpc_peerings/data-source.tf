# The peering requests of one AWS account, to find the pcx- id to accept,
# and every ACTIVE peering of the project.
data "atlasmini_stream_vpc_peerings" "mine" {
  project_id           = "65f0a1b2c3d4e5f60718293a"
  requester_account_id = "417601102659"
}

output "pending_requests" {
  value = [for p in data.atlasmini_stream_vpc_peerings.mine.requested : p.vpc_peering_connection_id if p.local_status == "NONE"]
}

output "active_peerings" {
  value = [for p in data.atlasmini_stream_vpc_peerings.mine.active : p.vpc_peering_connection_id]
}
