/* taiou-case.c — the case at hand: one object every front-end shares
 *
 * Every screen of the app and every command of the CLI works on the same few things: the
 * timeline, the incident being handled, "us" (TaiouProfile) and the IOC set.  Before this
 * object each window opened or rebuilt them on its own; now the app owns one case and hands it
 * to every window and wizard page (as gnome-initial-setup hands each page its GisDriver), and
 * the CLI builds one from its flags.  The case is a thin façade: the checkers, the timeline
 * and the notices keep their logic; the case only supplies them with what they need and
 * records what they report.  Its verbs live by concern in taiou-case-iocs.c (loading IOCs
 * once), taiou-case-checks.c (mail, scanner, notice facts) and taiou-case-record.c (events).
 *
 * The incident at hand is the one chosen last in this session — created or resumed by the
 * wizard, or given with --incident — and, before any choice, the newest incident whose
 * response was not finished, so a restarted app carries on with it.  Browsing the record does
 * not change it: a verdict must not land in an old incident the manager happened to look at.
 * Notices are the one exception, stated in taiou_case_dup_incident_for_notice().
 */
#define G_LOG_DOMAIN "taiou-case"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "taiou-case-private.h"
#include "taiou-event-kinds.h"

G_DEFINE_QUARK (taiou-case-error-quark, taiou_case_error)
G_DEFINE_FINAL_TYPE (TaiouCase, taiou_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_PROFILE,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint _taiou_case_signals[_TAIOU_CASE_N_SIGNALS];

static void
taiou_case_constructed (GObject *object)
{
  TaiouCase *self = TAIOU_CASE (object);

  G_OBJECT_CLASS (taiou_case_parent_class)->constructed (object);

  if (self->profile == NULL)
    self->profile = taiou_profile_new ();
  if (self->incident == NULL)
    self->incident = taiou_case_dup_unfinished_incident (self);
}

static void
taiou_case_dispose (GObject *object)
{
  TaiouCase *self = TAIOU_CASE (object);

  g_clear_object (&self->incident);
  g_clear_object (&self->profile);
  g_clear_object (&self->timeline);
  _taiou_case_clear_iocs (self);
  g_clear_object (&self->feeds);
  _taiou_case_clear_yara (self);

  G_OBJECT_CLASS (taiou_case_parent_class)->dispose (object);
}

static void
taiou_case_finalize (GObject *object)
{
  TaiouCase *self = TAIOU_CASE (object);

  g_strfreev (self->ioc_files);

  G_OBJECT_CLASS (taiou_case_parent_class)->finalize (object);
}

static void
taiou_case_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TaiouCase *self = TAIOU_CASE (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_INCIDENT:
      g_value_set_object (value, self->incident);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_case_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TaiouCase *self = TAIOU_CASE (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      self->timeline = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    case PROP_INCIDENT:
      taiou_case_set_incident (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
taiou_case_class_init (TaiouCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = taiou_case_constructed;
  object_class->dispose = taiou_case_dispose;
  object_class->finalize = taiou_case_finalize;
  object_class->get_property = taiou_case_get_property;
  object_class->set_property = taiou_case_set_property;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, TAIOU_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, TAIOU_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, TAIOU_TYPE_INCIDENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TaiouCase::iocs-loaded:
   *
   * The IOC set was loaded; it is loaded once per case, however many ask for it.
   */
  _taiou_case_signals[_TAIOU_CASE_SIGNAL_IOCS_LOADED] =
    g_signal_new ("iocs-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  /**
   * TaiouCase::event-recorded:
   * @event: the event, as the timeline stored it
   *
   * Something was recorded through this case; views of the record refresh on it.
   */
  _taiou_case_signals[_TAIOU_CASE_SIGNAL_EVENT_RECORDED] =
    g_signal_new ("event-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, TAIOU_TYPE_EVENT);
}

static void
taiou_case_init (TaiouCase *self)
{
  self->bundled_iocs = TRUE;
}

/* Whether there is a record to write to (and, with @need_incident, an incident at hand). */
gboolean
_taiou_case_check_record (TaiouCase  *self,
                          gboolean    need_incident,
                          GError    **error)
{
  if (self->timeline == NULL)
    {
      g_set_error_literal (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD,
                           _("The incident record is not available."));
      return FALSE;
    }
  if (need_incident && self->incident == NULL)
    {
      g_set_error_literal (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_NO_RECORD,
                           _("No incident has been chosen to record this in."));
      return FALSE;
    }
  /* A mail checked after the worker finished is another matter, not a step of the response
   * that ended; choosing the incident again (the CLI's --incident) makes it the one at hand. */
  if (need_incident && self->response_ended)
    {
      g_set_error_literal (error, TAIOU_CASE_ERROR, TAIOU_CASE_ERROR_FINISHED,
                           _("The response to this incident has ended; nothing more is recorded "
                             "in it from here. Add to it from the incident record."));
      return FALSE;
    }
  return TRUE;
}

/**
 * taiou_case_is_recording:
 *
 * Returns: whether what is checked or done now is recorded in the incident at hand: there is a
 *   record and an incident whose response has not ended
 */
gboolean
taiou_case_is_recording (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);
  return self->timeline != NULL && self->incident != NULL && !self->response_ended;
}

/**
 * taiou_case_new:
 * @timeline: (nullable): the record; without it the case still checks, but records nothing
 * @profile: (nullable): "us"; an empty one when NULL
 */
TaiouCase *
taiou_case_new (TaiouTimeline *timeline,
                TaiouProfile  *profile)
{
  g_return_val_if_fail (timeline == NULL || TAIOU_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (profile == NULL || TAIOU_IS_PROFILE (profile), NULL);

  return g_object_new (TAIOU_TYPE_CASE, "timeline", timeline, "profile", profile, NULL);
}

/* Returns: (transfer none) (nullable): the record, NULL when it could not be opened */
TaiouTimeline *
taiou_case_get_timeline (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  return self->timeline;
}

/* Returns: (transfer none): "us" */
TaiouProfile *
taiou_case_get_profile (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  return self->profile;
}

/* Returns: (transfer none) (nullable): the incident at hand */
TaiouIncident *
taiou_case_get_incident (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  return self->incident;
}

/**
 * taiou_case_set_incident:
 * @incident: (nullable): the incident now at hand
 *
 * Replaces the incident at hand; an incident with the same id replaces the old object too,
 * since it may carry a newer step.
 */
void
taiou_case_set_incident (TaiouCase     *self,
                         TaiouIncident *incident)
{
  g_return_if_fail (TAIOU_IS_CASE (self));
  g_return_if_fail (incident == NULL || TAIOU_IS_INCIDENT (incident));

  self->response_ended = FALSE;
  if (g_set_object (&self->incident, incident))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}

/* Makes the incident with @incident_id the one at hand; fails when there is no such one. */
gboolean
taiou_case_select_incident (TaiouCase  *self,
                            gint64      incident_id,
                            GError    **error)
{
  g_autoptr(TaiouIncident) incident = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), FALSE);

  if (!_taiou_case_check_record (self, FALSE, error))
    return FALSE;
  incident = taiou_timeline_get_incident (self->timeline, incident_id, error);
  if (incident == NULL)
    return FALSE;
  taiou_case_set_incident (self, incident);
  return TRUE;
}

static TaiouIncident *
dup_newest_incident (TaiouCase *self,
                     gboolean   only_unfinished)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;

  if (self->timeline == NULL)
    return NULL;
  incidents = taiou_timeline_list_incidents (self->timeline, &error);
  if (incidents == NULL)
    {
      g_warning ("Could not read the incidents: %s", error->message);
      return NULL;
    }
  if (incidents->len == 0)
    return NULL;
  if (only_unfinished &&
      g_strcmp0 (taiou_incident_get_step (incidents->pdata[0]), TAIOU_INCIDENT_STEP_FINISHED) == 0)
    return NULL;
  return g_object_ref (incidents->pdata[0]);
}

/* Returns: (transfer full) (nullable): the newest incident, when its wizard was not finished */
TaiouIncident *
taiou_case_dup_unfinished_incident (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);
  return dup_newest_incident (self, TRUE);
}

/**
 * taiou_case_dup_incident_for_notice:
 *
 * Notices are often written after the worker went through every step, so a notice is about
 * the incident at hand or, when none is, the newest one.
 *
 * Returns: (transfer full) (nullable): the incident a notice is about
 */
TaiouIncident *
taiou_case_dup_incident_for_notice (TaiouCase *self)
{
  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);

  if (self->incident != NULL)
    return g_object_ref (self->incident);
  return dup_newest_incident (self, FALSE);
}

/**
 * taiou_case_create_incident:
 *
 * Opens a new incident in the record and makes it the one at hand.
 *
 * Returns: (transfer full): the incident, or NULL with @error set
 */
TaiouIncident *
taiou_case_create_incident (TaiouCase   *self,
                            const char  *title,
                            gint64       discovered_us,
                            const char  *host,
                            const char  *reporter,
                            GError     **error)
{
  g_autoptr(TaiouIncident) incident = NULL;

  g_return_val_if_fail (TAIOU_IS_CASE (self), NULL);

  if (!_taiou_case_check_record (self, FALSE, error))
    return NULL;
  incident = taiou_timeline_create_incident (self->timeline, title, discovered_us, host,
                                             reporter, error);
  if (incident == NULL)
    return NULL;
  taiou_case_set_incident (self, incident);
  return g_steal_pointer (&incident);
}
