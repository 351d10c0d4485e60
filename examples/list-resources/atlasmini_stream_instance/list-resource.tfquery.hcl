# search.tfquery.hcl: every stream instance of the project, with the
# resource object, so that terraform query can write their configuration.
list "atlasmini_stream_instance" "all" {
  provider         = atlasmini
  include_resource = true

  config {
    project_id = "65f0a1b2c3d4e5f60718293a"
  }
}

# Only the AWS instances in Virginia whose names start with "ingest-",
# at most 50 of them.
list "atlasmini_stream_instance" "ingest" {
  provider = atlasmini
  limit    = 50

  config {
    project_id     = "65f0a1b2c3d4e5f60718293a"
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
    name_prefix    = "ingest-"
  }
}
