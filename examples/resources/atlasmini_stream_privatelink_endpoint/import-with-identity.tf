import {
  to = atlasmini_stream_privatelink_endpoint.example
  identity = {
    project_id = "65f0a1b2c3d4e5f60718293a"
    id         = "6a7941d3c0eb9e7a17722d71"
  }
}
