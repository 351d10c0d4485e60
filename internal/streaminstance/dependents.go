package streaminstance

import (
	"context"
	"fmt"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// sampleConnection is the connection that sample_connections.solar makes,
// which a new instance makes again.
const sampleConnection = "sample_stream_solar"

// replaceTriggeredBy is the lifecycle block that replaces a connection
// or processor with its instance, in the same apply.
const replaceTriggeredBy = "  lifecycle {\n    replace_triggered_by = [atlasmini_stream_instance.<label>.id]\n  }"

// dependents are the connections (the sample one aside) and processors of
// an instance, quoted, as Atlas lists them.
type dependents struct {
	connections, processors []string
}

// readDependents lists the instance's processors and, when asked, its
// connections. Either list is empty when it cannot be read: what it
// serves is advice.
func readDependents(ctx context.Context, c *atlas.Client, projectID, name string, connections bool) dependents {
	var d dependents
	if connections {
		_, _ = c.EachStreamConnection(ctx, projectID, name, func(sc *atlas.StreamConnection) bool {
			if sc.Name != sampleConnection {
				d.connections = append(d.connections, fmt.Sprintf("%q", sc.Name))
			}
			return true
		})
	}
	_, _ = c.EachStreamProcessor(ctx, projectID, name, func(p *atlas.StreamProcessor) bool {
		d.processors = append(d.processors, fmt.Sprintf("%q", p.Name))
		return true
	})
	return d
}

// warnReplacement says at plan time what replacing an instance does to
// the connections and processors it has: Atlas deletes its connections
// with it, and refuses to delete it while it has processors. Terraform
// knows them only by their instance_name, which a replacement does not
// change, so it plans nothing for them unless their resources say
// replace_triggered_by; the warning names them and gives that fix.
func warnReplacement(ctx context.Context, c *atlas.Client, projectID, name string, diags *diag.Diagnostics) {
	if c == nil {
		return
	}
	d := readDependents(ctx, c, projectID, name, true)
	if len(d.connections) == 0 && len(d.processors) == 0 {
		return
	}
	var what []string
	if len(d.connections) > 0 {
		what = append(what, fmt.Sprintf("Atlas deletes its connections %s with it, and the new instance starts without them: "+
			"a plan after this apply would create them again.", strings.Join(d.connections, ", ")))
	}
	if len(d.processors) > 0 {
		what = append(what, fmt.Sprintf("Atlas refuses to delete an instance that has stream processors, and it has %s: "+
			"unless they are replaced or destroyed in this apply, the apply fails at the delete.", strings.Join(d.processors, ", ")))
	}
	diags.AddWarning("Stream Instance Replacement Affects Its Connections And Processors",
		fmt.Sprintf("This plan replaces stream instance %q in project %s. %s\n\n"+
			"Unless this plan already replaces them, give the resource of each connection and processor of this instance the block\n\n%s\n\n"+
			"so that one apply destroys them, replaces the instance and creates them again on the new one. "+
			"Connections and processors that Terraform does not manage are lost with the old instance, or must be deleted in Atlas first.",
			name, projectID, strings.Join(what, " "), replaceTriggeredBy))
}

// processorsLeft explains a 403 to an instance delete by the stream
// processors the instance still has (Atlas refuses to delete an instance
// with processors): it names them and says how to have them go first. It
// says nothing when the instance has none (the 403 is about a role).
func processorsLeft(ctx context.Context, c *atlas.Client, projectID, name string) string {
	d := readDependents(ctx, c, projectID, name, false)
	if len(d.processors) == 0 {
		return ""
	}
	return fmt.Sprintf(" It still has the stream processors %s, and Atlas deletes no instance that has processors: they must go first. "+
		"For processors this configuration manages, when the instance is being replaced, give each of their resources the block\n\n%s\n\n"+
		"so that the apply replaces them with it; otherwise destroy them first. "+
		"Processors it does not manage: delete them in Atlas, or adopt them with atlasmini_stream_processor resources and an import block each "+
		"(id = \"%s/%s/<processor name>\"), so that the next destroy deletes them first.", strings.Join(d.processors, ", "), replaceTriggeredBy, projectID, name)
}
