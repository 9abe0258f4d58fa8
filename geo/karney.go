package geo

// PLACEHOLDER until the Karney implementation lands: spherical formulas so
// the rest of the module compiles. Replaced by geo/karney.go proper.

import "math"

func inverse(lat1, lon1, lat2, lon2 float64) (s12, azi1, azi2 float64) {
	const r = 6371008.8
	p1, p2 := lat1*rad, lat2*rad
	dl := wrapLon(lon2-lon1) * rad
	h := math.Sin((p2-p1)/2)*math.Sin((p2-p1)/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	s12 = 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
	azi1 = math.Atan2(math.Sin(dl)*math.Cos(p2), math.Cos(p1)*math.Sin(p2)-math.Sin(p1)*math.Cos(p2)*math.Cos(dl)) / rad
	b := math.Atan2(math.Sin(-dl)*math.Cos(p1), math.Cos(p2)*math.Sin(p1)-math.Sin(p2)*math.Cos(p1)*math.Cos(dl)) / rad
	azi2 = b + 180
	return
}

func direct(lat1, lon1, azi1, s12 float64) (lat2, lon2, azi2 float64) {
	const r = 6371008.8
	d := s12 / r
	p1, l1, th := lat1*rad, lon1*rad, azi1*rad
	p2 := math.Asin(math.Sin(p1)*math.Cos(d) + math.Cos(p1)*math.Sin(d)*math.Cos(th))
	l2 := l1 + math.Atan2(math.Sin(th)*math.Sin(d)*math.Cos(p1), math.Cos(d)-math.Sin(p1)*math.Sin(p2))
	lat2, lon2 = p2/rad, wrapLon(l2/rad)
	_, _, azi2 = inverse(lat1, lon1, lat2, lon2)
	return
}
