package streamprocessor

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// minFailoverTier is the smallest tier Atlas fails processors over on.
const minFailoverTier = "SP10"

// eligibilityRule says in one sentence when Atlas fails a processor over,
// for descriptions and messages.
const eligibilityRule = "Atlas fails over only processors whose instance has a failover region, whose tier (or else the instance's) is " + minFailoverTier +
	" or larger, whose `$source` is a `Cluster` connection and whose sink (`$merge` or `$emit`) is a `Cluster` or `Kafka` connection"

// sourceAndSink returns the connection names of a pipeline's $source and
// of its sink ($merge's into, or $emit); "" for what it lacks.
func sourceAndSink(pipeline string) (source, sink string) {
	var stages []map[string]json.RawMessage
	if json.Unmarshal([]byte(pipeline), &stages) != nil {
		return "", ""
	}
	name := func(raw json.RawMessage, into bool) string {
		var s struct {
			ConnectionName string `json:"connectionName"`
			Into           struct {
				ConnectionName string `json:"connectionName"`
			} `json:"into"`
		}
		_ = json.Unmarshal(raw, &s)
		if into {
			return s.Into.ConnectionName
		}
		return s.ConnectionName
	}
	for _, st := range stages {
		if raw, ok := st["$source"]; ok {
			source = name(raw, false)
		}
		if raw, ok := st["$merge"]; ok {
			sink = name(raw, true)
		}
		if raw, ok := st["$emit"]; ok {
			sink = name(raw, false)
		}
	}
	return source, sink
}

// placeOfProcessor is what eligibility depends on outside the processor:
// its instance's failover regions and default tier, and the type of each
// of its connections (a connection not in types is unknown: not yet made).
type placeOfProcessor struct {
	failoverRegions []string
	instanceTier    string
	types           map[string]string
}

// readPlace reads a processor's place; ok is false when the instance
// cannot be read (it may be made in the same apply).
func readPlace(ctx context.Context, c *atlas.Client, projectID, instance string) (placeOfProcessor, bool) {
	in, err := c.StreamInstanceForPlan(ctx, projectID, instance)
	if err != nil {
		return placeOfProcessor{}, false
	}
	p := placeOfProcessor{types: map[string]string{}}
	for _, f := range in.FailoverRegions {
		p.failoverRegions = append(p.failoverRegions, f.Region)
	}
	if in.StreamConfig != nil {
		p.instanceTier = in.StreamConfig.Tier
	}
	if types, err := c.ConnectionTypes(ctx, projectID, instance); err == nil {
		p.types = types
	}
	return p, true
}

// ineligibility lists why Atlas would not fail over a processor with this
// pipeline and tier ("" for the instance's) in this place: nothing when it
// would, or when what decides it is not known yet.
func ineligibility(pipeline, tier string, p placeOfProcessor) []string {
	var why []string
	if len(p.failoverRegions) == 0 {
		why = append(why, "its instance has no failover region (Atlas refuses failover_enabled = true on it unless this apply adds failover_regions to the instance first)")
	}
	if tier == "" {
		tier = p.instanceTier
	}
	if tier != "" && slices.Index(tiers, tier) < slices.Index(tiers, minFailoverTier) {
		why = append(why, fmt.Sprintf("its tier %s is below %s", tier, minFailoverTier))
	}
	source, sink := sourceAndSink(pipeline)
	if t, ok := p.types[source]; ok && t != "Cluster" {
		why = append(why, fmt.Sprintf("its $source %q is a %s connection, not a Cluster one", source, t))
	} else if source == "" {
		why = append(why, "its pipeline has no $source connection")
	}
	if t, ok := p.types[sink]; ok && t != "Cluster" && t != "Kafka" {
		why = append(why, fmt.Sprintf("its sink %q is a %s connection, not a Cluster or Kafka one", sink, t))
	} else if sink == "" {
		why = append(why, "its pipeline has no $merge or $emit sink connection")
	}
	return why
}

// warnIneligible warns at plan time when a processor has failover_enabled
// but Atlas would not fail it over, and says why. It reads the instance
// and its connections; what cannot be read (made in the same apply) says
// nothing.
func (r *Resource) warnIneligible(ctx context.Context, m processorModel, diags *diag.Diagnostics) {
	if r.Client == nil || !tfresource.Known(m.FailoverEnabled) || !m.FailoverEnabled.ValueBool() ||
		!tfresource.Known(m.ProjectID) || !tfresource.Known(m.InstanceName) || !tfresource.Known(m.Pipeline) {
		return
	}
	place, ok := readPlace(ctx, r.Client, m.ProjectID.ValueString(), m.InstanceName.ValueString())
	if !ok {
		return
	}
	tier := ""
	if tfresource.Known(m.Tier) {
		tier = m.Tier.ValueString()
	}
	if why := ineligibility(m.Pipeline.ValueString(), tier, place); len(why) > 0 {
		diags.AddAttributeWarning(path.Root("failover_enabled"), "Processor Not Eligible For Failover",
			fmt.Sprintf("Processor %q has failover_enabled = true, but Atlas will not fail it over: %s. %s.", m.Name.ValueString(), strings.Join(why, "; "), eligibilityRule))
	}
}
