from lib import R
q,r,l,c='quick','reasoning','local','coding'
S='commit-subject-polyglot'
GO1='''func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
}'''
GO2='''func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := yaml.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	return &c, nil
}'''
RS1='''pub fn parse_port(s: &str) -> Option<u16> {
    s.trim().parse::<u16>().ok()
}

pub fn parse_host(s: &str) -> Option<String> {
    let h = s.trim();
    if h.is_empty() { None } else { Some(h.to_string()) }
}'''
RS2='''impl Queue {
    pub fn push(&mut self, job: Job) {
        self.items.push(job);
    }

    pub fn pop(&mut self) -> Option<Job> {
        if self.items.is_empty() {
            return None;
        }
        Some(self.items.remove(0))
    }
}'''
JAVA1='''public class UserService {
    private final UserRepository repo;

    public UserService(UserRepository repo) {
        this.repo = repo;
    }

    public User find(long id) {
        return repo.findById(id).orElse(null);
    }

    public List<User> findAll() {
        return repo.findAll();
    }
}'''
JAVA2='''public static String slug(String title) {
    return title.toLowerCase().replace(" ", "-");
}'''
CS1='''public class OrderController : ControllerBase
{
    private readonly IOrderStore _store;
    public OrderController(IOrderStore store) { _store = store; }

    [HttpGet("{id}")]
    public async Task<IActionResult> Get(int id)
    {
        var order = await _store.FindAsync(id);
        return Ok(order);
    }
}'''
PHP1='''<?php
class Cart {
    private $items = [];

    public function add($sku, $qty) {
        $this->items[$sku] = $qty;
    }

    public function total($prices) {
        $t = 0;
        foreach ($this->items as $sku => $qty) {
            $t += $prices[$sku] * $qty;
        }
        return $t;
    }
}'''
RB1='''class Invoice
  attr_reader :lines

  def initialize(lines)
    @lines = lines
  end

  def total
    lines.sum { |l| l[:price] * l[:qty] }
  end
end'''
KT1='''class SessionRepo(private val prefs: SharedPreferences) {
    fun save(token: String) {
        prefs.edit().putString("token", token).apply()
    }

    fun load(): String? = prefs.getString("token", null)

    fun clear() {
        prefs.edit().remove("token").apply()
    }
}'''
C1='''static int read_all(int fd, char *buf, size_t len) {
    size_t off = 0;
    while (off < len) {
        ssize_t n = read(fd, buf + off, len - off);
        if (n <= 0) return -1;
        off += n;
    }
    return 0;
}'''
C2='''int ring_push(struct ring *r, int v) {
    if (r->count == RING_CAP) return -1;
    r->buf[r->head] = v;
    r->head = r->head + 1;
    r->count++;
    return 0;
}'''
for lab,t,sel in [
(l,"rename handleHealth to handleHealthz",GO1),
(l,"drop the explicit WriteHeader(200), it is the default",GO1),
(l,"wrap errors with fmt.Errorf and %w, add the path to the message",GO2),
(l,"add doc comment to LoadConfig",GO2),
(c,"validate config after unmarshal: port 1-65535, non-empty host, return all problems at once",GO2),
(c,"support env var overrides (APP_PORT, APP_HOST) after loading the file",GO2),
(l,"rust: make both fns pub(crate)",RS1),
(l,"add /// docs to parse_port and parse_host",RS1),
(l,"return Result<_, String> instead of Option, message 'invalid port' / 'empty host'",RS1),
(c,"queue: make pop O(1) (VecDeque), and add a max capacity that rejects pushes when full",RS2),
(c,"add priority to jobs, pop highest priority first, FIFO within the same priority",RS2),
(l,"java: make findAll return an unmodifiable list",JAVA1),
(l,"return Optional<User> from find instead of null",JAVA1),
(l,"add javadoc to UserService methods",JAVA1),
(c,"add pagination to findAll (page, size) with bounds checks",JAVA1),
(l,"slug: also trim the title first",JAVA2),
(c,"slug: strip accents, collapse repeated dashes, drop non [a-z0-9-] chars, add junit tests",JAVA2),
(l,"c#: rename _store to _orders",CS1),
(c,"return 404 when the order is null instead of Ok(null)",CS1),
(c,"add ETag support: return 304 when If-None-Match matches the order's version",CS1),
(l,"php: add type declarations (string $sku, int $qty, array $prices): int",PHP1),
(l,"convert to PHP 8 constructor-promoted / typed property for $items",PHP1),
(c,"add() should increase qty if the sku exists, and total should throw when a price is missing",PHP1),
(l,"ruby: add frozen_string_literal magic comment",RB1),
(l,"rename lines → line_items everywhere",RB1),
(c,"add tax per line (rate field, default 0) and round total to cents with BigDecimal",RB1),
(l,"kotlin: use the KTX edit { } extension",KT1),
(l,"make token key a private const",KT1),
(c,"encrypt the token with EncryptedSharedPreferences and migrate an existing plain token on first load",KT1),
(l,"c: add a comment explaining the loop",C1),
(c,"retry read on EINTR and return the byte count read on EOF instead of -1",C1),
(l,"use r->head++ instead",C2),
(c,"ring_push: wrap head around at RING_CAP (it currently runs past the end)",C2),
(l,"fix indentation (tabs) in ring_push",C2),
(c,"add ring_pop that returns -1 when empty and keeps tail consistent with head",C2),
]: R(S,lab,t,kind='edit',sel=sel)
