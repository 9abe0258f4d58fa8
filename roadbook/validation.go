package roadbook

import "github.com/roadbook/roadbook/route"

// A Validation is what Validate found in one stage, named after its file,
// with its errors and warnings counted: what "roadbook validate" reports for
// a stage, and its JSON form.
type Validation struct {
	File     string `json:"file"`  // the stage file, as the caller names it
	Stage    string `json:"stage"` // the stage's name, "" when it has none
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	// Problems are Validate's, in its order; empty, never nil, for a clean
	// stage (an empty list in JSON).
	Problems []Problem `json:"problems"`
}

// NewValidation validates the stage s of the file named file with Validate
// and counts its errors and warnings.
func NewValidation(file string, s *route.Stage, rules *route.Rules) Validation {
	v := Validation{File: file, Problems: Validate(s, rules)}
	if s != nil {
		v.Stage = s.Name
	}
	if v.Problems == nil {
		v.Problems = []Problem{}
	}
	for _, p := range v.Problems {
		if p.Severity == Error {
			v.Errors++
		} else {
			v.Warnings++
		}
	}
	return v
}
