package streamprocessor

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A pipeline is a JSON array of stages. Two pipelines are the same when
// they differ only in white space or in how strings and numbers are
// escaped; the order of keys inside every document is significant, since
// it changes what $sort and $project do. Terraform's jsonencode sorts keys,
// so a heredoc is the way to keep another order.

// canonical renders JSON without insignificant white space, with strings
// written one way (no HTML escaping) and every key in the order given.
// Numbers stay as written: 5 and 5.0 are different BSON types. A plan and
// an apply compare the same pipelines many times over (semantic equality,
// plan modifiers, conversions), so pipelines' canonical forms are kept
// (see canonicalPipelines).
func canonical(s string) (string, error) {
	canonicalPipelines.Lock()
	c, ok := canonicalPipelines.forms[s]
	canonicalPipelines.Unlock()
	if ok {
		return c, nil
	}
	c, err := render(s)
	if err == nil {
		canonicalPipelines.Lock()
		if len(canonicalPipelines.forms) >= maxCanonicalForms {
			clear(canonicalPipelines.forms)
		}
		canonicalPipelines.forms[s] = c
		canonicalPipelines.Unlock()
	}
	return c, err
}

// canonicalPipelines holds the canonical forms canonical rendered, by
// the JSON they came from; it is emptied when it holds
// maxCanonicalForms.
var canonicalPipelines = struct {
	sync.Mutex
	forms map[string]string
}{forms: map[string]string{}}

const maxCanonicalForms = 4096

// render is canonical without the memory, for JSON that is seldom seen
// twice (stats).
func render(s string) (string, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var b bytes.Buffer
	if err := writeCanonical(dec, &b); err != nil {
		return "", err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return "", errors.New("it holds more than one JSON value")
	}
	return b.String(), nil
}

func writeCanonical(dec *json.Decoder, b *bytes.Buffer) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		opening, closing := byte(t), byte(']')
		if t == '{' {
			closing = '}'
		}
		b.WriteByte(opening)
		for first := true; dec.More(); first = false {
			if !first {
				b.WriteByte(',')
			}
			if t == '{' {
				key, err := dec.Token()
				if err != nil {
					return err
				}
				writeString(b, key.(string))
				b.WriteByte(':')
			}
			if err := writeCanonical(dec, b); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
		b.WriteByte(closing)
	case string:
		writeString(b, t)
	case json.Number:
		b.WriteString(t.String())
	case bool:
		fmt.Fprint(b, t)
	case nil:
		b.WriteString("null")
	}
	return nil
}

func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline.
}

// stageKeys returns the stage name of each stage, and why the pipeline is
// not an array of one-key $stage objects ("" when it is).
func stageKeys(pipeline string) ([]string, string) {
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(pipeline), &raw); err != nil {
		return nil, "must be a JSON array of stages, such as [{\"$source\": {...}}, {\"$emit\": {...}}]: " + err.Error()
	}
	if len(raw) == 0 {
		return nil, "is an empty array: a pipeline needs at least a $source stage and a sink stage ($emit or $merge)"
	}
	keys := make([]string, len(raw))
	for i, s := range raw {
		var stage map[string]json.RawMessage
		if json.Unmarshal(s, &stage) != nil || len(stage) != 1 {
			return nil, fmt.Sprintf("stage %d must be an object with exactly one key, the stage name (such as {\"$match\": {...}})", i)
		}
		for k := range stage {
			if !strings.HasPrefix(k, "$") {
				return nil, fmt.Sprintf("stage %d key %q is not a stage name: stage names start with $", i, k)
			}
			keys[i] = k
		}
	}
	return keys, ""
}

// pipelineProblem says what is wrong with a pipeline's shape; "" when
// nothing is.
func pipelineProblem(pipeline string) string {
	keys, why := stageKeys(pipeline)
	switch {
	case why != "":
		return why
	case keys[0] != "$source":
		return fmt.Sprintf("must start with a $source stage, not %s", keys[0])
	case len(keys) < 2 || !slices.Contains(sinkStages, keys[len(keys)-1]):
		return fmt.Sprintf("must end with a sink stage, $emit or $merge, not %s", keys[len(keys)-1])
	}
	return ""
}

// sourceStage is the canonical $source stage of a pipeline; "" when it
// has none.
func sourceStage(pipeline string) string {
	var raw []json.RawMessage
	if json.Unmarshal([]byte(pipeline), &raw) != nil || len(raw) == 0 {
		return ""
	}
	c, err := canonical(string(raw[0]))
	if err != nil || !strings.HasPrefix(c, `{"$source":`) {
		return ""
	}
	return c
}

// pipelineShape checks the pipeline at validate and plan time.
var pipelineShape = tfresource.StringRule{
	Desc: "a JSON array of one-key stage objects that starts with $source and ends with $emit or $merge",
	Check: func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
		if why := pipelineProblem(req.ConfigValue.ValueString()); why != "" {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid Pipeline", "pipeline "+why+".")
		}
	},
}

// pipelineType is the type of the pipeline attribute: a string whose
// values compare by canonical JSON (see canonical).
type pipelineType struct {
	basetypes.StringType
}

var _ basetypes.StringTypable = pipelineType{}

func (t pipelineType) Equal(o attr.Type) bool {
	_, ok := o.(pipelineType)
	return ok
}

func (pipelineType) String() string { return "streamprocessor.pipelineType" }

func (t pipelineType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return pipelineValue{StringValue: in}, nil
}

func (t pipelineType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	return pipelineValue{StringValue: v.(basetypes.StringValue)}, nil
}

func (pipelineType) ValueType(context.Context) attr.Value { return pipelineValue{} }

// pipelineValue is a pipeline: equal to another when their canonical
// forms are, so formatting never causes a diff and key order does.
type pipelineValue struct {
	basetypes.StringValue
}

var _ basetypes.StringValuableWithSemanticEquals = pipelineValue{}

func (v pipelineValue) Type(context.Context) attr.Type { return pipelineType{} }

func (v pipelineValue) Equal(o attr.Value) bool {
	other, ok := o.(pipelineValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether two pipelines are the same JSON,
// key order included.
func (v pipelineValue) StringSemanticEquals(_ context.Context, o basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := o.(pipelineValue)
	if !ok {
		return false, nil
	}
	a, errA := canonical(v.ValueString())
	b, errB := canonical(other.ValueString())
	return errA == nil && errB == nil && a == b, nil
}

// newPipeline is a known pipeline value.
func newPipeline(s string) pipelineValue {
	return pipelineValue{StringValue: basetypes.NewStringValue(s)}
}

// keepEquivalentPipeline plans the state's pipeline when the configuration
// writes the same JSON another way (white space, escapes): Terraform takes
// the prior value as equivalent, so formatting never causes a diff. Key
// order is not formatting: it changes the pipeline.
type keepEquivalentPipeline struct{}

var _ planmodifier.String = keepEquivalentPipeline{}

func (keepEquivalentPipeline) Description(context.Context) string {
	return "A pipeline written another way, with the same stages and key order, plans no change."
}

func (m keepEquivalentPipeline) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepEquivalentPipeline) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() || req.PlanValue.Equal(req.StateValue) {
		return
	}
	if samePipeline(newPipeline(req.PlanValue.ValueString()), newPipeline(req.StateValue.ValueString())) {
		resp.PlanValue = req.StateValue
	}
}

// onlyKeyOrderDiffers reports whether two pipelines that are not the same
// JSON hold the same stages and values with keys in another order: what
// jsonencode, and the configuration terraform query writes with it, do to
// a pipeline written with keys out of alphabetical order.
func onlyKeyOrderDiffers(a, b string) bool {
	decode := func(s string) (any, bool) {
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		var v any
		return v, d.Decode(&v) == nil
	}
	va, okA := decode(a)
	vb, okB := decode(b)
	return okA && okB && reflect.DeepEqual(va, vb)
}
