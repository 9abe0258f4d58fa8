# balloons.py KML... N:NAME... : an HTML page showing the first KML's
# folder tree (as Google Earth's Places panel lists it) and the balloons of
# the placemarks named (N: in the N-th KML, from 0), as Google Earth shows
# them (their HTML as written).
import sys, html
import xml.etree.ElementTree as ET
K = '{http://www.opengis.net/kml/2.2}'
docs = []  # (root, label)
names = []
for a in sys.argv[1:]:
    if a.endswith('.kml'):
        docs.append(ET.parse(a).getroot())
    else:
        names.append(a)
def tree(e, out, depth):
    for c in e:
        tag = c.tag[len(K):] if c.tag.startswith(K) else c.tag
        if tag not in ('Document', 'Folder'):
            continue
        name = c.find(K + 'name')
        vis = c.find(K + 'visibility')
        hidden = vis is not None and vis.text == '0'
        pms = [p for p in c if p.tag == K + 'Placemark']
        label = html.escape(name.text if name is not None else '')
        box = '&#9744;' if hidden else '&#9745;'
        icon = '<span class="f"></span>'
        count = f' <span class="n">{len(pms)} placemarks</span>' if pms else ''
        out.append(f'<div style="padding-left:{depth*18}px">{box} {icon} {label}{count}</div>')
        if pms and len(pms) <= 3:
            for p in pms:
                out.append(f'<div style="padding-left:{(depth+1)*18}px" class="pm">{box} <span class="p"></span> {html.escape(p.find(K+"name").text)}</div>')
        tree(c, out, depth + 1)
left = []
tree(docs[0], left, 0)
balloons = []
for arg in names:
    i, want = arg.split(':', 1)
    for p in docs[int(i)].iter(K + 'Placemark'):
        n = p.find(K + 'name').text
        d = p.find(K + 'description')
        if n == want and d is not None:
            balloons.append(f'<div class="balloon"><h3>{html.escape(n)}</h3>{d.text}</div>')
            break
print('''<!doctype html><meta charset="utf-8"><style>
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:13px;margin:0;background:#d9dee3;display:flex;gap:14px;padding:14px}
.places{background:#fff;width:370px;padding:8px 10px;border:1px solid #aab;line-height:1.7;flex:none}
.places h2{font-size:14px;margin:0 0 6px;background:#e8eaed;padding:3px 6px}
.n{color:#777;font-size:11px}.pm{color:#333}
.f{display:inline-block;width:14px;height:10px;background:#e8c45a;border:1px solid #a88a2a;border-radius:2px;vertical-align:-1px}
.p{display:inline-block;width:8px;height:8px;background:#d33;border-radius:50%;vertical-align:0}
.col{display:flex;flex-direction:column;gap:14px}
.balloon{background:#fff;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.35);padding:10px 14px;width:380px}
.balloon h3{margin:0 0 6px;font-size:15px}
.balloon td{padding:1px 8px 1px 0;vertical-align:top}.balloon td:first-child{color:#555}
.balloon img{max-width:170px}
</style><div class="places"><h2>Places</h2>''' + '\n'.join(left) + '</div>')
print('<div class="col">' + ''.join(balloons[:2]) + '</div><div class="col">' + ''.join(balloons[2:]) + '</div>')
