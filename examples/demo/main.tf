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

# A connection beside the sample one: the Atlas cluster that the processor
# of demo-solar writes into.
resource "atlasmini_stream_connection" "warehouse" {
  project_id    = var.project_id
  instance_name = atlasmini_stream_instance.solar.name
  name          = "warehouse"
  type          = "Cluster"

  cluster = {
    cluster_name       = "Cluster0"
    db_role_to_execute = { role = "readWriteAnyDatabase", type = "BUILT_IN" }
  }
}

# A processor from the solar sample to the cluster, running, with a dead
# letter queue. Against the real Atlas, stats change as it runs.
resource "atlasmini_stream_processor" "solar" {
  project_id    = var.project_id
  instance_name = atlasmini_stream_instance.solar.name
  name          = "solar-to-warehouse"

  pipeline = jsonencode([
    { "$source" = { connectionName = "sample_stream_solar" } },
    { "$match" = { "obs.watts" = { "$gt" = 5 } } },
    { "$merge" = { into = { connectionName = atlasmini_stream_connection.warehouse.name, db = "solar", coll = "readings" } } },
  ])
  state = "STARTED"

  options = {
    dlq = { connection_name = atlasmini_stream_connection.warehouse.name, db = "solar", coll = "dlq" }
  }
}

output "processor" {
  value = {
    state = atlasmini_stream_processor.solar.state
    tier  = atlasmini_stream_processor.solar.tier
    stats = jsondecode(atlasmini_stream_processor.solar.stats)
  }
}

output "hostnames" {
  value = {
    defaults = atlasmini_stream_instance.defaults.hostnames
    solar    = atlasmini_stream_instance.solar.hostnames
  }
}

# The connections as the API lists them once this configuration's are in
# place. The instance's own connections attribute shows them as of its last
# refresh, so it would show the warehouse connection only on the next plan.
data "atlasmini_stream_connections" "solar" {
  project_id    = var.project_id
  instance_name = atlasmini_stream_instance.solar.name
  depends_on    = [atlasmini_stream_connection.warehouse]
}

output "connections" {
  value = [for c in data.atlasmini_stream_connections.solar.results : "${c.name} (${c.type}, ${c.state})"]
}

output "warehouse_state" {
  value = atlasmini_stream_connection.warehouse.state
}

output "tiers" {
  value = {
    defaults = atlasmini_stream_instance.defaults.stream_config.tier
    solar    = atlasmini_stream_instance.solar.stream_config.tier
  }
}
