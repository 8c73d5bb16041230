/* taiou-ioc-set.c — indicators of compromise: hashes, IPs and networks, domains, URLs, file names
 *
 * Lookups are O(1): hashes in compact digest tables, addresses in one table per prefix length
 * (so a CIDR lookup tries at most 33 or 129 exact lookups, longest prefix first), domains and
 * URLs in string tables.  Scores and descriptions are packed into one 32-bit value per entry;
 * descriptions are interned, since a million hashes usually share a handful of them.
 * The readers of the file formats are in taiou-ioc-formats.c.
 */
#define G_LOG_DOMAIN "taiou-ioc-set"

#include "config.h"

#include <string.h>

#include "taiou-digest-table.h"
#include "taiou-ioc-set-private.h"

/* value = (description index + 1) << SCORE_BITS | score; never 0. */
#define SCORE_BITS TAIOU_IOC_SCORE_BITS
#define SCORE_MASK ((1u << SCORE_BITS) - 1)
#define MAX_DESCRIPTIONS ((1u << (32 - SCORE_BITS)) - 2)

typedef struct
{
  GRegex  *regex;
  GRegex  *false_positive;
  guint32  value;
} FileNameIoc;

struct _TaiouIocSet
{
  GObject           parent_instance;

  TaiouDigestTable *md5;
  TaiouDigestTable *sha1;
  TaiouDigestTable *sha256;
  GHashTable       *false_positives;     /* lowercase hex → itself */

  GHashTable       *ipv4[33];            /* by prefix length: masked network → value */
  GHashTable       *ipv6[129];           /* by prefix length: GBytes masked network → value */
  gsize             n_networks;

  GHashTable       *domains;             /* lowercase domain → value */
  GHashTable       *urls;                /* normalised URL → value */
  GHashTable       *url_hosts;           /* lowercase host of a listed URL → value */
  GPtrArray        *file_names;          /* FileNameIoc */

  GStringChunk     *strings;
  GHashTable       *description_index;   /* description → index + 1 */
  GPtrArray        *descriptions;        /* index → description (in strings) */
};

G_DEFINE_FINAL_TYPE (TaiouIocSet, taiou_ioc_set, G_TYPE_OBJECT)
G_DEFINE_QUARK (taiou-ioc-error-quark, taiou_ioc_error)

static void
file_name_ioc_free (FileNameIoc *ioc)
{
  g_clear_pointer (&ioc->regex, g_regex_unref);
  g_clear_pointer (&ioc->false_positive, g_regex_unref);
  g_free (ioc);
}

static void
taiou_ioc_set_finalize (GObject *object)
{
  TaiouIocSet *self = TAIOU_IOC_SET (object);

  taiou_digest_table_free (self->md5);
  taiou_digest_table_free (self->sha1);
  taiou_digest_table_free (self->sha256);
  g_hash_table_unref (self->false_positives);
  for (guint i = 0; i < G_N_ELEMENTS (self->ipv4); i++)
    g_clear_pointer (&self->ipv4[i], g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->ipv6); i++)
    g_clear_pointer (&self->ipv6[i], g_hash_table_unref);
  g_hash_table_unref (self->domains);
  g_hash_table_unref (self->urls);
  g_hash_table_unref (self->url_hosts);
  g_ptr_array_unref (self->file_names);
  g_hash_table_unref (self->description_index);
  g_ptr_array_unref (self->descriptions);
  g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (taiou_ioc_set_parent_class)->finalize (object);
}

static void
taiou_ioc_set_class_init (TaiouIocSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = taiou_ioc_set_finalize;
}

static void
taiou_ioc_set_init (TaiouIocSet *self)
{
  self->md5 = taiou_digest_table_new (16);
  self->sha1 = taiou_digest_table_new (20);
  self->sha256 = taiou_digest_table_new (32);
  self->false_positives = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->url_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->file_names = g_ptr_array_new_with_free_func ((GDestroyNotify) file_name_ioc_free);
  self->strings = g_string_chunk_new (64 * 1024);
  self->description_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->descriptions = g_ptr_array_new ();
}

TaiouIocSet *
taiou_ioc_set_new (void)
{
  return g_object_new (TAIOU_TYPE_IOC_SET, NULL);
}

void
taiou_ioc_load_report_free (TaiouIocLoadReport *report)
{
  if (report == NULL)
    return;
  g_free (report->source);
  g_ptr_array_unref (report->problems);
  g_free (report);
}

/* Packs a score and an interned description into an entry value. */
static guint32
make_value (TaiouIocSet *self,
            int          score,
            const char  *description)
{
  gpointer index;

  score = CLAMP (score, 0, 100);
  if (description == NULL)
    description = "";

  if (!g_hash_table_lookup_extended (self->description_index, description, NULL, &index))
    {
      char *copy;

      /* Past this many distinct descriptions, new ones share the last slot's text. */
      if (self->descriptions->len >= MAX_DESCRIPTIONS)
        return ((guint32) self->descriptions->len << SCORE_BITS) | (guint32) score;
      copy = g_string_chunk_insert (self->strings, description);
      g_ptr_array_add (self->descriptions, copy);
      index = GUINT_TO_POINTER (self->descriptions->len);
      g_hash_table_insert (self->description_index, copy, index);
    }
  return (GPOINTER_TO_UINT (index) << SCORE_BITS) | (guint32) score;
}

static gboolean
unpack_value (TaiouIocSet   *self,
              TaiouIocKind   kind,
              guint32        value,
              TaiouIocMatch *match)
{
  if (match != NULL)
    {
      match->kind = kind;
      match->score = (int) (value & SCORE_MASK);
      match->description = g_ptr_array_index (self->descriptions, (value >> SCORE_BITS) - 1);
    }
  return TRUE;
}

/* Keeps the higher-scored of two entries for the same indicator. */
static guint32
merge_values (guint32 old_value,
              guint32 new_value)
{
  return (new_value & SCORE_MASK) > (old_value & SCORE_MASK) ? new_value : old_value;
}

static void
store_value (GHashTable *table,
             gpointer    key,
             guint32     value)
{
  gpointer old;

  if (g_hash_table_lookup_extended (table, key, NULL, &old))
    value = merge_values (GPOINTER_TO_UINT (old), value);
  g_hash_table_replace (table, key, GUINT_TO_POINTER (value));
}

/* 0x10 | a digit's value, 0 for any other character.  Hex lists have millions of lines, so the
 * decoder checks the 0x10 bits once per digest rather than branch on every digit. */
static const guint8 hex_values[256] = {
  ['0'] = 0x10, ['1'] = 0x11, ['2'] = 0x12, ['3'] = 0x13, ['4'] = 0x14, ['5'] = 0x15,
  ['6'] = 0x16, ['7'] = 0x17, ['8'] = 0x18, ['9'] = 0x19, ['a'] = 0x1a, ['b'] = 0x1b,
  ['c'] = 0x1c, ['d'] = 0x1d, ['e'] = 0x1e, ['f'] = 0x1f, ['A'] = 0x1a, ['B'] = 0x1b,
  ['C'] = 0x1c, ['D'] = 0x1d, ['E'] = 0x1e, ['F'] = 0x1f,
};

/* Decodes @length hex digits (even) into @out; FALSE on any other character. */
gboolean
_taiou_hex_decode (const char *hex,
                   gsize       length,
                   guint8     *out)
{
  guint8 valid = 0x10;

  if (length % 2 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i += 2)
    {
      guint8 high = hex_values[(guchar) hex[i]];
      guint8 low = hex_values[(guchar) hex[i + 1]];

      valid &= high & low;
      out[i / 2] = (guint8) ((high << 4) | (low & 0xf));
    }
  return valid != 0;
}

static TaiouDigestTable *
table_for_length (TaiouIocSet *self,
                  gsize        digest_length,
                  TaiouIocKind *kind)
{
  switch (digest_length)
    {
    case 16:
      *kind = TAIOU_IOC_KIND_MD5;
      return self->md5;
    case 20:
      *kind = TAIOU_IOC_KIND_SHA1;
      return self->sha1;
    case 32:
      *kind = TAIOU_IOC_KIND_SHA256;
      return self->sha256;
    default:
      return NULL;
    }
}

/* The type follows from the length, as in Loki: 32 hex digits MD5, 40 SHA-1, 64 SHA-256. */
gboolean
_taiou_ioc_set_add_hash_hex (TaiouIocSet *self,
                             const char  *hex,
                             gsize        length,
                             int          score,
                             const char  *description)
{
  guint8 digest[32];
  TaiouIocKind kind;
  TaiouDigestTable *table = table_for_length (self, length / 2, &kind);

  if (table == NULL || !_taiou_hex_decode (hex, length, digest))
    return FALSE;
  taiou_digest_table_stage (table, digest, make_value (self, score, description));
  return TRUE;
}

gboolean
_taiou_ioc_set_add_false_positive (TaiouIocSet *self,
                                   const char  *hex,
                                   gsize        length)
{
  guint8 digest[32];
  TaiouIocKind kind;

  if (table_for_length (self, length / 2, &kind) == NULL ||
      !_taiou_hex_decode (hex, length, digest))
    return FALSE;
  g_hash_table_add (self->false_positives, g_ascii_strdown (hex, (gssize) length));
  return TRUE;
}

static guint32
ipv4_mask (guint prefix)
{
  return prefix == 0 ? 0 : 0xFFFFFFFFu << (32 - prefix);
}

static GBytes *
masked_ipv6 (const guint8 *address,
             guint         prefix)
{
  guint8 masked[16] = { 0 };

  for (guint bit = 0; bit < prefix; bit++)
    masked[bit / 8] |= address[bit / 8] & (0x80 >> (bit % 8));
  return g_bytes_new (masked, sizeof masked);
}

/* Parses "192.0.2.1", "192.0.2.0/24", "2001:db8::1" or "2001:db8::/32". */
static GInetAddress *
parse_network (const char *text,
               guint      *prefix)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *slash = strchr (copy, '/');
  GInetAddress *address;
  guint max_prefix;

  if (slash != NULL)
    *slash = '\0';
  address = g_inet_address_new_from_string (copy);
  if (address == NULL)
    return NULL;
  max_prefix = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4 ? 32 : 128;
  *prefix = max_prefix;
  if (slash != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (slash + 1, 10, 0, max_prefix, &value, NULL))
        {
          g_object_unref (address);
          return NULL;
        }
      *prefix = (guint) value;
    }
  return address;
}

gboolean
_taiou_ioc_set_add_network (TaiouIocSet *self,
                            const char  *text,
                            int          score,
                            const char  *description)
{
  g_autoptr(GInetAddress) address = NULL;
  const guint8 *bytes;
  guint prefix;
  guint32 value;

  address = parse_network (text, &prefix);
  if (address == NULL)
    return FALSE;
  bytes = g_inet_address_to_bytes (address);
  value = make_value (self, score, description);

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    {
      guint32 host = ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
                     ((guint32) bytes[2] << 8) | bytes[3];

      if (self->ipv4[prefix] == NULL)
        self->ipv4[prefix] = g_hash_table_new (g_direct_hash, g_direct_equal);
      store_value (self->ipv4[prefix], GUINT_TO_POINTER (host & ipv4_mask (prefix)), value);
    }
  else
    {
      if (self->ipv6[prefix] == NULL)
        self->ipv6[prefix] = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                    (GDestroyNotify) g_bytes_unref, NULL);
      store_value (self->ipv6[prefix], masked_ipv6 (bytes, prefix), value);
    }
  self->n_networks++;
  return TRUE;
}

/* "Evil.Example.COM." → "evil.example.com"; NULL when it cannot be a host name. */
static char *
normalize_host (const char *host,
                gssize      length)
{
  g_autofree char *copy = NULL;
  gsize len;

  if (length < 0)
    length = (gssize) strlen (host);
  copy = g_ascii_strdown (host, length);
  g_strstrip (copy);
  len = strlen (copy);
  if (len > 0 && copy[len - 1] == '.')
    copy[--len] = '\0';
  if (len == 0 || len > 253)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (copy[i]) && strchr ("-._", copy[i]) == NULL)
      return NULL;
  return g_steal_pointer (&copy);
}

gboolean
_taiou_ioc_set_add_domain (TaiouIocSet *self,
                           const char  *domain,
                           int          score,
                           const char  *description)
{
  char *host = normalize_host (domain, -1);

  if (host == NULL || strchr (host, '.') == NULL)
    {
      g_free (host);
      return FALSE;
    }
  store_value (self->domains, host, make_value (self, score, description));
  return TRUE;
}

/* Splits "scheme://user@Host:port/path" into a lowercase scheme-and-host prefix and the rest. */
static gboolean
split_url (const char  *url,
           char       **normalized,
           char       **host)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url));
  const char *scheme_end = strstr (trimmed, "://");
  const char *authority;
  const char *authority_end;
  const char *host_start;
  const char *host_end;
  g_autofree char *lower_prefix = NULL;

  if (scheme_end == NULL || scheme_end == trimmed)
    return FALSE;
  for (const char *p = trimmed; p < scheme_end; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
      return FALSE;

  authority = scheme_end + 3;
  authority_end = authority + strcspn (authority, "/?#");
  host_start = authority;
  for (const char *p = authority; p < authority_end; p++)
    if (*p == '@')
      host_start = p + 1;
  if (*host_start == '[')
    {
      host_end = memchr (host_start, ']', (gsize) (authority_end - host_start));
      if (host_end == NULL)
        return FALSE;
      host_start++;
    }
  else
    {
      host_end = memchr (host_start, ':', (gsize) (authority_end - host_start));
      if (host_end == NULL)
        host_end = authority_end;
    }
  if (host_end == host_start)
    return FALSE;

  *host = g_ascii_strdown (host_start, host_end - host_start);
  lower_prefix = g_ascii_strdown (trimmed, authority_end - trimmed);
  *normalized = g_strconcat (lower_prefix, authority_end, NULL);
  return TRUE;
}

gboolean
_taiou_ioc_set_add_url (TaiouIocSet *self,
                        const char  *url,
                        int          score,
                        const char  *description)
{
  char *normalized = NULL;
  char *host = NULL;
  guint32 value;

  if (!split_url (url, &normalized, &host))
    return FALSE;
  value = make_value (self, score, description);
  store_value (self->urls, normalized, value);
  store_value (self->url_hosts, host, value);
  return TRUE;
}

gboolean
_taiou_ioc_set_add_file_name (TaiouIocSet  *self,
                              const char   *pattern,
                              int           score,
                              const char   *false_positive_pattern,
                              const char   *description,
                              GError      **error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GRegex) false_positive = NULL;
  FileNameIoc *ioc;

  /* Loki matches file-name IOCs case-insensitively against the whole path.  RAW: paths are
   * bytes, not necessarily UTF-8. */
  regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, error);
  if (regex == NULL)
    return FALSE;
  if (false_positive_pattern != NULL && false_positive_pattern[0] != '\0')
    {
      false_positive = g_regex_new (false_positive_pattern, G_REGEX_CASELESS | G_REGEX_RAW, 0,
                                    error);
      if (false_positive == NULL)
        return FALSE;
    }

  ioc = g_new0 (FileNameIoc, 1);
  ioc->regex = g_steal_pointer (&regex);
  ioc->false_positive = g_steal_pointer (&false_positive);
  ioc->value = make_value (self, score, description);
  g_ptr_array_add (self->file_names, ioc);
  return TRUE;
}

/* A batch's description number → the set's, for taiou_digest_table_take_staged(). */
static guint32
map_batch_value (guint32  value,
                 gpointer data)
{
  const guint32 *indices = data;

  return (indices[(value >> SCORE_BITS) - 1] << SCORE_BITS) | (value & SCORE_MASK);
}

/* Stages a batch's hashes after those staged so far; see taiou-ioc-batch.c. */
void
_taiou_ioc_set_add_batch (TaiouIocSet   *self,
                          TaiouIocBatch *batch)
{
  GPtrArray *descriptions = _taiou_ioc_batch_get_descriptions (batch);
  g_autofree guint32 *indices = g_new (guint32, descriptions->len + 1);
  static const gsize lengths[] = { 16, 20, 32 };

  /* Numbered in the order the batch met them, as make_value() would have met them. */
  for (guint i = 0; i < descriptions->len; i++)
    indices[i] = make_value (self, 0, descriptions->pdata[i]) >> SCORE_BITS;
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      TaiouIocKind kind;

      taiou_digest_table_take_staged (table_for_length (self, lengths[i], &kind),
                                      _taiou_ioc_batch_get_table (batch, lengths[i]),
                                      map_batch_value, indices);
    }
}

/* Makes the staged hashes visible; the readers call it at the end of every file. */
void
_taiou_ioc_set_commit (TaiouIocSet *self)
{
  taiou_digest_table_commit (self->md5, merge_values);
  taiou_digest_table_commit (self->sha1, merge_values);
  taiou_digest_table_commit (self->sha256, merge_values);
}

gsize
taiou_ioc_set_count (TaiouIocSet  *self,
                     TaiouIocKind  kind)
{
  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), 0);

  switch (kind)
    {
    case TAIOU_IOC_KIND_MD5:
      return taiou_digest_table_size (self->md5);
    case TAIOU_IOC_KIND_SHA1:
      return taiou_digest_table_size (self->sha1);
    case TAIOU_IOC_KIND_SHA256:
      return taiou_digest_table_size (self->sha256);
    case TAIOU_IOC_KIND_IP:
      return self->n_networks;
    case TAIOU_IOC_KIND_DOMAIN:
      return g_hash_table_size (self->domains);
    case TAIOU_IOC_KIND_URL:
      return g_hash_table_size (self->urls);
    case TAIOU_IOC_KIND_URL_HOST:
      return g_hash_table_size (self->url_hosts);
    case TAIOU_IOC_KIND_FILENAME:
      return self->file_names->len;
    case TAIOU_IOC_N_KINDS:
    default:
      g_return_val_if_reached (0);
    }
}

/* Whether a file walk needs to hash files at all. */
gboolean
taiou_ioc_set_has_hashes (TaiouIocSet *self)
{
  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), FALSE);

  return taiou_digest_table_size (self->md5) + taiou_digest_table_size (self->sha1) +
         taiou_digest_table_size (self->sha256) > 0;
}

/* @length: 16 (MD5), 20 (SHA-1) or 32 (SHA-256) bytes */
gboolean
taiou_ioc_set_lookup_digest (TaiouIocSet   *self,
                             const guint8  *digest,
                             gsize          length,
                             TaiouIocMatch *match)
{
  TaiouIocKind kind;
  TaiouDigestTable *table;
  guint32 value;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);

  table = table_for_length (self, length, &kind);
  if (table == NULL || !taiou_digest_table_lookup (table, digest, &value))
    return FALSE;
  return unpack_value (self, kind, value, match);
}

gboolean
taiou_ioc_set_lookup_hash_hex (TaiouIocSet   *self,
                               const char    *hex,
                               TaiouIocMatch *match)
{
  guint8 digest[32];
  gsize length;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), FALSE);
  g_return_val_if_fail (hex != NULL, FALSE);

  length = strlen (hex);
  if (length > 64 || !_taiou_hex_decode (hex, length, digest))
    return FALSE;
  return taiou_ioc_set_lookup_digest (self, digest, length / 2, match);
}

/* Whether a hash is on a Loki "falsepositive" list: never report it. */
gboolean
taiou_ioc_set_is_false_positive (TaiouIocSet *self,
                                 const char  *hex)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), FALSE);
  g_return_val_if_fail (hex != NULL, FALSE);

  lower = g_ascii_strdown (hex, -1);
  return g_hash_table_contains (self->false_positives, lower);
}

/* Longest matching prefix first, so a listed host wins over a listed network. */
gboolean
taiou_ioc_set_lookup_ip (TaiouIocSet   *self,
                         const char    *text,
                         TaiouIocMatch *match)
{
  g_autoptr(GInetAddress) address = NULL;
  const guint8 *bytes;
  gpointer value;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  address = g_inet_address_new_from_string (text);
  if (address == NULL)
    return FALSE;
  bytes = g_inet_address_to_bytes (address);

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    {
      guint32 host = ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
                     ((guint32) bytes[2] << 8) | bytes[3];

      for (int prefix = 32; prefix >= 0; prefix--)
        if (self->ipv4[prefix] != NULL &&
            g_hash_table_lookup_extended (self->ipv4[prefix],
                                          GUINT_TO_POINTER (host & ipv4_mask ((guint) prefix)),
                                          NULL, &value))
          return unpack_value (self, TAIOU_IOC_KIND_IP, GPOINTER_TO_UINT (value), match);
    }
  else
    {
      for (int prefix = 128; prefix >= 0; prefix--)
        {
          g_autoptr(GBytes) key = NULL;

          if (self->ipv6[prefix] == NULL)
            continue;
          key = masked_ipv6 (bytes, (guint) prefix);
          if (g_hash_table_lookup_extended (self->ipv6[prefix], key, NULL, &value))
            return unpack_value (self, TAIOU_IOC_KIND_IP, GPOINTER_TO_UINT (value), match);
        }
    }
  return FALSE;
}

/* A listed domain also matches its subdomains: "evil.example" lists "cdn.evil.example". */
gboolean
taiou_ioc_set_lookup_domain (TaiouIocSet   *self,
                             const char    *host,
                             TaiouIocMatch *match)
{
  g_autofree char *normalized = NULL;
  gpointer value;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  normalized = normalize_host (host, -1);
  if (normalized == NULL)
    return FALSE;
  for (const char *suffix = normalized; suffix != NULL; )
    {
      const char *dot = strchr (suffix, '.');

      if (dot == NULL)
        break; /* a bare top-level domain is never an indicator */
      if (g_hash_table_lookup_extended (self->domains, suffix, NULL, &value))
        return unpack_value (self, TAIOU_IOC_KIND_DOMAIN, GPOINTER_TO_UINT (value), match);
      suffix = dot + 1;
    }
  return FALSE;
}

/* The exact URL first; otherwise its host, if a listed URL was on that host. */
gboolean
taiou_ioc_set_lookup_url (TaiouIocSet   *self,
                          const char    *url,
                          TaiouIocMatch *match)
{
  g_autofree char *normalized = NULL;
  g_autofree char *host = NULL;
  gpointer value;

  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!split_url (url, &normalized, &host))
    return FALSE;
  if (g_hash_table_lookup_extended (self->urls, normalized, NULL, &value))
    return unpack_value (self, TAIOU_IOC_KIND_URL, GPOINTER_TO_UINT (value), match);
  if (g_hash_table_lookup_extended (self->url_hosts, host, NULL, &value))
    return unpack_value (self, TAIOU_IOC_KIND_URL_HOST, GPOINTER_TO_UINT (value), match);
  return FALSE;
}

/**
 * taiou_ioc_set_match_file_name:
 * @path: a full path, as Loki matches it
 *
 * Returns: (transfer full) (element-type TaiouIocMatch): every file-name IOC that matches
 *   @path and whose false-positive pattern does not; empty when none do
 */
GArray *
taiou_ioc_set_match_file_name (TaiouIocSet *self,
                               const char  *path)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (TaiouIocMatch));

  g_return_val_if_fail (TAIOU_IS_IOC_SET (self), matches);
  g_return_val_if_fail (path != NULL, matches);

  for (guint i = 0; i < self->file_names->len; i++)
    {
      FileNameIoc *ioc = g_ptr_array_index (self->file_names, i);
      TaiouIocMatch match;

      if (!g_regex_match (ioc->regex, path, 0, NULL))
        continue;
      if (ioc->false_positive != NULL && g_regex_match (ioc->false_positive, path, 0, NULL))
        continue;
      unpack_value (self, TAIOU_IOC_KIND_FILENAME, ioc->value, &match);
      g_array_append_val (matches, match);
    }
  return matches;
}
