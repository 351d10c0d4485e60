# A Kafka cluster in your own AWS VPC, reached over VPC peering. Your
# account requests the peering to the Atlas VPC that the account details
# name (for example with aws_vpc_peering_connection, peer_owner_id and
# peer_vpc_id from the data source below); this accepts it and waits until
# it is ACTIVE, and the Kafka connection then uses access type VPC.

data "atlasmini_stream_account_details" "aws" {
  project_id     = "65f0a1b2c3d4e5f60718293a"
  cloud_provider = "AWS"
  region         = "us-east-1"
}

resource "atlasmini_stream_vpc_peering_accepter" "kafka" {
  project_id                = "65f0a1b2c3d4e5f60718293a"
  vpc_peering_connection_id = "pcx-09277e1e81d0751c1" # aws_vpc_peering_connection.atlas.id
  requester_account_id      = "417601102659"
  requester_vpc_id          = "vpc-0d13eb6a2f0377854"
}

resource "atlasmini_stream_instance" "events" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  name       = "events"

  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
}

resource "atlasmini_stream_connection" "kafka" {
  project_id    = atlasmini_stream_instance.events.project_id
  instance_name = atlasmini_stream_instance.events.name
  name          = "kafka"
  type          = "Kafka"

  kafka = {
    bootstrap_servers = "kafka-1.internal.example.net:9092"
    security          = { protocol = "SASL_PLAINTEXT" }
    networking        = { access = { type = "VPC" } }
  }

  # Connect once the peering carries traffic.
  depends_on = [atlasmini_stream_vpc_peering_accepter.kafka]
}

output "atlas_vpc" {
  value = "${data.atlasmini_stream_account_details.aws.vpc_id} (${data.atlasmini_stream_account_details.aws.cidr_block})"
}
