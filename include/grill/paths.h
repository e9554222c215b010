#ifndef GRILL_PATHS_H
#define GRILL_PATHS_H

#include "grill/error.h"

/*
 * Where grill reads and writes. Every function returns a new string the
 * caller frees.
 *
 * data_root: the folder holding the shipped question_banks/ and rubrics/:
 *   $GRILL_DATA_DIR if set; else the source tree when the binary runs from
 *   its build tree; else the installed data dir (PREFIX/share/grill).
 * home: sessions and history: $GRILL_HOME, else $XDG_DATA_HOME/grill, else
 *   ~/.local/share/grill.
 * config_file: $XDG_CONFIG_HOME/grill/config.json, else
 *   ~/.config/grill/config.json.
 * user_banks: $XDG_DATA_HOME/grill/banks (also ~/.local/share/grill/banks).
 * bank_cache: compiled banks (can be deleted at any time): $GRILL_HOME/cache/banks
 *   when GRILL_HOME is set, else $XDG_CACHE_HOME/grill/banks, else
 *   ~/.cache/grill/banks; NULL when GRILL_NO_CACHE is set.
 */
char *paths_data_root(void);
char *paths_home(void);
char *paths_sessions_dir(void);
char *paths_config_file(void);
char *paths_user_banks(void);
char *paths_bank_cache(void);
char *paths_shipped_banks(void);
char *paths_shipped_rubrics(void);

/* Creates the sessions folder (0700) if needed; caller frees. NULL + err on failure. */
char *paths_ensure_sessions_dir(grill_err *err);

#endif
