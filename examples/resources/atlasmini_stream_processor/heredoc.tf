# A pipeline whose key order matters, written as a heredoc: $sort sorts by
# the keys in the order written, which jsonencode would make alphabetical.
# White space and indentation never cause a difference; key order does.
resource "atlasmini_stream_processor" "latest" {
  project_id    = "65f0a1b2c3d4e5f60718293a"
  instance_name = "ingest"
  name          = "latest-first"

  pipeline = <<-JSON
    [
      { "$source": { "connectionName": "sample_stream_solar" } },
      { "$tumblingWindow": {
          "interval": { "size": 10, "unit": "second" },
          "pipeline": [ { "$sort": { "timestamp": -1, "device_id": 1 } } ] } },
      { "$emit": { "connectionName": "__testLog" } }
    ]
  JSON
}
