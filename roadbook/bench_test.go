package roadbook

import (
	"testing"

	"github.com/roadbook/roadbook/route"
)

// benchStage is a synthetic 500 km stage: 25,000 points every 20 m, a turn
// every kilometre (from gentle bends to hairpins, left and right), and 150
// waypoints of every kind.
func benchStage() *route.Stage {
	angles := []float64{10, -60, 95, -20, 150, 35, -90, 5, -120, 70}
	var legs []leg
	for i := 0; i < 500; i++ {
		legs = append(legs, leg{angles[i%len(angles)], 0, 1000})
	}
	p := makeRoute(yanbu, 45, 20, legs...).path
	kinds := []route.Kind{route.WPV, route.WPM, route.DZ, route.FZ, route.WPS, route.CP, route.WPC, route.WPN, route.WPP, route.WPE}
	var wps []route.Placed
	wps = append(wps, place(p, 20000, route.DSS))
	for i := 1; i < 149; i++ {
		k := kinds[i%len(kinds)]
		w := place(p, 20000+float64(i)*3200+450, k)
		if k == route.DZ {
			w.Speed = 50
		}
		wps = append(wps, w)
	}
	wps = append(wps, place(p, 495000, route.ASS))
	return stage(p, wps...)
}

func BenchmarkBuild(b *testing.B) {
	s := benchStage()
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for b.Loop() {
		n = len(Build(s, Options{}).Boxes)
	}
	b.ReportMetric(float64(n), "boxes")
	b.ReportMetric(float64(len(s.Path.Line)), "points")
}

func BenchmarkValidate(b *testing.B) {
	s := benchStage()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Validate(s, nil)
	}
}
