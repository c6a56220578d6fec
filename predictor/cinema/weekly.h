/*
 * The jobs made of steps: the weekly job (weekly.c) and the replay of past
 * weeks that fills the demo's history (replay.c). Each step is a function
 * call with its own transaction, so a failed step keeps what the earlier
 * ones did, and running a job again skips what is already done.
 */
#ifndef MARQUEE_WEEKLY_H
#define MARQUEE_WEEKLY_H

#include "common/config.h"

#include <stdbool.h>

/*
 * The predictor's part of the weekly job, for week (an ISO week, already
 * checked; NULL: the next programme week), holding the lock data_dir/
 * .weekly.lock so that two runs never overlap: imports the manager's actuals
 * (records.actuals, when the file exists) and the files waiting in the
 * inbox (import.inbox), trains a model when the data changed or the current
 * one is older than model.retrain_days (kept only if it validates as well),
 * publishes the week unless it is already published, and writes the site's
 * pages into content/. A week without any release is an error: nothing is
 * published. dry_run rolls every step back and publishes and writes
 * nothing. Each step prints one line. 0, or -1 after reporting the step
 * that failed: what the earlier steps committed stays.
 */
int weekly_run(const struct config *cfg, const char *week, bool dry_run);

/*
 * Replays the last `weeks` programme weeks that had releases, oldest first,
 * as if each were live: trains on the films released before it (every
 * retrain_every weeks), publishes it marked as a replay, and records as its
 * attendance the films' real national figures times the configured share.
 * Weeks already published are skipped. 0, or -1 after reporting.
 */
int replay_run(const struct config *cfg, long weeks, long retrain_every);

#endif
