package streamconnection_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// kafkaConfig is a SCRAM Kafka connection with the given authentication
// lines (the password in one of its forms).
func kafkaConfig(t *testing.T, srv *atlasmock.Server, auth string) string {
	return connectionConfig(t, srv, "events", "Kafka", `  kafka = {
    bootstrap_servers = "b-1.example.net:9092,b-2.example.net:9092"
    authentication = {
      mechanism = "SCRAM-256"
      username  = "ingest"
`+auth+`
    }
    security = { protocol = "SASL_SSL" }
    config   = { "auto.offset.reset" = "earliest" }
  }`)
}

// storedPassword checks the password the mock holds for "events".
func storedPassword(srv *atlasmock.Server, want string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
		c, _ := stored(srv, "events")
		var auth struct {
			Password string `json:"password"`
		}
		if !c.Member("authentication", &auth) || auth.Password != want {
			return fmt.Errorf("the mock holds the password %q, want %q", auth.Password, want)
		}
		return nil
	}))
}

// TestAccStreamConnection_writeOnlyPasswordNeverReachesState creates a
// Kafka connection with password_wo: the mock gets the password, and
// neither the state (read whole, and as a file) nor the plan holds it. A
// new password with the same version sends nothing; a new version sends it
// once. Write-only attributes need Terraform 1.11.
func TestAccStreamConnection_writeOnlyPasswordNeverReachesState(t *testing.T) {
	srv := newServer(t)
	wo := func(password string, version int) string {
		return fmt.Sprintf("      password_wo         = %q\n      password_wo_version = %d", password, version)
	}
	// The working directories go where this test can read their state
	// files (so the test does not run in parallel: the setting is global).
	workDir := t.TempDir()
	t.Setenv("TF_ACC_TEMP_DIR", workDir)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: kafkaConfig(t, srv, wo("first-wo-secret", 1)),
				ConfigStateChecks: []statecheck.StateCheck{
					storedPassword(srv, "first-wo-secret"),
					stateLacks{"first-wo-secret"},
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password_wo_version"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("kafka").AtMapKey("networking"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"access": knownvalue.ObjectExact(map[string]knownvalue.Check{"type": knownvalue.StringExact("PUBLIC"), "connection_id": knownvalue.Null(), "name": knownvalue.Null(), "tgw_route_id": knownvalue.Null()}),
					})),
				},
			},
			{
				// Another password, the same version: nothing to send.
				Config:           kafkaConfig(t, srv, wo("second-wo-secret", 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					storedPassword(srv, "first-wo-secret"),
				},
			},
			{
				// A new version rotates it, in place.
				PreConfig: srv.ResetCounts,
				Config:    kafkaConfig(t, srv, wo("second-wo-secret", 2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					storedPassword(srv, "second-wo-secret"),
					stateLacks{"first-wo-secret", "second-wo-secret"},
					requestsSince(srv, map[string]int64{connPatch: 1, connPost: 0}),
				},
			},
			{
				// Another setting changes: the PATCH carries the write-only
				// password from the configuration again (Atlas may take a
				// PATCH as the whole object).
				Config: strings.Replace(kafkaConfig(t, srv, wo("second-wo-secret", 2)), `"earliest"`, `"latest"`, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					storedPassword(srv, "second-wo-secret"),
					storedMember(srv, "events", "config", `{"auto.offset.reset":"latest"}`),
				},
			},
			{
				// The state files as Terraform wrote them hold no password.
				Config:            strings.Replace(kafkaConfig(t, srv, wo("second-wo-secret", 2)), `"earliest"`, `"latest"`, 1),
				ConfigStateChecks: []statecheck.StateCheck{stateFilesLack(workDir, "first-wo-secret", "second-wo-secret")},
			},
		},
	})
}

// stateFilesLack reads every terraform.tfstate under dir: there must be
// one at least, and none may hold any of the strings.
func stateFilesLack(dir string, secrets ...string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
		found := 0
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tfstate") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			found++
			for _, s := range secrets {
				if strings.Contains(string(data), s) {
					return fmt.Errorf("%s holds %q", p, s)
				}
			}
			return nil
		})
		if err == nil && found == 0 {
			err = fmt.Errorf("no state file under %s", dir)
		}
		return err
	}))
}

// TestAccStreamConnection_sensitivePasswordIsKeptAsWritten uses the
// sensitive form: the state keeps it as written (the API never returns
// it), refreshes never clear it, and a change sends it.
func TestAccStreamConnection_sensitivePasswordIsKeptAsWritten(t *testing.T) {
	srv := newServer(t)
	password := func(p string) string { return fmt.Sprintf("      password = %q", p) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: kafkaConfig(t, srv, password("kept-secret")),
				ConfigStateChecks: []statecheck.StateCheck{
					storedPassword(srv, "kept-secret"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password"), knownvalue.StringExact("kept-secret")),
				},
			},
			{Config: kafkaConfig(t, srv, password("kept-secret")), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config: kafkaConfig(t, srv, password("new-secret")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{storedPassword(srv, "new-secret")},
			},
			// An import leaves the secret null: the API never returns it.
			{Config: kafkaConfig(t, srv, password("new-secret")), ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts", "kafka.authentication.password"}, ImportStateId: projectID + "/" + instance + "/events"},
		},
	})
}

// TestAccStreamConnection_importedSecretsStayWithAtlas imports a Kafka
// connection made elsewhere into a configuration that leaves the password
// out, as terraform query writes it: the plan is empty and the stored
// password is untouched. Adding a password_wo later sends it once.
func TestAccStreamConnection_importedSecretsStayWithAtlas(t *testing.T) {
	srv := newServer(t)
	body := `{"name":"events","type":"Kafka","bootstrapServers":"b-1.example.net:9092,b-2.example.net:9092",` +
		`"authentication":{"mechanism":"SCRAM-256","username":"ingest","password":"made-elsewhere"},"security":{"protocol":"SASL_SSL"},"config":{"auto.offset.reset":"earliest"}}`
	if err := srv.SeedConnection(projectID, instance, []byte(body)); err != nil {
		t.Fatal(err)
	}
	importBlock := fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", addr, instance+"-"+projectID+"-events")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config:           kafkaConfig(t, srv, "") + importBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
				ConfigStateChecks: []statecheck.StateCheck{
					storedPassword(srv, "made-elsewhere"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password"), knownvalue.Null()),
				},
			},
			{Config: kafkaConfig(t, srv, ""), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config:            kafkaConfig(t, srv, "      password_wo = \"taken-over\"\n      password_wo_version = 1"),
				ConfigStateChecks: []statecheck.StateCheck{storedPassword(srv, "taken-over"), stateLacks{"taken-over", "made-elsewhere"}},
			},
		},
	})
}
