# A change that replaces an instance (sample_connections here, or another
# list of failover regions) deletes its connections with it, and Atlas
# refuses to delete an instance that still has processors. Terraform knows
# the connections and processors only by instance_name, which does not
# change, so replace_triggered_by on each of them makes one apply replace
# them with the instance: they are destroyed first, the instance is
# replaced, and they are created again on the new one.

variable "with_sample" {
  description = "Whether the instance has the solar sample source; changing it replaces the instance."
  type        = bool
  default     = false
}

resource "atlasmini_stream_instance" "events" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  name       = "events"

  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }

  sample_connections = {
    solar = var.with_sample
  }
}

resource "atlasmini_stream_connection" "archive" {
  project_id    = atlasmini_stream_instance.events.project_id
  instance_name = atlasmini_stream_instance.events.name
  name          = "archive"
  type          = "Cluster"

  cluster = {
    cluster_name = "Cluster0"
  }

  lifecycle {
    replace_triggered_by = [atlasmini_stream_instance.events.id]
  }
}

resource "atlasmini_stream_processor" "archiver" {
  project_id    = atlasmini_stream_instance.events.project_id
  instance_name = atlasmini_stream_instance.events.name
  name          = "archiver"
  pipeline = jsonencode([
    { "$source" = { connectionName = atlasmini_stream_connection.archive.name, db = "events", coll = "raw" } },
    { "$merge" = { into = { connectionName = atlasmini_stream_connection.archive.name, db = "events", coll = "kept" } } },
  ])
  state = "STARTED"

  lifecycle {
    replace_triggered_by = [atlasmini_stream_instance.events.id]
  }
}
