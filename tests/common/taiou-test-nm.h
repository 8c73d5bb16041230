/* taiou-test-nm.h — a private D-Bus bus with a NetworkManager stand-in on it, for the tests */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TaiouTestNm TaiouTestNm;

typedef enum
{
  TAIOU_TEST_NM_BUS_ALLOWS_ENABLE = 0,
  /* The bus itself refuses Enable, as a system bus policy does: AccessDenied from the daemon. */
  TAIOU_TEST_NM_BUS_DENIES_ENABLE = 1 << 0,
} TaiouTestNmBusFlags;

TaiouTestNm *taiou_test_nm_start          (TaiouTestNmBusFlags  flags);
void         taiou_test_nm_serve          (TaiouTestNm         *self,
                                           const char          *enable_error);
guint        taiou_test_nm_get_n_enable   (TaiouTestNm         *self);
gboolean     taiou_test_nm_get_last_enable (TaiouTestNm        *self);
gboolean     taiou_test_nm_get_networking_enabled (TaiouTestNm *self);
const char  *taiou_test_nm_get_address    (TaiouTestNm         *self);
void         taiou_test_nm_stop           (TaiouTestNm         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouTestNm, taiou_test_nm_stop)

G_END_DECLS
