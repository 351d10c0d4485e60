# Against atlasmini-mock (go run ./cmd/atlasmini-mock), with
#   MONGODB_ATLAS_BASE_URL=http://127.0.0.1:8080
#   MONGODB_ATLAS_PUBLIC_KEY=mock-owner MONGODB_ATLAS_PRIVATE_KEY=mock-owner-secret
resource "atlasmini_stream_instance" "example" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  name       = "example"

  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }

  stream_config = {
    tier = "SP10"
  }

  sample_connections = {
    solar = true
  }

  timeouts = {
    create = "10m"
    delete = "10m"
  }
}

output "example_hostnames" {
  value = atlasmini_stream_instance.example.hostnames
}
