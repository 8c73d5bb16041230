/* taiou-host-snapshot.h — a plain record of what a probe saw on one computer
 *
 * Probes (taiou-probe-linux for the running system, taiou-probe-winvol for a Windows volume
 * read from Linux) fill a snapshot; the rules in taiou-emotet-rules only read one.  Every
 * string is UTF-8.  Fields are public on purpose: this is data, not behaviour.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TAIOU_HOST_OS_LINUX,
  TAIOU_HOST_OS_WINDOWS,
} TaiouHostOs;

typedef struct
{
  guint  pid;
  char  *name;           /* "explorer.exe", or Linux's comm */
  char  *image_path;     /* nullable: the executable's path */
  char  *command_line;   /* nullable: arguments joined by spaces */
} TaiouProcess;

typedef enum
{
  TAIOU_AUTORUN_RUN_VALUE,      /* a value under …\CurrentVersion\Run (or RunOnce) */
  TAIOU_AUTORUN_SERVICE,        /* a Windows service's ImagePath (or ServiceDll) */
  TAIOU_AUTORUN_XDG_AUTOSTART,  /* Exec= of a .desktop file in ~/.config/autostart */
  TAIOU_AUTORUN_SYSTEMD_USER,   /* ExecStart= of a systemd user unit */
  TAIOU_AUTORUN_CRONTAB,        /* a line of a user's crontab */
} TaiouAutorunKind;

typedef struct
{
  TaiouAutorunKind  kind;
  char             *location;  /* "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
                                  "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Foo", or a file */
  char             *name;      /* the value, service, unit or entry name */
  char             *command;   /* what it starts, as written (environment variables unexpanded) */
  char             *user;      /* nullable: whose it is */
} TaiouAutorun;

/* A value of a user's …\CurrentVersion\Explorer key (EmoCheck scan_v2 reads these). */
typedef struct
{
  char   *user;       /* nullable */
  char   *location;   /* the key's path, for the report */
  char   *name;
  GBytes *data;       /* the raw value data */
} TaiouRegistryValue;

/* Where a file of interest was seen; the rules only look at the areas they know. */
typedef enum
{
  TAIOU_FILE_AREA_LOCAL_APPDATA,  /* one folder deep under a user's AppData\Local */
  TAIOU_FILE_AREA_SYSTEM_FOLDER,  /* one folder deep under System32 or SysWOW64 */
  TAIOU_FILE_AREA_SYSTEM32,       /* directly in System32 (EmoCheck scan_v3's keywords) */
  TAIOU_FILE_AREA_OTHER,
} TaiouFileArea;

#define TAIOU_FILE_HEAD_SIZE 64

typedef struct
{
  TaiouFileArea  area;
  char          *path;            /* where this machine can read it; nullable */
  char          *display_path;    /* as its own system names it: "C:\\Users\\…" or a Linux path */
  char          *folder_name;     /* the folder one deep, for the two "one folder deep" areas */
  char          *file_name;
  char          *user;            /* nullable: whose AppData it is in */
  guint64        size;
  gint64         mtime_us;        /* µs since the Unix epoch, UTC */
  gint64         folder_mtime_us; /* the containing folder's, or 0 when unknown */
  guint8         head[TAIOU_FILE_HEAD_SIZE];
  gsize          head_length;     /* how many bytes of @head were read */
} TaiouFileInfo;

typedef struct
{
  char  *protocol;        /* "tcp" or "tcp6" */
  char  *local_address;
  guint  local_port;
  char  *remote_address;
  guint  remote_port;
  char  *state;           /* "ESTABLISHED", "SYN_SENT", "LISTEN", … */
  guint  pid;             /* 0 when unknown */
} TaiouConnection;

#define TAIOU_TYPE_HOST_SNAPSHOT (taiou_host_snapshot_get_type ())

typedef struct
{
  /*< private >*/
  gatomicrefcount  ref_count;
  GHashTable      *system32_index;      /* lower-case file name → TaiouFileInfo */
  /*< public >*/
  TaiouHostOs      os;
  char            *hostname;
  gboolean         has_volume_serial;
  guint32          volume_serial;       /* of the Windows system volume */
  gboolean         is_admin_view;       /* system folders and services could be read */
  GPtrArray       *processes;           /* TaiouProcess */
  GPtrArray       *autoruns;            /* TaiouAutorun */
  GPtrArray       *explorer_values;     /* TaiouRegistryValue */
  GPtrArray       *files;               /* TaiouFileInfo */
  GPtrArray       *connections;         /* TaiouConnection */
  GHashTable      *known_folder_names;  /* case-folded names of folders under AppData and
                                           Program Files (EmoCheck scan_v4's allow-list) */
  GPtrArray       *problems;            /* "what: why" for what could not be read; never fatal */
  GPtrArray       *hives_read;          /* paths of the registry hives read (Windows volume) */
  GPtrArray       *hives_unread;        /* "path: why" for the hives that could not be read */
} TaiouHostSnapshot;

GType              taiou_host_snapshot_get_type   (void) G_GNUC_CONST;
TaiouHostSnapshot *taiou_host_snapshot_new        (TaiouHostOs         os,
                                                   const char         *hostname);
TaiouHostSnapshot *taiou_host_snapshot_ref        (TaiouHostSnapshot  *self);
void               taiou_host_snapshot_unref      (TaiouHostSnapshot  *self);

void               taiou_host_snapshot_set_volume_serial (TaiouHostSnapshot *self,
                                                          guint32            serial);

/* Each add_* copies its arguments and returns the new entry so a probe can fill in the rest.
 * add_file fills file_name (and folder_name for the "one folder deep" areas) from
 * @display_path, which may use '\\' or '/'. */
TaiouProcess       *taiou_host_snapshot_add_process   (TaiouHostSnapshot  *self,
                                                       guint               pid,
                                                       const char         *name,
                                                       const char         *image_path,
                                                       const char         *command_line);
TaiouAutorun       *taiou_host_snapshot_add_autorun   (TaiouHostSnapshot  *self,
                                                       TaiouAutorunKind    kind,
                                                       const char         *location,
                                                       const char         *name,
                                                       const char         *command,
                                                       const char         *user);
TaiouRegistryValue *taiou_host_snapshot_add_explorer_value (TaiouHostSnapshot *self,
                                                            const char        *user,
                                                            const char        *location,
                                                            const char        *name,
                                                            GBytes            *data);
TaiouFileInfo      *taiou_host_snapshot_add_file      (TaiouHostSnapshot  *self,
                                                       TaiouFileArea       area,
                                                       const char         *path,
                                                       const char         *display_path);
TaiouConnection    *taiou_host_snapshot_add_connection (TaiouHostSnapshot *self,
                                                        const char        *protocol,
                                                        const char        *local_address,
                                                        guint              local_port,
                                                        const char        *remote_address,
                                                        guint              remote_port,
                                                        const char        *state);
void                taiou_host_snapshot_add_known_folder (TaiouHostSnapshot *self,
                                                          const char        *folder_name);
gboolean            taiou_host_snapshot_is_known_folder  (TaiouHostSnapshot *self,
                                                          const char        *folder_name);
void                taiou_host_snapshot_add_problem   (TaiouHostSnapshot  *self,
                                                       const char         *format,
                                                       ...) G_GNUC_PRINTF (2, 3);

/* Lookups the rules need. */
const TaiouFileInfo *taiou_host_snapshot_find_system32_file (TaiouHostSnapshot *self,
                                                             const char        *file_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TaiouHostSnapshot, taiou_host_snapshot_unref)

G_END_DECLS
