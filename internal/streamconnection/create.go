package streamconnection

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// matchesRequest reports whether an existing connection is what a create
// asked for: the same type and the same members, secrets aside (the API
// never returns them) and with the defaults the API adds.
func matchesRequest(got *atlas.StreamConnection, req atlas.StreamConnection) bool {
	norm := func(c atlas.StreamConnection) string {
		c.ID, c.State, c.Region = "", "", ""
		if c.Authentication != nil {
			a := *c.Authentication
			a.Password, a.ClientSecret = "", ""
			c.Authentication = &a
		}
		if c.SchemaRegistryAuthentication != nil {
			a := *c.SchemaRegistryAuthentication
			a.Password = ""
			c.SchemaRegistryAuthentication = &a
		}
		if c.Type == "Kafka" && c.Networking == nil {
			c.Networking = &atlas.Networking{Access: atlas.NetworkingAccess{Type: "PUBLIC"}}
		}
		for _, m := range []**map[string]string{&c.Config, &c.Headers} {
			if *m != nil && len(**m) == 0 {
				*m = nil
			}
		}
		data, _ := json.Marshal(c)
		return string(data)
	}
	return norm(*got) == norm(req)
}

// errConnectionFailed is a connection Atlas reports FAILED.
var errConnectionFailed = errors.New("the connection is FAILED, as Atlas reports it; check its settings (servers, credentials, role, network access) and apply again")

// waitReady waits until a connection just created or updated is READY,
// reading it again only when the answer in hand is not READY yet (see
// tfresource.WaitForState; FAILED is an error). It returns the last
// connection read, or the one it was given.
func waitReady(ctx context.Context, c *atlas.Client, projectID, instance string, got *atlas.StreamConnection) (*atlas.StreamConnection, error) {
	if got.State == "READY" {
		return got, nil
	}
	last, err := tfresource.WaitForState(ctx, "waiting for the connection to be READY",
		func(ctx context.Context) (*atlas.StreamConnection, error) {
			return c.ReadStreamConnection(ctx, projectID, instance, got.Name)
		},
		func(c *atlas.StreamConnection) string { return c.State }, errConnectionFailed, "READY")
	if last == nil {
		last = got
	}
	return last, err
}

// deleteWhileDeploying sends the DELETE, and sends it again while Atlas
// refuses it with 409 for a connection that is still deploying (PENDING).
// A 409 for any other reason (stream processors use the connection) is
// returned.
func deleteWhileDeploying(ctx context.Context, c *atlas.Client, projectID, instance, name string) error {
	wait := tfresource.FirstPoll
	for {
		err := c.DeleteStreamConnection(ctx, projectID, instance, name)
		if atlas.StatusCode(err) != http.StatusConflict {
			return err
		}
		cur, gerr := c.ReadStreamConnection(ctx, projectID, instance, name)
		if gerr != nil || cur.State != "PENDING" {
			return err
		}
		tflog.Debug(ctx, "the connection is still deploying; sending the delete again", map[string]any{"name": name})
		if serr := tfresource.Sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%w (the connection was still deploying: %w)", err, serr)
		}
		wait = min(wait*2, 10*time.Second)
	}
}
