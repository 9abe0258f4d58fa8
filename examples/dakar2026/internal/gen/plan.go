package gen

import "github.com/paulmach/orb"

// Places: the bivouac towns' centres (WGS84), and the two refuge
// camps, whose real positions are not public, placed between their
// neighbours.
var places = map[string]orb.Point{
	"Yanbu":           {38.0618, 24.0895},
	"AlUla":           {37.9236, 26.6086},
	"Ha'il":           {41.7208, 27.5114},
	"Riyadh":          {46.6753, 24.7136},
	"Wadi ad-Dawasir": {44.7889, 20.4632},
	"Bisha":           {42.5902, 19.9764},
	"Al Henakiyah":    {40.5125, 24.8607},
	"Refuge 1":        {39.7500, 27.0500}, // between AlUla and Ha'il
	"Refuge 2":        {43.6200, 20.3000}, // between Wadi ad-Dawasir and Bisha
}

// offset is a position given by a bearing (degrees) and a distance (km)
// from another.
type offset struct{ bearing, km float64 }

// sectors splits a special in two timed sectors with a neutralisation.
type sectors struct {
	dn, fn         offset  // DN from the DSS, FN from the DN
	sector1Km      float64 // DSS to DN
	neutralKm      float64 // DN to FN (counted with the liaison)
	neutralisation int     // DN duration, minutes
	sideA, sideB   float64 // detour sides of the two sectors
}

// stagePlan is one stage: the organiser's figures as the press gave them
// and the choices that place the illustrative route.
type stagePlan struct {
	num           int // 0 for the Prologue
	date          string
	start, finish string
	marathon      bool
	liaisonKm     float64 // table
	specialKm     float64 // table
	beforeKm      float64 // liaison before the DSS (the rest is after the ASS)
	dss, ass      offset  // DSS from the start, ASS from the finish
	sides         [3]float64
	dunes         [][2]float64 // special km ranges in dunes
	split         *sectors
	note          string // what the press said about this stage
}

func (p *stagePlan) name() string {
	if p.num == 0 {
		return "Prologue"
	}
	return "Stage " + itoa(p.num)
}

func (p *stagePlan) totalKm() float64 { return p.liaisonKm + p.specialKm }

// plan is Dakar 2026 (3–17 January, Saudi Arabia) as the press gave the
// organiser's figures (cars; where plan and race differ, the race).
var plan = []stagePlan{
	{num: 0, date: "2026-01-03", start: "Yanbu", finish: "Yanbu", liaisonKm: 75, specialKm: 23, beforeKm: 40,
		dss: offset{40, 33}, ass: offset{70, 29}, sides: [3]float64{1, 1, -1}},
	{num: 1, date: "2026-01-04", start: "Yanbu", finish: "Yanbu", liaisonKm: 213, specialKm: 305, beforeKm: 110,
		dss: offset{15, 92}, ass: offset{105, 86}, sides: [3]float64{-1, 1, -1}},
	{num: 2, date: "2026-01-05", start: "Yanbu", finish: "AlUla", liaisonKm: 104, specialKm: 400, beforeKm: 64,
		dss: offset{20, 53}, ass: offset{200, 33}, sides: [3]float64{-1, -1, -1}, dunes: [][2]float64{{230, 270}}},
	{num: 3, date: "2026-01-06", start: "AlUla", finish: "AlUla", liaisonKm: 244, specialKm: 422, beforeKm: 124,
		dss: offset{110, 103}, ass: offset{20, 100}, sides: [3]float64{1, 1, -1}, dunes: [][2]float64{{140, 190}}},
	{num: 4, date: "2026-01-07", start: "AlUla", finish: "Refuge 1", marathon: true, liaisonKm: 75, specialKm: 451, beforeKm: 60,
		dss: offset{60, 50}, ass: offset{270, 12.5}, sides: [3]float64{1, 1, 1}, dunes: [][2]float64{{300, 360}}},
	{num: 5, date: "2026-01-08", start: "Refuge 1", finish: "Ha'il", marathon: true, liaisonKm: 56, specialKm: 371, beforeKm: 10,
		dss: offset{80, 8}, ass: offset{250, 38}, sides: [3]float64{1, -1, 1}, dunes: [][2]float64{{60, 110}}},
	{num: 6, date: "2026-01-09", start: "Ha'il", finish: "Riyadh", liaisonKm: 589, specialKm: 331, beforeKm: 300,
		dss: offset{120, 250}, ass: offset{320, 240}, sides: [3]float64{1, -1, 1}, dunes: [][2]float64{{40, 150}, {200, 290}},
		note: "special in the Qassim dunes"},
	{num: 7, date: "2026-01-11", start: "Riyadh", finish: "Wadi ad-Dawasir", liaisonKm: 414, specialKm: 462, beforeKm: 250,
		dss: offset{205, 208}, ass: offset{20, 137}, sides: [3]float64{-1, 1, 1}, dunes: [][2]float64{{300, 350}},
		note: "a crew won the stage despite taking a wrong turn"},
	{num: 8, date: "2026-01-12", start: "Wadi ad-Dawasir", finish: "Wadi ad-Dawasir", liaisonKm: 238, specialKm: 483, beforeKm: 120,
		dss: offset{240, 100}, ass: offset{330, 98}, sides: [3]float64{1, -1, -1}, dunes: [][2]float64{{180, 240}}},
	{num: 9, date: "2026-01-13", start: "Wadi ad-Dawasir", finish: "Refuge 2", marathon: true, liaisonKm: 122, specialKm: 410, beforeKm: 100,
		dss: offset{170, 83}, ass: offset{100, 18}, sides: [3]float64{1, -1, 1}, dunes: [][2]float64{{250, 300}}},
	{num: 10, date: "2026-01-14", start: "Refuge 2", finish: "Bisha", marathon: true, liaisonKm: 50, specialKm: 420, beforeKm: 12,
		dss: offset{200, 10}, ass: offset{10, 31}, sides: [3]float64{1, 1, 1}},
	{num: 11, date: "2026-01-15", start: "Bisha", finish: "Al Henakiyah", liaisonKm: 536, specialKm: 346, beforeKm: 320,
		dss: offset{340, 275}, ass: offset{160, 185}, sides: [3]float64{1, -1, 1},
		note: "320 km of liaison before the DSS, the rest after"},
	{num: 12, date: "2026-01-16", start: "Al Henakiyah", finish: "Yanbu", liaisonKm: 409, specialKm: 311, beforeKm: 200,
		dss: offset{320, 165}, ass: offset{40, 172}, sides: [3]float64{1, 1, 1},
		note: "planned as 310 km of liaison and 408 km of special"},
	{num: 13, date: "2026-01-17", start: "Yanbu", finish: "Yanbu", liaisonKm: 36, specialKm: 105, beforeKm: 18,
		dss: offset{70, 15}, ass: offset{40, 11.5}, sides: [3]float64{1, 1, -1},
		split: &sectors{dn: offset{75, 32}, fn: offset{350, 3}, sector1Km: 55, neutralKm: 4, neutralisation: 30, sideA: 1, sideB: 1},
		note:  "two timed sectors with a neutralisation between them"},
}

// restDay is the rally's rest day.
var restDay = struct{ date, place string }{"2026-01-10", "Riyadh"}

// rideStage is the stage (its num) of the recorded ride.
const rideStage = 7

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	if neg {
		s = "-" + s
	}
	return s
}
