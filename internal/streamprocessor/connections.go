package streamprocessor

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// testLog is Atlas's built-in sink, which no instance lists.
const testLog = "__testLog"

// pipelineConnections returns the connection names a pipeline uses (every
// connectionName of its stages: $source, $emit, $merge and its into,
// $lookup, $https, …), sorted and each once, without the built-in sink.
func pipelineConnections(pipeline string) []string {
	var stages any
	if json.Unmarshal([]byte(pipeline), &stages) != nil {
		return nil
	}
	var names []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "connectionName" && s != testLog {
					names = append(names, s)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(stages)
	slices.Sort(names)
	return slices.Compact(names)
}

// checkConnections warns at plan time about each connection that a
// changed pipeline or DLQ of an existing processor names and that the
// instance does not have: Atlas refuses the modify, and the apply will
// have stopped a running processor for it. It checks only what can be
// checked: known names, of an instance that exists and whose connections
// can be read; anything else says nothing. It is a warning, not an error:
// the same apply may create the connection first, when the processor
// refers to its resource. A new processor is not checked: Atlas refuses
// its create with an error that names the connection, and nothing was
// running, so the plan spends no request on it.
func (r *Resource) checkConnections(ctx context.Context, m processorModel, diags *diag.Diagnostics) {
	if r.Client == nil || !tfresource.Known(m.ProjectID) || !tfresource.Known(m.InstanceName) || !tfresource.Known(m.Name) {
		return
	}
	var inPipeline []string
	if tfresource.Known(m.Pipeline) {
		inPipeline = pipelineConnections(m.Pipeline.ValueString())
	}
	dlq := dlqOf(m.Options)
	if len(inPipeline) == 0 && (dlq == nil || dlq.ConnectionName == "") {
		return
	}
	projectID, instance := m.ProjectID.ValueString(), m.InstanceName.ValueString()
	have, err := r.Client.ConnectionNames(ctx, projectID, instance)
	if err != nil {
		// A missing instance (created in this apply) or an API that does
		// not answer: the apply will tell.
		tflog.Debug(ctx, "the instance's connections could not be read for the plan-time check", map[string]any{"instance": instance, "error": err.Error()})
		return
	}
	var listed []string
	for name := range have {
		listed = append(listed, fmt.Sprintf("%q", name))
	}
	slices.Sort(listed)
	warn := func(at path.Path, where string, missing []string) {
		quoted := make([]string, len(missing))
		for i, c := range missing {
			quoted[i] = fmt.Sprintf("%q", c)
		}
		diags.AddAttributeWarning(at, "Processor Names A Connection That Does Not Exist",
			fmt.Sprintf("The %s of processor %q names the connection %s, which stream instance %q in project %s does not have (it has %s). "+
				"Atlas refuses a processor that names a missing connection. If this apply creates that connection, make the processor refer to its resource "+
				"(connectionName = atlasmini_stream_connection.<label>.name), so that Terraform creates the connection first; otherwise, correct the name. "+
				"Should Atlas refuse the modify of a running processor, the apply starts it again with its previous definition.",
				where, m.Name.ValueString(), strings.Join(quoted, ", "), instance, projectID, orNone(listed)))
	}
	var missing []string
	for _, c := range inPipeline {
		if !have[c] {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		warn(path.Root("pipeline"), "pipeline", missing)
	}
	if dlq != nil && dlq.ConnectionName != "" && !have[dlq.ConnectionName] {
		warn(path.Root("options").AtName("dlq").AtName("connection_name"), "DLQ", []string{dlq.ConnectionName})
	}
}

// orNone joins names, or says there are none.
func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// usesChanged reports whether a plan changes the connections a processor
// uses: its pipeline or its DLQ.
func usesChanged(plan, state processorModel) bool {
	return !samePipeline(plan.Pipeline, state.Pipeline) || !sameDLQ(dlqOf(plan.Options), dlqOf(state.Options))
}
