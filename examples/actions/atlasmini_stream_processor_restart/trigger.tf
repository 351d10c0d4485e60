# A processor that starts again from the beginning of its source each
# time its pipeline or settings change: the update resumes from the
# checkpoint, then the action_trigger replays the source (Terraform 1.14+).
variable "orders_db" {
  type    = string
  default = "shop"
}

resource "atlasmini_stream_processor" "orders_copy" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "resilient"
  name          = "orders_copy"
  pipeline = jsonencode([
    { "$source" = { connectionName = "warehouse", db = var.orders_db, coll = "orders" } },
    { "$merge" = { into = { connectionName = "warehouse", db = "copies", coll = "orders" } } },
  ])
  state = "STARTED"

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.atlasmini_stream_processor_restart.replay_orders_copy]
    }
  }
}

action "atlasmini_stream_processor_restart" "replay_orders_copy" {
  config {
    project_id    = "65f0a1b2c3d4e5f60718293a"
    instance_name = "resilient"
    name          = "orders_copy"
    from          = "beginning"
  }
}
