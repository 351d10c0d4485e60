package streamconnection

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// httpURL checks that a string is an absolute http or https URL.
var httpURL = tfresource.StringRule{
	Desc: "must be an http:// or https:// URL with a host",
	Check: func(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
		u, err := url.Parse(req.ConfigValue.ValueString())
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
				fmt.Sprintf("%s %q must be an http:// or https:// URL with a host, for example https://registry.example.net.", req.Path, req.ConfigValue.ValueString()))
		}
	},
}

// connectionRules is a config validator for what spans attributes: the
// nested attribute of the type, the sample source, the Kafka mechanism's
// members, the private link's id, and the two forms of each secret. It runs
// at validate and plan time and says nothing about values not known yet.
// Whether a secret is given at all is checked when the connection is
// created (see ModifyPlan): an imported connection keeps the secret Atlas
// has, so its configuration may leave it out.
var connectionRules = tfresource.ConfigRule{
	Desc: "the attribute of the type is set and no other; each mechanism has its members; a secret is given in one form",
	Check: func(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
		checkConfig(ctx, req.Config, &resp.Diagnostics)
	},
}

// checkConfig applies the rules of connectionRules to a configuration,
// read once (the framework's GetAttribute would walk it per attribute, and
// Terraform validates each connection several times per command).
func checkConfig(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	m, d := configModel(ctx, config)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	if tfresource.Known(m.Type) && slices.Contains(connectionTypes, m.Type.ValueString()) {
		nested := map[string]types.Object{}
		for a, p := range m.typed() {
			nested[a] = *p
		}
		checkTypeAttribute(m.Type.ValueString(), m.Name, nested, diags)
	}
	checkKafka(m.Kafka, diags)
	checkRegistry(m.SchemaRegistry, diags)
}

// configModel reads a whole configuration into the model.
func configModel(ctx context.Context, config tfsdk.Config) (connectionModel, diag.Diagnostics) {
	m, d := codec().FromRaw(ctx, config.Raw)
	return m.connectionModel, d
}

// checkTypeAttribute: the attribute of the type is set, no other is, and
// a Sample's name is a sample source.
func checkTypeAttribute(typ string, name types.String, nested map[string]types.Object, diags *diag.Diagnostics) {
	own := typeAttributes[typ]
	for _, a := range typedAttributes() {
		o := nested[a]
		switch {
		case a == own && o.IsNull():
			diags.AddAttributeError(path.Root(a), "Missing Connection Settings",
				fmt.Sprintf("type = %q needs the %s attribute, which holds the settings of %s %s connection.", typ, a, article(typ), typ))
		case a != own && !o.IsNull():
			fix := "A Sample connection has no settings: remove it."
			if own != "" {
				fix = fmt.Sprintf("%s %s connection's settings go in %s: remove %s, or set type = %q if %s %s connection was meant.",
					strings.ToUpper(article(typ)[:1])+article(typ)[1:], typ, own, a, typeOfAttribute(a), article(typeOfAttribute(a)), typeOfAttribute(a))
			}
			diags.AddAttributeError(path.Root(a), "Settings Of Another Connection Type",
				fmt.Sprintf("%s holds the settings of %s %s connection, but type is %q. %s", a, article(typeOfAttribute(a)), typeOfAttribute(a), typ, fix))
		}
	}
	if typ == "Sample" && tfresource.Known(name) && !slices.Contains(sampleSources, name.ValueString()) {
		diags.AddAttributeError(path.Root("name"), "Invalid Sample Source",
			fmt.Sprintf("A Sample connection is named after its sample source, and %q is none. Sample sources: %s.", name.ValueString(), oneOfText(sampleSources)))
	}
}

// checkKafka: the mechanism's members, the private link's id, and the
// secrets' forms.
func checkKafka(kafka types.Object, diags *diag.Diagnostics) {
	if kafka.IsNull() || kafka.IsUnknown() {
		return
	}
	at := path.Root("kafka")
	if auth := objectAttr(kafka, "authentication"); !auth.IsNull() && !auth.IsUnknown() {
		ap := at.AtName("authentication")
		checkSecretForms(auth, ap, "password", diags)
		checkSecretForms(auth, ap, "client_secret", diags)
		mechanism := stringAttr(auth, "mechanism")
		if tfresource.Known(mechanism) {
			var needs []string
			switch {
			case needsPassword(mechanism.ValueString()):
				needs = []string{"username"}
			case mechanism.ValueString() == "OAUTHBEARER":
				needs = []string{"method", "token_endpoint_url", "client_id"}
			}
			for _, n := range needs {
				if v := auth.Attributes()[n]; v != nil && v.IsNull() {
					diags.AddAttributeError(ap.AtName(n), "Missing Kafka Authentication Setting",
						fmt.Sprintf("mechanism %q needs %s. %s", mechanism.ValueString(), ap.AtName(n), mechanismNeeds))
				}
			}
		}
	}
	if net := objectAttr(kafka, "networking"); !net.IsNull() && !net.IsUnknown() {
		if access := objectAttr(net, "access"); !access.IsNull() && !access.IsUnknown() {
			if t := stringAttr(access, "type"); tfresource.Known(t) && t.ValueString() == "PRIVATE_LINK" && stringAttr(access, "connection_id").IsNull() {
				diags.AddAttributeError(at.AtName("networking").AtName("access").AtName("connection_id"), "Missing Private Link ID",
					"access type \"PRIVATE_LINK\" needs connection_id, the 24 hexadecimal characters of the private link endpoint's ID.")
			}
		}
	}
}

// mechanismNeeds says what each Kafka mechanism needs.
const mechanismNeeds = "PLAIN, SCRAM-256 and SCRAM-512 need username and a password (password or password_wo); " +
	"OAUTHBEARER needs method, token_endpoint_url, client_id and a client secret (client_secret or client_secret_wo)."

// checkRegistry: USER_INFO's username and the password's forms.
func checkRegistry(registry types.Object, diags *diag.Diagnostics) {
	if registry.IsNull() || registry.IsUnknown() {
		return
	}
	auth := objectAttr(registry, "authentication")
	if auth.IsNull() || auth.IsUnknown() {
		return
	}
	ap := path.Root("schema_registry").AtName("authentication")
	checkSecretForms(auth, ap, "password", diags)
	if t := stringAttr(auth, "type"); tfresource.Known(t) && t.ValueString() == "USER_INFO" && stringAttr(auth, "username").IsNull() {
		diags.AddAttributeError(ap.AtName("username"), "Missing Schema Registry Setting",
			"authentication type \"USER_INFO\" needs username and a password (password or password_wo).")
	}
}

// checkSecretForms: a secret is given in at most one form, and the
// write-only form comes with its version (and the version with it).
func checkSecretForms(o types.Object, at path.Path, name string, diags *diag.Diagnostics) {
	plain, wo, version := o.Attributes()[name], o.Attributes()[name+"_wo"], o.Attributes()[name+"_wo_version"]
	switch {
	case plain == nil || wo == nil || version == nil:
		return
	case !plain.IsNull() && !wo.IsNull():
		diags.AddAttributeError(at.AtName(name+"_wo"), "Secret Given Twice",
			fmt.Sprintf("%s and %s are the two forms of one secret: give one. %s is kept in state (sensitive); %s never is (write-only, Terraform 1.11+).",
				at.AtName(name), at.AtName(name+"_wo"), name, name+"_wo"))
	case !wo.IsNull() && version.IsNull():
		diags.AddAttributeError(at.AtName(name+"_wo_version"), "Missing Write-Only Version",
			fmt.Sprintf("%s needs %s: a write-only value is not stored, so Terraform cannot see when it changes. "+
				"Set %s to any number, and change it whenever %s should be sent again.", at.AtName(name+"_wo"), at.AtName(name+"_wo_version"), name+"_wo_version", name+"_wo"))
	case wo.IsNull() && !version.IsNull():
		diags.AddAttributeError(at.AtName(name+"_wo_version"), "Write-Only Version Without A Value",
			fmt.Sprintf("%s says when to send %s again, which is not set. Remove it, or set %s.", at.AtName(name+"_wo_version"), at.AtName(name+"_wo"), name+"_wo"))
	}
}

// checkSecretsGiven reports, for a new connection, each secret its
// mechanism needs that the configuration gives in neither form.
func checkSecretsGiven(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	m, d := configModel(ctx, config)
	diags.Append(d...)
	if d.HasError() {
		return
	}
	need := func(o types.Object, at path.Path, name, why string) {
		if !o.Attributes()[name].IsNull() || !o.Attributes()[name+"_wo"].IsNull() {
			return
		}
		diags.AddAttributeError(at.AtName(name), "Missing Secret",
			fmt.Sprintf("%s A new connection needs it: set %s (kept in state, sensitive) or %s with %s (write-only).",
				why, at.AtName(name), at.AtName(name+"_wo"), at.AtName(name+"_wo_version")))
	}
	if tfresource.Known(m.Kafka) {
		if auth := objectAttr(m.Kafka, "authentication"); tfresource.Known(auth) {
			ap := path.Root("kafka").AtName("authentication")
			switch mech := stringAttr(auth, "mechanism"); {
			case tfresource.Known(mech) && needsPassword(mech.ValueString()):
				need(auth, ap, "password", fmt.Sprintf("mechanism %q signs in with a password.", mech.ValueString()))
			case tfresource.Known(mech) && mech.ValueString() == "OAUTHBEARER":
				need(auth, ap, "client_secret", "mechanism \"OAUTHBEARER\" signs in with a client secret.")
			}
		}
	}
	if tfresource.Known(m.SchemaRegistry) {
		if auth := objectAttr(m.SchemaRegistry, "authentication"); tfresource.Known(auth) {
			if t := stringAttr(auth, "type"); tfresource.Known(t) && t.ValueString() == "USER_INFO" {
				need(auth, path.Root("schema_registry").AtName("authentication"), "password", "authentication type \"USER_INFO\" signs in with a password.")
			}
		}
	}
}

// objectAttr and stringAttr read a nested attribute of a known object;
// an attribute it lacks reads as null.
func objectAttr(o types.Object, name string) types.Object {
	if v, ok := o.Attributes()[name].(types.Object); ok {
		return v
	}
	return types.ObjectNull(nil)
}

func stringAttr(o types.Object, name string) types.String {
	if v, ok := o.Attributes()[name].(types.String); ok {
		return v
	}
	return types.StringNull()
}
