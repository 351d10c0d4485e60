data "atlasmini_stream_instance" "other_team" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  name       = "ingest"
}

output "ingest_hostname" {
  value = data.atlasmini_stream_instance.other_team.hostnames[0]
}
