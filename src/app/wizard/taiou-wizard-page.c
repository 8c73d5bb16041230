/* taiou-wizard-page.c — the base of every wizard step
 *
 * Like gnome-initial-setup's GisPage: a page says whether it is complete (so "Next" may be
 * pressed) and skippable, and saves its answers in an asynchronous, cancellable apply so that the
 * window stays responsive while the timeline is written.  The wizard hands every page the case
 * (TaiouCase), as gnome-initial-setup hands each page its GisDriver: the timeline, "us" and —
 * once the triage step created it — the incident at hand.
 */
#define G_LOG_DOMAIN "taiou-wizard-page"

#include "config.h"

#include "guidance/taiou-guidance-view.h"
#include "taiou-wizard-page.h"

typedef struct
{
  char          *title;
  gboolean       complete;
  gboolean       skippable;
  TaiouCase     *case_at_hand;
} TaiouWizardPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TaiouWizardPage, taiou_wizard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_SKIPPABLE,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
taiou_wizard_page_real_apply_async (TaiouWizardPage     *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, taiou_wizard_page_real_apply_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
taiou_wizard_page_real_apply_finish (TaiouWizardPage  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
taiou_wizard_page_dispose (GObject *object)
{
  TaiouWizardPage *self = TAIOU_WIZARD_PAGE (object);
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_clear_object (&priv->case_at_hand);

  G_OBJECT_CLASS (taiou_wizard_page_parent_class)->dispose (object);
}

static void
taiou_wizard_page_finalize (GObject *object)
{
  TaiouWizardPage *self = TAIOU_WIZARD_PAGE (object);
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_free (priv->title);

  G_OBJECT_CLASS (taiou_wizard_page_parent_class)->finalize (object);
}

static void
taiou_wizard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TaiouWizardPage *self = TAIOU_WIZARD_PAGE (object);
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, priv->complete);
      break;
    case PROP_SKIPPABLE:
      g_value_set_boolean (value, priv->skippable);
      break;
    case PROP_CASE:
      g_value_set_object (value, priv->case_at_hand);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_wizard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TaiouWizardPage *self = TAIOU_WIZARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      taiou_wizard_page_set_title (self, g_value_get_string (value));
      break;
    case PROP_COMPLETE:
      taiou_wizard_page_set_complete (self, g_value_get_boolean (value));
      break;
    case PROP_SKIPPABLE:
      taiou_wizard_page_set_skippable (self, g_value_get_boolean (value));
      break;
    case PROP_CASE:
      taiou_wizard_page_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_wizard_page_class_init (TaiouWizardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = taiou_wizard_page_dispose;
  object_class->finalize = taiou_wizard_page_finalize;
  object_class->get_property = taiou_wizard_page_get_property;
  object_class->set_property = taiou_wizard_page_set_property;

  klass->apply_async = taiou_wizard_page_real_apply_async;
  klass->apply_finish = taiou_wizard_page_real_apply_finish;

  /* Every page's .ui may hold instructions from data/guidance/. */
  g_type_ensure (TAIOU_TYPE_GUIDANCE_VIEW);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SKIPPABLE] =
    g_param_spec_boolean ("skippable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, TAIOU_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
taiou_wizard_page_init (TaiouWizardPage *self)
{
}

const char *
taiou_wizard_page_get_title (TaiouWizardPage *self)
{
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_return_val_if_fail (TAIOU_IS_WIZARD_PAGE (self), NULL);
  return priv->title;
}

void
taiou_wizard_page_set_title (TaiouWizardPage *self,
                             const char      *title)
{
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_return_if_fail (TAIOU_IS_WIZARD_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;
  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
taiou_wizard_page_get_complete (TaiouWizardPage *self)
{
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_return_val_if_fail (TAIOU_IS_WIZARD_PAGE (self), FALSE);
  return priv->complete;
}

void
taiou_wizard_page_set_complete (TaiouWizardPage *self,
                                gboolean         complete)
{
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_return_if_fail (TAIOU_IS_WIZARD_PAGE (self));

  complete = !!complete;
  if (priv->complete != complete)
    {
      priv->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
}

gboolean
taiou_wizard_page_get_skippable (TaiouWizardPage *self)
{
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_return_val_if_fail (TAIOU_IS_WIZARD_PAGE (self), FALSE);
  return priv->skippable;
}

void
taiou_wizard_page_set_skippable (TaiouWizardPage *self,
                                 gboolean         skippable)
{
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_return_if_fail (TAIOU_IS_WIZARD_PAGE (self));

  skippable = !!skippable;
  if (priv->skippable != skippable)
    {
      priv->skippable = skippable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIPPABLE]);
    }
}

/* Returns: (transfer none) (nullable): the case the wizard works on */
TaiouCase *
taiou_wizard_page_get_case (TaiouWizardPage *self)
{
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_return_val_if_fail (TAIOU_IS_WIZARD_PAGE (self), NULL);
  return priv->case_at_hand;
}

void
taiou_wizard_page_set_case (TaiouWizardPage *self,
                            TaiouCase       *case_at_hand)
{
  TaiouWizardPagePrivate *priv = taiou_wizard_page_get_instance_private (self);

  g_return_if_fail (TAIOU_IS_WIZARD_PAGE (self));
  g_return_if_fail (case_at_hand == NULL || TAIOU_IS_CASE (case_at_hand));

  if (g_set_object (&priv->case_at_hand, case_at_hand))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

/* Returns: (transfer none) (nullable): the case's timeline, NULL when it is not open */
TaiouTimeline *
taiou_wizard_page_get_timeline (TaiouWizardPage *self)
{
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (self);

  return case_at_hand != NULL ? taiou_case_get_timeline (case_at_hand) : NULL;
}

/* Returns: (transfer none) (nullable): the incident at hand, once triage created it */
TaiouIncident *
taiou_wizard_page_get_incident (TaiouWizardPage *self)
{
  TaiouCase *case_at_hand = taiou_wizard_page_get_case (self);

  return case_at_hand != NULL ? taiou_case_get_incident (case_at_hand) : NULL;
}

void
taiou_wizard_page_apply_async (TaiouWizardPage     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (TAIOU_IS_WIZARD_PAGE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  TAIOU_WIZARD_PAGE_GET_CLASS (self)->apply_async (self, cancellable, callback, user_data);
}

gboolean
taiou_wizard_page_apply_finish (TaiouWizardPage  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (TAIOU_IS_WIZARD_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return TAIOU_WIZARD_PAGE_GET_CLASS (self)->apply_finish (self, result, error);
}

void
taiou_wizard_page_shown (TaiouWizardPage *self)
{
  g_return_if_fail (TAIOU_IS_WIZARD_PAGE (self));

  if (TAIOU_WIZARD_PAGE_GET_CLASS (self)->shown != NULL)
    TAIOU_WIZARD_PAGE_GET_CLASS (self)->shown (self);
}
