from lib import R
q,r,l,c='quick','reasoning','local','coding'
S='slashless-commands'
A='''function chunk(arr, size) {
  const out = [];
  for (let i = 0; i < arr.length; i += size) {
    out.push(arr.slice(i, i + size));
  }
  return out;
}'''
B='''def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2]'''
Cc='''func Sum(nums []int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}'''
D='''SELECT c.name, SUM(o.total) AS spent
FROM customers c
JOIN orders o ON o.customer_id = c.id
WHERE o.created_at >= now() - interval '30 days'
GROUP BY c.name
ORDER BY spent DESC
LIMIT 10;'''
E='''public int indexOf(int[] a, int x) {
    for (int i = 0; i <= a.length; i++) {
        if (a[i] == x) return i;
    }
    return -1;
}'''
F='''def parse(s)
  s.split(",").map(&:strip).reject(&:empty?
end'''
G='''class Counter {
    private var count = 0
    fun inc() { count++ }
    fun get() = count
}
// used from 8 coroutines on Dispatchers.Default'''
H='''var mu sync.Mutex
var cache = map[string]*Entry{}

func Get(k string) *Entry {
	mu.Lock()
	e, ok := cache[k]
	mu.Unlock()
	if !ok {
		e = load(k) // slow, 200ms
		mu.Lock()
		cache[k] = e
		mu.Unlock()
	}
	return e
}'''
I='''export const debounce = (fn, ms) => {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
};'''
PRIV1='''import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIA4H7QZ2LMXWPV3KTN",
    aws_secret_access_key="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",
    region_name="eu-west-1",
)

def upload(path, key):
    s3.upload_file(path, "acme-prod-invoices", key)'''
PRIV2='''const db = new Pool({
  host: "db.internal.acme-corp.net",
  user: "billing",
  password: "Wq7!rTz9#Lm2vXa",
  database: "billing",
});

export async function unpaid() {
  const { rows } = await db.query("select * from invoices where paid = false");
  return rows;
}'''
PRIV3='''STRIPE_KEY = "sk_live_51NcT8uKx2Ya9Qw3ErTy7UiOp0AsDfGhJkLzXcVbNm4Qw8ErTy"

def charge(customer, cents):
    return stripe.Charge.create(api_key=STRIPE_KEY, customer=customer, amount=cents, currency="eur")'''
PH='''API_KEY = "your_api_key"

def weather(city):
    r = requests.get(f"https://api.example.com/weather?q={city}&key={API_KEY}")
    return r.json()["temp"]'''
for lab,t,sel,k in [
(q,"explain",A,'chat'),
(q,"explain this",D,'chat'),
(q,"explain pls",I,'chat'),
(q,"what does this do",Cc,'chat'),
(q,"explain the query",D,'chat'),
(l,"doc this",A,'edit'),
(l,"doc",Cc,'edit'),
(l,"add docs",I,'edit'),
(l,"docstring",B,'edit'),
(l,"fix",F,'edit'),
(l,"fix this",'''fn add(a: i32, b: i32) -> i32 {
    a + b;
}''','edit'),
(c,"fix",E,'edit'),
(c,"fix it, wrong for even length",B,'edit'),
(c,"fix the bug",E,'edit'),
(c,"tests",A,'chat'),
(c,"tests pls",B,'chat'),
(c,"write tests",Cc,'chat'),
(c,"tests for this, jest, use fake timers",I,'chat'),
(c,"tests",D,'chat'),
(c,"optimize, sorting the whole list is too slow for 10M items",B,'edit'),
(c,"review",E,'review'),
(c,"review pls",B,'review'),
(c,"any bugs?",I,'review'),
(r,"explain why this is or isn't safe",G,'chat'),
(r,"explain the race here, and whether two callers can both load the same key",H,'chat'),
(r,"explain whether this can lose increments and how many in the worst case",G,'chat'),
(r,"is this thread safe? think it through",H,'chat'),
(l,"simplify",'''if (isValid == true) {
    return true;
} else {
    return false;
}''','edit'),
(l,"format",'''const x={a:1,b:[1,2,3],c:{d:"e"}}''','edit'),
(l,"explain",PRIV1,'chat'),
(l,"tests",PRIV2,'chat'),
(l,"fix - it charges twice sometimes",PRIV3,'edit'),
(c,"tests",PH,'chat'),
(q,"explain",PH,'chat'),
(l,"types",'''function greet(name, times) {
  return `${name}! `.repeat(times);
}''','edit'),
]: R(S,lab,t,kind=k,sel=sel)
