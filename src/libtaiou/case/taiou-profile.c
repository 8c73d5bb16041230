/* taiou-profile.c — "us": the organisation whose case this is
 *
 * A mail check needs our domains and the names people know us by to see a mail pretending to
 * come from us; a notice needs our name, domains and whom to contact.  Both read them here.
 * The app binds these properties to its settings (Preferences), the CLI fills them from its
 * flags and those settings; the library itself never names the app's settings schema, so a
 * test or another front-end can describe "us" without one.
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include "taiou-profile.h"

/* The plain text properties, in the order of the enum below. */
enum {
  TEXT_ORGANIZATION,
  TEXT_CONTACT_DEPARTMENT,
  TEXT_CONTACT_NAME,
  TEXT_CONTACT_PHONE,
  TEXT_CONTACT_EMAIL,
  TEXT_NOTICE_SENDER,
  N_TEXTS
};

static const char * const text_property_names[N_TEXTS] = {
  "organization",
  "contact-department",
  "contact-name",
  "contact-phone",
  "contact-email",
  "notice-sender",
};

struct _TaiouProfile
{
  GObject   parent_instance;

  char     *texts[N_TEXTS];  /* never NULL: "" when unknown */
  GStrv     mail_domains;    /* never NULL */
  GStrv     staff_names;     /* never NULL */
  GStrv     trusted_authserv_ids;  /* never NULL */
};

G_DEFINE_FINAL_TYPE (TaiouProfile, taiou_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIRST_TEXT,
  PROP_LAST_TEXT = PROP_FIRST_TEXT + N_TEXTS - 1,
  PROP_MAIL_DOMAINS,
  PROP_STAFF_NAMES,
  PROP_TRUSTED_AUTHSERV_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_text (TaiouProfile *self,
          guint         text,
          const char   *value)
{
  g_assert (text < N_TEXTS);

  if (value == NULL)
    value = "";
  if (g_strcmp0 (self->texts[text], value) == 0)
    return;
  g_free (self->texts[text]);
  self->texts[text] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + text]);
}

/* Empty entries carry no meaning (an empty Preferences row) and would match everything. */
static GStrv
copy_non_blank (const char * const *values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (*values[i] != '\0')
      g_strv_builder_add (builder, values[i]);
  return g_strv_builder_end (builder);
}

static gboolean
replace_list (GStrv              *list,
              const char * const *values)
{
  g_auto(GStrv) copy = copy_non_blank (values);

  if (g_strv_equal ((const char * const *) *list, (const char * const *) copy))
    return FALSE;
  g_strfreev (*list);
  *list = g_steal_pointer (&copy);
  return TRUE;
}

static gboolean
append_to_list (GStrv      *list,
                const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *one[] = { value, NULL };
  g_auto(GStrv) added = copy_non_blank (one);

  if (added[0] == NULL || g_strv_contains ((const char * const *) *list, added[0]))
    return FALSE;
  g_strv_builder_addv (builder, (const char **) *list);
  g_strv_builder_add (builder, added[0]);
  g_strfreev (*list);
  *list = g_strv_builder_end (builder);
  return TRUE;
}

static void
taiou_profile_finalize (GObject *object)
{
  TaiouProfile *self = TAIOU_PROFILE (object);

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  g_strfreev (self->mail_domains);
  g_strfreev (self->staff_names);
  g_strfreev (self->trusted_authserv_ids);

  G_OBJECT_CLASS (taiou_profile_parent_class)->finalize (object);
}

static void
taiou_profile_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TaiouProfile *self = TAIOU_PROFILE (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id <= PROP_LAST_TEXT)
    g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
  else if (prop_id == PROP_MAIL_DOMAINS)
    g_value_set_boxed (value, self->mail_domains);
  else if (prop_id == PROP_STAFF_NAMES)
    g_value_set_boxed (value, self->staff_names);
  else if (prop_id == PROP_TRUSTED_AUTHSERV_IDS)
    g_value_set_boxed (value, self->trusted_authserv_ids);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
taiou_profile_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TaiouProfile *self = TAIOU_PROFILE (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id <= PROP_LAST_TEXT)
    set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
  else if (prop_id == PROP_MAIL_DOMAINS)
    taiou_profile_set_mail_domains (self, g_value_get_boxed (value));
  else if (prop_id == PROP_STAFF_NAMES)
    taiou_profile_set_staff_names (self, g_value_get_boxed (value));
  else if (prop_id == PROP_TRUSTED_AUTHSERV_IDS)
    taiou_profile_set_trusted_authserv_ids (self, g_value_get_boxed (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
taiou_profile_class_init (TaiouProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = taiou_profile_finalize;
  object_class->get_property = taiou_profile_get_property;
  object_class->set_property = taiou_profile_set_property;

  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] = g_param_spec_string (text_property_names[i], NULL, NULL,
                                                           "", flags);
  properties[PROP_MAIL_DOMAINS] = g_param_spec_boxed ("mail-domains", NULL, NULL, G_TYPE_STRV,
                                                      flags);
  properties[PROP_STAFF_NAMES] = g_param_spec_boxed ("staff-names", NULL, NULL, G_TYPE_STRV,
                                                     flags);
  /* The mail servers whose Authentication-Results the mail check believes. */
  properties[PROP_TRUSTED_AUTHSERV_IDS] = g_param_spec_boxed ("trusted-authserv-ids", NULL,
                                                              NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
taiou_profile_init (TaiouProfile *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  self->mail_domains = g_new0 (char *, 1);
  self->staff_names = g_new0 (char *, 1);
  self->trusted_authserv_ids = g_new0 (char *, 1);
}

TaiouProfile *
taiou_profile_new (void)
{
  return g_object_new (TAIOU_TYPE_PROFILE, NULL);
}

const char *
taiou_profile_get_organization (TaiouProfile *self)
{
  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);
  return self->texts[TEXT_ORGANIZATION];
}

void
taiou_profile_set_organization (TaiouProfile *self,
                                const char   *organization)
{
  g_return_if_fail (TAIOU_IS_PROFILE (self));
  set_text (self, TEXT_ORGANIZATION, organization);
}

/* Returns: (transfer none): our mail domains, never NULL, without blank entries */
const char * const *
taiou_profile_get_mail_domains (TaiouProfile *self)
{
  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);
  return (const char * const *) self->mail_domains;
}

void
taiou_profile_set_mail_domains (TaiouProfile       *self,
                                const char * const *domains)
{
  g_return_if_fail (TAIOU_IS_PROFILE (self));
  if (replace_list (&self->mail_domains, domains))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAIL_DOMAINS]);
}

/* Adds @domain unless it is blank or already there (the CLI's --our-domain). */
void
taiou_profile_add_mail_domain (TaiouProfile *self,
                               const char   *domain)
{
  g_return_if_fail (TAIOU_IS_PROFILE (self));
  if (append_to_list (&self->mail_domains, domain))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAIL_DOMAINS]);
}

/* Returns: (transfer none): colleagues' display names, never NULL */
const char * const *
taiou_profile_get_staff_names (TaiouProfile *self)
{
  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);
  return (const char * const *) self->staff_names;
}

void
taiou_profile_set_staff_names (TaiouProfile       *self,
                               const char * const *names)
{
  g_return_if_fail (TAIOU_IS_PROFILE (self));
  if (replace_list (&self->staff_names, names))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_NAMES]);
}

/* Adds @name unless it is blank or already there (the CLI's --our-name). */
void
taiou_profile_add_staff_name (TaiouProfile *self,
                              const char   *name)
{
  g_return_if_fail (TAIOU_IS_PROFILE (self));
  if (append_to_list (&self->staff_names, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_NAMES]);
}

/* Returns: (transfer none): the authserv-ids of our own mail servers, never NULL */
const char * const *
taiou_profile_get_trusted_authserv_ids (TaiouProfile *self)
{
  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);
  return (const char * const *) self->trusted_authserv_ids;
}

void
taiou_profile_set_trusted_authserv_ids (TaiouProfile       *self,
                                        const char * const *ids)
{
  g_return_if_fail (TAIOU_IS_PROFILE (self));
  if (replace_list (&self->trusted_authserv_ids, ids))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUSTED_AUTHSERV_IDS]);
}

/* Adds @id unless it is blank or already there (the CLI's --trusted-authserv-id). */
void
taiou_profile_add_trusted_authserv_id (TaiouProfile *self,
                                       const char   *id)
{
  g_return_if_fail (TAIOU_IS_PROFILE (self));
  if (append_to_list (&self->trusted_authserv_ids, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUSTED_AUTHSERV_IDS]);
}

const char *
taiou_profile_get_contact_department (TaiouProfile *self)
{
  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);
  return self->texts[TEXT_CONTACT_DEPARTMENT];
}

const char *
taiou_profile_get_contact_name (TaiouProfile *self)
{
  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);
  return self->texts[TEXT_CONTACT_NAME];
}

const char *
taiou_profile_get_contact_phone (TaiouProfile *self)
{
  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);
  return self->texts[TEXT_CONTACT_PHONE];
}

const char *
taiou_profile_get_contact_email (TaiouProfile *self)
{
  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);
  return self->texts[TEXT_CONTACT_EMAIL];
}

const char *
taiou_profile_get_notice_sender (TaiouProfile *self)
{
  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);
  return self->texts[TEXT_NOTICE_SENDER];
}

/**
 * taiou_profile_dup_display_names:
 *
 * The names a mail "from us" would show: every colleague's, then the organisation's.  A mail
 * showing one of them with a foreign address is pretending to be us.
 *
 * Returns: (transfer full): a NULL-terminated list, possibly empty
 */
char **
taiou_profile_dup_display_names (TaiouProfile *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TAIOU_IS_PROFILE (self), NULL);

  g_strv_builder_addv (builder, (const char **) self->staff_names);
  if (*self->texts[TEXT_ORGANIZATION] != '\0')
    g_strv_builder_add (builder, self->texts[TEXT_ORGANIZATION]);
  return g_strv_builder_end (builder);
}
