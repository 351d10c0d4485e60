# Connections of the stream instance "ingest". Against atlasmini-mock
# (go run ./cmd/atlasmini-mock), with
#   MONGODB_ATLAS_BASE_URL=http://127.0.0.1:8080
#   MONGODB_ATLAS_PUBLIC_KEY=mock-owner MONGODB_ATLAS_PRIVATE_KEY=mock-owner-secret

variable "kafka_password" {
  type      = string
  sensitive = true
}

variable "webhook_token" {
  type      = string
  sensitive = true
}

# An Atlas cluster: processors read change streams from it and $merge into it.
resource "atlasmini_stream_connection" "warehouse" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "ingest"
  name          = "warehouse"
  type          = "Cluster"

  cluster = {
    cluster_name       = "Cluster0"
    db_role_to_execute = { role = "readWriteAnyDatabase", type = "BUILT_IN" }
  }
}

# Kafka with SCRAM. The password is write-only (Terraform 1.11+): it is
# never stored in state or plan, and is sent with the create and every
# update; raise password_wo_version to send a new one.
resource "atlasmini_stream_connection" "events" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "ingest"
  name          = "events"
  type          = "Kafka"

  kafka = {
    bootstrap_servers = "b-1.example.net:9092,b-2.example.net:9092"
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "ingest"
      password_wo         = var.kafka_password
      password_wo_version = 1 # change it to send a new password
    }
    security   = { protocol = "SASL_SSL" }
    config     = { "auto.offset.reset" = "earliest" }
    networking = { access = { type = "PUBLIC" } }
  }
}

# An HTTPS endpoint that $https stages call. Headers are sensitive.
resource "atlasmini_stream_connection" "webhook" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "ingest"
  name          = "webhook"
  type          = "Https"

  https = {
    url     = "https://hooks.example.net/solar"
    headers = { Authorization = "Bearer ${var.webhook_token}" }
  }
}
