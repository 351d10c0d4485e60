package tfresource

import (
	"strings"
	"testing"
)

var connectionName = func(s string) bool { return s != "" && !strings.ContainsAny(s, "/ ") }

func TestInstanceScopedID(t *testing.T) {
	const p = "65f0a1b2c3d4e5f60718293a"
	for _, tc := range []struct {
		id, project, instance, name string
		ok                          bool
	}{
		{p + "/ingest/events", p, "ingest", "events", true},
		{"ingest-" + p + "-events", p, "ingest", "events", true},
		// Hyphens on both sides of the project ID.
		{"my-ingest-1-" + p + "-kafka-prod-2", p, "my-ingest-1", "kafka-prod-2", true},
		// An instance name that is itself 24 hex.
		{"0123456789abcdef01234567-" + p + "-c", p, "0123456789abcdef01234567", "c", true},
		// A name holding a 24-hex run: the first split with valid parts.
		{"ingest-" + p + "-x-0123456789abcdef01234567-y", p, "ingest", "x-0123456789abcdef01234567-y", true},
		{p + "/ingest", "", "", "", false},
		{p + "-events", "", "", "", false},
		{"ingest-" + p, "", "", "", false},
		{"ingest-" + strings.ToUpper(p) + "-events", "", "", "", false},
		{"/ingest/events", "", "", "", false},
		{p + "/bad name/events", "", "", "", false},
		{"", "", "", "", false},
	} {
		project, instance, name, err := InstanceScopedID(tc.id, "connection", connectionName, "a name")
		if (err == nil) != tc.ok || (tc.ok && (project != tc.project || instance != tc.instance || name != tc.name)) {
			t.Errorf("%q: got %q %q %q %v", tc.id, project, instance, name, err)
		}
		if err != nil && (!strings.Contains(err.Error(), "<project_id>/<instance_name>/<name>") || !strings.Contains(err.Error(), "<instance_name>-<project_id>-<name>")) {
			t.Errorf("%q: the error does not show both forms: %v", tc.id, err)
		}
	}
}
