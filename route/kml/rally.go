package kml

import "github.com/roadbook/roadbook/route"

// NewDocument returns the document of stages as route.LoadRally loads them:
// a folder a stage in their order, each titled from its manifest entry, the
// document named after the rally. rally is nil for stages read from single
// files (the document is then named after its first stage).
func NewDocument(rally *route.Rally, stages []route.LoadedStage) *Document {
	doc := &Document{}
	if rally != nil {
		doc.Name = rally.Name
	}
	for _, s := range stages {
		doc.Stages = append(doc.Stages, StageFolder{Stage: s.Stage, Rally: s.Entry})
	}
	return doc
}

// CheckedRide returns the recorded file f as a ride named name
// (RideFromFile), checked against the stage of stages it was driven on
// (route.RideStage, then route.Check with opts), so that its wrong turns,
// wrong-way stretches and missed waypoints are drawn with it
// (CheckFromReport; the ride's Check.Stage is that stage). It also returns
// how the stage was found.
//
// When no stage matches (route.NoMatch), the ride has no check; when
// route.Check fails (a stage without a route to follow), the ride has no
// check and the error is returned: either way the ride can still be drawn.
func CheckedRide(name string, f *route.File, stages []route.LoadedStage, opts route.CheckOptions) (Ride, route.StageMatch, error) {
	r := RideFromFile(name, f)
	k, how := route.RideStage(f, stages)
	if k < 0 {
		return r, how, nil
	}
	st := stages[k].Stage
	rep, err := route.Check(st, f, opts)
	if err != nil {
		return r, how, err
	}
	r.Check = CheckFromReport(st, f, rep)
	return r, how, nil
}
