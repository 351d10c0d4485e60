# Import by <project_id>/<instance_name>/<name>:
terraform import atlasmini_stream_processor.solar 65f0a1b2c3d4e5f60718293a/solar/solar-to-cluster

# The form of MongoDB's own provider, <instance_name>-<project_id>-<name>, works too
# (names may hold hyphens: the 24-hex project ID splits them):
terraform import atlasmini_stream_processor.solar solar-65f0a1b2c3d4e5f60718293a-solar-to-cluster

# OpenTofu: the same with tofu import.
