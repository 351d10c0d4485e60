package tfresource

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Identity is a resource identity (Terraform 1.12+) of string attributes,
// which together find an object and never change for its life.
type Identity struct {
	schema identityschema.Schema
	typ    tftypes.Object
}

// NewIdentity declares an identity of the named string attributes, each
// needed to import by identity, with its description.
func NewIdentity(descriptions map[string]string) Identity {
	s := identityschema.Schema{Attributes: map[string]identityschema.Attribute{}}
	for name, desc := range descriptions {
		s.Attributes[name] = identityschema.StringAttribute{RequiredForImport: true, Description: desc}
	}
	return Identity{schema: s, typ: s.Type().TerraformType(context.Background()).(tftypes.Object)}
}

// Schema is the identity schema, for IdentitySchema.
func (i Identity) Schema() identityschema.Schema { return i.schema }

// Set records an identity from its attribute values. Terraform before 1.12
// has none to record (identity is nil then). The identity is written only
// when the values differ from those it holds: for most resources they
// never change, and a processor's changes with a rename (its resource
// declares a mutable identity).
func (i Identity) Set(identity *tfsdk.ResourceIdentity, values map[string]string) {
	if identity == nil {
		return
	}
	raw := map[string]tftypes.Value{}
	for name := range i.typ.AttributeTypes {
		v, ok := values[name]
		if !ok {
			panic(fmt.Sprintf("tfresource: no value for identity attribute %q", name))
		}
		raw[name] = tftypes.NewValue(tftypes.String, v)
	}
	value := tftypes.NewValue(i.typ, raw)
	if !value.Equal(identity.Raw) {
		identity.Raw = value
	}
}

// Get reads the identity of an import by identity.
func (i Identity) Get(identity *tfsdk.ResourceIdentity) (map[string]string, error) {
	var attrs map[string]tftypes.Value
	if identity == nil || identity.Raw.IsNull() {
		return nil, fmt.Errorf("no identity")
	}
	if err := identity.Raw.As(&attrs); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for name, v := range attrs {
		var s *string
		if err := v.As(&s); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if s != nil {
			out[name] = *s
		}
	}
	return out, nil
}
