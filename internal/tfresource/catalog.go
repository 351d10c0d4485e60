package tfresource

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// ProjectIDPattern is the Atlas project ID rule, and ProjectIDRule says it
// in words for descriptions and errors.
var ProjectIDPattern = regexp.MustCompile(`^[a-f0-9]{24}$`)

// ProjectIDRule is ProjectIDPattern in words.
const ProjectIDRule = "24 lower-case hexadecimal characters"

// ProjectIDValidators check a project_id attribute.
func ProjectIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(ProjectIDPattern, "must be "+ProjectIDRule)}
}

// InstanceNamePattern is the stream instance name rule, and
// InstanceNameRule says it in words.
var InstanceNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$`)

// InstanceNameRule is InstanceNamePattern in words.
const InstanceNameRule = "1 to 64 letters, digits and hyphens, starting with a letter or digit"

// InstanceNameValidators check an instance name attribute.
func InstanceNameValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(InstanceNamePattern, "must be "+InstanceNameRule)}
}

// CodeList renders values as `A`, `B`, `C` for Markdown descriptions.
func CodeList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

// SnakeCase turns the API's camelCase names into attribute names:
// maxTierSize becomes max_tier_size.
func SnakeCase(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
