package streamprocessor

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// apiStates are the states Atlas reports for a processor that exists.
var apiStates = []string{"CREATED", "STARTED", "STOPPED", "FAILED"}

// NewListResource returns list "atlasmini_stream_processor" (Terraform
// 1.14+): the processors of an instance, for terraform query to find and
// adopt, by state if asked, each shown as "<name> (<state>)".
func NewListResource() list.ListResource {
	return &tfresource.ChildListResource[atlas.StreamProcessor]{
		ListBase: tfresource.ListBase{TypeSuffix: "_stream_processor"},
		Kind:     tfresource.ProcessorKind,
		Plural:   "processors",
		Description: "Finds the processors of a stream instance, for `terraform query` to list them, each shown as `<name> (<state>)`, and write the configuration that imports them. " +
			"The filter applies before results are returned; Terraform's `limit` stops the reading of pages (" + fmt.Sprint(atlas.MaxItemsPerPage) + " processors each) once reached. " +
			"The configuration written keeps the processor's state, so that importing it changes nothing in Atlas, except that a `FAILED` processor is written `STARTED` " +
			"(`FAILED` is not a state a configuration may ask for): the plan after the import shows that the apply starts it again. " +
			"Terraform writes a pipeline with `jsonencode`, which puts keys in alphabetical order: where a pipeline has keys in another order, " +
			"the plan after the import warns, and the pipeline is to be written as a heredoc in Atlas's order.",
		Filter:       "state",
		FilterValues: apiStates,
		Keep:         func(p *atlas.StreamProcessor, state string) bool { return stateOf(p.State) == state },
		Each: func(ctx context.Context, c *atlas.Client, projectID, instance string, yield func(*atlas.StreamProcessor) bool) (int, error) {
			return c.EachStreamProcessor(ctx, projectID, instance, yield)
		},
		Name:        func(p *atlas.StreamProcessor) string { return p.Name },
		DisplayName: func(p *atlas.StreamProcessor) string { return fmt.Sprintf("%s (%s)", p.Name, stateOf(p.State)) },
		Resource: func(p *atlas.StreamProcessor, projectID, instance string) any {
			m := fromAPI(p, processorModel{ProjectID: types.StringValue(projectID), InstanceName: types.StringValue(instance)})
			if m.State.ValueString() == "FAILED" {
				m.State = types.StringValue("STARTED")
			}
			return &resourceModel{processorModel: m, Timeouts: tfresource.NullTimeouts()}
		},
		Identity: identity,
	}
}
