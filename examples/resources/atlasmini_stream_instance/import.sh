# Import by <project_id>/<name>:
terraform import atlasmini_stream_instance.example 65f0a1b2c3d4e5f60718293a/example

# The form of MongoDB's own provider, <project_id>-<name>, works too:
terraform import atlasmini_stream_instance.example 65f0a1b2c3d4e5f60718293a-example
