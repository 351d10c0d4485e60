# An AWS Confluent endpoint of an Enterprise cluster: Atlas creates it
# without a DNS domain and waits for one. The first apply returns once
# Atlas waits (state IDLE or WORKING); once Confluent shows the domain,
# set dns_domain and apply again: one update in place, which waits until
# the endpoint is DONE.
resource "atlasmini_stream_privatelink_endpoint" "confluent" {
  project_id          = "65f0a1b2c3d4e5f60718293a"
  provider_name       = "AWS"
  vendor              = "CONFLUENT"
  region              = "us-east-1"
  service_endpoint_id = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  dns_sub_domain      = []
  # dns_domain        = "lkc-abc123.us-east-1.aws.private.confluent.cloud"

  timeouts = {
    create = "90m"
  }
}
