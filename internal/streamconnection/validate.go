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
	for a, p := range m.typed() {
		checkNetworking(*p, path.Root(a).AtName("networking"), diags)
	}
}

// checkNetworking: PRIVATE_LINK names its endpoint and only it does;
// TRANSIT_GATEWAY names its route.
func checkNetworking(settings types.Object, at path.Path, diags *diag.Diagnostics) {
	if !tfresource.Known(settings) {
		return
	}
	net := objectAttr(settings, "networking")
	if !tfresource.Known(net) {
		return
	}
	access := objectAttr(net, "access")
	t := stringAttr(access, "type")
	if !tfresource.Known(access) || !tfresource.Known(t) {
		return
	}
	ap := at.AtName("access")
	id, route := stringAttr(access, "connection_id"), stringAttr(access, "tgw_route_id")
	switch {
	case t.ValueString() == "PRIVATE_LINK" && id.IsNull():
		diags.AddAttributeError(ap.AtName("connection_id"), "Missing Private Link ID",
			"access type \"PRIVATE_LINK\" needs connection_id, the 24 hexadecimal characters of the Private Link endpoint's ID (atlasmini_stream_privatelink_endpoint.<label>.id).")
	case t.ValueString() != "PRIVATE_LINK" && tfresource.Known(id):
		diags.AddAttributeError(ap.AtName("connection_id"), "Private Link ID Without Private Link",
			fmt.Sprintf("connection_id names a Private Link endpoint, which only access type \"PRIVATE_LINK\" uses; the type is %q. Remove it, or set type = \"PRIVATE_LINK\".", t.ValueString()))
	}
	if t.ValueString() == "TRANSIT_GATEWAY" && route.IsNull() {
		diags.AddAttributeError(ap.AtName("tgw_route_id"), "Missing Transit Gateway Route",
			"access type \"TRANSIT_GATEWAY\" needs tgw_route_id, the 24 hexadecimal characters of the transit gateway route's ID.")
	}
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
	checkKafkaTransport(kafka, diags)
}

// checkKafkaTransport: AWS_MSK_IAM goes with its role and SASL_SSL; mutual
// TLS (protocol SSL) with a certificate and no mechanism, and its members
// with nothing else.
func checkKafkaTransport(kafka types.Object, diags *diag.Diagnostics) {
	auth := objectAttr(kafka, "authentication")
	if auth.IsNull() {
		if sec := objectAttr(kafka, "security"); tfresource.Known(sec) && stringAttr(sec, "protocol").ValueString() == "SSL" {
			diags.AddAttributeError(path.Root("kafka").AtName("authentication"), "Missing Client Certificate",
				"security.protocol \"SSL\" (mutual TLS) needs authentication = { ssl_certificate = …, ssl_key_wo = …, ssl_key_wo_version = 1 }.")
		}
		return
	}
	if !tfresource.Known(auth) {
		return
	}
	ap := path.Root("kafka").AtName("authentication")
	checkSecretForms(auth, ap, "ssl_key", diags)
	checkSecretForms(auth, ap, "ssl_key_password", diags)
	mechanism, protocol := stringAttr(auth, "mechanism"), types.StringUnknown()
	if sec := objectAttr(kafka, "security"); tfresource.Known(sec) {
		protocol = stringAttr(sec, "protocol")
	} else if objectAttr(kafka, "security").IsNull() {
		protocol = types.StringNull()
	}
	aws := objectAttr(auth, "aws")
	if tfresource.Known(mechanism) && mechanism.ValueString() == "AWS_MSK_IAM" {
		if aws.IsNull() {
			diags.AddAttributeError(ap.AtName("aws"), "Missing Kafka Authentication Setting",
				"mechanism \"AWS_MSK_IAM\" signs in with an IAM role: set aws = { role_arn = \"arn:aws:iam::<account>:role/<name>\" }.")
		}
		if !protocol.IsUnknown() && protocol.ValueString() != "SASL_SSL" {
			diags.AddAttributeError(path.Root("kafka").AtName("security").AtName("protocol"), "Invalid Kafka Security Protocol",
				fmt.Sprintf("mechanism \"AWS_MSK_IAM\" runs over SASL_SSL: set security = { protocol = \"SASL_SSL\" }, not %q.", protocol.ValueString()))
		}
		for _, n := range []string{"username", "password", "password_wo"} {
			if v := auth.Attributes()[n]; v != nil && !v.IsNull() {
				diags.AddAttributeError(ap.AtName(n), "Attribute Not Allowed For Mechanism",
					fmt.Sprintf("mechanism \"AWS_MSK_IAM\" signs in with the IAM role in aws.role_arn, not with %s. Remove it.", n))
			}
		}
	} else if !aws.IsNull() && tfresource.Known(mechanism) {
		diags.AddAttributeError(ap.AtName("aws"), "Attribute Not Allowed For Mechanism",
			fmt.Sprintf("aws is the IAM role of mechanism \"AWS_MSK_IAM\"; the mechanism is %q. Remove it, or set mechanism = \"AWS_MSK_IAM\".", mechanism.ValueString()))
	}
	tls := []string{"ssl_certificate", "ssl_key", "ssl_key_wo", "ssl_key_password", "ssl_key_password_wo"}
	switch {
	case protocol.IsUnknown():
	case protocol.ValueString() == "SSL":
		if !mechanism.IsNull() && !mechanism.IsUnknown() {
			diags.AddAttributeError(ap.AtName("mechanism"), "Mechanism With Mutual TLS",
				fmt.Sprintf("security.protocol \"SSL\" is mutual TLS, which signs in with ssl_certificate and ssl_key and takes no SASL mechanism; remove mechanism %q, or use SASL_SSL.", mechanism.ValueString()))
		}
		if stringAttr(auth, "ssl_certificate").IsNull() {
			diags.AddAttributeError(ap.AtName("ssl_certificate"), "Missing Client Certificate",
				"security.protocol \"SSL\" (mutual TLS) needs ssl_certificate, the client certificate (PEM), and its key in ssl_key or ssl_key_wo.")
		}
	default:
		for _, n := range tls {
			if v := auth.Attributes()[n]; v != nil && !v.IsNull() {
				diags.AddAttributeError(ap.AtName(n), "Mutual TLS Setting Without SSL",
					fmt.Sprintf("%s is for mutual TLS, which needs security.protocol \"SSL\"; the protocol is %q. Remove it, or set the protocol to SSL.", n, protocol.ValueString()))
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
	secretsGiven(m, diags)
}

// secretsGiven is checkSecretsGiven on a configuration already read; a
// failover connection's uses it too.
func secretsGiven(m connectionModel, diags *diag.Diagnostics) {
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
			case tfresource.Known(stringAttr(auth, "ssl_certificate")):
				need(auth, ap, "ssl_key", "Mutual TLS signs in with the client certificate's private key.")
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
