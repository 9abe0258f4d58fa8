package synth

import (
	"crypto/sha512"
	"math"
	"math/big"
)

// pyRandom is the Mersenne Twister (MT19937) seeded, and its floats and
// Gaussians derived, exactly as CPython's random.Random does (CPython 3.2 and
// later, seed version 2), so that one seed string gives the same stream of
// numbers as the generator's first, Python version did, and the files stay
// the ones the published baselines were measured on.
type pyRandom struct {
	mt  [624]uint32
	mti int
	// gaussNext is the second value of the last Box–Muller pair; hasGauss
	// says whether it is still unused.
	gaussNext float64
	hasGauss  bool
}

// newPyRandom returns a generator seeded with the string s: the integer whose
// big-endian bytes are s followed by its SHA-512 digest, cut into 32-bit
// words least significant first, as the key of init_by_array.
func newPyRandom(s string) *pyRandom {
	b := []byte(s)
	sum := sha512.Sum512(b)
	b = append(b, sum[:]...)
	n := new(big.Int).SetBytes(b)
	words := (n.BitLen() + 31) / 32
	if words == 0 {
		words = 1
	}
	le := make([]byte, words*4)
	n.FillBytes(le) // big-endian, zero-padded on the left
	key := make([]uint32, words)
	for i := range key {
		// Word i holds bytes i*4 … i*4+3 counted from the least significant.
		j := len(le) - 4*(i+1)
		key[i] = uint32(le[j+3]) | uint32(le[j+2])<<8 | uint32(le[j+1])<<16 | uint32(le[j])<<24
	}
	r := &pyRandom{}
	r.initByArray(key)
	return r
}

func (r *pyRandom) initGenrand(s uint32) {
	r.mt[0] = s
	for i := 1; i < len(r.mt); i++ {
		r.mt[i] = 1812433253*(r.mt[i-1]^(r.mt[i-1]>>30)) + uint32(i)
	}
	r.mti = len(r.mt)
}

func (r *pyRandom) initByArray(key []uint32) {
	const n = len(r.mt)
	r.initGenrand(19650218)
	i, j := 1, 0
	for k := max(n, len(key)); k > 0; k-- {
		r.mt[i] = (r.mt[i] ^ ((r.mt[i-1] ^ (r.mt[i-1] >> 30)) * 1664525)) + key[j] + uint32(j)
		i++
		j++
		if i >= n {
			r.mt[0] = r.mt[n-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k := n - 1; k > 0; k-- {
		r.mt[i] = (r.mt[i] ^ ((r.mt[i-1] ^ (r.mt[i-1] >> 30)) * 1566083941)) - uint32(i)
		i++
		if i >= n {
			r.mt[0] = r.mt[n-1]
			i = 1
		}
	}
	r.mt[0] = 0x80000000
}

// uint32 returns the next 32 bits of the stream (genrand_uint32).
func (r *pyRandom) uint32() uint32 {
	const (
		n, m      = 624, 397
		upperMask = 0x80000000
		lowerMask = 0x7fffffff
	)
	mag01 := [2]uint32{0, 0x9908b0df}
	if r.mti >= n {
		var kk int
		for ; kk < n-m; kk++ {
			y := r.mt[kk]&upperMask | r.mt[kk+1]&lowerMask
			r.mt[kk] = r.mt[kk+m] ^ y>>1 ^ mag01[y&1]
		}
		for ; kk < n-1; kk++ {
			y := r.mt[kk]&upperMask | r.mt[kk+1]&lowerMask
			r.mt[kk] = r.mt[kk+(m-n)] ^ y>>1 ^ mag01[y&1]
		}
		y := r.mt[n-1]&upperMask | r.mt[0]&lowerMask
		r.mt[n-1] = r.mt[m-1] ^ y>>1 ^ mag01[y&1]
		r.mti = 0
	}
	y := r.mt[r.mti]
	r.mti++
	y ^= y >> 11
	y ^= y << 7 & 0x9d2c5680
	y ^= y << 15 & 0xefc60000
	y ^= y >> 18
	return y
}

// random returns a float in [0, 1) with 53 random bits (genrand_res53).
func (r *pyRandom) random() float64 {
	a, b := r.uint32()>>5, r.uint32()>>6
	return (float64(a)*67108864 + float64(b)) * (1.0 / 9007199254740992)
}

// uniform returns a + (b-a)·random(), in that order of operations.
func (r *pyRandom) uniform(a, b float64) float64 {
	return a + float64((b-a)*r.random())
}

// gauss returns a normal deviate of mean mu and standard deviation sigma by
// the Box–Muller transform, keeping the pair's second value for the next call.
func (r *pyRandom) gauss(mu, sigma float64) float64 {
	var z float64
	if r.hasGauss {
		z, r.hasGauss = r.gaussNext, false
	} else {
		x2pi := r.random() * (2 * math.Pi)
		g2rad := math.Sqrt(-2 * math.Log(1-r.random()))
		z = math.Cos(x2pi) * g2rad
		r.gaussNext, r.hasGauss = math.Sin(x2pi)*g2rad, true
	}
	return mu + float64(z*sigma)
}

// below returns an integer in [0, n) for n > 0, drawing n's bit length in bits
// and rejecting values of n or more (_randbelow_with_getrandbits).
func (r *pyRandom) below(n int) int {
	k := 0
	for v := n; v > 0; v >>= 1 {
		k++
	}
	for {
		v := int(r.uint32() >> (32 - k))
		if v < n {
			return v
		}
	}
}
