# A pipeline that survives the loss of its region: an instance with a
# failover region, a Kafka connection and an Atlas cluster connection, each
# with its copy for that region, and a processor that fails over with the
# instance. Against atlasmini-mock (go run ./cmd/atlasmini-mock), with
#   MONGODB_ATLAS_BASE_URL=http://127.0.0.1:8080
#   MONGODB_ATLAS_PUBLIC_KEY=mock-owner MONGODB_ATLAS_PRIVATE_KEY=mock-owner-secret

variable "kafka_password" {
  type      = string
  sensitive = true
}

resource "atlasmini_stream_instance" "resilient" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  name       = "resilient"

  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
  failover_regions = [
    { cloud_provider = "AWS", region = "OREGON_USA" },
  ]
  stream_config = {
    tier          = "SP10"
    max_tier_size = "SP30"
  }
}

# The brokers the processors use in the primary region...
resource "atlasmini_stream_connection" "orders" {
  project_id    = atlasmini_stream_instance.resilient.project_id
  instance_name = atlasmini_stream_instance.resilient.name
  name          = "orders"
  type          = "Kafka"
  kafka = {
    bootstrap_servers = "kafka-east-1.example.net:9092"
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "pipeline"
      password_wo         = var.kafka_password
      password_wo_version = 1
    }
    security = { protocol = "SASL_SSL" }
  }
}

# ...and the ones they use after failing over to OREGON_USA. Same name and
# type; brokers and credentials of that region.
resource "atlasmini_stream_connection_failover" "orders_oregon" {
  project_id      = atlasmini_stream_connection.orders.project_id
  instance_name   = atlasmini_stream_connection.orders.instance_name
  connection_name = atlasmini_stream_connection.orders.name
  region          = "OREGON_USA"
  kafka = {
    bootstrap_servers = "kafka-west-2.example.net:9092"
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "pipeline"
      password_wo         = var.kafka_password
      password_wo_version = 1
    }
    security = { protocol = "SASL_SSL" }
  }
}

resource "atlasmini_stream_connection" "warehouse" {
  project_id    = atlasmini_stream_instance.resilient.project_id
  instance_name = atlasmini_stream_instance.resilient.name
  name          = "warehouse"
  type          = "Cluster"
  cluster       = { cluster_name = "Cluster0" }
}

resource "atlasmini_stream_connection_failover" "warehouse_oregon" {
  project_id      = atlasmini_stream_connection.warehouse.project_id
  instance_name   = atlasmini_stream_connection.warehouse.instance_name
  connection_name = atlasmini_stream_connection.warehouse.name
  region          = "OREGON_USA"
  cluster         = { cluster_name = "Cluster0" }
}

# An Atlas source and a Kafka sink on SP10: eligible for failover, which
# failover_enabled turns on. depends_on makes Terraform create the copies
# before the processor starts, and stop and delete the processor before
# it deletes them (Atlas refuses to change a connection a running
# processor uses).
resource "atlasmini_stream_processor" "orders_feed" {
  project_id    = atlasmini_stream_instance.resilient.project_id
  instance_name = atlasmini_stream_instance.resilient.name
  name          = "orders_feed"
  pipeline = jsonencode([
    { "$source" = { connectionName = atlasmini_stream_connection.warehouse.name, db = "shop", coll = "orders" } },
    { "$emit" = { connectionName = atlasmini_stream_connection.orders.name, topic = "orders" } },
  ])
  tier             = "SP10"
  failover_enabled = true
  state            = "STARTED"

  depends_on = [
    atlasmini_stream_connection_failover.orders_oregon,
    atlasmini_stream_connection_failover.warehouse_oregon,
  ]
}

output "orders_feed_eligible_for_failover" {
  value = atlasmini_stream_processor.orders_feed.eligible_for_failover
}
