package route

// StageOptions configures NewStage. The zero value is the defaults.
type StageOptions struct {
	// Name overrides the stage name (else the file's metadata name, else
	// its first track's name).
	Name string
	// Rules gives the radii used to judge waypoints against the route; nil
	// means the defaults.
	Rules *Rules
}

// NewStage builds a stage from a decoded file. PLACEHOLDER: being written.
func NewStage(f *File, opts StageOptions) *Stage {
	return &Stage{Name: opts.Name, File: f}
}
