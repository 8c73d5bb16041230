/* taiou-mail-lookalike.h — is this domain made to look like one of ours? */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a domain imitates one of ours; each shape has its own plain-language explanation. */
typedef enum
{
  TAIOU_LOOKALIKE_NONE,
  TAIOU_LOOKALIKE_OUR_DOMAIN_INSIDE,  /* example.co.jp.evil.net: ours, then someone else's */
  TAIOU_LOOKALIKE_PUNCTUATION,        /* example-co.jp.net, examplecojp.com */
  TAIOU_LOOKALIKE_OTHER_ENDING,       /* example.jp, example.com for example.co.jp */
  TAIOU_LOOKALIKE_NAME_INSIDE,        /* example-login.com, example.evil.net */
  TAIOU_LOOKALIKE_ONE_LETTER,         /* exampel, exmple, examplle: one letter added, dropped,
                                         changed or swapped */
  TAIOU_LOOKALIKE_CONFUSABLE,         /* examp1e, exarnple, 0 for o, rn for m */
  TAIOU_LOOKALIKE_IDN,                /* xn--…: letters of another script that look like ours */
} TaiouLookalikeShape;

typedef struct
{
  TaiouLookalikeShape  shape;
  const char          *ours;    /* the one of our domains it imitates (from the list given) */
  char                *shown;       /* the domain as a mail program shows it: Unicode for
                                       xn--, else the domain itself */
  char                *registered;  /* whose domain it really is: "evil.net" for
                                       example.co.jp.evil.net */
  char                *ascii;       /* the domain as sent: "xn--…" for an IDN */
} TaiouLookalike;

gboolean    taiou_mail_lookalike_find            (const char          *domain,
                                                const char * const  *our_domains,
                                                TaiouLookalike      *lookalike);
void        taiou_mail_lookalike_clear         (TaiouLookalike      *lookalike);
const char *taiou_mail_lookalike_shape_to_string (TaiouLookalikeShape shape);

char       *taiou_mail_lookalike_skeleton      (const char          *text);

char       *taiou_mail_local_part_names_us     (const char          *address,
                                                const char * const  *our_domains,
                                                const char * const  *our_names,
                                                gboolean            *strong);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TaiouLookalike, taiou_mail_lookalike_clear)

G_END_DECLS
