# An S3 sink reached over Private Link: the S3 endpoint of the region,
# and an S3 connection that uses it. A Lambda, Kinesis, Blob Storage or
# Pub/Sub connection pairs with its own vendor the same way.
resource "atlasmini_stream_privatelink_endpoint" "s3" {
  project_id          = "65f0a1b2c3d4e5f60718293a"
  provider_name       = "AWS"
  vendor              = "S3"
  region              = "us-east-1"
  service_endpoint_id = "com.amazonaws.us-east-1.s3"
}

resource "atlasmini_stream_instance" "archive" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  name       = "archive"

  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
}

resource "atlasmini_stream_connection" "archive" {
  project_id    = atlasmini_stream_instance.archive.project_id
  instance_name = atlasmini_stream_instance.archive.name
  name          = "archive"
  type          = "S3"

  s3 = {
    role_arn    = "arn:aws:iam::123456789012:role/atlas-streams-archive"
    test_bucket = "orders-archive"
    networking = {
      access = {
        type          = "PRIVATE_LINK"
        connection_id = atlasmini_stream_privatelink_endpoint.s3.id
      }
    }
  }
}
