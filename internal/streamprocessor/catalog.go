// Package streamprocessor holds the atlasmini_stream_processor resource,
// its data sources and list resource: schema, the pipeline's type and
// checks, the state machine, pure API↔model converters.
package streamprocessor

import "regexp"

// The value lists below feed both the validators and the descriptions, so
// docs and checks never disagree.

// configStates are the states a configuration may ask for.
var configStates = []string{"CREATED", "STARTED", "STOPPED"}

// tiers are the stream processing tiers, smallest first.
var tiers = []string{"SP2", "SP5", "SP10", "SP30", "SP50"}

// sinkStages are the stages a pipeline may end with.
var sinkStages = []string{"$emit", "$merge"}

// namePattern is the processor name rule, and nameRule says it in words.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

const nameRule = "1 to 64 letters, digits, underscores, hyphens and dots"
