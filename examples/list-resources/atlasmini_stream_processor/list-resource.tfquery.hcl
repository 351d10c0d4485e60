# search.tfquery.hcl: every processor of the instance, with the resource
# object, so that terraform query can write their configuration.
list "atlasmini_stream_processor" "all" {
  provider         = atlasmini
  include_resource = true

  config {
    project_id    = "65f0a1b2c3d4e5f60718293a"
    instance_name = "solar"
  }
}

# Only the processors that failed, at most 20.
list "atlasmini_stream_processor" "failed" {
  provider = atlasmini
  limit    = 20

  config {
    project_id    = "65f0a1b2c3d4e5f60718293a"
    instance_name = "solar"
    state         = "FAILED"
  }
}
