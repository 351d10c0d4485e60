package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_movedFromMongoDBAtlas brings two instances over from MongoDB's
// provider with moved blocks, under the real terraform CLI: one written
// by mongodbatlas_stream_instance, with the solar sample connection that
// MongoDB's schema does not show (the configuration, copied from it, has
// no sample_connections), one by mongodbatlas_stream_workspace with
// failover regions and a max tier. The plan moves both with no
// change, the apply keeps their ids, MongoDB's provider can then leave the
// configuration, and the API sees no create and no delete.
func TestE2E_movedFromMongoDBAtlas(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	virginia := atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"}
	inst, err := c.CreateStreamInstance(ctx, atlasmock.DemoProjectID, atlas.CreateRequest{
		Name: "moveme", DataProcessRegion: virginia, StreamConfig: &atlas.StreamConfig{Tier: "SP10"},
		SampleConnections: &atlas.SampleConnections{Solar: true},
	})
	must(t, err)
	ws, err := c.CreateStreamInstance(ctx, atlasmock.DemoProjectID, atlas.CreateRequest{
		Name: "ws3", DataProcessRegion: virginia, StreamConfig: &atlas.StreamConfig{Tier: "SP10", MaxTierSize: "SP30"},
		FailoverRegions: []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "OREGON_USA"}},
	})
	must(t, err)
	srv.ResetCounts()

	w := newWorkspace(t, srv.URL, "")
	resources := fmt.Sprintf(`
resource "atlasmini_stream_instance" "x" {
  project_id = %[1]q
  name       = "moveme"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
  stream_config = {
    tier = "SP10"
  }
}

resource "atlasmini_stream_instance" "w" {
  project_id = %[1]q
  name       = "ws3"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
  failover_regions = [{ cloud_provider = "AWS", region = "OREGON_USA" }]
  stream_config = {
    tier          = "SP10"
    max_tier_size = "SP30"
  }
}
`, atlasmock.DemoProjectID)
	moved := `
moved {
  from = mongodbatlas_stream_instance.x
  to   = atlasmini_stream_instance.x
}

moved {
  from = mongodbatlas_stream_workspace.w
  to   = atlasmini_stream_instance.w
}
`
	w.writeConfig(`terraform {
  required_providers {
    atlasmini = {
      source = "atlasmini/atlasmini"
    }
    mongodbatlas = {
      source = "mongodb/mongodbatlas"
    }
  }
}
provider "atlasmini" {}
` + resources + moved)
	writeMongoDBAtlasState(t, w.dir, inst, ws)

	planned := strings.Join(strings.Fields(w.mustRun("plan", "-input=false", "-no-color", "-out=move.tfplan")), " ")
	for _, want := range []string{
		"# mongodbatlas_stream_instance.x has moved to atlasmini_stream_instance.x",
		"# mongodbatlas_stream_workspace.w has moved to atlasmini_stream_instance.w",
		"Plan: 0 to add, 0 to change, 0 to destroy.",
	} {
		if !strings.Contains(planned, want) {
			t.Errorf("the plan does not say %q:\n%s", want, tail(planned, 3000))
		}
	}
	changes := planChanges(t, w.mustRun("show", "-json", "move.tfplan"))
	for addr, from := range map[string]string{
		"atlasmini_stream_instance.x": "mongodbatlas_stream_instance.x",
		"atlasmini_stream_instance.w": "mongodbatlas_stream_workspace.w",
	} {
		c, ok := changes[addr]
		if !ok {
			t.Fatalf("the plan has no change for %s: %v", addr, changes)
		}
		if c.PreviousAddress != from || strings.Join(c.Actions, ",") != "no-op" {
			t.Errorf("%s: previous address %q, actions %v; want %s and no-op", addr, c.PreviousAddress, c.Actions, from)
		}
	}
	if len(changes) != 2 {
		t.Errorf("the plan changes %d resources, want the two moves: %v", len(changes), changes)
	}
	w.mustRun("apply", "-input=false", "move.tfplan")
	if got, want := w.stateInstances(), map[string]string{"moveme": inst.ID, "ws3": ws.ID}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after the move the state holds %v, want %v", got, want)
	}

	// MongoDB's provider can now leave; the moved blocks may stay (as a
	// record for other copies of the state) or go.
	for what, config := range map[string]string{"with the moved blocks": resources + moved, "without them": resources} {
		w.writeConfig(atlasminiOnly + config)
		if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
			t.Fatalf("plan without MongoDB's provider, %s, exited %d, want 0 (no changes):\n%s", what, code, tail(out, 3000))
		}
	}
	counts := srv.Counts()
	for _, op := range []string{"POST /api/atlas/v2/groups/{groupId}/streams", "DELETE /api/atlas/v2/groups/{groupId}/streams/{tenantName}", "PATCH /api/atlas/v2/groups/{groupId}/streams/{tenantName}"} {
		if counts[op] != 0 {
			t.Errorf("the move sent %d × %s", counts[op], op)
		}
	}
	if in := mockInstances(t, srv.URL); in["moveme"] != inst.ID || in["ws3"] != ws.ID || len(in) != 2 {
		t.Errorf("the mock holds %v", in)
	}
}

// writeMongoDBAtlasState writes terraform.tfstate as MongoDB's provider
// v2.x leaves it for the two instances.
func writeMongoDBAtlasState(t *testing.T, dir string, inst, ws *atlas.StreamInstance) {
	t.Helper()
	region := map[string]any{"cloud_provider": "AWS", "region": "VIRGINIA_USA"}
	writeState(t, dir,
		mongodbatlasResource("mongodbatlas_stream_instance", "x", map[string]any{
			"data_process_region": region, "hostnames": inst.Hostnames, "id": inst.ID, "instance_name": inst.Name,
			"project_id": atlasmock.DemoProjectID, "stream_config": map[string]any{"max_tier_size": nil, "tier": "SP10"},
		}),
		mongodbatlasResource("mongodbatlas_stream_workspace", "w", map[string]any{
			"data_process_region": region, "failover_regions": []any{map[string]any{"cloud_provider": "AWS", "region": "OREGON_USA"}},
			"hostnames": ws.Hostnames, "id": ws.ID, "project_id": atlasmock.DemoProjectID,
			"stream_config": map[string]any{"max_tier_size": "SP30", "tier": "SP10"}, "workspace_name": ws.Name,
		}),
	)
}

// plannedChange is one resource change of a saved plan.
type plannedChange struct {
	PreviousAddress string
	Actions         []string
}

// planChanges reads `terraform show -json` of a plan: address -> change.
func planChanges(t *testing.T, out string) map[string]plannedChange {
	t.Helper()
	var doc struct {
		ResourceChanges []struct {
			Address         string `json:"address"`
			PreviousAddress string `json:"previous_address"`
			Change          struct {
				Actions []string `json:"actions"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	must(t, json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &doc))
	got := map[string]plannedChange{}
	for _, rc := range doc.ResourceChanges {
		got[rc.Address] = plannedChange{PreviousAddress: rc.PreviousAddress, Actions: rc.Change.Actions}
	}
	return got
}
