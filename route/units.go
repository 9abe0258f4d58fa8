package route

// OpenRally's statute units (units="statute" in a file's metadata; the
// schema spells it "statue"): route distances in statute miles, speeds in
// miles per hour and waypoint radii in yards. These are the exact
// international definitions.
const (
	MileKm = 1.609344 // km in a statute mile
	YardM  = 0.9144   // metres in a yard
)

// Metric returns w with its OpenRally values in metric units (Distance in
// km, Speed in km/h, control radii in metres), converting from the units a
// file declares (File.Units): "statute" converts, anything else returns w as
// it is. The result does not share w's Controls when it converts.
func (w Waypoint) Metric(units string) Waypoint {
	if units != "statute" {
		return w
	}
	w.Distance *= MileKm
	w.ResetKm *= MileKm
	w.Speed *= MileKm
	if len(w.Controls) > 0 {
		cs := make([]Control, len(w.Controls))
		copy(cs, w.Controls)
		for i := range cs {
			cs[i].Radii.Open *= YardM
			cs[i].Radii.Clear *= YardM
		}
		w.Controls = cs
	}
	return w
}
