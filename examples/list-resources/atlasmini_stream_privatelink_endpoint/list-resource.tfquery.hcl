# search.tfquery.hcl: every Private Link endpoint of the project, with the
# resource object, so that terraform query can write their configuration.
list "atlasmini_stream_privatelink_endpoint" "all" {
  provider         = atlasmini
  include_resource = true

  config {
    project_id = "65f0a1b2c3d4e5f60718293a"
  }
}

# Only the AWS MSK endpoints.
list "atlasmini_stream_privatelink_endpoint" "msk" {
  provider = atlasmini

  config {
    project_id    = "65f0a1b2c3d4e5f60718293a"
    provider_name = "AWS"
    vendor        = "MSK"
  }
}
