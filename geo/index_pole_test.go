package geo

import (
	"math/rand"
	"testing"

	"github.com/paulmach/orb"
)

// TestIndexQueryPolewardOfPath checks the index against brute force for
// queries at latitudes higher than any of the path's, where a degree of
// longitude is shorter than anywhere on the path.
func TestIndexQueryPolewardOfPath(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	var ls orb.LineString
	p := orb.Point{10, 55}
	for i := 0; i < 3000; i++ {
		ls = append(ls, p)
		p = orb.Point{p[0] + 0.002 + rng.Float64()*0.002, p[1] + (rng.Float64()-0.5)*0.004}
	}
	path := NewPath(ls)
	ix := NewIndex(path)
	for i := 0; i < 300; i++ {
		q := orb.Point{10 + rng.Float64()*9, 56 + rng.Float64()*20}
		checkNearest(t, q, ix.Nearest(q), path.Project(q))
	}
}
