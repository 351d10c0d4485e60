package tfresource

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Timeouts are a resource's default operation timeouts, and what each
// one waits for, as its timeouts attribute describes them.
type Timeouts struct {
	Create, Update, Delete time.Duration
	// CreateWaits, UpdateWaits and DeleteWaits say what the operation
	// waits for, in a few words ("until the connection is `READY`"); empty
	// when it waits for nothing.
	CreateWaits, UpdateWaits, DeleteWaits string
}

// Attribute is the timeouts attribute (create, update, delete), with a
// description of the defaults and of what each one bounds.
func (t Timeouts) Attribute(ctx context.Context) schema.Attribute {
	a := timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})
	n, ok := a.(schema.SingleNestedAttribute)
	if !ok {
		return a
	}
	one := func(name string, d time.Duration, waits string) string {
		s := fmt.Sprintf("`%s` %dm", name, int(d.Minutes()))
		if waits != "" {
			s += " (waits " + waits + ")"
		}
		return s
	}
	n.MarkdownDescription = "How long each operation may take, retries and waiting included, before it fails with a timeout error. Defaults: " +
		one("create", t.Create, t.CreateWaits) + ", " + one("update", t.Update, t.UpdateWaits) + ", " + one("delete", t.Delete, t.DeleteWaits) + "."
	return n
}

// timeoutsType is the type of every resource's timeouts attribute.
var timeoutsType = timeouts.Attributes(context.Background(), timeouts.Opts{Create: true, Update: true, Delete: true}).GetType().(timeouts.Type)

// NullTimeouts is a timeouts attribute that is not set: what an imported
// or listed object has.
func NullTimeouts() timeouts.Value {
	return timeouts.Value{Object: types.ObjectNull(timeoutsType.AttrTypes)}
}

// Known reports whether a value is known and not null.
func Known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }
