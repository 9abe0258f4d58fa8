# Generates the check command's test files (python3 gen.py; deterministic):
#   stage.gpx      a 12 km stage east of Riyadh: DSS, WPM 1, a 50 km/h speed
#                  zone (DZ..FZ), WPV 2, WPC 10, ASS; a point every 20 m
#   clean.gpx      a 1 Hz ride that follows it, 43 km/h in the speed zone
#   wrongturn.gpx  a ride with a 1.5 km wrong turn at km 7, 75 km/h in the
#                  speed zone, two tracks (the second starts after a 10-minute
#                  stop with the device off), and a detour 400 m to the left
#                  of WPC 10 that misses it
#   reverse.gpx    a ride that drives the stage from its end to its start
#   rules.json     an event's rules: WPC missed 30 min, 5 km/h tolerance,
#                  50 % of the WPs to finish
import math, json
R = 6371008.8
NS = "http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3"
def dest(lat, lon, brg, d):
    p1, l1, th, dd = math.radians(lat), math.radians(lon), math.radians(brg), d / R
    p2 = math.asin(math.sin(p1)*math.cos(dd) + math.cos(p1)*math.sin(dd)*math.cos(th))
    l2 = l1 + math.atan2(math.sin(th)*math.sin(dd)*math.cos(p1), math.cos(dd) - math.sin(p1)*math.sin(p2))
    return math.degrees(p2), math.degrees(l2)
LEGS = [(90, 5000), (45, 3000), (120, 4000)]
def at(s):
    lat, lon = 24.6, 46.9
    for brg, length in LEGS:
        if s <= length:
            return dest(lat, lon, brg, s)
        lat, lon = dest(lat, lon, brg, length)
        s -= length
    return lat, lon
def bearing_at(s):
    for brg, length in LEGS:
        if s <= length: return brg
        s -= length
    return LEGS[-1][0]
L = sum(l for _, l in LEGS)
def stage():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx version="1.1" creator="roadbook testdata" xmlns="http://www.topografix.com/GPX/1/1" xmlns:openrally="%s">' % NS,
           ' <metadata><name>Stage 7 (test)</name></metadata>']
    for s, name, ext in [(500, "DSS", "<openrally:dss/>"), (3000, "WPM 1", "<openrally:wpm/>"),
                         (4000, "DZ 50", "<openrally:dz/><openrally:speed>50</openrally:speed>"),
                         (6000, "FZ", "<openrally:fz/>"), (8000, "WPV 2", "<openrally:wpv/>"),
                         (10000, "WPC 10", "<openrally:wpc/>"), (11500, "ASS", "<openrally:ass/>")]:
        lat, lon = at(s)
        out.append(' <wpt lat="%.7f" lon="%.7f"><name>%s</name><extensions>%s</extensions></wpt>' % (lat, lon, name, ext))
    out.append(' <trk><name>Stage 7 (test)</name><trkseg>')
    s = 0.0
    while s <= L:
        out.append('  <trkpt lat="%.7f" lon="%.7f"/>' % at(s))
        s += 20
    out.append(' </trkseg></trk>')
    out.append('</gpx>')
    return "\n".join(out) + "\n"
T0 = 1768114800  # 2026-01-11T07:00:00Z
def ride(name, fixes, split=None):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx version="1.1" creator="roadbook testdata" xmlns="http://www.topografix.com/GPX/1/1">',
           ' <trk><name>%s</name><trkseg>' % name]
    for i, (lat, lon, t) in enumerate(fixes):
        if split is not None and i == split:
            out.append(' </trkseg></trk>')
            out.append(' <trk><name>%s (after the stop)</name><trkseg>' % name)
        tt = T0 + t
        out.append('  <trkpt lat="%.7f" lon="%.7f"><time>%s</time></trkpt>' % (lat, lon,
                   "%04d-%02d-%02dT%02d:%02d:%02dZ" % __import__("time").gmtime(tt)[:6]))
    out.append(' </trkseg></trk>')
    out.append('</gpx>')
    return "\n".join(out) + "\n"
def follow(fixes, a, b, v, t):
    s = a
    while True:
        s = min(b, s + v); t += 1
        lat, lon = at(s)
        fixes.append((lat, lon, t))
        if s >= b: return t
def straight(fixes, p, brg, dist, v, t):
    d = 0.0
    while d < dist:
        d = min(dist, d + v); t += 1
        lat, lon = dest(p[0], p[1], brg, d)
        fixes.append((lat, lon, t))
    return t
def clean():
    f = [at(0) + (0,)]
    t = follow(f, 0, 3800, 20, 0)
    t = follow(f, 3800, 6100, 12, t)
    follow(f, 6100, L, 20, t)
    return f
def wrongturn():
    f = [at(0) + (0,)]
    t = follow(f, 0, 3800, 20, 0)
    t = follow(f, 3800, 6100, 75 / 3.6, t)
    t = follow(f, 6100, 7000, 20, t)
    j = at(7000)
    t = straight(f, j, 315, 1500, 15, t)
    far = dest(j[0], j[1], 315, 1500)
    t = straight(f, far, 135, 1500, 15, t)
    t = follow(f, 7000, 8500, 20, t)
    split = len(f)
    t += 600  # ten minutes stopped, device off
    t = follow(f, 8500, 9400, 20, t)
    a = at(9400)  # round WPC 10, 400 m to the left of it
    b = at(10600)
    side = dest(*at(10000), bearing_at(10000) - 90, 400)
    for p, q in ((a, side), (side, b)):
        d = R * 2 * math.asin(math.sqrt(math.sin(math.radians(q[0]-p[0])/2)**2 + math.cos(math.radians(p[0]))*math.cos(math.radians(q[0]))*math.sin(math.radians(q[1]-p[1])/2)**2))
        brg = math.degrees(math.atan2(math.sin(math.radians(q[1]-p[1]))*math.cos(math.radians(q[0])),
              math.cos(math.radians(p[0]))*math.sin(math.radians(q[0])) - math.sin(math.radians(p[0]))*math.cos(math.radians(q[0]))*math.cos(math.radians(q[1]-p[1]))))
        t = straight(f, p, brg, d, 20, t)
    follow(f, 10600, L, 20, t)
    return f, split
def reverse():
    f = [at(L) + (0,)]
    s, t = L, 0
    while s > 0:
        s = max(0, s - 20); t += 1
        f.append(at(s) + (t,))
    return f
open("stage.gpx", "w").write(stage())
open("clean.gpx", "w").write(ride("Car 301", clean()))
w, split = wrongturn()
open("wrongturn.gpx", "w").write(ride("Car 302", w, split))
open("reverse.gpx", "w").write(ride("Car 303", reverse()))
json.dump({"missed_min": {"WPC": 30}, "speed_tolerance_kmh": 5, "min_validated_pct": 50,
           "speeding": {"bands": [{"over_kmh": 0, "penalty_min": 2}, {"over_kmh": 20, "penalty_min": 10}]}},
          open("rules.json", "w"), indent=2)
open("rules.json", "a").write("\n")
