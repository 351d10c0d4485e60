package provider

import (
	"os"
	"testing"
)

func TestQuietUnlessLogging(t *testing.T) {
	for _, v := range logEnv {
		t.Setenv(v, "")
	}
	QuietUnlessLogging()
	for _, v := range []string{"TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_ATLASMINI"} {
		if got := os.Getenv(v); got != "OFF" {
			t.Errorf("with no log asked for, %s=%q, want OFF", v, got)
		}
	}
	for _, v := range logEnv {
		t.Setenv(v, "")
	}
	t.Setenv("TF_LOG", "DEBUG")
	QuietUnlessLogging()
	for _, v := range []string{"TF_LOG_PROVIDER", "TF_LOG_PROVIDER_ATLASMINI", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		if got := os.Getenv(v); got != "" {
			t.Errorf("with TF_LOG set, %s=%q, want it left alone", v, got)
		}
	}
}
