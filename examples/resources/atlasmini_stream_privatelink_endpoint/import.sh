# Import by <project_id>/<id>:
terraform import atlasmini_stream_privatelink_endpoint.example 65f0a1b2c3d4e5f60718293a/6a7941d3c0eb9e7a17722d71

# The form of MongoDB's own provider, <project_id>-<id>, works too:
terraform import atlasmini_stream_privatelink_endpoint.example 65f0a1b2c3d4e5f60718293a-6a7941d3c0eb9e7a17722d71
