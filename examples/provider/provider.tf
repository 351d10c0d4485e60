terraform {
  required_providers {
    atlasmini = {
      source = "atlasmini/atlasmini"
    }
  }
}

# Credentials are best left to the environment:
#   MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY   (API key, digest)
#   MONGODB_ATLAS_CLIENT_ID / MONGODB_ATLAS_CLIENT_SECRET  (service account, OAuth)
#   MONGODB_ATLAS_ACCESS_TOKEN                              (bearer token)
provider "atlasmini" {
  # Omit base_url for Atlas itself; point it at atlasmini-mock to try
  # everything locally.
  base_url = "http://127.0.0.1:8080"
}
