# The AWS account and VPC of the project's stream processing in Virginia:
# what a VPC peering request from your account names as its accepter, and
# the principal to allow on a Private Link endpoint service.
data "atlasmini_stream_account_details" "aws" {
  project_id     = "65f0a1b2c3d4e5f60718293a"
  cloud_provider = "AWS"
  region         = "VIRGINIA_USA" # or us-east-1, or US_EAST_1
}

output "atlas_aws_account" {
  value = data.atlasmini_stream_account_details.aws.aws_account_id
}

output "atlas_vpc" {
  value = data.atlasmini_stream_account_details.aws.vpc_id
}

# The same for GCP, which MongoDB's data source does not cover.
data "atlasmini_stream_account_details" "gcp" {
  project_id     = "65f0a1b2c3d4e5f60718293a"
  cloud_provider = "GCP"
  region         = "us-central1"
}
