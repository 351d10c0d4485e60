package atlasmock

import (
	"fmt"
	"slices"
	"time"
)

// startWith is a decoded :startWith body; nil members are absent.
type startWith struct {
	Tier                 *string
	ResumeFromCheckpoint *bool
	StartAtOperationTime *string
	Failover             *failoverRequest
}

// failoverRequest is the failover member of :startWith, and what the
// instance's processorStatus FAILED_OVER applies to each processor.
type failoverRequest struct {
	Region          string
	Mode            string
	DryRun          bool
	ClearCheckpoint bool
}

// processorsRestartedMessages is how many messages a processor counts as
// processed each time it starts again from its checkpoint (a new one
// starts from 0): stats then show what a start from the beginning resets.
const processorsRestartedMessages = 100

// decodeStartWith checks a :startWith body (each rule a 400 naming the
// member).
func decodeStartWith(body []byte) (*startWith, *apiError) {
	obj, e := decodeObject(body)
	if e != nil {
		return nil, e
	}
	c := &connectionChecker{}
	var tc typeChecker
	sw := &startWith{Tier: tc.str(obj, "tier", "tier"), ResumeFromCheckpoint: tc.boolean(obj, "resumeFromCheckpoint", "resumeFromCheckpoint"),
		StartAtOperationTime: tc.str(obj, "startAtOperationTime", "startAtOperationTime")}
	if at := sw.StartAtOperationTime; at != nil {
		t, err := time.Parse(time.RFC3339, *at)
		switch _, offset := t.Zone(); {
		case err != nil || offset != 0:
			c.add("startAtOperationTime", "%q must be an RFC 3339 UTC time, such as 2026-01-02T03:04:05Z", *at)
		case sw.ResumeFromCheckpoint != nil && *sw.ResumeFromCheckpoint:
			c.add("startAtOperationTime", "cannot be given with resumeFromCheckpoint true: a processor resumes either from its checkpoint or from a time")
		}
	}
	if f := c.object(obj["failover"], "failover"); f != nil {
		region, _ := c.required(f, "region", "failover.region")
		mode, _ := c.enum(f, "mode", "failover.mode", []string{"GRACEFUL", "FORCED"}, false)
		if mode == "" {
			mode = "GRACEFUL"
		}
		fr := &failoverRequest{Region: region, Mode: mode}
		if b := tc.boolean(f, "dryRun", "failover.dryRun"); b != nil {
			fr.DryRun = *b
		}
		if b := tc.boolean(f, "clearCheckpoint", "failover.clearCheckpoint"); b != nil {
			fr.ClearCheckpoint = *b
			if *b && mode != "FORCED" {
				c.add("failover.clearCheckpoint", "applies only to a FORCED failover; the mode is %s", mode)
			}
		}
		sw.Failover = fr
	}
	if len(tc.violations) > 0 {
		return nil, violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
	}
	if e := c.refusal(); e != nil {
		return nil, e
	}
	return sw, nil
}

// instanceRegions are the primary region and the failover regions of an
// instance.
func (in *Instance) regions() []string {
	out := []string{in.Region}
	for _, r := range in.FailoverRegions {
		out = append(out, r.Region)
	}
	return out
}

// eligibility says whether a processor can fail over, and why not: the
// instance has a failover region, the tier (the instance's when it has
// none) is SP10 or above, the $source is a Cluster connection, and the
// sink ($merge or $emit) a Cluster or Kafka one.
func eligibility(in *Instance, p *Processor) (bool, string) {
	tier := p.Tier
	if tier == "" {
		tier = in.Tier
	}
	typeOf := func(name string) string {
		for _, c := range in.Connections {
			if c.Name == name {
				return c.Type
			}
		}
		return ""
	}
	source, sink := "", ""
	for _, c := range pipelineConnections(p.Pipeline) {
		switch c.stage {
		case "$source":
			source = typeOf(c.name)
		case "$merge", "$emit":
			sink = typeOf(c.name)
		}
	}
	switch {
	case len(in.FailoverRegions) == 0:
		return false, "the instance has no failover region"
	case tierRank(tier) < tierRank("SP10"):
		return false, fmt.Sprintf("its tier %s is below SP10", tier)
	case source != "Cluster":
		return false, "its $source is not a Cluster connection"
	case sink != "Cluster" && sink != "Kafka":
		return false, "its sink is not a Cluster or Kafka connection"
	}
	return true, ""
}

// startProcessor applies a start (with the options of a :startWith, nil
// for :start) to a processor of in; the caller holds the store's lock.
func (h *Handler) startProcessor(in *Instance, p *Processor, sw *startWith) error {
	if sw != nil && sw.Failover != nil {
		f := sw.Failover
		if !slices.Contains(in.regions(), f.Region) {
			return errInvalid{violationsError("VALIDATION_ERROR", "Invalid attribute values", []fieldViolation{{"failover.region",
				fmt.Sprintf("failover.region %q is neither the primary region nor a failover region of stream instance %s: %s", f.Region, in.Name, quoteList(in.regions()))}})}
		}
		if ok, _ := eligibility(in, p); !ok || !p.FailoverEnabled {
			return errInvalid{processorError(p.Name, "stream processor is not eligible for failover")}
		}
		if f.DryRun {
			return nil // Tests the failover; changes nothing.
		}
		if p.State != "STARTED" && p.State != "STOPPED" && p.State != "CREATED" && p.State != "FAILED" {
			return errInvalid{processorError(p.Name, "stream processor cannot fail over from state "+p.State)}
		}
		p.ActiveRegion = f.Region
		if f.Mode == "FORCED" && f.ClearCheckpoint {
			p.Messages = 0
		}
		if p.State != "STARTED" {
			h.transition(p, "STARTED")
		}
		return nil
	}
	if p.State == "STARTED" {
		return errInvalid{processorError(p.Name, "stream processor is already started")}
	}
	if sw != nil && sw.Tier != nil {
		if vs := checkProcessorFields(nil, in, sw.Tier, nil, nil); len(vs) > 0 {
			return errInvalid{violationsError("VALIDATION_ERROR", "Invalid attribute values", vs)}
		}
		p.Tier = *sw.Tier
	}
	fresh := sw != nil && ((sw.ResumeFromCheckpoint != nil && !*sw.ResumeFromCheckpoint) || sw.StartAtOperationTime != nil)
	switch {
	case fresh:
		p.Messages = 0
	case p.State != "CREATED":
		// It ran before: it resumes from its checkpoint, with what it
		// processed since counted.
		p.Messages += processorsRestartedMessages
	}
	state := "STARTED"
	if slices.Contains(h.opts.FailProcessors, p.Name) {
		state = "FAILED"
	}
	h.transition(p, state)
	return nil
}

// processorStatusRequest is an instance PATCH's processorStatus.
type processorStatusRequest struct {
	Status, Mode, Region *string
}

// decodeProcessorStatus reads processorStatus from a PATCH body; nil when
// absent.
func decodeProcessorStatus(data []byte) (*processorStatusRequest, *apiError) {
	obj, e := decodeObject(data)
	if e != nil {
		return nil, e
	}
	var tc typeChecker
	ps := tc.object(obj, "processorStatus", "processorStatus")
	if ps == nil {
		if len(tc.violations) > 0 {
			return nil, violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
		}
		return nil, nil
	}
	req := &processorStatusRequest{Status: tc.str(ps, "status", "processorStatus.status"), Mode: tc.str(ps, "mode", "processorStatus.mode"),
		Region: tc.str(ps, "region", "processorStatus.region")}
	if len(tc.violations) > 0 {
		return nil, violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
	}
	return req, nil
}

// checkProcessorStatus adds the violations of a processorStatus on
// instance in; moved says the same PATCH changes its region.
func checkProcessorStatus(vs []fieldViolation, in *Instance, ps *processorStatusRequest, moved bool) []fieldViolation {
	statuses := []string{"STARTED", "STOPPED", "FAILED_OVER"}
	switch {
	case ps.Status == nil:
		vs = append(vs, fieldViolation{"processorStatus.status", "processorStatus.status is required: " + quoteList(statuses)})
	case !slices.Contains(statuses, *ps.Status):
		vs = append(vs, fieldViolation{"processorStatus.status", fmt.Sprintf("processorStatus.status %q is not valid; allowed values are %s", *ps.Status, quoteList(statuses))})
	}
	if ps.Mode != nil && *ps.Mode != "GRACEFUL" && *ps.Mode != "FORCED" {
		vs = append(vs, fieldViolation{"processorStatus.mode", fmt.Sprintf("processorStatus.mode %q is not valid; allowed values are GRACEFUL or FORCED", *ps.Mode)})
	}
	failedOver := ps.Status != nil && *ps.Status == "FAILED_OVER"
	switch {
	case failedOver && len(in.FailoverRegions) == 0:
		vs = append(vs, fieldViolation{"processorStatus.status", "processorStatus.status FAILED_OVER needs an instance with failover regions"})
	case failedOver && ps.Region == nil:
		vs = append(vs, fieldViolation{"processorStatus.region", "processorStatus.region is required with status FAILED_OVER"})
	case ps.Region != nil && !slices.Contains(in.regions(), *ps.Region):
		vs = append(vs, fieldViolation{"processorStatus.region", fmt.Sprintf("processorStatus.region %q is neither the primary region nor a failover region: %s", *ps.Region, quoteList(in.regions()))})
	}
	if moved {
		vs = append(vs, fieldViolation{"processorStatus", "processorStatus cannot come with a cloudProvider or region change"})
	}
	return vs
}

// applyProcessorStatus applies a processorStatus to every processor of
// in, synchronously; refusals of one processor never fail the PATCH.
// STARTED and STOPPED concern the processors active in region (the
// primary region when none is given).
func (h *Handler) applyProcessorStatus(in *Instance, ps *processorStatusRequest) {
	region := in.Region
	if ps.Region != nil {
		region = *ps.Region
	}
	activeIn := func(p *Processor) bool {
		at := p.ActiveRegion
		if at == "" {
			at = in.Region
		}
		return at == region
	}
	for i := range in.Processors {
		p := in.Processors[i].clone()
		switch *ps.Status {
		case "STARTED":
			if (p.State == "CREATED" || p.State == "STOPPED" || p.State == "FAILED") && activeIn(&p) {
				_ = h.startProcessor(in, &p, nil)
			}
		case "STOPPED":
			if p.State == "STARTED" && activeIn(&p) {
				h.transition(&p, "STOPPED")
			}
		case "FAILED_OVER":
			mode := "GRACEFUL"
			if ps.Mode != nil {
				mode = *ps.Mode
			}
			if ok, _ := eligibility(in, &p); ok && p.FailoverEnabled {
				_ = h.startProcessor(in, &p, &startWith{Failover: &failoverRequest{Region: region, Mode: mode}})
			}
		}
		in.Processors[i] = p
	}
}
