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

// maxCreateAttempts bounds how often a create is sent again after the API
// said that an earlier attempt with an unknown outcome was not applied.
const maxCreateAttempts = 3

// createOrAdopt sends the create. When its outcome is unknown (the
// connection broke after the request was sent, or a 5xx that may hide a
// success) it reads the connection: one that matches the request is
// adopted, none means the create is sent again, and one that does not
// match is an error. A resend refused as a taken name adopts the
// connection when it matches. A create is never sent twice while an
// earlier one may have been applied.
func createOrAdopt(ctx context.Context, c *atlas.Client, projectID, instance string, body atlas.StreamConnection) (*atlas.StreamConnection, error) {
	wait := time.Second
	for attempt := 1; ; attempt++ {
		created, err := c.CreateStreamConnection(ctx, projectID, instance, body)
		switch {
		case err == nil:
			return created, nil
		case atlas.IsDecodeError(err):
			// Applied, with an unreadable answer: read the connection.
			if got, gerr := c.ReadStreamConnection(ctx, projectID, instance, body.Name); gerr == nil {
				return got, nil
			}
			return nil, err
		case attempt > 1 && tfresource.MayMeanNameTaken(err):
			if got, gerr := c.ReadStreamConnection(ctx, projectID, instance, body.Name); gerr == nil && matchesRequest(got, body) {
				tflog.Info(ctx, "a resent create was refused as a taken name and the connection matches the request; adopting it", map[string]any{"name": body.Name})
				return got, nil
			}
			return nil, err
		case !tfresource.OutcomeUnknown(err) || ctx.Err() != nil:
			return nil, err
		}
		tflog.Warn(ctx, "the outcome of a create is unknown; asking the API whether it was applied", map[string]any{"name": body.Name, "error": err.Error()})
		got, gerr := c.ReadStreamConnection(ctx, projectID, instance, body.Name)
		switch {
		case gerr == nil && matchesRequest(got, body):
			return got, nil
		case gerr == nil:
			return nil, fmt.Errorf("the create of connection %q had no clear answer (%w), and a connection of that name now exists with other settings; "+
				"it may belong to someone else, so it is not adopted", body.Name, err)
		case atlas.StatusCode(gerr) != http.StatusNotFound:
			return nil, fmt.Errorf("the create of connection %q had no clear answer (%w), and checking whether it was applied failed too: %w", body.Name, err, gerr)
		case attempt >= maxCreateAttempts:
			return nil, err
		}
		if tfresource.Sleep(ctx, wait) != nil {
			return nil, err
		}
		wait *= 2
	}
}

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

// nameTaken reports whether a refused create met an existing connection of
// the same name: the refusal may mean it and one read finds it.
func nameTaken(ctx context.Context, c *atlas.Client, projectID, instance, name string, err error) bool {
	if !tfresource.MayMeanNameTaken(err) {
		return false
	}
	_, gerr := c.ReadStreamConnection(ctx, projectID, instance, name)
	return gerr == nil
}

// errConnectionFailed is a connection Atlas reports FAILED.
var errConnectionFailed = errors.New("the connection is FAILED, as Atlas reports it; check its settings (servers, credentials, role, network access) and apply again")

// waitReady waits until a connection just created or updated is READY,
// reading it again only when the answer in hand is not READY yet. A 404
// right after the write is waited out (Atlas's reads may lag its writes)
// up to maxEarly404s times; FAILED is an error. It returns the last
// connection read, or the one it was given.
func waitReady(ctx context.Context, c *atlas.Client, projectID, instance string, got *atlas.StreamConnection) (*atlas.StreamConnection, error) {
	if got.State == "READY" {
		return got, nil
	}
	last, failed, early := got, false, 0
	err := tfresource.WaitFor(ctx, "waiting for the connection to be READY", firstPoll, func(ctx context.Context) (bool, error) {
		cur, err := c.ReadStreamConnection(ctx, projectID, instance, got.Name)
		if atlas.StatusCode(err) == http.StatusNotFound && early < maxEarly404s {
			early++
			return false, nil
		}
		if err != nil {
			return false, err
		}
		last = cur
		switch cur.State {
		case "READY":
			return true, nil
		case "FAILED":
			failed = true
			return true, nil
		}
		return false, nil // PENDING, or a state this provider does not know.
	})
	if err == nil && failed {
		err = errConnectionFailed
	}
	return last, err
}

// deleteWhileDeploying sends the DELETE, and sends it again while Atlas
// refuses it with 409 for a connection that is still deploying (PENDING).
// A 409 for any other reason (stream processors use the connection) is
// returned.
func deleteWhileDeploying(ctx context.Context, c *atlas.Client, projectID, instance, name string) error {
	wait := firstPoll
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
