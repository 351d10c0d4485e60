import {
  to = atlasmini_stream_processor.solar
  id = "65f0a1b2c3d4e5f60718293a/solar/solar-to-cluster"
}
