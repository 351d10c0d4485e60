package atlas

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var responseSeeds = []string{
	`{"_id":"65f0a1b2c3d4e5f607182900","name":"x","dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"},"connections":[{"name":"a","type":"Kafka","bootstrapServers":"h:9092"}]}`,
	`{"error":400,"errorCode":"VALIDATION_ERROR","badRequestDetail":{"fields":[{"field":"name","description":"d"}]}}`,
	`<html><body>502</body></html>`, ``, `null`, `[]`, `{"_id":5}`, `{"error":"x"}`, `{"results":[{}],"totalCount":"3"}`,
}

// FuzzDecodeResponses sends arbitrary bodies with success and error
// statuses through the whole client: it must answer with a value or an
// error, never panic, and every error must say its status.
func FuzzDecodeResponses(f *testing.F) {
	for _, s := range responseSeeds {
		f.Add([]byte(s), 200)
		f.Add([]byte(s), 400)
	}
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		if status < 200 || status > 599 || status == 429 || status >= 500 {
			status = 200 + (status%200+200)%200 // A non-retried status, 200..399 or 4xx.
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			_, _ = w.Write(body)
		}))
		defer srv.Close()
		c, err := New(Config{BaseURL: srv.URL, AccessToken: "t"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.GetStreamInstance(context.Background(), "g", "x")
		switch {
		case err == nil && got == nil:
			t.Fatal("no instance and no error")
		case err != nil:
			var apiErr *APIError
			var decErr *DecodeError
			if !errors.As(err, &apiErr) && !errors.As(err, &decErr) {
				t.Fatalf("untyped error %v", err)
			}
			if !strings.Contains(err.Error(), http.StatusText(status)) && !strings.Contains(err.Error(), "answered") {
				t.Fatalf("error %q does not say the status %d", err, status)
			}
		}
	})
}
