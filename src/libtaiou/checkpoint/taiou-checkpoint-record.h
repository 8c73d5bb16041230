/* taiou-checkpoint-record.h — issuing a checkpoint of the record, and holding the record to one */
#pragma once

#include "taiou-checkpoint.h"
#include "taiou-timeline.h"

G_BEGIN_DECLS

typedef enum
{
  TAIOU_CHECKPOINT_HELD,       /* every event it covered is still there, unchanged */
  TAIOU_CHECKPOINT_REWRITTEN,  /* the events it covered no longer hash to its head */
  TAIOU_CHECKPOINT_TRUNCATED,  /* the record holds fewer events than it covered */
} TaiouCheckpointVerdict;

typedef struct
{
  TaiouCheckpointVerdict verdict;
  gint64                 covered;       /* N, the events the checkpoint vouches for */
  gint64                 n_events_now;  /* the events in the record now */
  gint64                 first_unlinked_seq;  /* an edit the chain itself shows, else 0 */
  char                  *problem;       /* NULL when held; a sentence for people otherwise */
} TaiouCheckpointCheck;

void                  taiou_checkpoint_check_free   (TaiouCheckpointCheck *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouCheckpointCheck, taiou_checkpoint_check_free)

TaiouCheckpoint      *taiou_checkpoint_issue        (TaiouTimeline          *timeline,
                                                     TaiouCheckpointKey     *key,
                                                     TaiouIncident          *incident,
                                                     const char             *issued_to,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
TaiouCheckpointCheck *taiou_checkpoint_check_record (TaiouTimeline          *timeline,
                                                     TaiouCheckpointKey     *key,
                                                     const TaiouCheckpoint  *checkpoint,
                                                     GCancellable           *cancellable,
                                                     GError                **error);

char                 *taiou_checkpoint_dup_from_event (TaiouEvent            *event);

G_END_DECLS
