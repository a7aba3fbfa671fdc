// Inlet's S3 Batch Parquet export, the per-event part in C++: a page of stored event bodies (UTF-8 JSON, as
// ingestion's eventBody writes them) is parsed once into value spans, and each row is appended to the Parquet leaf
// columns of its part: PLAIN values, definition and repetition levels, and per row group a dictionary for text leaves
// while it pays. The rules are the JavaScript writer's (server/routing/batch/column-writer.ts and parquet-schema.ts),
// value for value: the same leaves, the same dictionary bounds and fallbacks, the same null and kind rules, so that
// both write the same file. JavaScript still writes the pages (levels RLE, Snappy, headers) and the footer.
#include <node_api.h>

#include <charconv>
#include <deque>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <mutex>
#include <unordered_set>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

enum Kind : uint8_t { K_ABSENT = 0, K_NULL, K_FALSE, K_TRUE, K_NUMBER, K_STRING, K_OBJECT, K_ARRAY };
enum Flags : uint8_t { F_ESCAPED = 1, F_NON_ASCII = 2 };

/** One JSON value of a body: its bytes [start, end) (a string's with its quotes), kind, and number if it is one. */
struct Val {
  uint32_t start = 0, end = 0;
  uint8_t kind = K_ABSENT;
  uint8_t flags = 0;
  double num = 0;
};

enum Field { EVENT_ID, TYPE, USER_ID, TIME, SESSION_ID, VIEW_ID, PROPERTIES, ALIASES, RECEIVED_AT, WORKSPACE_ID, SEGMENTS, FIELDS };

struct Member {
  uint32_t keyStart, keyEnd;  // inside the quotes
  uint8_t keyFlags;
  Val value;
};

struct Row {
  Val f[FIELDS];
  uint32_t memberStart = 0, memberCount = 0;
};

/** A parsed page: the bodies' bytes (the caller's buffer, held by a reference, not copied) and their values. */
struct Page {
  const uint8_t* bytes = nullptr;
  napi_ref buffer = nullptr;
  std::vector<Row> rows;
  std::vector<Member> members;
  int64_t accounted = 0;
};

/**
 * Released pages' vectors, kept for the next pages: fresh ones of a few hundred KB each were mapped and zeroed by the
 * kernel for every page (a tenth of the parse in page faults). Shared by the threads: a page parsed on the reader's
 * thread is released on the export's.
 */
std::mutex spareLock;
std::vector<std::vector<Row>> spareRows;
std::vector<std::vector<Member>> spareMembers;

/** Pages parsed on one thread for another (parsePageDetached), by reader, until adopted or dropped. */
std::mutex detachedLock;
std::unordered_map<uint32_t, std::unordered_set<struct Page*>> detached;

// ---- JSON ------------------------------------------------------------------------------------------------------

struct Parser {
  const uint8_t* s;
  uint32_t n;
  uint32_t i;
  const char* error = nullptr;

  bool fail(const char* why) {
    if (!error) error = why;
    return false;
  }
  void ws() {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
  }
  static int hex(uint8_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  /** A string at s[i] == '"': its span with quotes, and whether it has escapes or non-ASCII bytes. */
  bool string(Val& v) {
    v.start = i;
    uint32_t k = i + 1;
    uint8_t flags = 0;
    const uint8_t* const b = s;
    const uint32_t len = n;
    for (;;) {
#if defined(__SSE2__)
      // Sixteen bytes at a time to the next quote, backslash, control character or non-ASCII byte (a signed compare
      // below 0x20 catches both of the last two).
      {
        const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
        while (k + 16 <= len) {
          const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + k));
          const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, slash)), _mm_cmplt_epi8(x, space)));
          if (mask) {
            k += uint32_t(__builtin_ctz(unsigned(mask)));
            break;
          }
          k += 16;
        }
      }
#endif
      // Eight plain ASCII bytes at a time (none a quote, a backslash, a control character or above 0x7F).
      while (k + 8 <= len) {
        uint64_t w;
        std::memcpy(&w, b + k, 8);
        constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
        const uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
        const uint64_t special = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((w - ones * 0x20) & ~w) | w;
        if (special & high) break;
        k += 8;
      }
      if (k >= len) return fail("unterminated string");
      const uint8_t c = b[k];
      if (c == '"') break;
      if (c < 0x20) return fail("control character in a string");
      if (c >= 0x80) flags |= F_NON_ASCII;
      if (c == '\\') {
        flags |= F_ESCAPED;
        if (++k >= len) return fail("unterminated string");
        const uint8_t e = b[k];
        if (e == 'u') {
          if (k + 4 >= len || hex(b[k + 1]) < 0 || hex(b[k + 2]) < 0 || hex(b[k + 3]) < 0 || hex(b[k + 4]) < 0) return fail("bad \\u escape");
          flags |= F_NON_ASCII;  // may decode to one: the UTF-16 length is counted when it matters
          k += 4;
        } else if (!(e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')) {
          i = k;
          return fail("bad escape");
        }
      }
      k++;
    }
    i = k + 1;
    v.end = i;
    v.kind = K_STRING;
    v.flags = flags;
    return true;
  }
  bool number(Val& v) {
    v.start = i;
    v.kind = K_NUMBER;
    if (s[i] == '-') i++;
    if (i >= n) return fail("bad number");
    if (s[i] == '0') i++;
    else if (s[i] >= '1' && s[i] <= '9') while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    else return fail("bad number");
    if (i < n && s[i] == '.') {
      i++;
      if (i >= n || s[i] < '0' || s[i] > '9') return fail("bad number");
      while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
      i++;
      if (i < n && (s[i] == '+' || s[i] == '-')) i++;
      if (i >= n || s[i] < '0' || s[i] > '9') return fail("bad number");
      while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    v.end = i;
    // from_chars: correctly rounded like JSON.parse, and independent of the locale. Out of range is an overflow
    // (JSON.parse: ±Infinity) or, with a negative exponent, an underflow (±0).
    auto r = std::from_chars(reinterpret_cast<const char*>(s + v.start), reinterpret_cast<const char*>(s + v.end), v.num);
    if (r.ec == std::errc::result_out_of_range) {
      bool under = false;
      for (uint32_t k = v.start + 1; k < v.end; k++) under |= s[k] == '-';
      const double magnitude = under ? 0.0 : HUGE_VAL;
      v.num = s[v.start] == '-' ? -magnitude : magnitude;
    }
    return true;
  }
  bool literal(const char* word, uint32_t len, Val& v, uint8_t kind) {
    if (i + len > n || std::memcmp(s + i, word, len) != 0) return fail("unexpected token");
    v.start = i;
    i += len;
    v.end = i;
    v.kind = kind;
    return true;
  }
  bool value(Val& v, int depth) {
    if (depth > 4096) return fail("nested too deeply");
    if (i >= n) return fail("unexpected end");
    v.flags = 0;
    switch (s[i]) {
      case '"': return string(v);
      case 't': return literal("true", 4, v, K_TRUE);
      case 'f': return literal("false", 5, v, K_FALSE);
      case 'n': return literal("null", 4, v, K_NULL);
      case '{': case '[': {
        const uint8_t close = s[i] == '{' ? '}' : ']';
        const bool object = close == '}';
        v.start = i++;
        v.kind = object ? K_OBJECT : K_ARRAY;
        ws();
        if (i < n && s[i] == close) {
          v.end = ++i;
          return true;
        }
        for (;;) {
          Val inner;
          if (object) {
            if (i >= n || s[i] != '"') return fail("expected a key");
            if (!string(inner)) return false;
            if (inner.flags & F_NON_ASCII) v.flags |= F_NON_ASCII;
            ws();
            if (i >= n || s[i] != ':') return fail("expected ':'");
            i++;
            ws();
          }
          if (!value(inner, depth + 1)) return false;
          if (inner.flags & F_NON_ASCII) v.flags |= F_NON_ASCII;
          ws();
          if (i < n && s[i] == ',') {
            i++;
            ws();
            continue;
          }
          if (i < n && s[i] == close) {
            v.end = ++i;
            return true;
          }
          return fail("expected ',' or the end of a container");
        }
      }
      default:
        if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) return number(v);
        return fail("unexpected token");
    }
  }
};

int fieldOf(const uint8_t* k, uint32_t len) {
  // (The length is the case's: memcmp of a constant size is inlined.)
#define is(name) (std::memcmp(k, name, sizeof(name) - 1) == 0)
  switch (len) {
    case 4: return is("type") ? TYPE : is("time") ? TIME : -1;
    case 7: return is("user_id") ? USER_ID : is("view_id") ? VIEW_ID : is("aliases") ? ALIASES : -1;
    case 8: return is("event_id") ? EVENT_ID : is("segments") ? SEGMENTS : -1;
    case 10: return is("session_id") ? SESSION_ID : is("properties") ? PROPERTIES : -1;
    case 11: return is("received_at") ? RECEIVED_AT : -1;
    case 12: return is("workspace_id") ? WORKSPACE_ID : -1;
    default: return -1;
  }
#undef is
}

void putUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) out.push_back(char(cp));
  else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

/** A string's contents (between its quotes) unescaped as UTF-8; a lone surrogate becomes U+FFFD, as Node's encoder does. */
void unescape(const uint8_t* p, const uint8_t* e, std::string& out) {
  out.clear();
  while (p < e) {
    uint8_t c = *p;
    if (c != '\\') {
      const uint8_t* q = p;
      while (q < e && *q != '\\') q++;
      out.append(reinterpret_cast<const char*>(p), q - p);
      p = q;
      continue;
    }
    c = p[1];
    p += 2;
    switch (c) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        uint32_t u = (Parser::hex(p[0]) << 12) | (Parser::hex(p[1]) << 8) | (Parser::hex(p[2]) << 4) | Parser::hex(p[3]);
        p += 4;
        if (u >= 0xD800 && u <= 0xDBFF && p + 6 <= e && p[0] == '\\' && p[1] == 'u') {
          uint32_t lo = (Parser::hex(p[2]) << 12) | (Parser::hex(p[3]) << 8) | (Parser::hex(p[4]) << 4) | Parser::hex(p[5]);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            putUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
            p += 6;
            break;
          }
        }
        putUtf8(out, u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
        break;
      }
      default: out.push_back(char(c));  // " \ /
    }
  }
}

/** A JavaScript string's length (UTF-16 units) of some UTF-8: the JS writer's dictionary bounds count those. */
uint32_t utf16Length(const uint8_t* p, uint32_t len) {
  uint32_t n = 0;
  for (uint32_t k = 0; k < len; k++) {
    const uint8_t c = p[k];
    if ((c & 0xC0) != 0x80) n++;
    if (c >= 0xF0) n++;
  }
  return n;
}

bool safeInteger(double d) { return d == std::trunc(d) && std::fabs(d) <= 9007199254740991.0; }

/** JavaScript's ToInt32. */
int32_t toInt32(double d) {
  if (!std::isfinite(d)) return 0;
  double t = std::fmod(std::trunc(d), 4294967296.0);
  if (t < 0) t += 4294967296.0;
  return int32_t(uint32_t(t));
}

inline int digit(const uint8_t* v, int k) { return v[k] - '0'; }

/** Milliseconds of `YYYY-MM-DDTHH:MM:SS.sssZ`, as parquet-schema.ts's time(); false when the text has another shape. */
bool isoMillis(const uint8_t* v, uint32_t len, double& out) {
  if (len != 24 || v[4] != '-' || v[7] != '-' || v[10] != 'T' || v[13] != ':' || v[16] != ':' || v[19] != '.' || v[23] != 'Z') return false;
  for (int k = 0; k < 23; k++) {
    if (k == 4 || k == 7 || k == 10 || k == 13 || k == 16 || k == 19) continue;
    if (v[k] < '0' || v[k] > '9') return false;
  }
  const int64_t y = digit(v, 0) * 1000 + digit(v, 1) * 100 + digit(v, 2) * 10 + digit(v, 3);
  const int64_t mo = digit(v, 5) * 10 + digit(v, 6);
  const int64_t d = digit(v, 8) * 10 + digit(v, 9);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const int64_t yy = mo <= 2 ? y - 1 : y;
  const int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  const int64_t yoe = yy - era * 400;
  const int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
  const int64_t ms = (((days * 24 + digit(v, 11) * 10 + digit(v, 12)) * 60 + digit(v, 14) * 10 + digit(v, 15)) * 60 + digit(v, 17) * 10 + digit(v, 18)) * 1000 +
                     digit(v, 20) * 100 + digit(v, 21) * 10 + digit(v, 22);
  out = double(ms);
  return true;
}

// ---- Leaves ----------------------------------------------------------------------------------------------------

enum LeafType { T_TEXT = 0, T_INT64, T_INT32, T_DOUBLE, T_BOOL };
constexpr double DICTIONARY_MAX_BYTES = 1024 * 1024;
constexpr uint32_t DICTIONARY_PROBE = 4096;
constexpr int DICTIONARY_RETRY_GROUPS = 8;

inline uint32_t hashBytes(const uint8_t* p, uint32_t len) {
  uint64_t h = 0xcbf29ce484222325ull ^ len;
  uint32_t k = 0;
  for (; k + 8 <= len; k += 8) {
    uint64_t w;
    std::memcpy(&w, p + k, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  if (k < len) {
    uint64_t w = 0;
    std::memcpy(&w, p + k, len - k);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  h ^= h >> 32;
  return uint32_t(h);
}

/** A growable byte buffer like std::vector<uint8_t>, whose growth does not zero the bytes about to be written. */
class Bytes {
 public:
  Bytes() = default;
  Bytes(const Bytes&) = delete;
  Bytes& operator=(const Bytes&) = delete;
  Bytes(Bytes&& o) noexcept : data_(o.data_), size_(o.size_), cap_(o.cap_) { o.data_ = nullptr; o.size_ = o.cap_ = 0; }
  ~Bytes() { std::free(data_); }
  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  void clear() { size_ = 0; }
  uint8_t& operator[](size_t i) { return data_[i]; }
  /** Room for `n` more bytes at the end, returned (uninitialized), counted in size(). */
  uint8_t* grow(size_t n) {
    if (size_ + n > cap_) {
      size_t cap = cap_ ? cap_ * 2 : 4096;
      while (cap < size_ + n) cap *= 2;
      auto* bigger = static_cast<uint8_t*>(std::realloc(data_, cap));
      if (!bigger) std::abort();
      data_ = bigger;
      cap_ = cap;
    }
    uint8_t* at = data_ + size_;
    size_ += n;
    return at;
  }
  void push_back(uint8_t b) { *grow(1) = b; }

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0, cap_ = 0;
};

struct Leaf {
  int type, maxDef, maxRep;
  bool statistics, dictionary;
  Bytes values, defs, reps;
  uint32_t levels = 0, nulls = 0, nullCount = 0, bits = 0;
  bool hasRange = false;
  double minN = 0, maxN = 0;
  std::string minS, maxS;
  // The row group's dictionary: each distinct value once as PLAIN bytes (length, UTF-8) in `arena`, found through an
  // open-addressing table of index + 1; per value its index.
  bool dictOn = false;
  Bytes arena;
  std::vector<uint32_t> offsets, hashes, table;
  std::vector<int32_t> indices;
  double dictBytes = 0, plainBytes = 0;
  bool gaveUp = false;
  int skipGroups = 0;

  Leaf(int type, int maxDef, int maxRep, bool statistics, bool dictionary) : type(type), maxDef(maxDef), maxRep(maxRep), statistics(statistics), dictionary(dictionary && type == T_TEXT) {
    dictOn = this->dictionary;
    if (dictOn) table.assign(1024, 0);
  }

  inline void level(int def, int rep) {
    defs.push_back(uint8_t(def));
    if (maxRep) reps.push_back(uint8_t(rep));
    levels++;
  }
  void none(int def, int rep = 0) {
    level(def, rep);
    nulls++;
    if (def == 0) nullCount++;
  }
  void rangeText(const uint8_t* p, uint32_t len) {
    std::string_view v(reinterpret_cast<const char*>(p), len);
    if (!hasRange) {
      minS.assign(v);
      maxS.assign(v);
      hasRange = true;
      return;
    }
    if (v < std::string_view(minS)) minS.assign(v);
    if (v > std::string_view(maxS)) maxS.assign(v);
  }
  void rangeNumber(double v) {
    if (!hasRange || v < minN) minN = v;
    if (!hasRange || v > maxN) maxN = v;
    hasRange = true;
  }
  void plain(const uint8_t* p, uint32_t len) {
    uint8_t* at = values.grow(4 + len);
    std::memcpy(at, &len, 4);
    std::memcpy(at + 4, p, len);
  }
  void text(const uint8_t* p, uint32_t len, uint32_t len16, int rep = 0) {
    level(maxDef, rep);
    if (statistics) rangeText(p, len);
    if (!dictOn) return plain(p, len);
    const uint32_t h = hashBytes(p, len);
    const uint32_t mask = uint32_t(table.size() - 1);
    uint32_t slot = h & mask;
    int32_t index = -1;
    for (;;) {
      const uint32_t e = table[slot];
      if (!e) break;
      const uint32_t k = e - 1;
      if (hashes[k] == h) {
        const uint8_t* q = arena.data() + offsets[k];
        uint32_t qlen;
        std::memcpy(&qlen, q, 4);
        if (qlen == len && std::memcmp(q + 4, p, len) == 0) {
          index = int32_t(k);
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (index < 0) {
      index = int32_t(offsets.size());
      offsets.push_back(uint32_t(arena.size()));
      hashes.push_back(h);
      uint8_t* to = arena.grow(4 + len);
      std::memcpy(to, &len, 4);
      std::memcpy(to + 4, p, len);
      table[slot] = uint32_t(index) + 1;
      dictBytes += 4 + len16;
      if (offsets.size() * 2 > table.size()) grow();
    }
    indices.push_back(index);
    plainBytes += 4 + len16;
    if (dictBytes > DICTIONARY_MAX_BYTES || (indices.size() == DICTIONARY_PROBE && offsets.size() > DICTIONARY_PROBE * 0.9)) toPlain();
  }
  void grow() {
    table.assign(table.size() * 2, 0);
    const uint32_t mask = uint32_t(table.size() - 1);
    for (uint32_t k = 0; k < offsets.size(); k++) {
      uint32_t slot = hashes[k] & mask;
      while (table[slot]) slot = (slot + 1) & mask;
      table[slot] = k + 1;
    }
  }
  /** Gives up the dictionary for the rest of the row group: the values so far written PLAIN, in order. */
  void toPlain() {
    for (int32_t k : indices) {
      const uint8_t* q = arena.data() + offsets[k];
      uint32_t qlen;
      std::memcpy(&qlen, q, 4);
      plain(q + 4, qlen);
    }
    dictOn = false;
    clearDictionary();
    gaveUp = true;
  }
  void clearDictionary() {
    arena.clear();
    offsets.clear();
    hashes.clear();
    indices.clear();
    if (table.size() > 1024) table.assign(1024, 0);
    else std::fill(table.begin(), table.end(), 0);
    dictBytes = plainBytes = 0;
  }
  void int64(double n, int rep = 0) {
    level(maxDef, rep);
    const int64_t v = int64_t(n);
    std::memcpy(values.grow(8), &v, 8);
    if (statistics) rangeNumber(n);
  }
  void int32(int32_t n, int rep = 0) {
    level(maxDef, rep);
    std::memcpy(values.grow(4), &n, 4);
    if (statistics) rangeNumber(n);
  }
  void float64(double n, int rep = 0) {
    level(maxDef, rep);
    std::memcpy(values.grow(8), &n, 8);
  }
  void boolean(bool b, int rep = 0) {
    level(maxDef, rep);
    const uint32_t byte = bits >> 3;
    if (byte == values.size()) values.push_back(0);
    if (b) values[byte] |= uint8_t(1u << (bits & 7));
    bits++;
  }
};

// ---- The events' leaves --------------------------------------------------------------------------------------------

enum PropertyKind { P_BOOLEAN = 0, P_INT64, P_DOUBLE, P_STRING, P_JSON };

struct Encoder {
  std::vector<Leaf> leaves;
  /** Typed property fields (sorted names, as kinds() gives them), or none: `properties` is one JSON leaf. */
  bool propertiesJson = false;
  std::vector<std::string> names;
  std::vector<int> kinds;
  std::unordered_map<std::string_view, int> byName;
  std::vector<int32_t> slots;
  std::string scratch;
  napi_ref timeParser = nullptr;
  uint32_t rows = 0;
};

constexpr int AFTER_PROPERTIES = 4;  // aliases, received_at, workspace_id, segments

void putString(Encoder& en, Leaf& leaf, const uint8_t* b, const Val& v, int rep = 0) {
  const uint8_t* p = b + v.start + 1;
  const uint32_t len = v.end - v.start - 2;
  if (!(v.flags & F_ESCAPED)) return leaf.text(p, len, (v.flags & F_NON_ASCII) ? utf16Length(p, len) : len, rep);
  unescape(p, p + len, en.scratch);
  const auto* q = reinterpret_cast<const uint8_t*>(en.scratch.data());
  const uint32_t qlen = uint32_t(en.scratch.size());
  leaf.text(q, qlen, utf16Length(q, qlen), rep);
}

/** A value's JSON text as it is stored (ingestion wrote it with JSON.stringify, so it is what JSON.stringify gives). */
void putJson(Leaf& leaf, const uint8_t* b, const Val& v) {
  const uint8_t* p = b + v.start;
  const uint32_t len = v.end - v.start;
  leaf.text(p, len, (v.flags & F_NON_ASCII) ? utf16Length(p, len) : len);
}

/** parquet-schema.ts's text(): null or missing → null; a string; anything else as String(v) would give it. */
void putTextColumn(Encoder& en, Leaf& leaf, const uint8_t* b, const Val& v) {
  if (v.kind == K_ABSENT || v.kind == K_NULL) return leaf.none(0);
  if (v.kind == K_STRING) return putString(en, leaf, b, v);
  if (v.kind == K_OBJECT) {
    static const uint8_t object[] = "[object Object]";
    return leaf.text(object, 15, 15);
  }
  putJson(leaf, b, v);  // numbers and booleans as stored (the rest of String(v)'s cases: ingestion refuses them)
}

bool timeOf(napi_env env, Encoder& en, const uint8_t* b, const Val& v, double& ms) {
  if (v.kind != K_STRING) return false;
  const uint8_t* p = b + v.start + 1;
  const uint32_t len = v.end - v.start - 2;
  if (!(v.flags & F_ESCAPED) && isoMillis(p, len, ms)) return true;
  // Another shape: Date.parse, as the JavaScript writer does.
  const char* text = reinterpret_cast<const char*>(p);
  size_t textLen = len;
  if (v.flags & F_ESCAPED) {
    unescape(p, p + len, en.scratch);
    text = en.scratch.data();
    textLen = en.scratch.size();
  }
  napi_value fn, arg, result, global;
  if (!en.timeParser || napi_get_reference_value(env, en.timeParser, &fn) != napi_ok) return false;
  napi_get_global(env, &global);
  napi_create_string_utf8(env, text, textLen, &arg);
  if (napi_call_function(env, global, fn, 1, &arg, &result) != napi_ok) return false;
  if (napi_get_value_double(env, result, &ms) != napi_ok) return false;
  return std::isfinite(ms);
}

void putTime(napi_env env, Encoder& en, Leaf& leaf, const uint8_t* b, const Val& v) {
  double ms;
  if (timeOf(env, en, b, v, ms)) leaf.int64(ms);
  else leaf.none(0);
}

/** Number(x) | 0 of one element of `segments`. */
int32_t segmentOf(const uint8_t* b, const Val& v) {
  switch (v.kind) {
    case K_NUMBER: return toInt32(v.num);
    case K_TRUE: return 1;
    case K_STRING: {
      double d = 0;
      const char* p = reinterpret_cast<const char*>(b + v.start + 1);
      const char* e = reinterpret_cast<const char*>(b + v.end - 1);
      while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
      while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) e--;
      if (p == e) return 0;
      auto r = std::from_chars(p, e, d);
      return r.ec == std::errc() && r.ptr == e ? toInt32(d) : 0;
    }
    default: return 0;
  }
}

void putSegments(Leaf& leaf, const uint8_t* b, const Val& v) {
  // `segments ?? []`: missing or null is an empty list; another kind than an array is a null list.
  if (v.kind == K_ABSENT || v.kind == K_NULL) return leaf.none(1);
  if (v.kind != K_ARRAY) return leaf.none(0);
  Parser p{b, v.end - 1, v.start + 1};
  p.ws();
  if (p.i >= p.n) return leaf.none(1);
  int k = 0;
  for (;;) {
    Val e;
    if (!p.value(e, 1)) break;  // (validated when the page was parsed)
    leaf.int32(segmentOf(b, e), k++ ? 1 : 0);
    p.ws();
    if (p.i < p.n && b[p.i] == ',') {
      p.i++;
      p.ws();
    } else break;
  }
}

void putProperties(Encoder& en, Leaf* leaves, const Page& page, const Row& row) {
  const uint8_t* b = page.bytes;
  const Val& v = row.f[PROPERTIES];
  if (en.propertiesJson) {
    if (v.kind == K_ABSENT || v.kind == K_NULL) return leaves[0].none(0);
    return putJson(leaves[0], b, v);
  }
  const size_t count = en.names.size();
  if (v.kind != K_OBJECT && v.kind != K_ARRAY) {
    for (size_t k = 0; k < count; k++) leaves[k].none(0);
    return;
  }
  // The last of a repeated key wins, as with JSON.parse.
  for (uint32_t m = 0; m < row.memberCount; m++) {
    const Member& member = page.members[row.memberStart + m];
    std::string_view name;
    if (member.keyFlags & F_ESCAPED) {
      unescape(b + member.keyStart, b + member.keyEnd, en.scratch);
      name = en.scratch;
    } else {
      name = std::string_view(reinterpret_cast<const char*>(b + member.keyStart), member.keyEnd - member.keyStart);
    }
    auto found = en.byName.find(name);
    if (found != en.byName.end()) en.slots[found->second] = int32_t(row.memberStart + m);
  }
  for (size_t k = 0; k < count; k++) {
    Leaf& leaf = leaves[k];
    const int32_t slot = en.slots[k];
    if (slot < 0) {
      leaf.none(1);
      continue;
    }
    en.slots[k] = -1;
    const Val& x = page.members[slot].value;
    if (x.kind == K_NULL) {
      leaf.none(1);
      continue;
    }
    switch (en.kinds[k]) {
      case P_BOOLEAN: x.kind == K_TRUE || x.kind == K_FALSE ? leaf.boolean(x.kind == K_TRUE) : leaf.none(1); break;
      case P_INT64: x.kind == K_NUMBER && safeInteger(x.num) ? leaf.int64(x.num) : leaf.none(1); break;
      case P_DOUBLE: x.kind == K_NUMBER ? leaf.float64(x.num) : leaf.none(1); break;
      case P_STRING: x.kind == K_STRING ? putString(en, leaf, b, x) : leaf.none(1); break;
      default: putJson(leaf, b, x);
    }
  }
}

void addRow(napi_env env, Encoder& en, const Page& page, const Row& row) {
  const uint8_t* b = page.bytes;
  Leaf* l = en.leaves.data();
  putTextColumn(en, l[0], b, row.f[EVENT_ID]);
  putTextColumn(en, l[1], b, row.f[TYPE]);
  putTextColumn(en, l[2], b, row.f[USER_ID]);
  putTime(env, en, l[3], b, row.f[TIME]);
  putTextColumn(en, l[4], b, row.f[SESSION_ID]);
  putTextColumn(en, l[5], b, row.f[VIEW_ID]);
  putProperties(en, l + 6, page, row);
  const size_t a = en.leaves.size() - AFTER_PROPERTIES;
  const Val& aliases = row.f[ALIASES];
  if (aliases.kind == K_ABSENT || aliases.kind == K_NULL) l[a].none(0);
  else putJson(l[a], b, aliases);
  putTime(env, en, l[a + 1], b, row.f[RECEIVED_AT]);
  putTextColumn(en, l[a + 2], b, row.f[WORKSPACE_ID]);
  putSegments(l[a + 3], b, row.f[SEGMENTS]);
  en.rows++;
}

// ---- N-API -------------------------------------------------------------------------------------------------------

#define CHECK(call)                                   \
  do {                                                \
    if ((call) != napi_ok) {                          \
      napi_throw_error(env, nullptr, #call " failed"); \
      return nullptr;                                 \
    }                                                 \
  } while (0)

/** Per JavaScript environment (the main thread and each worker that loads the addon): how other time shapes are read. */
struct Instance {
  napi_ref timeParser = nullptr;
};

Instance* instanceOf(napi_env env) {
  void* data = nullptr;
  napi_get_instance_data(env, &data);
  return static_cast<Instance*>(data);
}

template <typename T>
T* unwrap(napi_env env, napi_value v) {
  void* data = nullptr;
  if (napi_get_value_external(env, v, &data) != napi_ok) return nullptr;
  return static_cast<T*>(data);
}

/** The page's vectors to the spares. */
void recycle(Page* page) {
  std::lock_guard<std::mutex> lock(spareLock);
  if (page->rows.capacity() && spareRows.size() < 8) spareRows.push_back(std::move(page->rows));
  if (page->members.capacity() && spareMembers.size() < 8) spareMembers.push_back(std::move(page->members));
  page->rows.clear();
  page->members.clear();
}

/** Gives the page's bytes back to the garbage collector and its vectors to the spares. */
void releaseInto(napi_env env, Page* page) {
  int64_t ignored;
  if (page->accounted) napi_adjust_external_memory(env, -page->accounted, &ignored);
  page->accounted = 0;
  if (page->buffer) napi_delete_reference(env, page->buffer);
  page->buffer = nullptr;
  page->bytes = nullptr;
  recycle(page);
}

void freePage(napi_env env, void* data, void*) {
  Page* page = static_cast<Page*>(data);
  releaseInto(env, page);
  delete page;
}

/** One body at p.i (an object): its top-level fields and its properties' members; p.i ends after it. */
bool parseBody(Page& page, Parser& p, Row& row) {
  const uint8_t* s = p.s;
  const uint32_t end = p.n;
  if (p.i >= end || s[p.i] != '{') return p.fail("a body must be a JSON object");
  p.i++;
  p.ws();
  if (p.i < end && s[p.i] == '}') {
    p.i++;
    return true;
  }
  std::string unescaped;
  for (;;) {
    Val key;
    if (p.i >= end || s[p.i] != '"' || !p.string(key)) return p.fail("expected a key");
    p.ws();
    if (p.i >= end || s[p.i] != ':') return p.fail("expected ':'");
    p.i++;
    p.ws();
    int field;
    if (key.flags & F_ESCAPED) {
      unescape(s + key.start + 1, s + key.end - 1, unescaped);
      field = fieldOf(reinterpret_cast<const uint8_t*>(unescaped.data()), uint32_t(unescaped.size()));
    } else {
      field = fieldOf(s + key.start + 1, key.end - key.start - 2);
    }
    Val v;
    if (field == PROPERTIES && p.i < end && s[p.i] == '{') {
      // The properties' members, kept for the typed fields and the kinds (a repeated key: the last one counts).
      row.memberStart = uint32_t(page.members.size());
      row.memberCount = 0;
      v.start = p.i++;
      v.kind = K_OBJECT;
      p.ws();
      if (p.i < end && s[p.i] == '}') p.i++;
      else
        for (;;) {
          Member m;
          Val mk;
          if (p.i >= end || s[p.i] != '"' || !p.string(mk)) return p.fail("expected a key");
          p.ws();
          if (p.i >= end || s[p.i] != ':') return p.fail("expected ':'");
          p.i++;
          p.ws();
          if (!p.value(m.value, 2)) return false;
          if ((m.value.flags | mk.flags) & F_NON_ASCII) v.flags |= F_NON_ASCII;
          m.keyStart = mk.start + 1;
          m.keyEnd = mk.end - 1;
          m.keyFlags = mk.flags;
          page.members.push_back(m);
          row.memberCount++;
          p.ws();
          if (p.i < end && s[p.i] == ',') {
            p.i++;
            p.ws();
            continue;
          }
          if (p.i < end && s[p.i] == '}') {
            p.i++;
            break;
          }
          return p.fail("expected ',' or '}'");
        }
      v.end = p.i;
    } else {
      if (field == PROPERTIES) row.memberCount = 0;
      if (!p.value(v, 1)) return false;
    }
    if (field >= 0) row.f[field] = v;
    p.ws();
    if (p.i < end && s[p.i] == ',') {
      p.i++;
      p.ws();
      continue;
    }
    if (p.i < end && s[p.i] == '}') {
      p.i++;
      return true;
    }
    return p.fail("expected ',' or '}'");
  }
}

/**
 * parsePage(bytes: Uint8Array, count): a page of `count` bodies written one after the other (JSON objects, as the
 * log keeps them); returns [page, ends: Uint32Array], body k being bytes[ends[k - 1] ?? 0, ends[k]).
 */
/** Parses `count` bodies of bytes[0, length) into a new page; ends[k] is where body k ends. Null with `error` set on failure. */
Page* parseInto(const uint8_t* bytes, uint32_t length, uint32_t count, uint32_t* ends, std::string& error) {
  auto* page = new Page();
  page->bytes = bytes;
  {
    std::lock_guard<std::mutex> lock(spareLock);
    if (!spareRows.empty()) {
      page->rows = std::move(spareRows.back());
      spareRows.pop_back();
    }
    if (!spareMembers.empty()) {
      page->members = std::move(spareMembers.back());
      spareMembers.pop_back();
    }
  }
  page->rows.clear();
  page->rows.resize(count);
  page->members.clear();
  Parser p{bytes, length, 0};
  uint32_t k = 0;
  bool ok = true;
  for (;; k++) {
    p.ws();
    if (p.i >= p.n) break;
    if (k == count) {
      ok = p.fail("more bodies than rows");
      break;
    }
    if (!(ok = parseBody(*page, p, page->rows[k]))) break;
    ends[k] = p.i;
  }
  if (ok && k != count) ok = p.fail("fewer bodies than rows");
  if (ok) return page;
  error = "event body " + std::to_string(k) + " of the page is not valid JSON at byte " + std::to_string(p.i) + ": " + (p.error ? p.error : "?");
  recycle(page);
  delete page;
  return nullptr;
}

bool pageArgs(napi_env env, napi_value* argv, const uint8_t*& bytes, uint32_t& length, uint32_t& count) {
  napi_typedarray_type type;
  size_t len, offset;
  void* data;
  napi_value ab;
  if (napi_get_typedarray_info(env, argv[0], &type, &len, &data, &ab, &offset) != napi_ok || type != napi_uint8_array ||
      napi_get_value_uint32(env, argv[1], &count) != napi_ok || len > UINT32_MAX) {
    return false;
  }
  bytes = static_cast<const uint8_t*>(data);
  length = uint32_t(len);
  return true;
}

/** The page as this thread's handle: it holds `buffer` (the bytes' array) until released. */
napi_value own(napi_env env, Page* page, napi_value buffer) {
  if (napi_create_reference(env, buffer, 1, &page->buffer) != napi_ok) {
    recycle(page);
    delete page;
    napi_throw_error(env, nullptr, "could not hold the page's bytes");
    return nullptr;
  }
  page->accounted = int64_t(page->rows.capacity() * sizeof(Row) + page->members.capacity() * sizeof(Member));
  int64_t ignored;
  napi_adjust_external_memory(env, page->accounted, &ignored);
  napi_value handle;
  CHECK(napi_create_external(env, page, freePage, nullptr, &handle));
  return handle;
}

napi_value pair(napi_env env, napi_value a, napi_value b) {
  napi_value result;
  CHECK(napi_create_array_with_length(env, 2, &result));
  CHECK(napi_set_element(env, result, 0, a));
  CHECK(napi_set_element(env, result, 1, b));
  return result;
}

/**
 * parsePage(bytes: Uint8Array, count): a page of `count` bodies written one after the other (JSON objects, as the
 * log keeps them); returns [page, ends: Uint32Array], body k being bytes[ends[k - 1] ?? 0, ends[k]).
 */
napi_value ParsePage(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  const uint8_t* bytes;
  uint32_t length, count;
  if (!pageArgs(env, argv, bytes, length, count)) {
    napi_throw_type_error(env, nullptr, "parsePage(bytes: Uint8Array, count: number)");
    return nullptr;
  }
  napi_value endsBuffer, ends;
  void* endsData;
  CHECK(napi_create_arraybuffer(env, size_t(count) * 4, &endsData, &endsBuffer));
  std::string error;
  Page* page = parseInto(bytes, length, count, static_cast<uint32_t*>(endsData), error);
  if (!page) {
    napi_throw_error(env, "INLET_BAD_BODY", error.c_str());
    return nullptr;
  }
  napi_value handle = own(env, page, argv[0]);
  if (!handle) return nullptr;
  CHECK(napi_create_typedarray(env, napi_uint32_array, count, endsBuffer, 0, &ends));
  return pair(env, handle, ends);
}

/**
 * parsePageDetached(bytes, count, reader): parsePage on a reader's thread for the export's, where adoptPage takes it;
 * `bytes` must stay where they are (memory shared by both threads). Returns [address: bigint, ends].
 */
napi_value ParsePageDetached(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  const uint8_t* bytes;
  uint32_t length, count, reader = 0;
  if (!pageArgs(env, argv, bytes, length, count) || napi_get_value_uint32(env, argv[2], &reader) != napi_ok) {
    napi_throw_type_error(env, nullptr, "parsePageDetached(bytes: Uint8Array, count: number, reader: number)");
    return nullptr;
  }
  napi_value endsBuffer, ends, address;
  void* endsData;
  CHECK(napi_create_arraybuffer(env, size_t(count) * 4, &endsData, &endsBuffer));
  std::string error;
  Page* page = parseInto(bytes, length, count, static_cast<uint32_t*>(endsData), error);
  if (!page) {
    napi_throw_error(env, "INLET_BAD_BODY", error.c_str());
    return nullptr;
  }
  {
    std::lock_guard<std::mutex> lock(detachedLock);
    detached[reader].insert(page);
  }
  CHECK(napi_create_bigint_uint64(env, uint64_t(reinterpret_cast<uintptr_t>(page)), &address));
  CHECK(napi_create_typedarray(env, napi_uint32_array, count, endsBuffer, 0, &ends));
  return pair(env, address, ends);
}

/** adoptPage(address, bytes, reader): the handle of a page parsed by parsePageDetached over these same bytes. */
napi_value AdoptPage(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  uint64_t address = 0;
  bool lossless = false;
  uint32_t reader = 0;
  napi_typedarray_type type;
  size_t len, offset;
  void* data;
  napi_value ab;
  if (napi_get_value_bigint_uint64(env, argv[0], &address, &lossless) != napi_ok || napi_get_typedarray_info(env, argv[1], &type, &len, &data, &ab, &offset) != napi_ok ||
      napi_get_value_uint32(env, argv[2], &reader) != napi_ok) {
    napi_throw_type_error(env, nullptr, "adoptPage(address: bigint, bytes: Uint8Array, reader: number)");
    return nullptr;
  }
  Page* page = reinterpret_cast<Page*>(uintptr_t(address));
  {
    std::lock_guard<std::mutex> lock(detachedLock);
    auto it = detached.find(reader);
    if (it == detached.end() || !it->second.erase(page)) page = nullptr;
  }
  if (!page || page->bytes != data) {
    napi_throw_error(env, nullptr, "adoptPage: no such page for these bytes");
    return nullptr;
  }
  return own(env, page, argv[1]);
}

/** dropReader(reader): frees the reader's pages nobody adopted (its messages were never read). */
napi_value DropReader(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  uint32_t reader = 0;
  napi_get_value_uint32(env, argv[0], &reader);
  std::unordered_set<Page*> left;
  {
    std::lock_guard<std::mutex> lock(detachedLock);
    auto it = detached.find(reader);
    if (it != detached.end()) {
      left.swap(it->second);
      detached.erase(it);
    }
  }
  for (Page* page : left) {
    recycle(page);
    delete page;
  }
  napi_value out;
  napi_create_uint32(env, uint32_t(left.size()), &out);
  return out;
}

/** pageKinds(page, rows: Int32Array): [name, bits, …] of the rows' top-level properties (parquet-schema.ts's bits). */
napi_value PageKinds(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Page* page = unwrap<Page>(env, argv[0]);
  napi_typedarray_type t;
  size_t n, o;
  void* d;
  napi_value ab;
  if (!page || napi_get_typedarray_info(env, argv[1], &t, &n, &d, &ab, &o) != napi_ok || t != napi_int32_array) {
    napi_throw_type_error(env, nullptr, "pageKinds(page, rows: Int32Array)");
    return nullptr;
  }
  const int32_t* rows = static_cast<const int32_t*>(d);
  const uint8_t* b = page->bytes;
  // Rows of a type usually list their properties in the same order: the name after the last one found is tried
  // first, then the index. Names are views of the page, or of `unescaped` (a deque: its strings do not move).
  struct Seen {
    std::string_view name;
    int bits;
  };
  std::vector<Seen> seen;
  std::unordered_map<std::string_view, size_t> index;
  std::deque<std::string> unescaped;
  size_t hint = 0;
  for (size_t k = 0; k < n; k++) {
    if (rows[k] < 0 || size_t(rows[k]) >= page->rows.size()) continue;
    const Row& row = page->rows[rows[k]];
    for (uint32_t m = 0; m < row.memberCount; m++) {
      const Member& member = page->members[row.memberStart + m];
      std::string_view name(reinterpret_cast<const char*>(b + member.keyStart), member.keyEnd - member.keyStart);
      std::string u;
      if (member.keyFlags & F_ESCAPED) {
        unescape(b + member.keyStart, b + member.keyEnd, u);
        name = u;
      }
      const Val& v = member.value;
      const int bit = v.kind == K_NULL ? 0 : v.kind == K_TRUE || v.kind == K_FALSE ? 1 : v.kind == K_NUMBER ? (safeInteger(v.num) ? 2 : 4) : v.kind == K_STRING ? 8 : 16;
      size_t found;
      if (hint < seen.size() && seen[hint].name == name) found = hint;
      else {
        auto it = index.find(name);
        if (it != index.end()) found = it->second;
        else {
          if (member.keyFlags & F_ESCAPED) {
            unescaped.push_back(std::move(u));
            name = unescaped.back();
          }
          found = seen.size();
          seen.push_back({name, 0});
          index.emplace(name, found);
        }
      }
      seen[found].bits |= bit;
      hint = found + 1;
    }
  }
  napi_value out;
  CHECK(napi_create_array_with_length(env, seen.size() * 2, &out));
  uint32_t at = 0;
  for (const Seen& entry : seen) {
    napi_value k, v;
    CHECK(napi_create_string_utf8(env, entry.name.data(), entry.name.size(), &k));
    CHECK(napi_create_int32(env, entry.bits, &v));
    CHECK(napi_set_element(env, out, at++, k));
    CHECK(napi_set_element(env, out, at++, v));
  }
  return out;
}

void freeEncoder(napi_env, void* data, void*) { delete static_cast<Encoder*>(data); }

int32_t getInt(napi_env env, napi_value obj, const char* key) {
  napi_value v;
  int32_t out = 0;
  if (napi_get_named_property(env, obj, key, &v) == napi_ok) napi_get_value_int32(env, v, &out);
  return out;
}
bool getBool(napi_env env, napi_value obj, const char* key) {
  napi_value v;
  bool out = false;
  if (napi_get_named_property(env, obj, key, &v) == napi_ok) napi_get_value_bool(env, v, &out);
  return out;
}

/**
 * createEncoder(leaves: {type, maxDef, maxRep, statistics, dictionary}[], properties: [name, kind][] | null):
 * the encoder of one Parquet part's events; `leaves` are the schema's leaves in order (leavesOf), `properties` the
 * typed fields (kind 0-4: BOOLEAN, INT64, DOUBLE, STRING, JSON), null when `properties` is one JSON column.
 */
napi_value CreateEncoder(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  auto* en = new Encoder();
  uint32_t count = 0;
  napi_get_array_length(env, argv[0], &count);
  for (uint32_t k = 0; k < count; k++) {
    napi_value spec;
    napi_get_element(env, argv[0], k, &spec);
    en->leaves.emplace_back(getInt(env, spec, "type"), getInt(env, spec, "maxDef"), getInt(env, spec, "maxRep"), getBool(env, spec, "statistics"), getBool(env, spec, "dictionary"));
  }
  napi_valuetype type;
  napi_typeof(env, argv[1], &type);
  en->propertiesJson = type != napi_object;
  if (!en->propertiesJson) {
    uint32_t props = 0;
    napi_get_array_length(env, argv[1], &props);
    en->names.reserve(props);
    for (uint32_t k = 0; k < props; k++) {
      napi_value pair, name, kind;
      napi_get_element(env, argv[1], k, &pair);
      napi_get_element(env, pair, 0, &name);
      napi_get_element(env, pair, 1, &kind);
      size_t len = 0;
      napi_get_value_string_utf8(env, name, nullptr, 0, &len);
      std::string s(len, '\0');
      napi_get_value_string_utf8(env, name, s.data(), len + 1, &len);
      int32_t kindValue = 0;
      napi_get_value_int32(env, kind, &kindValue);
      en->names.push_back(std::move(s));
      en->kinds.push_back(kindValue);
    }
    for (size_t k = 0; k < en->names.size(); k++) en->byName[en->names[k]] = int(k);
    en->slots.assign(en->names.size(), -1);
  }
  const size_t expected = 6 + (en->propertiesJson ? 1 : en->names.size()) + AFTER_PROPERTIES;
  if (en->leaves.size() != expected) {
    delete en;
    napi_throw_error(env, nullptr, "createEncoder: the leaves do not match the events' schema");
    return nullptr;
  }
  Instance* instance = instanceOf(env);
  en->timeParser = instance ? instance->timeParser : nullptr;
  napi_value result;
  CHECK(napi_create_external(env, en, freeEncoder, nullptr, &result));
  return result;
}

/**
 * A Buffer over the encoder's own memory, not a copy: valid until the encoder's next row. (Copies were a few hundred
 * MB of short-lived external memory per million events, and V8 answers that with full collections.)
 */
napi_value bufferOf(napi_env env, const void* data, size_t len) {
  static uint8_t empty[1];
  napi_value out;
  napi_create_external_buffer(env, len, len ? const_cast<void*>(data) : empty, nullptr, nullptr, &out);
  return out;
}

void set(napi_env env, napi_value obj, const char* key, napi_value v) { napi_set_named_property(env, obj, key, v); }
napi_value number(napi_env env, double v) {
  napi_value out;
  napi_create_double(env, v, &out);
  return out;
}

/**
 * encoderTake(encoder): the row group's leaves (views of the encoder's buffers: write them before adding rows again),
 * each as column-writer.ts's LeafGroup ({levels, nulls, nullCount,
 * defs, reps, values, dictionary (count), indices, width, min, max}), and the encoder reset for the next group.
 */
napi_value EncoderTake(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Encoder* en = unwrap<Encoder>(env, argv[0]);
  if (!en) {
    napi_throw_type_error(env, nullptr, "encoderTake(encoder)");
    return nullptr;
  }
  napi_value out, nul;
  CHECK(napi_create_array_with_length(env, en->leaves.size(), &out));
  napi_get_null(env, &nul);
  for (size_t k = 0; k < en->leaves.size(); k++) {
    Leaf& leaf = en->leaves[k];
    // The dictionary pays when it and the indices (bit-packed) are smaller than the values PLAIN.
    const size_t distinct = leaf.offsets.size();
    int width = 1;
    while (distinct > 1 && (size_t(1) << width) < distinct) width++;
    if (leaf.dictOn && !leaf.indices.empty() && leaf.dictBytes + double(leaf.indices.size()) * width / 8 >= leaf.plainBytes * 0.9) leaf.toPlain();
    const bool dictionary = leaf.dictOn && !leaf.indices.empty();
    napi_value g;
    napi_create_object(env, &g);
    set(env, g, "levels", number(env, leaf.levels));
    set(env, g, "nulls", number(env, leaf.nulls));
    set(env, g, "nullCount", number(env, leaf.nullCount));
    set(env, g, "defs", bufferOf(env, leaf.defs.data(), leaf.defs.size()));
    set(env, g, "reps", leaf.maxRep ? bufferOf(env, leaf.reps.data(), leaf.reps.size()) : nul);
    if (dictionary) {
      set(env, g, "values", bufferOf(env, leaf.arena.data(), leaf.arena.size()));
      set(env, g, "dictionary", number(env, double(distinct)));
      napi_value ab, ta;
      napi_create_external_arraybuffer(env, leaf.indices.data(), leaf.indices.size() * 4, nullptr, nullptr, &ab);
      napi_create_typedarray(env, napi_int32_array, leaf.indices.size(), ab, 0, &ta);
      set(env, g, "indices", ta);
      set(env, g, "width", number(env, width));
    } else {
      set(env, g, "values", bufferOf(env, leaf.values.data(), leaf.values.size()));
      set(env, g, "dictionary", number(env, 0));
    }
    if (leaf.statistics && leaf.hasRange) {
      napi_value mn, mx;
      if (leaf.type == T_TEXT) {
        napi_create_string_utf8(env, leaf.minS.data(), leaf.minS.size(), &mn);
        napi_create_string_utf8(env, leaf.maxS.data(), leaf.maxS.size(), &mx);
      } else {
        mn = number(env, leaf.minN);
        mx = number(env, leaf.maxN);
      }
      set(env, g, "min", mn);
      set(env, g, "max", mx);
    } else {
      set(env, g, "min", nul);
      set(env, g, "max", nul);
    }
    CHECK(napi_set_element(env, out, uint32_t(k), g));
    // Reset for the next row group, with the JavaScript leaf's retry rule for a dictionary that gave up.
    leaf.values.clear();
    leaf.defs.clear();
    leaf.reps.clear();
    leaf.levels = leaf.nulls = leaf.nullCount = leaf.bits = 0;
    leaf.hasRange = false;
    if (leaf.gaveUp) leaf.skipGroups = DICTIONARY_RETRY_GROUPS;
    else if (leaf.skipGroups) leaf.skipGroups--;
    leaf.gaveUp = false;
    leaf.clearDictionary();
    leaf.dictOn = leaf.dictionary && !leaf.skipGroups;
  }
  en->rows = 0;
  return out;
}

/** encoderAddRows(encoder, page, rows: Int32Array, from, to): appends rows[from..to) of the page. */
napi_value EncoderAddRows(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Encoder* en = unwrap<Encoder>(env, argv[0]);
  Page* page = unwrap<Page>(env, argv[1]);
  napi_typedarray_type t;
  size_t n, o;
  void* d;
  napi_value ab;
  uint32_t from = 0, to = 0;
  napi_get_value_uint32(env, argv[3], &from);
  napi_get_value_uint32(env, argv[4], &to);
  if (!en || !page || napi_get_typedarray_info(env, argv[2], &t, &n, &d, &ab, &o) != napi_ok || t != napi_int32_array || to > n || from > to) {
    napi_throw_type_error(env, nullptr, "encoderAddRows(encoder, page, rows: Int32Array, from, to)");
    return nullptr;
  }
  const int32_t* rows = static_cast<const int32_t*>(d);
  for (uint32_t k = from; k < to; k++) {
    if (rows[k] < 0 || size_t(rows[k]) >= page->rows.size()) {
      napi_throw_range_error(env, nullptr, "encoderAddRows: no such row (was the page released?)");
      return nullptr;
    }
    addRow(env, *en, *page, page->rows[rows[k]]);
  }
  return nullptr;
}

/** releasePage(page): frees the page's bytes and values now (its handle stays, with no rows). */
napi_value ReleasePage(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Page* page = unwrap<Page>(env, argv[0]);
  if (page) releaseInto(env, page);
  return nullptr;
}

/** setTimeParser(fn): how a time of another shape than Inlet's ISO form is read (Date.parse). */
napi_value SetTimeParser(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Instance* instance = instanceOf(env);
  if (!instance) return nullptr;
  if (instance->timeParser) napi_delete_reference(env, instance->timeParser);
  CHECK(napi_create_reference(env, argv[0], 1, &instance->timeParser));
  return nullptr;
}

void freeInstance(napi_env env, void* data, void*) {
  auto* instance = static_cast<Instance*>(data);
  if (instance->timeParser) napi_delete_reference(env, instance->timeParser);
  delete instance;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_set_instance_data(env, new Instance(), freeInstance, nullptr);
  const napi_property_descriptor props[] = {
      {"parsePage", nullptr, ParsePage, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"parsePageDetached", nullptr, ParsePageDetached, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adoptPage", nullptr, AdoptPage, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dropReader", nullptr, DropReader, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"pageKinds", nullptr, PageKinds, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"createEncoder", nullptr, CreateEncoder, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"encoderAddRows", nullptr, EncoderAddRows, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"releasePage", nullptr, ReleasePage, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"encoderTake", nullptr, EncoderTake, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setTimeParser", nullptr, SetTimeParser, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
