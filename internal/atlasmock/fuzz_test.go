package atlasmock

import (
	"net/http/httptest"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	createBody,
	`{}`, `[]`, `null`, `"x"`, `{"name":`, `{} {}`,
	`{"name":"a","dataProcessRegion":{"cloudProvider":"AZURE","region":"eastus"},"streamConfig":{"tier":"SP2"},"sampleConnections":{"solar":true}}`,
	`{"name":5,"dataProcessRegion":[],"streamConfig":"x","sampleConnections":{"solar":"no"}}`,
	`{"cloudProvider":"GCP","region":"US_EAST4","streamConfig":null,"name":"demo"}`,
	`{"dataProcessRegion":{"cloudProvider":null,"region":null},"streamConfig":{"tier":null}}`,
	`{"name":"\u0000","streamConfig":{"tier":"SP30","x":{"y":[1,2,{"z":null}]}}}`,
}

// FuzzDecodeRequests checks that no body makes request decoding panic, and
// that a body either decodes or yields a 400 that names its problem.
func FuzzDecodeRequests(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, decodeFn := range []func([]byte) *apiError{
			func(b []byte) *apiError { _, e := decodeCreate(b); return e },
			func(b []byte) *apiError { _, e := decodeUpdate(b); return e },
		} {
			if e := decodeFn(body); e != nil && (e.Error != 400 || e.ErrorCode != "INVALID_JSON" || e.Detail == "") {
				t.Fatalf("decoding %q gave %+v", body, e)
			}
		}
	})
}

// FuzzHandlerNeverFails sends arbitrary bodies to create and update through
// the whole handler: the answer is always below 500.
func FuzzHandlerNeverFails(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), "demo")
	}
	h, token := inProcessHandler(f)
	f.Fuzz(func(t *testing.T, body []byte, name string) {
		for _, method := range []string{"POST", "PATCH"} {
			path := streamsPathDemo
			if method == "PATCH" {
				path += "/demo"
			}
			req := httptest.NewRequest(method, path, strings.NewReader(string(body)))
			req.Header.Set("Accept", MediaType)
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 || rec.Code == 0 {
				t.Fatalf("%s %q: status %d %s", method, body, rec.Code, rec.Body)
			}
		}
		// Names reach the path too.
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path = streamsPathDemo + "/" + name
		req.Header.Set("Accept", MediaType)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %q: %d", name, rec.Code)
		}
	})
}
