package streaminstance_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// These tests speak the plugin protocol to the provider, as Terraform
// does, without Terraform: they see every diagnostic, one by one.

// protocolServer starts the provider as Terraform would.
func protocolServer(t *testing.T) tfprotov6.ProviderServer {
	t.Helper()
	s, err := factories["atlasmini"]()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// resourceType is the object type of the resource's configuration.
func resourceType(t *testing.T, s tfprotov6.ProviderServer) tftypes.Object {
	t.Helper()
	resp, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return resp.ResourceSchemas["atlasmini_stream_instance"].ValueType().(tftypes.Object)
}

// validate sends a resource configuration to ValidateResourceConfig and
// returns the error diagnostics.
func validate(t *testing.T, config map[string]any) []*tfprotov6.Diagnostic {
	t.Helper()
	s := protocolServer(t)
	typ := resourceType(t, s)
	dv, err := tfprotov6.NewDynamicValue(typ, acctest.Value(t, typ, config))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: "atlasmini_stream_instance", Config: &dv})
	if err != nil {
		t.Fatal(err)
	}
	var errs []*tfprotov6.Diagnostic
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, d)
		}
	}
	return errs
}

// attributePath renders a diagnostic's attribute path as Terraform shows it.
func attributePath(d *tfprotov6.Diagnostic) string {
	if d.Attribute == nil {
		return ""
	}
	out := ""
	for _, step := range d.Attribute.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			if out != "" {
				out += "."
			}
			out += string(s)
		case tftypes.ElementKeyInt:
			out += fmt.Sprintf("[%d]", int64(s))
		}
	}
	return out
}

func instance(region any, extra map[string]any) map[string]any {
	cfg := map[string]any{"project_id": "65f0a1b2c3d4e5f60718293a", "name": "x", "data_process_region": region}
	for k, v := range extra {
		cfg[k] = v
	}
	return cfg
}

func aws(region string) map[string]any {
	return map[string]any{"cloud_provider": "AWS", "region": region}
}

// TestProtocol_oneErrorPerWrongRegion checks that a wrong region gives
// exactly one error, on its attribute, and that values not known yet
// give none.
func TestProtocol_oneErrorPerWrongRegion(t *testing.T) {
	for _, tc := range []struct {
		name   string
		config map[string]any
		paths  []string
	}{
		{"right", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{aws("OREGON_USA")}}), nil},
		{"wrong primary", instance(aws("us-east-1"), nil), []string{"data_process_region.region"}},
		{"primary of another provider", instance(map[string]any{"cloud_provider": "GCP", "region": "OHIO_USA"}, nil), []string{"data_process_region.region"}},
		{"wrong provider, a real region", instance(map[string]any{"cloud_provider": "TENANT", "region": "OHIO_USA"}, nil), []string{"data_process_region.cloud_provider"}},
		{"wrong failover region", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{aws("OREGON_USA"), aws("eu-west-9")}}), []string{"failover_regions[1].region"}},
		{"failover of another provider", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{map[string]any{"cloud_provider": "GCP", "region": "US_EAST4"}}}),
			[]string{"failover_regions[0].cloud_provider"}},
		// A region of the primary's provider written with another provider
		// is one fault, not a wrong provider and a wrong region.
		{"failover of another provider, a region of the primary's", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{map[string]any{"cloud_provider": "GCP", "region": "OREGON_USA"}}}),
			[]string{"failover_regions[0].cloud_provider"}},
		{"failover of another provider, a region of neither", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{map[string]any{"cloud_provider": "GCP", "region": "us-west-2"}}}),
			[]string{"failover_regions[0].cloud_provider"}},
		{"failover of no provider at all", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{map[string]any{"cloud_provider": "TENANT", "region": "OREGON_USA"}}}),
			[]string{"failover_regions[0].cloud_provider"}},
		{"two failover faults", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{aws("VIRGINIA_USA"), aws("OHIO_USA"), aws("OHIO_USA")}}),
			[]string{"failover_regions[0].region", "failover_regions[2].region"}},
		{"unknown provider", instance(map[string]any{"cloud_provider": acctest.Unknown{}, "region": "OHIO_USA"}, nil), nil},
		{"unknown region", instance(map[string]any{"cloud_provider": "AWS", "region": acctest.Unknown{}}, nil), nil},
		{"unknown failover list", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": acctest.Unknown{}}), nil},
		{"unknown failover region", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{map[string]any{"cloud_provider": "AWS", "region": acctest.Unknown{}}}}), nil},
		{"unknown primary", instance(acctest.Unknown{}, map[string]any{"failover_regions": []any{aws("OREGON_USA")}}), nil},
		{"tier above max", instance(aws("VIRGINIA_USA"), map[string]any{"stream_config": map[string]any{"tier": "SP30", "max_tier_size": "SP10"}}), []string{"stream_config.tier"}},
		{"unknown max", instance(aws("VIRGINIA_USA"), map[string]any{"stream_config": map[string]any{"tier": "SP30", "max_tier_size": acctest.Unknown{}}}), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := validate(t, tc.config)
			var got []string
			for _, d := range errs {
				got = append(got, attributePath(d))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.paths) {
				for _, d := range errs {
					t.Logf("%s: %s: %s", attributePath(d), d.Summary, d.Detail)
				}
				t.Errorf("errors on %v, want %v", got, tc.paths)
			}
		})
	}
}

// TestProtocol_wrongFailoverProviderSuggests checks what the one error of
// a failover region under the wrong provider says: the entry, the
// provider it must have, and what was meant.
func TestProtocol_wrongFailoverProviderSuggests(t *testing.T) {
	for region, want := range map[string]string{
		"OREGON_USA": `failover_regions[0] { cloud_provider = "GCP", region = "OREGON_USA" }: an instance fails over within its cloud, so cloud_provider must be "AWS"` +
			`, the primary region's (data_process_region.cloud_provider). OREGON_USA is an AWS region: did you mean { cloud_provider = "AWS", region = "OREGON_USA" }?`,
		"us-west-2": `Allowed regions for AWS: ` + "`SYDNEY_AUS`" + `, `,
	} {
		errs := validate(t, instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{map[string]any{"cloud_provider": "GCP", "region": region}}}))
		if len(errs) != 1 || !strings.Contains(errs[0].Detail, want) {
			t.Errorf("%s: want one error saying %q, got %v", region, want, errs)
		}
		if region == "us-west-2" && !strings.HasSuffix(errs[0].Detail, `Did you mean "OREGON_USA"?`) {
			t.Errorf("%s: no suggestion: %s", region, errs[0].Detail)
		}
	}
}

func TestProtocol_identitySchema(t *testing.T) {
	s := protocolServer(t)
	resp, err := s.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	schema := resp.IdentitySchemas["atlasmini_stream_instance"]
	if schema == nil {
		t.Fatalf("no identity schema: %v", resp.IdentitySchemas)
	}
	var got []string
	for _, a := range schema.IdentityAttributes {
		got = append(got, fmt.Sprintf("%s:%s:%v", a.Name, a.Type, a.RequiredForImport))
	}
	if want := "[name:tftypes.String:true project_id:tftypes.String:true]"; fmt.Sprint(got) != want {
		t.Errorf("identity attributes %v, want %s", got, want)
	}
}

// configured starts the provider and configures it against the mock.
func configured(t *testing.T, baseURL, public, private string) tfprotov6.ProviderServer {
	t.Helper()
	s := protocolServer(t)
	acctest.Configure(t, s, map[string]any{"base_url": baseURL, "public_key": public, "private_key": private})
	return s
}

// listResults runs the instance list resource through the protocol.
func listResults(t *testing.T, s tfprotov6.ProviderServer, config map[string]any, includeResource bool, limit int64) []tfprotov6.ListResourceResult {
	t.Helper()
	return acctest.ListResults(t, s, "atlasmini_stream_instance", config, includeResource, limit)
}

// identityName decodes the name in a result's identity.
func identityName(t *testing.T, r tfprotov6.ListResourceResult) string {
	t.Helper()
	if r.Identity == nil || r.Identity.IdentityData == nil {
		t.Fatalf("result %q has no identity", r.DisplayName)
	}
	v, err := r.Identity.IdentityData.Unmarshal(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"project_id": tftypes.String, "name": tftypes.String}})
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	var name, project string
	if err := v.As(&attrs); err != nil || attrs["name"].As(&name) != nil || attrs["project_id"].As(&project) != nil {
		t.Fatalf("identity %v: %v", v, err)
	}
	if project != atlasmock.DemoProjectID {
		t.Errorf("identity project %s", project)
	}
	return name
}

// TestProtocol_listStream covers the list resource without Terraform, so
// its logic is tested on every Terraform version the suite runs with.
func TestProtocol_listStream(t *testing.T) {
	srv := atlasmock.NewServer(t)
	var seeds []atlasmock.Instance
	for i := range 510 {
		seeds = append(seeds, atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: fmt.Sprintf("n-%03d", i), CloudProvider: "AWS", Region: "OHIO_USA", Tier: "SP10"})
	}
	seeds = append(seeds, atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: "other", CloudProvider: "GCP", Region: "US_EAST4", Tier: "SP5"})
	if err := srv.Seed(seeds...); err != nil {
		t.Fatal(err)
	}
	s := configured(t, srv.URL, atlasmock.OwnerPublicKey, atlasmock.OwnerPrivateKey)
	project := map[string]any{"project_id": atlasmock.DemoProjectID}

	all := listResults(t, s, project, false, 10000)
	if len(all) != 511 || identityName(t, all[0]) != "n-000" || identityName(t, all[510]) != "other" || all[510].DisplayName != "other (GCP US_EAST4, SP5)" {
		t.Errorf("%d results, first %q, last %q", len(all), all[0].DisplayName, all[len(all)-1].DisplayName)
	}
	if all[0].Resource != nil {
		t.Error("a resource object came without being asked for")
	}
	acctest.CheckLimitStopsPages(t, srv, "GET /api/atlas/v2/groups/{groupId}/streams", func(limit int64) int { return len(listResults(t, s, project, false, limit)) })
	filtered := listResults(t, s, map[string]any{"project_id": atlasmock.DemoProjectID, "cloud_provider": "GCP"}, true, 100)
	if len(filtered) != 1 || identityName(t, filtered[0]) != "other" || filtered[0].Resource == nil {
		t.Fatalf("filtered: %+v", filtered)
	}
	obj, err := filtered[0].Resource.Unmarshal(resourceType(t, s))
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := obj.As(&attrs); err != nil {
		t.Fatal(err)
	}
	if r := render(attrs["data_process_region"]); r != "{cloud_provider=GCP region=US_EAST4}" {
		t.Errorf("resource region %s", r)
	}
	if r := render(attrs["stream_config"]); r != "{max_tier_size=null tier=SP5}" {
		t.Errorf("resource stream_config %s", r)
	}
	if got := listResults(t, s, map[string]any{"project_id": atlasmock.DemoProjectID, "name_prefix": "zzz"}, false, 100); len(got) != 0 {
		t.Errorf("no match: %d results", len(got))
	}
	empty := atlasmock.NewServer(t)
	if got := listResults(t, configured(t, empty.URL, atlasmock.OwnerPublicKey, atlasmock.OwnerPrivateKey), project, false, 100); len(got) != 0 {
		t.Errorf("empty project: %d results", len(got))
	}
	bad := listResults(t, configured(t, srv.URL, atlasmock.OwnerPublicKey, "wrong"), project, false, 100)
	if len(bad) != 1 || len(bad[0].Diagnostics) == 0 || !strings.Contains(bad[0].Diagnostics[0].Detail, "Atlas API status: 401") {
		t.Errorf("bad credentials: %+v", bad)
	}
}
