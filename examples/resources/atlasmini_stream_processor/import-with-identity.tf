import {
  to = atlasmini_stream_processor.solar
  identity = {
    project_id    = "65f0a1b2c3d4e5f60718293a"
    instance_name = "solar"
    name          = "solar-to-cluster"
  }
}
