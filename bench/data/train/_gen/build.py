import json, glob, importlib.util, sys, collections
sys.path.insert(0, '.')
import lib
for f in sorted(glob.glob('s*.py')):
    spec = importlib.util.spec_from_file_location(f[:-3], f); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
seen=set(); out=[]; per=collections.Counter()
for rec in lib.RECS:
    key=(rec['text'], rec.get('selection'))
    if key in seen: print('dup', rec['text'][:60]); continue
    seen.add(key)
    per[rec['style']]+=1
    n=len(out)+1
    o={'id':'wj-%04d'%n,'kind':rec['kind'],'text':rec['text']}
    if 'selection' in rec: o['selection']=rec['selection']
    o.update(label=rec['label'],source='w-%s:%04d'%(rec['style'],per[rec['style']]),style=rec['style'],provenance='written here')
    out.append(o)
with open('../written-j.jsonl','w') as fh:
    for o in out: fh.write(json.dumps(o, ensure_ascii=False)+'\n')
c=collections.defaultdict(collections.Counter)
for o in out: c[o['style']][o['label']]+=1
L=['local','quick','coding','reasoning']
print('| style | '+' | '.join(L)+' | total |'); print('|---|---|---|---|---|---|')
for s in c: print('| `%s` | '%s+' | '.join(str(c[s][x]) for x in L)+' | %d |'%sum(c[s].values()))
tot=collections.Counter(o['label'] for o in out)
print('| **total** | '+' | '.join(str(tot[x]) for x in L)+' | %d |'%len(out))
print(collections.Counter(o['kind'] for o in out), sum('selection' in o for o in out))
