data "atlasmini_stream_instances" "all" {
  project_id = "65f0a1b2c3d4e5f60718293a"
}

output "instance_names" {
  value = [for i in data.atlasmini_stream_instances.all.results : i.name]
}

output "instance_count" {
  value = data.atlasmini_stream_instances.all.total_count
}
