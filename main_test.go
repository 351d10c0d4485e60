package main

import (
	"io"
	"testing"
)

// TestServeOpts: Terraform's address by default and for -debug, OpenTofu's
// with -tofu, and an unknown flag refused.
func TestServeOpts(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		address string
		debug   bool
	}{
		{nil, "registry.terraform.io/atlasmini/atlasmini", false},
		{[]string{"-debug"}, "registry.terraform.io/atlasmini/atlasmini", true},
		{[]string{"-debug", "-tofu"}, "registry.opentofu.org/atlasmini/atlasmini", true},
	} {
		opts, err := serveOpts(tc.args, io.Discard)
		if err != nil || opts.Address != tc.address || opts.Debug != tc.debug {
			t.Errorf("%v: %+v %v", tc.args, opts, err)
		}
	}
	if _, err := serveOpts([]string{"-nope"}, io.Discard); err == nil {
		t.Error("an unknown flag was accepted")
	}
}
