"""The peers' way of checking a ride: every fix against every route segment.

This is what simple scripts and turf's nearestPointOnLine do (see
bench/README.md). It prints the first and last index of the fixes
more than 50 m from the route and the maximum distance. Cost: fixes x segments.
"""
import math
import sys
import xml.etree.ElementTree as ET

R = 6371008.8


def points(path):
    pts = []
    for _, el in ET.iterparse(path):
        if el.tag.endswith("}trkpt") or el.tag == "trkpt":
            pts.append((float(el.get("lat")), float(el.get("lon"))))
        el.clear()
    return pts


def dist_to_segment(p, a, b):
    # local equirectangular plane around a
    k = math.cos(math.radians(a[0]))
    ax, ay = 0.0, 0.0
    bx, by = (b[1] - a[1]) * k, b[0] - a[0]
    px, py = (p[1] - a[1]) * k, p[0] - a[0]
    uu = bx * bx + by * by
    t = 0.0 if uu == 0 else max(0.0, min(1.0, (px * bx + py * by) / uu))
    dx, dy = px - t * bx, py - t * by
    return math.radians(math.hypot(dx, dy)) * R


route, ride = points(sys.argv[1]), points(sys.argv[2])
off = []
maxd = 0.0
for i, p in enumerate(ride):
    d = min(dist_to_segment(p, route[j], route[j + 1]) for j in range(len(route) - 1))
    if d > 50:
        off.append(i)
        maxd = max(maxd, d)
if off:
    print("%d fixes off, indexes %d-%d, max %.0f m" % (len(off), off[0], off[-1], maxd))
else:
    print("no fix off route")
