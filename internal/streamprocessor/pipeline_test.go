package streamprocessor

import (
	"fmt"
	"testing"
)

// TestOnlyKeyOrderDiffers tells a reordering of keys from other changes.
func TestOnlyKeyOrderDiffers(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{`[{"$project":{"b":1,"a":1}}]`, `[{"$project":{"a":1,"b":1}}]`, true},
		{`[{"$sort":{"t":-1,"d":1}}]`, ` [ { "$sort" : { "d" : 1 , "t" : -1 } } ] `, true},
		{`[{"$project":{"a":1,"b":1}}]`, `[{"$project":{"a":1,"b":2}}]`, false},
		{`[{"$match":{"n":1.0}}]`, `[{"$match":{"n":1}}]`, false}, // numbers compare as written
		{`[{"$a":{}},{"$b":{}}]`, `[{"$b":{}},{"$a":{}}]`, false}, // stage order is not key order
		{`[`, `[`, false},
	} {
		if got := onlyKeyOrderDiffers(tc.a, tc.b); got != tc.want {
			t.Errorf("onlyKeyOrderDiffers(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestCanonicalRemembersWhatItRendered: a pipeline seen again gets the
// form rendered the first time, a malformed one is an error each time
// and is not kept, and the memory is emptied rather than grown past its
// bound.
func TestCanonicalRemembersWhatItRendered(t *testing.T) {
	in := "[ {\"$source\" : {\"connectionName\": \"s\"}},\n {\"$emit\": {\"connectionName\": \"__testLog\", \"x\": \"<&>\"}} ]"
	want := `[{"$source":{"connectionName":"s"}},{"$emit":{"connectionName":"__testLog","x":"<&>"}}]`
	for range 2 {
		if got, err := canonical(in); err != nil || got != want {
			t.Fatalf("canonical = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := canonical(`[{"$source":`); err == nil {
		t.Error("a malformed pipeline has a canonical form")
	}
	canonicalPipelines.Lock()
	_, kept := canonicalPipelines.forms[`[{"$source":`]
	canonicalPipelines.Unlock()
	if kept {
		t.Error("a malformed pipeline was kept")
	}
	for i := range maxCanonicalForms + 1 {
		if _, err := canonical(fmt.Sprintf(`[{"$match":{"n":%d}}]`, i)); err != nil {
			t.Fatal(err)
		}
	}
	canonicalPipelines.Lock()
	n := len(canonicalPipelines.forms)
	canonicalPipelines.Unlock()
	if n > maxCanonicalForms {
		t.Errorf("the memory holds %d forms, more than its bound %d", n, maxCanonicalForms)
	}
}
