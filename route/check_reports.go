package route

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteReportsJSON writes the reports of rides, each with its ride's name
// first ("ride": "car1.gpx", then the report's fields, docs/check.md), as
// roadbook check --json prints them: the report of one ride as one indented
// JSON document, the reports of several as one indented JSON array, so that
// any JSON reader reads the output whole. With lines it writes JSON Lines
// instead (--jsonl): one compact report a line, whatever their number.
// rides and reps are in step. It writes nothing when a report cannot be
// marshalled, and returns the first error.
func WriteReportsJSON(w io.Writer, rides []string, reps []*Report, lines bool) error {
	if len(rides) != len(reps) {
		return fmt.Errorf("route: %d ride names for %d reports", len(rides), len(reps))
	}
	docs := make([]json.RawMessage, len(reps))
	for i, rep := range reps {
		b, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		q, _ := json.Marshal(rides[i])
		docs[i] = append(append(append([]byte(`{"ride":`), q...), ','), b[1:]...)
	}
	var out bytes.Buffer
	switch {
	case lines:
		for _, d := range docs {
			out.Write(d)
			out.WriteByte('\n')
		}
	case len(docs) == 1:
		json.Indent(&out, docs[0], "", "  ")
		out.WriteByte('\n')
	default:
		b, err := json.MarshalIndent(docs, "", "  ")
		if err != nil {
			return err
		}
		out.Write(append(b, '\n'))
	}
	_, err := w.Write(out.Bytes())
	return err
}
