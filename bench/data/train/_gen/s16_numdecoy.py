from lib import R
q,r,l,c='quick','reasoning','local','coding'
S='numeric-decoy-edits'
CFG='''server:
  port: 8080
  read_timeout: 30s
  write_timeout: 30s
  max_body_mb: 10
workers:
  count: 4
  queue_size: 1000
retry:
  attempts: 3
  backoff_ms: 200'''
PY='''RETRIES = 3
TIMEOUT = 30  # seconds
BATCH = 500

def fetch_all(ids):
    out = []
    for i in range(0, len(ids), BATCH):
        out.extend(fetch(ids[i:i + BATCH], timeout=TIMEOUT))
    return out'''
CSS='''.card {
  padding: 12px 16px;
  margin: 8px 0;
  border-radius: 4px;
  font-size: 14px;
  line-height: 20px;
}'''
for lab,t,sel,k in [
(l,"change port 8080 to 9090 and both timeouts from 30s to 45s",CFG,'edit'),
(l,"set workers.count to 8 and queue_size to 5000",CFG,'edit'),
(l,"backoff_ms 200 → 250, attempts 3 → 5",CFG,'edit'),
(r,"with attempts 3 and exponential backoff starting at 200ms doubling each time plus the 30s timeout per try, what's the worst-case time before a request finally fails? and does it fit in a 60s gateway timeout",CFG,'chat'),
(r,"4 workers, queue 1000, each job ~120ms: at 50 jobs/s incoming how long until the queue is full, and how many workers keep it stable",CFG,'chat'),
(c,"make the backoff exponential with jitter and cap it at 5s, config stays the same",PY,'edit'),
(l,"change BATCH to 250 and TIMEOUT to 60",PY,'edit'),
(l,"rename BATCH to BATCH_SIZE",PY,'edit'),
(q,"how many fetch calls for 12,345 ids?",PY,'chat'),
(r,"if each fetch call takes 1.8s and we have 12,345 ids, how long does it take sequentially vs with 4 calls in parallel, and what batch size gets it under 5s with 4 in parallel?",PY,'chat'),
(c,"run the batches concurrently with at most 4 in flight and keep the original order",PY,'edit'),
(l,"scale everything by 1.25 (12 → 15, 16 → 20, etc.)",CSS,'edit'),
(l,"convert px to rem assuming 16px root",CSS,'edit'),
(l,"padding 12px 16px → 8px 12px",CSS,'edit'),
(q,"what's 14px in rem with a 16px root",None,'chat'),
(l,"bump version 2.3.9 to 2.4.0 in these files","package.json: \"version\": \"2.3.9\"\nCargo.toml: version = \"2.3.9\"\nsrc/version.go: const Version = \"2.3.9\"",'edit'),
(l,"replace 3.14 with math.Pi","func area(r float64) float64 {\n\treturn 3.14 * r * r\n}\n\nfunc circ(r float64) float64 {\n\treturn 2 * 3.14 * r\n}",'edit'),
(l,"add _ digit separators to the big numbers","MAX_ITEMS = 100000\nPAGE = 1000\nLIMIT = 5000000",'edit'),
(l,"change the cron from every 15 min to every 5 min","*/15 * * * * /usr/local/bin/sync.sh >> /var/log/sync.log 2>&1",'edit'),
(q,"how often does this cron run: 0 */6 * * 1-5",None,'chat'),
(r,"cron `*/7 * * * *` — what's the gap between the run at 23:56 and the next run, and how many runs a day? is it evenly spaced",None,'chat'),
(c,"replace the magic numbers 86400, 3600 and 60 with a small duration helper and use it everywhere","def ago(ts):\n    d = now() - ts\n    if d > 86400: return f\"{d // 86400}d\"\n    if d > 3600: return f\"{d // 3600}h\"\n    if d > 60: return f\"{d // 60}m\"\n    return \"now\"",'edit'),
(c,"ago() is wrong at exactly 60/3600/86400 seconds and for future timestamps, fix","def ago(ts):\n    d = now() - ts\n    if d > 86400: return f\"{d // 86400}d\"\n    if d > 3600: return f\"{d // 3600}h\"\n    if d > 60: return f\"{d // 60}m\"\n    return \"now\"",'edit'),
(l,"round all the prices to 2 decimals","prices = {\"apple\": 0.4999, \"pear\": 1.255, \"fig\": 2.1}",'edit'),
(q,"what's 17% vat on 249.90",None,'chat'),
(r,"price 249.90 incl 17% vat, we give 10% off the net price and then vat is recomputed at 19% — what does the customer pay",None,'chat'),
(c,"add a function that computes net, vat and gross for a list of line items with per-item vat rates, rounding per line like the tax office wants","VAT_DEFAULT = 0.19",'edit'),
(l,"change the 3 to 5 in the assert","def test_retry():\n    assert client.retries == 3",'edit'),
(c,"the test expects 3 retries but should check backoff timing too: 200, 400, 800ms with a fake clock","def test_retry():\n    assert client.retries == 3",'edit'),
(l,"swap 0.5 and 0.25 in the easing table","EASING = [0, 0.25, 0.5, 0.75, 1]",'edit'),
(q,"is 0x7FFFFFFF the max int32",None,'chat'),
(r,"our ids are int32, we insert ~1.8M rows a day and we're at 1.9 billion. how many days until overflow, and how long would a migration to bigint take at 40k rows/s for the 3 tables with 1.9B, 600M and 50M rows",None,'chat'),
(c,"switch the sequence to bigint and write the migration with batched backfill","CREATE TABLE events (\n  id SERIAL PRIMARY KEY,\n  kind TEXT NOT NULL,\n  at TIMESTAMPTZ NOT NULL DEFAULT now()\n);",'edit'),
]: R(S,lab,t,kind=k,sel=sel)
