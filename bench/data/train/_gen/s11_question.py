from lib import R
q,r,l,c='quick','reasoning','local','coding'
S='question-vs-imperative'
F1='''export function formatPrice(cents: number): string {
  return "$" + (cents / 100).toFixed(2);
}'''
F2='''def load_users(path):
    users = []
    with open(path) as f:
        for line in f:
            name, email, age = line.strip().split(",")
            users.append({"name": name, "email": email, "age": int(age)})
    return users'''
F3='''func (c *Client) Get(url string) (*http.Response, error) {
	return c.http.Get(url)
}'''
F4='''@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    f.save(os.path.join(UPLOAD_DIR, f.filename))
    return "ok"'''
for lab,t,sel,k in [
(l,"can you make it so the function name is camelCase? it's format_price in the caller",F1,'edit'),
(l,"could you add a jsdoc comment to this?",F1,'edit'),
(c,"can you make it so it handles negative amounts and uses Intl for the locale passed in?",F1,'edit'),
(l,"add a jsdoc comment",F1,'edit'),
(c,"make it handle negative amounts and format with Intl for a given locale",F1,'edit'),
(c,"could you make it so it skips the header row and bad lines, and reports which line numbers were skipped?",F2,'edit'),
(c,"skip the header and bad lines, report skipped line numbers",F2,'edit'),
(c,"can we make it so Get retries on 5xx up to 3 times with backoff?",F3,'edit'),
(c,"add retries on 5xx (3x, exponential backoff)",F3,'edit'),
(l,"would you mind renaming c to client",F3,'edit'),
(c,"is there a way to make this upload safe? people can send ../ in the filename and huge files",F4,'review'),
(c,"make the upload safe against path traversal and cap the size at 10MB",F4,'edit'),
(q,"can you tell me what secure_filename does in werkzeug?",None,'chat'),
(q,"what does secure_filename do in werkzeug",None,'chat'),
(q,"could you explain what toFixed does with 1.005?",None,'chat'),
(q,"is there a difference between == and === in js? quick answer pls",None,'chat'),
(q,"do you know how to make git forget a file that's already tracked?",None,'chat'),
(q,"how to make git forget a tracked file",None,'chat'),
(q,"would it be possible to tell me which http status code means 'too many requests'",None,'chat'),
(q,"can u explain what a goroutine leak is",None,'chat'),
(r,"could you help me figure out whether we should move our cron jobs to a queue? 40 jobs, some take 2h, two servers, and jobs sometimes run twice",None,'chat'),
(r,"figure out whether we should move 40 cron jobs (some 2h long, sometimes double-running, 2 servers) to a queue",None,'chat'),
(r,"can you think through how we'd migrate user ids from int to uuid without downtime? 30 tables reference users",None,'chat'),
(r,"is it a good idea to shard by tenant if 3 tenants are 80% of traffic? what would you do instead",None,'chat'),
(r,"would you be able to work out if 2 workers pulling from the same redis list with BRPOPLPUSH can lose a job when one crashes, and how to make it not",None,'chat'),
(r,"could we get away with eventual consistency for the cart but not for checkout? reason it through with the failure cases",None,'chat'),
(r,"can you work out how many read replicas we need: 12k reads/s peak, each replica does ~2.5k/s at 70% cpu, and we want to survive one down",None,'chat'),
(l,"can you sort these imports alphabetically?","import { z } from 'zod';\nimport axios from 'axios';\nimport { readFile } from 'fs/promises';\nimport chalk from 'chalk';",'edit'),
(l,"sort these imports","import { z } from 'zod';\nimport axios from 'axios';\nimport { readFile } from 'fs/promises';\nimport chalk from 'chalk';\nimport { join } from 'path';",'edit'),
(l,"could you turn this into single quotes throughout?","const a = \"x\";\nconst b = \"y\" + \"z\";\nconsole.log(\"done\");",'edit'),
(c,"can you write me a function that groups these log lines by request id and gives the total duration per request?",None,'chat'),
(c,"is there any chance you could write a small express middleware that logs method, path, status and duration",None,'chat'),
(c,"write an express middleware logging method, path, status, duration",None,'chat'),
(l,"can you make the comments in here english? they're in dutch","// haal de gebruiker op\nconst user = await getUser(id);\n// controleer of de gebruiker bestaat\nif (!user) throw new Error('niet gevonden');",'edit'),
]: R(S,lab,t,kind=k,sel=sel)
