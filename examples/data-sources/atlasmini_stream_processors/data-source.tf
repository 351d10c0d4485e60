# Every processor of the instance: here, those that are not running.
data "atlasmini_stream_processors" "solar" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "solar"
}

output "not_running" {
  value = [for p in data.atlasmini_stream_processors.solar.results : "${p.name} (${p.state})" if p.state != "STARTED"]
}
