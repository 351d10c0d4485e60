# The demo that `make demo` applies against atlasmini-mock. The provider
# reads base_url and credentials from the environment the demo sets.
terraform {
  required_providers {
    atlasmini = {
      source = "atlasmini/atlasmini"
    }
  }
}

provider "atlasmini" {}

variable "project_id" {
  description = "Atlas project that holds the demo instances (the mock's built-in project by default)."
  type        = string
  default     = "65f0a1b2c3d4e5f60718293a"
}

resource "atlasmini_stream_instance" "defaults" {
  project_id = var.project_id
  name       = "demo-defaults"

  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
}

resource "atlasmini_stream_instance" "solar" {
  project_id = var.project_id
  name       = "demo-solar"

  data_process_region = {
    cloud_provider = "GCP"
    region         = "US_CENTRAL1"
  }

  stream_config = {
    tier = "SP10"
  }

  sample_connections = {
    solar = true
  }
}

output "hostnames" {
  value = {
    defaults = atlasmini_stream_instance.defaults.hostnames
    solar    = atlasmini_stream_instance.solar.hostnames
  }
}

output "connections" {
  value = {
    defaults = atlasmini_stream_instance.defaults.connections
    solar    = atlasmini_stream_instance.solar.connections
  }
}

output "tiers" {
  value = {
    defaults = atlasmini_stream_instance.defaults.stream_config.tier
    solar    = atlasmini_stream_instance.solar.stream_config.tier
  }
}
