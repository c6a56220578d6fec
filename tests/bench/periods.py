#!/usr/bin/python3
"""Marquee's walk-forward backtest next to the reference models, on yearly
test periods, every figure computed here the same way from per-film
predictions.

usage: periods.py --data ALL.csv --ref baseline_fr.py --work DIR
                  [--draws N] [--seed S] PERIOD...
PERIOD is FROM:TO:FILMS.csv:SUMMARY.json, where FILMS.csv holds Marquee's
per-film backtest results (jp_id, week_start, predicted, lower, upper,
actual; admissions) and SUMMARY.json is `marquee backtest --json`.

For each period the films released before FROM are the references' training
set and the films from FROM to TO their test set (two CSVs written in DIR).
The reference script runs with --track, then with --track --extra, through
runpy; the globals it leaves (scaled matrices, targets, test rows, fitted
models) give each model's per-film predictions, and an XGBoost regressor is
fitted on the same matrices when python3-xgboost is installed.

Figures: R2 on log1p, Spearman, and the capture of the best two per ISO
week over weeks with at least three releases (as the reference's capture),
for every model alike. The bootstrap resamples each period's weeks with
replacement (fixed seed) and gives a 90% interval for Marquee minus the
best reference of each figure, per period and for the mean of the periods.
"""
import argparse
import contextlib
import csv
import io
import json
import math
import os
import runpy
import sys
from datetime import date

import numpy as np
from scipy.stats import rankdata

try:
    import xgboost
except ImportError:
    xgboost = None

FIGURES = ("r2_log", "spearman", "capture_top2")
REFERENCE_MODELS = ("svr_rbf_grid", "random_forest", "gradient_boosting")


def r2(pred, y):
    sst = ((y - y.mean()) ** 2).sum()
    return 1 - ((pred - y) ** 2).sum() / sst if sst > 0 else float("nan")


def spearman(pred, y):
    a, b = rankdata(pred), rankdata(y)
    a, b = a - a.mean(), b - b.mean()
    d = math.sqrt((a * a).sum() * (b * b).sum())
    return (a * b).sum() / d if d > 0 else float("nan")


class Period:
    """One test period: its films in the reference's order, grouped by ISO week."""

    def __init__(self, first, last, rows):
        self.first, self.last = first, last
        self.rows = rows
        self.ids = [r["jp_id"] for r in rows]
        self.y = np.array([math.log1p(float(r["first_week_admissions"])) for r in rows])
        self.admissions = np.array([float(r["first_week_admissions"]) for r in rows])
        weeks = {}
        for i, r in enumerate(rows):
            key = date.fromisoformat(r["release_fr"]).isocalendar()[:2]
            weeks.setdefault(key, []).append(i)
        self.weeks = [np.array(v) for _, v in sorted(weeks.items())]

    def week_capture(self, pred):
        """(got, best) admissions per week of three releases or more, else (0, 0)."""
        got = np.zeros(len(self.weeks))
        best = np.zeros(len(self.weeks))
        for k, idx in enumerate(self.weeks):
            if len(idx) < 3:
                continue
            a = self.admissions[idx]
            best[k] = np.sort(a)[::-1][:2].sum()
            # Stable sort on the negated prediction: ties keep the file's order,
            # as the reference's sorted(..., reverse=True) does.
            order = np.argsort(-pred[idx], kind="stable")[:2]
            got[k] = a[order].sum()
        return got, best

    def figures(self, pred, draw=None):
        """The three figures, on the whole period or on a draw of week indices."""
        idx = np.arange(len(self.y)) if draw is None else np.concatenate([self.weeks[k] for k in draw])
        got, best = self.week_capture(pred) if draw is None else self.cache[id(pred)]
        if draw is not None:
            got, best = got[draw], best[draw]
        return {
            "r2_log": r2(pred[idx], self.y[idx]),
            "spearman": spearman(pred[idx], self.y[idx]),
            "capture_top2": got.sum() / best.sum() if best.sum() > 0 else float("nan"),
        }


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerows(rows)


def run_reference(ref, train_csv, test_csv, flags):
    """Runs the reference script; returns its globals (stdout kept aside)."""
    saved = sys.argv
    sys.argv = [ref, train_csv, test_csv] + flags
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            g = runpy.run_path(ref, run_name="__main__")
    finally:
        sys.argv = saved
    return g, out.getvalue()


def reference_predictions(g, label):
    """Each fitted model's log predictions on the test rows, and XGBoost's."""
    preds = {}
    for name in REFERENCE_MODELS:
        preds[f"sklearn {name} {label}"] = np.asarray(g["models"][name].predict(g["Xte_s"]), float)
    if xgboost is not None:
        # Settings of the same scale as the reference's gradient boosting;
        # nothing here is tuned on the test periods.
        m = xgboost.XGBRegressor(n_estimators=400, max_depth=4, learning_rate=0.05,
                                 subsample=0.8, colsample_bytree=0.8, min_child_weight=3,
                                 reg_lambda=1.0, random_state=0, n_jobs=2)
        m.fit(g["Xtr_s"], g["ytr"])
        preds[f"xgboost {label}"] = np.asarray(m.predict(g["Xte_s"]), float)
    return preds


def marquee_predictions(period, films_csv):
    """Marquee's log predictions in the period's order, and its interval hits."""
    by_id = {r["jp_id"]: r for r in read_csv(films_csv)}
    missing = [i for i in period.ids if i not in by_id]
    if missing:
        sys.exit(f"periods.py: {films_csv}: {len(missing)} test films missing (first {missing[0]})")
    pred = np.array([math.log1p(float(by_id[i]["predicted"])) for i in period.ids])
    inside = np.array([float(by_id[i]["lower"]) <= float(by_id[i]["actual"]) <= float(by_id[i]["upper"])
                       for i in period.ids])
    return pred, inside


def interval(values):
    lo, hi = np.percentile(values, [5, 95])
    return f"[{lo:+.3f}, {hi:+.3f}]"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--ref", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--draws", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20240701)
    ap.add_argument("periods", nargs="+")
    args = ap.parse_args()

    all_rows = read_csv(args.data)
    header = list(all_rows[0].keys())
    rng = np.random.default_rng(args.seed)
    results = []  # per period: (period, {model: pred}, summary)
    for spec in args.periods:
        first, last, films_csv, summary_json = spec.split(":")
        train = [r for r in all_rows if r["release_fr"] < first]
        test = [r for r in all_rows if first <= r["release_fr"] <= last]
        tag = f"{first}_{last}"
        train_csv = os.path.join(args.work, f"train_{tag}.csv")
        test_csv = os.path.join(args.work, f"test_{tag}.csv")
        write_csv(train_csv, header, train)
        write_csv(test_csv, header, test)
        period = Period(first, last, test)
        preds = {}
        marquee, inside = marquee_predictions(period, films_csv)
        preds["marquee svr, retrained weekly"] = marquee
        for flags, label in ((["--track"], "--track"), (["--track", "--extra"], "--extra")):
            g, _ = run_reference(args.ref, train_csv, test_csv, flags)
            if [r["jp_id"] for r in g["te"]] != period.ids:
                sys.exit("periods.py: the reference reordered the test films")
            preds.update(reference_predictions(g, label))
        with open(summary_json, encoding="utf-8") as f:
            summary = json.load(f)
        results.append((period, preds, summary, inside, len(train)))

    names = list(results[0][1].keys())
    refs = names[1:]
    # Every model's figures on every period, and the mean.
    table = []
    for period, preds, _, _, _ in results:
        table.append({n: period.figures(p) for n, p in preds.items()})
    mean = {n: {f: float(np.mean([t[n][f] for t in table])) for f in FIGURES} for n in names}

    # The bootstrap: the same week draws for every model of a period.
    draws = []
    for period, preds, _, _, _ in results:
        period.cache = {id(p): period.week_capture(p) for p in preds.values()}
        draws.append([rng.integers(0, len(period.weeks), len(period.weeks)) for _ in range(args.draws)])
    best_ref = [{f: max(refs, key=lambda n: t[n][f]) for f in FIGURES} for t in table]
    best_mean = {f: max(refs, key=lambda n: mean[n][f]) for f in FIGURES}
    diffs = [{f: [] for f in FIGURES} for _ in results]
    mean_diffs = {f: [] for f in FIGURES}
    for b in range(args.draws):
        per = []
        for k, (period, preds, _, _, _) in enumerate(results):
            fig = {n: period.figures(preds[n], draws[k][b])
                   for n in {names[0]} | set(best_ref[k].values()) | set(best_mean.values())}
            per.append(fig)
            for f in FIGURES:
                diffs[k][f].append(fig[names[0]][f] - fig[best_ref[k][f]][f])
        for f in FIGURES:
            mean_diffs[f].append(np.mean([p[names[0]][f] - p[best_mean[f]][f] for p in per]))

    width = max(len(n) for n in names) + 2
    for k, (period, preds, summary, inside, n_train) in enumerate(results):
        print(f"test {period.first}..{period.last}: {len(period.ids)} films, {len(period.weeks)} weeks;"
              f" references trained on the {n_train} films before it")
        print(f"  {'model':{width}s} {'r2_log':>8s} {'spearman':>8s} {'capture':>8s}")
        for n in names:
            t = table[k][n]
            print(f"  {n:{width}s} {t['r2_log']:8.3f} {t['spearman']:8.3f} {t['capture_top2']:8.3f}")
        print(f"  {'marquee - best reference':{width}s}", end="")
        for f in FIGURES:
            d = table[k][names[0]][f] - table[k][best_ref[k][f]][f]
            print(f" {d:+8.3f}", end="")
        print()
        for f in FIGURES:
            print(f"    {f}: best reference {best_ref[k][f]}; 90% bootstrap interval of the difference"
                  f" {interval(diffs[k][f])}")
        print(f"  marquee interval coverage {inside.mean():.3f}", end="")
        strata = summary.get("interval_coverage_by_stratum") or {}
        if strata:
            print(" (" + ", ".join(f"{s} {v['coverage']:.3f} of {v['films']}" for s, v in strata.items()) + ")",
                  end="")
        print()
        base = summary.get("baselines") or {}
        for name, v in base.items():
            print(f"  backtest baseline {name:22s} r2_log {v['r2_log']:.3f} spearman {v['spearman']:.3f}"
                  f" capture {v['capture_top2']:.3f} rmse_log {v['rmse_log']:.3f}")
        dec = summary.get("decision") or {}
        if dec:
            print(f"  decision: regret {dec['regret_per_week']:.0f} admissions a week,"
                  f" best pair picked in {dec['best_pair_share']:.3f} of {dec['weeks']} weeks")
        print()
    print(f"mean of the {len(results)} periods")
    print(f"  {'model':{width}s} {'r2_log':>8s} {'spearman':>8s} {'capture':>8s}")
    for n in names:
        t = mean[n]
        print(f"  {n:{width}s} {t['r2_log']:8.3f} {t['spearman']:8.3f} {t['capture_top2']:8.3f}")
    print(f"  {'marquee - best reference':{width}s}", end="")
    for f in FIGURES:
        print(f" {mean[names[0]][f] - mean[best_mean[f]][f]:+8.3f}", end="")
    print()
    for f in FIGURES:
        print(f"    {f}: best reference {best_mean[f]}; 90% bootstrap interval of the difference"
              f" {interval(mean_diffs[f])}")
    print(f"  (bootstrap: {args.draws} draws of each period's weeks with replacement, seed {args.seed};"
          f" xgboost {'version ' + xgboost.__version__ if xgboost else 'absent'})")


if __name__ == "__main__":
    main()
