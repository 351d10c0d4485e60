# An instance that fails over to two other AWS regions, in that order, and
# whose stream processors may use at most SP30.
resource "atlasmini_stream_instance" "resilient" {
  project_id = "65f0a1b2c3d4e5f60718293a"
  name       = "resilient"

  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }

  # Set once: adding them later is an update, changing them replaces the
  # instance, and they cannot change in the same apply as the region.
  failover_regions = [
    { cloud_provider = "AWS", region = "OHIO_USA" },
    { cloud_provider = "AWS", region = "OREGON_USA" },
  ]

  stream_config = {
    tier          = "SP10"
    max_tier_size = "SP30"
  }
}
