/* taiou-test-chain.h — a timeline with chosen times, hosts and actors, for golden exports and
 * benchmarks: the rows are written straight into SQLite with the real chain hashes, so the
 * database verifies as if Taiou had appended them. */
#pragma once

#include "taiou.h"

G_BEGIN_DECLS

typedef struct _TaiouTestChain TaiouTestChain;

TaiouTestChain *taiou_test_chain_open         (const char     *path);
gint64          taiou_test_chain_add_incident (TaiouTestChain *chain,
                                               const char     *uuid,
                                               const char     *title,
                                               gint64          created_us,
                                               gint64          discovered_us,
                                               const char     *host,
                                               const char     *reporter);
void            taiou_test_chain_add_event    (TaiouTestChain *chain,
                                               gint64          incident_id,
                                               gint64          time_us,
                                               const char     *kind,
                                               const char     *actor,
                                               const char     *host,
                                               const char     *summary,
                                               const char     *detail);
void            taiou_test_chain_close        (TaiouTestChain *chain);

G_END_DECLS
