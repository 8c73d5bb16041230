/* taiou-password-generator-view.c — make a strong password, judge one, copy it for a minute
 *
 * Changing every password at once is when people pick weak ones.  This view makes a random one
 * (libtaiou's generator, on getrandom(2)), rates it — or one the worker types — with
 * libpwquality on the desktop's five levels, and copies it to the clipboard.
 *
 * Nothing here is stored or logged, and copies are kept short-lived:
 *   - the entry is a GtkPasswordEntry, whose buffer lives in non-pageable memory that GTK
 *     wipes; its undo history is off, as that would be a second, ordinary copy;
 *   - the string the generator returns is wiped as soon as the entry has it;
 *   - the clipboard gets bytes this view owns, wiped when the clipboard lets go of them, and
 *     is cleared after a minute — only if it still holds this view's content (the worker may
 *     have copied something else since; that is theirs).  The delay is the
 *     "clipboard-seconds" property so a test need not wait a minute;
 *   - the meter's verdict and the view's state are all that other code sees.
 */
#define G_LOG_DOMAIN "taiou-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "taiou.h"
#include "taiou-password-generator-view.h"

#define CLIPBOARD_MIME_TYPE "text/plain;charset=utf-8"

struct _TaiouPasswordGeneratorView
{
  AdwBin              parent_instance;

  GtkSpinButton      *length_spin;
  GtkSwitch          *symbols_switch;
  GtkEditable        *password_entry;
  GtkLevelBar        *strength_bar;
  GtkLabel           *strength_label;
  GtkLabel           *clipboard_label;

  GdkContentProvider *copied;         /* what this view put on the clipboard, until cleared */
  guint               clear_source;
  guint               clipboard_seconds;
  TaiouPasswordStrength strength;
};

G_DEFINE_FINAL_TYPE (TaiouPasswordGeneratorView, taiou_password_generator_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIPBOARD_SECONDS,
  PROP_STRENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_strength (TaiouPasswordGeneratorView *self)
{
  const char *password = gtk_editable_get_text (self->password_entry);
  const char *hint = NULL;
  g_autofree char *text = NULL;
  TaiouPasswordStrength strength;

  strength = taiou_password_check_strength (password, &hint);
  gtk_level_bar_set_value (self->strength_bar, strength);
  if (strength == TAIOU_PASSWORD_STRENGTH_EMPTY)
    text = g_strdup (_("Make a password, or type one to see how strong it is."));
  else if (hint != NULL)
    text = g_strdup_printf (_("Strength: %s. %s"), taiou_password_strength_label (strength), hint);
  else
    text = g_strdup_printf (_("Strength: %s."), taiou_password_strength_label (strength));
  gtk_label_set_text (self->strength_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-generator.copy",
                                 strength != TAIOU_PASSWORD_STRENGTH_EMPTY);
  if (self->strength != strength)
    {
      self->strength = strength;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRENGTH]);
    }
}

static void
password_changed_cb (TaiouPasswordGeneratorView *self)
{
  update_strength (self);
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TaiouPasswordGeneratorView *self = TAIOU_PASSWORD_GENERATOR_VIEW (widget);
  TaiouPasswordClasses classes = TAIOU_PASSWORD_LOWER | TAIOU_PASSWORD_UPPER |
                                 TAIOU_PASSWORD_DIGITS;
  g_autoptr(GError) error = NULL;
  char *password;

  if (gtk_switch_get_active (self->symbols_switch))
    classes |= TAIOU_PASSWORD_SYMBOLS;
  password = taiou_password_generate_rated (gtk_spin_button_get_value_as_int (self->length_spin),
                                            classes, NULL, &error);
  if (password == NULL)
    {
      gtk_label_set_text (self->strength_label, error->message);
      return;
    }
  /* Not focused or selected: on X11 a selection becomes the PRIMARY clipboard, which no
   * timer clears. */
  gtk_editable_set_text (self->password_entry, password);
  taiou_password_free (password);
}

/* GBytes' free function: the clipboard's copy is wiped once nothing holds it. */
static void
wipe_and_free (gpointer data)
{
  taiou_password_free (data);
}

static void
forget_copied (TaiouPasswordGeneratorView *self)
{
  g_clear_handle_id (&self->clear_source, g_source_remove);
  g_clear_object (&self->copied);
}

/* Clears the clipboard if it still holds what this view copied; someone else's is left. */
static void
clear_clipboard (TaiouPasswordGeneratorView *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  if (self->copied != NULL && gdk_clipboard_get_content (clipboard) == self->copied)
    gdk_clipboard_set_content (clipboard, NULL);
  forget_copied (self);
}

static gboolean
clear_clipboard_cb (gpointer user_data)
{
  TaiouPasswordGeneratorView *self = user_data;

  self->clear_source = 0;
  clear_clipboard (self);
  gtk_label_set_text (self->clipboard_label, _("The password was removed from the clipboard."));
  return G_SOURCE_REMOVE;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TaiouPasswordGeneratorView *self = TAIOU_PASSWORD_GENERATOR_VIEW (widget);
  const char *password = gtk_editable_get_text (self->password_entry);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *note = NULL;
  gsize length = strlen (password);
  char *copy;

  if (length == 0)
    return;
  forget_copied (self);
  copy = g_strndup (password, length);
  bytes = g_bytes_new_with_free_func (copy, length, wipe_and_free, copy);
  self->copied = gdk_content_provider_new_for_bytes (CLIPBOARD_MIME_TYPE, bytes);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), self->copied);
  /* Not g_timeout_add_seconds(): it rounds to the second and may fire early. */
  self->clear_source = g_timeout_add (self->clipboard_seconds * 1000, clear_clipboard_cb, self);

  if (self->clipboard_seconds % 60 == 0)
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Copied. It will be removed from the clipboard in %u minute.",
                                         "Copied. It will be removed from the clipboard in %u minutes.",
                                         self->clipboard_seconds / 60),
                            self->clipboard_seconds / 60);
  else
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Copied. It will be removed from the clipboard in %u second.",
                                         "Copied. It will be removed from the clipboard in %u seconds.",
                                         self->clipboard_seconds),
                            self->clipboard_seconds);
  gtk_label_set_text (self->clipboard_label, note);
}

static void
taiou_password_generator_view_dispose (GObject *object)
{
  TaiouPasswordGeneratorView *self = TAIOU_PASSWORD_GENERATOR_VIEW (object);

  /* Leaving (or quitting) does not leave the password behind on the clipboard. */
  if (self->copied != NULL)
    clear_clipboard (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAIOU_TYPE_PASSWORD_GENERATOR_VIEW);

  G_OBJECT_CLASS (taiou_password_generator_view_parent_class)->dispose (object);
}

static void
taiou_password_generator_view_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  TaiouPasswordGeneratorView *self = TAIOU_PASSWORD_GENERATOR_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIPBOARD_SECONDS:
      g_value_set_uint (value, self->clipboard_seconds);
      break;
    case PROP_STRENGTH:
      g_value_set_int (value, self->strength);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_password_generator_view_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec)
{
  TaiouPasswordGeneratorView *self = TAIOU_PASSWORD_GENERATOR_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIPBOARD_SECONDS:
      taiou_password_generator_view_set_clipboard_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_password_generator_view_class_init (TaiouPasswordGeneratorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = taiou_password_generator_view_dispose;
  object_class->get_property = taiou_password_generator_view_get_property;
  object_class->set_property = taiou_password_generator_view_set_property;

  /* How long a copied password stays on the clipboard.  A minute is long enough to paste it
   * into one form; tests set a second. */
  properties[PROP_CLIPBOARD_SECONDS] =
    g_param_spec_uint ("clipboard-seconds", NULL, NULL, 1, 3600, TAIOU_PASSWORD_CLIPBOARD_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The meter's level (TaiouPasswordStrength) for the password in the entry. */
  properties[PROP_STRENGTH] =
    g_param_spec_int ("strength", NULL, NULL, TAIOU_PASSWORD_STRENGTH_EMPTY,
                      TAIOU_PASSWORD_STRENGTH_MAX, TAIOU_PASSWORD_STRENGTH_EMPTY,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/taiou/Taiou/taiou-password-generator-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordGeneratorView, length_spin);
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordGeneratorView,
                                        symbols_switch);
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordGeneratorView,
                                        password_entry);
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordGeneratorView, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordGeneratorView,
                                        strength_label);
  gtk_widget_class_bind_template_child (widget_class, TaiouPasswordGeneratorView,
                                        clipboard_label);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);

  gtk_widget_class_install_action (widget_class, "password-generator.generate", NULL,
                                   generate_action);
  gtk_widget_class_install_action (widget_class, "password-generator.copy", NULL, copy_action);
}

static void
taiou_password_generator_view_init (TaiouPasswordGeneratorView *self)
{
  self->clipboard_seconds = TAIOU_PASSWORD_CLIPBOARD_SECONDS;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_spin_button_set_range (self->length_spin, TAIOU_PASSWORD_MIN_LENGTH,
                             TAIOU_PASSWORD_MAX_LENGTH);
  gtk_spin_button_set_value (self->length_spin, TAIOU_PASSWORD_DEFAULT_LENGTH);
  /* An undo history would be an ordinary heap copy of everything typed. */
  gtk_editable_set_enable_undo (self->password_entry, FALSE);
  update_strength (self);
}

guint
taiou_password_generator_view_get_clipboard_seconds (TaiouPasswordGeneratorView *self)
{
  g_return_val_if_fail (TAIOU_IS_PASSWORD_GENERATOR_VIEW (self), 0);
  return self->clipboard_seconds;
}

void
taiou_password_generator_view_set_clipboard_seconds (TaiouPasswordGeneratorView *self,
                                                     guint                       seconds)
{
  g_return_if_fail (TAIOU_IS_PASSWORD_GENERATOR_VIEW (self));
  g_return_if_fail (seconds > 0);

  if (self->clipboard_seconds == seconds)
    return;
  self->clipboard_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIPBOARD_SECONDS]);
}

/* Returns: the meter's level (a TaiouPasswordStrength) */
int
taiou_password_generator_view_get_strength (TaiouPasswordGeneratorView *self)
{
  g_return_val_if_fail (TAIOU_IS_PASSWORD_GENERATOR_VIEW (self), 0);
  return self->strength;
}

/* Returns: whether a copied password is waiting to be removed from the clipboard */
gboolean
taiou_password_generator_view_get_clipboard_pending (TaiouPasswordGeneratorView *self)
{
  g_return_val_if_fail (TAIOU_IS_PASSWORD_GENERATOR_VIEW (self), FALSE);
  return self->copied != NULL;
}
