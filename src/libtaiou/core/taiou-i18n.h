/* taiou-i18n.h — binds the gettext domain for the app, the CLI and the tests alike */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     taiou_i18n_init             (void);
gboolean taiou_i18n_prefers_japanese (void);

G_END_DECLS
