# A private MSK pipeline: a Private Link endpoint to an Amazon MSK cluster,
# a Kafka connection that reaches the cluster through it, and a processor
# that copies the cluster's orders into an Atlas cluster. Against
# atlasmini-mock (go run ./cmd/atlasmini-mock), with
#   MONGODB_ATLAS_BASE_URL=http://127.0.0.1:8080
#   MONGODB_ATLAS_PUBLIC_KEY=mock-owner MONGODB_ATLAS_PRIVATE_KEY=mock-owner-secret

variable "msk_password" {
  type      = string
  sensitive = true
}

# The AWS account of Atlas's stream processing network in the cluster's
# region: the principal to allow on the MSK cluster's VPC connectivity
# (aws_msk_cluster_policy) before the endpoint can be made.
data "atlasmini_stream_account_details" "aws" {
  project_id     = "65f0a1b2c3d4e5f60718293a"
  cloud_provider = "AWS"
  region         = "us-east-1"
}

output "allow_principal" {
  value = "arn:aws:iam::${data.atlasmini_stream_account_details.aws.aws_account_id}:root"
}

# MSK takes the cluster's ARN; Atlas derives the region from it and
# authenticates with SASL/SCRAM unless authentication_scheme says
# otherwise. Creation waits until the endpoint is DONE.
resource "atlasmini_stream_privatelink_endpoint" "msk" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  provider_name = "AWS"
  vendor        = "MSK"
  arn           = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/6a7941d3-c0eb-9e7a-1772-2d71c0eb9e7a-1"
}

resource "atlasmini_stream_instance" "orders" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  name       = "orders"

  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
}

# The connection names the endpoint's id, so Terraform creates it after the
# endpoint is DONE and deletes it before the endpoint.
resource "atlasmini_stream_connection" "msk" {
  project_id    = atlasmini_stream_instance.orders.project_id
  instance_name = atlasmini_stream_instance.orders.name
  name          = "msk"
  type          = "Kafka"

  kafka = {
    bootstrap_servers = "b-1.orders.abc123.c2.kafka.us-east-1.amazonaws.com:9096"
    authentication = {
      mechanism           = "SCRAM-512"
      username            = "atlas-streams"
      password_wo         = var.msk_password
      password_wo_version = 1
    }
    security = { protocol = "SASL_SSL" }
    networking = {
      access = {
        type          = "PRIVATE_LINK"
        connection_id = atlasmini_stream_privatelink_endpoint.msk.id
      }
    }
  }
}

resource "atlasmini_stream_connection" "warehouse" {
  project_id    = atlasmini_stream_instance.orders.project_id
  instance_name = atlasmini_stream_instance.orders.name
  name          = "warehouse"
  type          = "Cluster"

  cluster = {
    cluster_name       = "Cluster0"
    db_role_to_execute = { role = "readWriteAnyDatabase", type = "BUILT_IN" }
  }
}

resource "atlasmini_stream_processor" "orders" {
  project_id    = atlasmini_stream_instance.orders.project_id
  instance_name = atlasmini_stream_instance.orders.name
  name          = "orders-to-atlas"
  state         = "STARTED"

  pipeline = jsonencode([
    { "$source" = { connectionName = atlasmini_stream_connection.msk.name, topic = "orders" } },
    { "$merge" = { into = { connectionName = atlasmini_stream_connection.warehouse.name, db = "shop", coll = "orders" } } },
  ])
}
