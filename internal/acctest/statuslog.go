package acctest

import (
	"slices"
	"strings"
	"sync"
)

// StatusLog collects the mock's request log (atlasmock.Options.Logger),
// for tests that show their faults reached the requests they meant.
type StatusLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *StatusLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, strings.Split(strings.TrimSpace(string(p)), "\n")...)
	return len(p), nil
}

// Count returns how many requests under a path that holds part were
// answered with status ("499" for an answer the mock lost), of the
// methods given (every method when none).
func (l *StatusLog) Count(part, status string, methods ...string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, line := range l.lines {
		f := strings.Fields(line)
		if len(f) >= 3 && strings.Contains(f[1], part) && f[2] == status && (len(methods) == 0 || slices.Contains(methods, f[0])) {
			n++
		}
	}
	return n
}
