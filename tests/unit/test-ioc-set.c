/* test-ioc-set.c — IOC formats, lookups and hostile lines */
#define G_LOG_DOMAIN "test-ioc-set"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "taiou-test-util.h"

#define SHA256_A "0f6ac1b1a7e1c2f1a1ca3ad7b6b5a1b0c9f3e2d1c0b9a8f7e6d5c4b3a2918070"
#define SHA256_B "aa6ac1b1a7e1c2f1a1ca3ad7b6b5a1b0c9f3e2d1c0b9a8f7e6d5c4b3a29180ff"
#define SHA1_A   "3395856ce81f2b7382dee72602f798b642f14140"
#define MD5_A    "44d88612fea8a8f36de82e1278abb02f"

static TaiouIocLoadReport *
load (TaiouIocSet    *set,
      const char     *source,
      const char     *data,
      TaiouIocFormat  format)
{
  g_autoptr(GError) error = NULL;
  TaiouIocLoadReport *report = taiou_ioc_set_load_data (set, source, data, strlen (data),
                                                        format, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_problem (TaiouIocLoadReport *report,
                const char         *expected)
{
  for (guint i = 0; i < report->problems->len; i++)
    if (strstr (report->problems->pdata[i], expected) != NULL)
      return;
  g_error ("no problem mentions “%s”", expected);
}

static void
test_loki_hash (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  TaiouIocMatch match;

  report = load (set, "hash-iocs.txt",
                 "# Loki hash IOCs\n"
                 "\n"
                 SHA256_A ";Emotet loader 2022\n"
                 SHA1_A ";75;Emotet; dropped DLL\n"
                 MD5_A ";EICAR\r\n"
                 "nothex;whatever\n"
                 "abcd;too short\n",
                 TAIOU_IOC_FORMAT_LOKI_HASH);
  g_assert_cmpuint (report->n_loaded, ==, 3);
  g_assert_cmpuint (report->n_bad, ==, 2);
  assert_problem (report, "hash-iocs.txt:6:");
  assert_problem (report, "hash-iocs.txt:7:");

  g_assert_true (taiou_ioc_set_has_hashes (set));
  g_assert_cmpuint (taiou_ioc_set_count (set, TAIOU_IOC_KIND_SHA256), ==, 1);
  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, SHA256_A, &match));
  g_assert_cmpint (match.kind, ==, TAIOU_IOC_KIND_SHA256);
  g_assert_cmpint (match.score, ==, 100);
  g_assert_cmpstr (match.description, ==, "Emotet loader 2022");

  /* Case does not matter; the description keeps its semicolons. */
  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, "3395856CE81F2B7382DEE72602F798B642F14140",
                                                &match));
  g_assert_cmpint (match.kind, ==, TAIOU_IOC_KIND_SHA1);
  g_assert_cmpint (match.score, ==, 75);
  g_assert_cmpstr (match.description, ==, "Emotet; dropped DLL");

  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, MD5_A, &match));
  g_assert_cmpstr (match.description, ==, "EICAR");

  g_assert_false (taiou_ioc_set_lookup_hash_hex (set, SHA256_B, &match));
  g_assert_false (taiou_ioc_set_lookup_hash_hex (set, "zz", &match));
}

static void
test_duplicates_keep_highest_score (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) first = load (set, "a.txt", SHA256_A ";40;weak\n",
                                              TAIOU_IOC_FORMAT_LOKI_HASH);
  g_autoptr(TaiouIocLoadReport) second = load (set, "b.txt", SHA256_A ";90;strong\n"
                                               SHA256_A ";10;weaker\n",
                                               TAIOU_IOC_FORMAT_LOKI_HASH);
  TaiouIocMatch match;

  g_assert_cmpuint (taiou_ioc_set_count (set, TAIOU_IOC_KIND_SHA256), ==, 1);
  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, SHA256_A, &match));
  g_assert_cmpint (match.score, ==, 90);
  g_assert_cmpstr (match.description, ==, "strong");
}

static void
test_false_positive_list (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = load (set, "/x/hash-iocs-falsepositives.txt",
                                               SHA256_B ";known good installer\n",
                                               TAIOU_IOC_FORMAT_LOKI_HASH);

  g_assert_cmpuint (report->n_loaded, ==, 1);
  g_assert_true (taiou_ioc_set_is_false_positive (set, SHA256_B));
  g_assert_false (taiou_ioc_set_lookup_hash_hex (set, SHA256_B, NULL));
  g_assert_false (taiou_ioc_set_has_hashes (set));
  g_assert_false (taiou_ioc_set_is_false_positive (set, SHA256_A));
}

static void
test_loki_file_name (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(GArray) hit = NULL;
  g_autoptr(GArray) allowed = NULL;
  g_autoptr(GArray) miss = NULL;

  report = load (set, "filename-iocs.txt",
                 "# Emotet DLL started by regsvr32 from a random folder\n"
                 "\\\\AppData\\\\Local\\\\[A-Za-z]{4,16}\\\\[A-Za-z]{3,15}\\.[a-z]{3}$;70;"
                 "\\\\AppData\\\\Local\\\\Microsoft\\\\\n"
                 "[unclosed;50\n"
                 "no-score-here\n",
                 TAIOU_IOC_FORMAT_LOKI_FILENAME);
  g_assert_cmpuint (report->n_loaded, ==, 1);
  g_assert_cmpuint (report->n_bad, ==, 2);
  assert_problem (report, "filename-iocs.txt:3: bad regular expression");
  assert_problem (report, "filename-iocs.txt:4:");

  hit = taiou_ioc_set_match_file_name (set, "C:\\Users\\taro\\AppData\\Local\\Qwerty\\Abcdef.xyz");
  g_assert_cmpuint (hit->len, ==, 1);
  g_assert_cmpint (g_array_index (hit, TaiouIocMatch, 0).score, ==, 70);
  g_assert_cmpstr (g_array_index (hit, TaiouIocMatch, 0).description, ==,
                   "Emotet DLL started by regsvr32 from a random folder");
  /* Case-insensitive, like Loki; the false-positive pattern vetoes. */
  allowed = taiou_ioc_set_match_file_name (set,
                                           "c:\\users\\taro\\appdata\\local\\microsoft\\Abcdef.xyz");
  g_assert_cmpuint (allowed->len, ==, 0);
  miss = taiou_ioc_set_match_file_name (set, "C:\\Windows\\notepad.exe");
  g_assert_cmpuint (miss->len, ==, 0);
}

static void
test_loki_c2 (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  TaiouIocMatch match;

  report = load (set, "c2-iocs.txt",
                 "# C2 servers\n"
                 "203.0.113.7\n"
                 "198.51.100.0/24;60\n"
                 "198.51.100.9;95\n"
                 "2001:db8:bad::/48;70\n"
                 "evil-c2.example;80\n"
                 "203.0.113.8;notanumber\n"
                 "not a server!\n",
                 TAIOU_IOC_FORMAT_LOKI_C2);
  g_assert_cmpuint (report->n_loaded, ==, 5);
  g_assert_cmpuint (report->n_bad, ==, 2);

  g_assert_true (taiou_ioc_set_lookup_ip (set, "203.0.113.7", &match));
  g_assert_cmpint (match.score, ==, 100);
  g_assert_false (taiou_ioc_set_lookup_ip (set, "203.0.113.6", NULL));
  /* Longest prefix first: the listed host wins over its network. */
  g_assert_true (taiou_ioc_set_lookup_ip (set, "198.51.100.9", &match));
  g_assert_cmpint (match.score, ==, 95);
  g_assert_true (taiou_ioc_set_lookup_ip (set, "198.51.100.200", &match));
  g_assert_cmpint (match.score, ==, 60);
  g_assert_false (taiou_ioc_set_lookup_ip (set, "198.51.101.1", NULL));
  g_assert_true (taiou_ioc_set_lookup_ip (set, "2001:db8:bad:1::5", &match));
  g_assert_cmpint (match.score, ==, 70);
  g_assert_false (taiou_ioc_set_lookup_ip (set, "2001:db8:bae::1", NULL));
  g_assert_false (taiou_ioc_set_lookup_ip (set, "not an address", NULL));

  g_assert_true (taiou_ioc_set_lookup_domain (set, "EVIL-C2.example.", &match));
  g_assert_cmpint (match.kind, ==, TAIOU_IOC_KIND_DOMAIN);
  g_assert_true (taiou_ioc_set_lookup_domain (set, "cdn.evil-c2.example", NULL));
  g_assert_false (taiou_ioc_set_lookup_domain (set, "notevil-c2.example", NULL));
  g_assert_false (taiou_ioc_set_lookup_domain (set, "example", NULL));
}

static void
test_feodo_json (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  TaiouIocMatch match;

  report = load (set, "ipblocklist.json",
                 "[{\"ip_address\": \"192.0.2.10\", \"port\": 8080, \"status\": \"online\","
                 "  \"hostname\": null, \"as_number\": 64500, \"as_name\": \"TEST\","
                 "  \"country\": \"JP\", \"first_seen\": \"2022-11-02 10:00:00\","
                 "  \"last_online\": \"2022-11-20\", \"malware\": \"Emotet\"},"
                 " {\"ip_address\": \"192.0.2.11\", \"status\": \"offline\", \"malware\": \"QakBot\"},"
                 " {\"port\": 443},"
                 " \"junk\","
                 " {\"ip_address\": \"999.1.1.1\"}]",
                 TAIOU_IOC_FORMAT_AUTO);
  g_assert_cmpint (report->format, ==, TAIOU_IOC_FORMAT_FEODO_JSON);
  g_assert_cmpuint (report->n_loaded, ==, 2);
  g_assert_cmpuint (report->n_bad, ==, 3);
  g_assert_true (taiou_ioc_set_lookup_ip (set, "192.0.2.10", &match));
  g_assert_cmpint (match.score, ==, 100);
  g_assert_cmpstr (match.description, ==, "Feodo Tracker: Emotet C2");
  g_assert_true (taiou_ioc_set_lookup_ip (set, "192.0.2.11", &match));
  g_assert_cmpint (match.score, <, 100);
}

static void
test_feodo_csv (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  TaiouIocMatch match;

  report = load (set, "ipblocklist.csv",
                 "################################################################\n"
                 "# abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)           #\n"
                 "################################################################\n"
                 "#\n"
                 "# \"first_seen_utc\",\"dst_ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"\n"
                 "\"2022-11-02 10:00:00\",\"192.0.2.20\",\"443\",\"online\",\"2022-11-20\",\"Emotet\"\n"
                 "\"2022-11-02 10:00:00\",\"192.0.2.999\",\"443\",\"online\",\"2022-11-20\",\"Emotet\"\n"
                 "\"short\",\"line\"\n",
                 TAIOU_IOC_FORMAT_AUTO);
  g_assert_cmpint (report->format, ==, TAIOU_IOC_FORMAT_FEODO_CSV);
  g_assert_cmpuint (report->n_loaded, ==, 1);
  g_assert_cmpuint (report->n_bad, ==, 2);
  assert_problem (report, "ipblocklist.csv:7:");
  g_assert_true (taiou_ioc_set_lookup_ip (set, "192.0.2.20", &match));
  g_assert_cmpstr (match.description, ==, "Feodo Tracker: Emotet C2 (port 443)");
}

static void
test_malwarebazaar_csv (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  TaiouIocMatch match;

  report = load (set, "recent.csv",
                 "################################################################\n"
                 "# MalwareBazaar recent malware samples (CSV)                    #\n"
                 "# \"first_seen_utc\",\"sha256_hash\",\"md5_hash\",\"sha1_hash\",\"reporter\","
                 "\"file_name\",\"file_type_guess\",\"mime_type\",\"signature\",\"clamav\","
                 "\"vtpercent\",\"imphash\",\"ssdeep\",\"tlsh\"\n"
                 "\"2022-11-03 08:00:00\",\"" SHA256_A "\",\"" MD5_A "\",\"" SHA1_A "\","
                 "\"anon\",\"請求書.xls\",\"xls\",\"application/vnd.ms-excel\",\"Emotet\","
                 "\"n/a\",\"n/a\",\"n/a\",\"n/a\",\"n/a\"\n"
                 "\"2022-11-03 08:00:00\",\"nohash\",\"\",\"\",\"anon\",\"x\",\"x\",\"x\","
                 "\"n/a\",\"n/a\",\"n/a\",\"n/a\",\"n/a\",\"n/a\"\n",
                 TAIOU_IOC_FORMAT_AUTO);
  g_assert_cmpint (report->format, ==, TAIOU_IOC_FORMAT_MALWAREBAZAAR_CSV);
  g_assert_cmpuint (report->n_loaded, ==, 1);
  g_assert_cmpuint (report->n_bad, ==, 1);
  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, SHA256_A, &match));
  g_assert_cmpstr (match.description, ==, "MalwareBazaar: Emotet");
  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, MD5_A, NULL));
  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, SHA1_A, NULL));
}

static void
test_sha256_list (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = load (set, "sha256_hashes.txt",
                                               "# MalwareBazaar SHA256 hashes\n"
                                               SHA256_A "\n" SHA256_B "\n" MD5_A "\n",
                                               TAIOU_IOC_FORMAT_AUTO);

  g_assert_cmpint (report->format, ==, TAIOU_IOC_FORMAT_SHA256_LIST);
  g_assert_cmpuint (report->n_loaded, ==, 2);
  g_assert_cmpuint (report->n_bad, ==, 1);
  assert_problem (report, "sha256_hashes.txt:4:");
}

static void
test_urlhaus_csv (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  TaiouIocMatch match;

  report = load (set, "csv.txt",
                 "# abuse.ch URLhaus Database Dump (CSV)\n"
                 "# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter\n"
                 "\"1\",\"2022-11-02\",\"http://Bad.Example:8080/wp/INVOICE.zip\",\"online\","
                 "\"2022-11-03\",\"malware_download\",\"emotet,zip\","
                 "\"https://urlhaus.abuse.ch/url/1/\",\"anon\"\n"
                 "\"2\",\"2022-11-02\",\"not a url\",\"online\",\"\",\"malware_download\",\"\","
                 "\"\",\"anon\"\n",
                 TAIOU_IOC_FORMAT_AUTO);
  g_assert_cmpint (report->format, ==, TAIOU_IOC_FORMAT_URLHAUS_CSV);
  g_assert_cmpuint (report->n_loaded, ==, 1);
  g_assert_cmpuint (report->n_bad, ==, 1);

  /* Scheme and host are case-insensitive, the path is not. */
  g_assert_true (taiou_ioc_set_lookup_url (set, "HTTP://bad.example:8080/wp/INVOICE.zip", &match));
  g_assert_cmpint (match.kind, ==, TAIOU_IOC_KIND_URL);
  g_assert_cmpstr (match.description, ==, "URLhaus: malware_download (emotet,zip)");
  g_assert_true (taiou_ioc_set_lookup_url (set, "https://user@bad.example/other", &match));
  g_assert_cmpint (match.kind, ==, TAIOU_IOC_KIND_URL_HOST);
  g_assert_false (taiou_ioc_set_lookup_url (set, "http://good.example/wp/INVOICE.zip", NULL));
  g_assert_false (taiou_ioc_set_lookup_url (set, "bad.example", NULL));
}

static void
test_taiou_json (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(GArray) names = NULL;
  g_autoptr(GError) error = NULL;
  TaiouIocMatch match;

  report = load (set, "bundled.json",
                 "{\"format\": \"taiou-ioc\", \"version\": 1, \"source\": \"test\", \"iocs\": ["
                 " {\"type\": \"sha256\", \"value\": \"" SHA256_A "\", \"score\": 90,"
                 "  \"description\": \"Emotet 2022\"},"
                 " {\"type\": \"cidr\", \"value\": \"192.0.2.0/28\"},"
                 " {\"type\": \"domain\", \"value\": \"evil.example\"},"
                 " {\"type\": \"url\", \"value\": \"https://evil.example/a.one\"},"
                 " {\"type\": \"filename\", \"value\": \"\\\\.pdf\\\\.exe$\", \"score\": 80},"
                 " {\"type\": \"sha256\", \"value\": \"xyz\"},"
                 " {\"type\": \"teleport\", \"value\": \"x\"},"
                 " {\"type\": \"md5\", \"value\": \"" MD5_A "\", \"score\": 101},"
                 " {\"value\": \"x\"}]}",
                 TAIOU_IOC_FORMAT_AUTO);
  g_assert_cmpint (report->format, ==, TAIOU_IOC_FORMAT_TAIOU_JSON);
  g_assert_cmpuint (report->n_loaded, ==, 5);
  g_assert_cmpuint (report->n_bad, ==, 4);
  assert_problem (report, "bundled.json:7: unknown type");

  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, SHA256_A, &match));
  g_assert_cmpint (match.score, ==, 90);
  g_assert_true (taiou_ioc_set_lookup_ip (set, "192.0.2.15", NULL));
  g_assert_false (taiou_ioc_set_lookup_ip (set, "192.0.2.16", NULL));
  g_assert_true (taiou_ioc_set_lookup_domain (set, "evil.example", NULL));
  names = taiou_ioc_set_match_file_name (set, "/home/taro/請求書.PDF.exe");
  g_assert_cmpuint (names->len, ==, 1);

  /* A file that is not this format at all is an error, not a report. */
  g_assert_null (taiou_ioc_set_load_data (set, "other.json", "{\"format\": \"other\"}", 19,
                                          TAIOU_IOC_FORMAT_TAIOU_JSON, &error));
  g_assert_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (taiou_ioc_set_load_data (set, "broken.json", "{\"iocs\": [", 10,
                                          TAIOU_IOC_FORMAT_AUTO, &error));
  g_assert_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_FORMAT);
  g_clear_error (&error);
  /* Found by fuzzing: blank JSON parses to no root node at all. */
  g_assert_null (taiou_ioc_set_load_data (set, "blank.json", " \n", 2,
                                          TAIOU_IOC_FORMAT_TAIOU_JSON, &error));
  g_assert_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (taiou_ioc_set_load_data (set, "empty.json", "", 0,
                                          TAIOU_IOC_FORMAT_FEODO_JSON, &error));
  g_assert_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_FORMAT);
}

static void
test_hostile_lines (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(GString) data = g_string_new (SHA256_A ";first\n");
  g_autoptr(GError) error = NULL;

  /* A 100 KB line, a NUL byte, invalid UTF-8, then a good line without a final newline. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (data, 'a');
  g_string_append (data, "\n");
  g_string_append_len (data, "ab\0cd;x\n", 8);
  g_string_append (data, "\xff\xfe;bad\n");
  g_string_append (data, SHA256_B ";last");

  report = taiou_ioc_set_load_data (set, "hostile.txt", data->str, data->len,
                                    TAIOU_IOC_FORMAT_LOKI_HASH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_loaded, ==, 2);
  g_assert_cmpuint (report->n_bad, ==, 3);
  assert_problem (report, "hostile.txt:2: line longer than");
  assert_problem (report, "hostile.txt:3: the line contains a NUL byte");
  assert_problem (report, "hostile.txt:4: not valid UTF-8");
  g_assert_true (taiou_ioc_set_lookup_hash_hex (set, SHA256_B, NULL));
}

static void
test_problems_are_capped (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(TaiouIocLoadReport) report = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (data, "garbage;line\n");
  report = load (set, "junk.txt", data->str, TAIOU_IOC_FORMAT_LOKI_HASH);
  g_assert_cmpuint (report->n_bad, ==, 5000);
  g_assert_cmpuint (report->problems->len, ==, TAIOU_IOC_MAX_PROBLEMS);
}

static void
test_detect (void)
{
  g_assert_cmpint (taiou_ioc_format_detect ("x/c2-iocs.txt", "1.2.3.4\n", 8), ==,
                   TAIOU_IOC_FORMAT_LOKI_C2);
  g_assert_cmpint (taiou_ioc_format_detect ("filename-iocs.txt", "# c\nx;50\n", 9), ==,
                   TAIOU_IOC_FORMAT_LOKI_FILENAME);
  g_assert_cmpint (taiou_ioc_format_detect ("list", "# c\n" SHA256_A ";desc\n", 72), ==,
                   TAIOU_IOC_FORMAT_LOKI_HASH);
  g_assert_cmpint (taiou_ioc_format_detect ("list", "10.0.0.0/8;50\n", 14), ==,
                   TAIOU_IOC_FORMAT_LOKI_C2);
  g_assert_cmpint (taiou_ioc_format_detect ("list", "hello world\n", 12), ==,
                   TAIOU_IOC_FORMAT_AUTO);
  g_assert_cmpint (taiou_ioc_format_detect ("list", "", 0), ==, TAIOU_IOC_FORMAT_AUTO);
}

static void
test_load_file_streams_across_chunks (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "big-hash-iocs.txt", NULL);
  g_autoptr(GString) data = g_string_new ("# many hashes\n");
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint8 digest[32];

  /* 30,000 lines ≈ 2 MB: lines cross the 1 MB read chunks. */
  for (guint i = 0; i < 30000; i++)
    {
      g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) &i,
                                                          sizeof i);
      g_string_append_printf (data, "%s;%u;sample %u\n", hex, 50 + i % 50, i % 7);
    }
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data->str, (gssize) data->len, NULL));

  report = taiou_ioc_set_load_file (set, path, TAIOU_IOC_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->format, ==, TAIOU_IOC_FORMAT_LOKI_HASH);
  g_assert_cmpuint (report->n_loaded, ==, 30000);
  g_assert_cmpuint (report->n_bad, ==, 0);
  g_assert_cmpuint (taiou_ioc_set_count (set, TAIOU_IOC_KIND_SHA256), ==, 30000);

  for (guint i = 0; i < 30000; i++)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      gsize length = sizeof digest;
      TaiouIocMatch match;

      g_checksum_update (checksum, (guint8 *) &i, sizeof i);
      g_checksum_get_digest (checksum, digest, &length);
      g_assert_true (taiou_ioc_set_lookup_digest (set, digest, 32, &match));
      g_assert_cmpint (match.score, ==, 50 + i % 50);
      digest[0] ^= 0xff;
      g_assert_false (taiou_ioc_set_lookup_digest (set, digest, 32, NULL));
    }
  g_remove (path);
}

static char *
sample_sha256 (guint i)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) &i, sizeof i);
}

/* A large hash file is read in parts, one thread each (on more than one core); in-memory data
 * is always read in one pass.  Both must give the same set and the same report: duplicates
 * across parts keep the first of equal scores, and problems have their line in the file. */
static void
test_load_file_in_parts_matches_one_pass (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "parts-hash-iocs.txt", NULL);
  g_autoptr(GString) data = g_string_new ("# hashes read in parts\n");
  g_autoptr(TaiouIocSet) in_parts = taiou_ioc_set_new ();
  g_autoptr(TaiouIocSet) one_pass = taiou_ioc_set_new ();
  g_autoptr(TaiouIocLoadReport) parts_report = NULL;
  g_autoptr(TaiouIocLoadReport) pass_report = NULL;
  g_autoptr(GError) error = NULL;

  /* ≈ 5 MB; the last 15,000 lines repeat hashes of the first, with equal, higher and lower
   * scores and other descriptions. */
  for (guint i = 0; i < 60000; i++)
    {
      g_autofree char *hex = sample_sha256 (i % 45000);

      if (i % 4999 == 0)
        g_string_append (data, "not-a-hash;80;bad\n");
      g_string_append_printf (data, "%s;%u;part %u sample %u\r\n", hex,
                              i < 45000 ? 60 : 50 + (i % 3) * 10, i / 45000, i % 13);
    }
  g_string_append_len (data, "ab\0cd;x\n", 8);
  g_string_append (data, SHA256_B ";last");
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data->str, (gssize) data->len, NULL));

  parts_report = taiou_ioc_set_load_file (in_parts, path, TAIOU_IOC_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  pass_report = taiou_ioc_set_load_data (one_pass, path, data->str, data->len,
                                         TAIOU_IOC_FORMAT_AUTO, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (parts_report->n_loaded, ==, 60001);
  g_assert_cmpuint (parts_report->n_loaded, ==, pass_report->n_loaded);
  g_assert_cmpuint (parts_report->n_bad, ==, 14);
  g_assert_cmpuint (parts_report->n_bad, ==, pass_report->n_bad);
  g_assert_cmpuint (parts_report->problems->len, ==, pass_report->problems->len);
  for (guint i = 0; i < parts_report->problems->len; i++)
    g_assert_cmpstr (parts_report->problems->pdata[i], ==, pass_report->problems->pdata[i]);
  assert_problem (parts_report, "parts-hash-iocs.txt:60015: the line contains a NUL byte");
  g_assert_cmpuint (taiou_ioc_set_count (in_parts, TAIOU_IOC_KIND_SHA256), ==, 45001);

  for (guint i = 0; i < 45000; i++)
    {
      g_autofree char *hex = sample_sha256 (i);
      TaiouIocMatch a, b;

      g_assert_true (taiou_ioc_set_lookup_hash_hex (in_parts, hex, &a));
      g_assert_true (taiou_ioc_set_lookup_hash_hex (one_pass, hex, &b));
      g_assert_cmpint (a.score, ==, b.score);
      g_assert_cmpstr (a.description, ==, b.description);
    }
  g_remove (path);
}

static void
test_load_file_errors (void)
{
  g_autoptr(TaiouIocSet) set = taiou_ioc_set_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TaiouIocLoadReport) report = NULL;

  report = taiou_ioc_set_load_file (set, "/nonexistent/hash-iocs.txt", TAIOU_IOC_FORMAT_AUTO,
                                    &error);
  g_assert_null (report);
  g_assert_error (error, TAIOU_IOC_ERROR, TAIOU_IOC_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/hash-iocs.txt"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taiou/ioc-set/loki-hash", test_loki_hash);
  g_test_add_func ("/taiou/ioc-set/duplicates-keep-highest-score",
                   test_duplicates_keep_highest_score);
  g_test_add_func ("/taiou/ioc-set/false-positive-list", test_false_positive_list);
  g_test_add_func ("/taiou/ioc-set/loki-file-name", test_loki_file_name);
  g_test_add_func ("/taiou/ioc-set/loki-c2", test_loki_c2);
  g_test_add_func ("/taiou/ioc-set/feodo-json", test_feodo_json);
  g_test_add_func ("/taiou/ioc-set/feodo-csv", test_feodo_csv);
  g_test_add_func ("/taiou/ioc-set/malwarebazaar-csv", test_malwarebazaar_csv);
  g_test_add_func ("/taiou/ioc-set/sha256-list", test_sha256_list);
  g_test_add_func ("/taiou/ioc-set/urlhaus-csv", test_urlhaus_csv);
  g_test_add_func ("/taiou/ioc-set/taiou-json", test_taiou_json);
  g_test_add_func ("/taiou/ioc-set/hostile-lines", test_hostile_lines);
  g_test_add_func ("/taiou/ioc-set/problems-are-capped", test_problems_are_capped);
  g_test_add_func ("/taiou/ioc-set/detect", test_detect);
  g_test_add_func ("/taiou/ioc-set/load-file-streams-across-chunks",
                   test_load_file_streams_across_chunks);
  g_test_add_func ("/taiou/ioc-set/load-file-in-parts-matches-one-pass",
                   test_load_file_in_parts_matches_one_pass);
  g_test_add_func ("/taiou/ioc-set/load-file-errors", test_load_file_errors);

  return g_test_run ();
}
