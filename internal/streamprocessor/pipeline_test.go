package streamprocessor

import "testing"

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
