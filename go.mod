module github.com/atlasmini/terraform-provider-atlasmini

go 1.26.8

require github.com/icholy/digest v1.2.0

require github.com/google/go-cmp v0.7.0 // indirect
