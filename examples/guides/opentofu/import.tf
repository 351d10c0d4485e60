# Adopting objects made outside OpenTofu (which has no list resources and
# no query command): one import block per object, then
#
#   tofu plan -generate-config-out=generated.tf   # writes their resource blocks
#   tofu apply                                     # imports them; creates nothing
#   tofu plan                                      # No changes.
#
# The same works with Terraform 1.5+ (terraform plan -generate-config-out).

import {
  to = atlasmini_stream_instance.ingest
  id = "65f0a1b2c3d4e5f60718293a/ingest"
}

import {
  to = atlasmini_stream_connection.warehouse
  id = "65f0a1b2c3d4e5f60718293a/ingest/warehouse"
}

# With OpenTofu 1.12+ (or Terraform 1.12+), by identity instead of an ID.
import {
  to = atlasmini_stream_processor.solar
  identity = {
    project_id    = "65f0a1b2c3d4e5f60718293a"
    instance_name = "ingest"
    name          = "solar"
  }
}
