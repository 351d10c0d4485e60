# An MSK cluster with IAM access control: Atlas signs in with an IAM role
# (AWS_MSK_IAM over SASL_SSL), through an endpoint that says so.
resource "atlasmini_stream_privatelink_endpoint" "msk_iam" {
  project_id            = "65f0a1b2c3d4e5f60718293a"
  provider_name         = "AWS"
  vendor                = "MSK"
  arn                   = "arn:aws:kafka:us-east-1:123456789012:cluster/payments/0b6c7d8e-1"
  authentication_scheme = "IAM"
}

resource "atlasmini_stream_connection" "payments" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "archive"
  name          = "payments"
  type          = "Kafka"

  kafka = {
    bootstrap_servers = "b-1.payments.xyz789.c3.kafka.us-east-1.amazonaws.com:9098"
    authentication = {
      mechanism = "AWS_MSK_IAM"
      aws       = { role_arn = "arn:aws:iam::123456789012:role/atlas-streams-msk" }
    }
    security = { protocol = "SASL_SSL" }
    networking = {
      access = {
        type          = "PRIVATE_LINK"
        connection_id = atlasmini_stream_privatelink_endpoint.msk_iam.id
      }
    }
  }

  depends_on = [atlasmini_stream_connection.archive]
}
