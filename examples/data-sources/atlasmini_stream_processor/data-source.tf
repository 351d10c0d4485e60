# One processor, with its state and statistics.
data "atlasmini_stream_processor" "solar" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "solar"
  name          = "solar-to-cluster"
}

output "solar_state" {
  value = data.atlasmini_stream_processor.solar.state
}

output "solar_output_messages" {
  value = try(jsondecode(data.atlasmini_stream_processor.solar.stats).outputMessageCount, null)
}
