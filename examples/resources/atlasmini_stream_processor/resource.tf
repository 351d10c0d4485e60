# A complete pipeline: a stream instance with the solar sample source, a
# Cluster connection to write into, and a processor that runs from one to
# the other, with a dead letter queue. Against atlasmini-mock
# (go run ./cmd/atlasmini-mock), with
#   MONGODB_ATLAS_BASE_URL=http://127.0.0.1:8080
#   MONGODB_ATLAS_PUBLIC_KEY=mock-owner MONGODB_ATLAS_PRIVATE_KEY=mock-owner-secret

variable "min_watts" {
  description = "Readings at or below this many watts are dropped. Changing it edits the pipeline: the processor is stopped, modified and started again."
  type        = number
  default     = 5
}

variable "processor_state" {
  description = "STARTED to run the processor, STOPPED to pause it (it keeps its place in the source)."
  type        = string
  default     = "STARTED"
}

resource "atlasmini_stream_instance" "solar" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  name       = "solar"

  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }

  stream_config = {
    tier          = "SP10"
    max_tier_size = "SP30"
  }

  # The sample source "sample_stream_solar".
  sample_connections = {
    solar = true
  }
}

resource "atlasmini_stream_connection" "warehouse" {
  project_id    = atlasmini_stream_instance.solar.project_id
  instance_name = atlasmini_stream_instance.solar.name
  name          = "warehouse"
  type          = "Cluster"

  cluster = {
    cluster_name       = "Cluster0"
    db_role_to_execute = { role = "readWriteAnyDatabase", type = "BUILT_IN" }
  }

  # A change that replaces the instance deletes its connections with it:
  # replace this connection in the same apply.
  lifecycle {
    replace_triggered_by = [atlasmini_stream_instance.solar.id]
  }
}

resource "atlasmini_stream_processor" "solar" {
  project_id    = atlasmini_stream_instance.solar.project_id
  instance_name = atlasmini_stream_instance.solar.name
  name          = "solar-to-cluster"

  # jsonencode writes object keys in alphabetical order. That is fine
  # here; where key order matters ($sort, $project), write the pipeline
  # as a heredoc instead.
  pipeline = jsonencode([
    { "$source" = { connectionName = "sample_stream_solar" } },
    { "$match" = { "obs.watts" = { "$gt" = var.min_watts } } },
    { "$merge" = { into = { connectionName = atlasmini_stream_connection.warehouse.name, db = "solar", coll = "readings" } } },
  ])

  state = var.processor_state
  tier  = "SP10"

  options = {
    dlq = { connection_name = atlasmini_stream_connection.warehouse.name, db = "solar", coll = "dlq" }
  }

  # Atlas deletes no instance that has processors: a change that replaces
  # the instance replaces this processor in the same apply.
  lifecycle {
    replace_triggered_by = [atlasmini_stream_instance.solar.id]
  }
}

output "processor_state" {
  value = atlasmini_stream_processor.solar.state
}

output "processor_input_messages" {
  value = try(jsondecode(atlasmini_stream_processor.solar.stats).inputMessageCount, null)
}
