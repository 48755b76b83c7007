#!/usr/bin/env python3
"""Nested cross-validation of a choice among candidate result directories (NAB dev half).

For each candidate: whole-dev score and the out-of-fold mean of cv.py (threshold chosen on the
other two folds). Then the honest number for *choosing* among the candidates: for each fold k the
candidate with the best score on not-fk (threshold optimised there) is taken, and fold k is scored
with that candidate at that threshold. Reports the chosen candidate per fold and the nested
out-of-fold mean.

usage: python3 cvselect.py NAB_DEV_DIR [--profile standard] RESULTS_DIR...
"""
import json, os, sys


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    nab = args.pop(0)
    profile = "standard"
    if args[0] == "--profile":
        profile = args[1]
        args = args[2:]
    sys.path.insert(0, nab)
    import score as S
    labels = json.load(open(os.path.join(nab, "labels.json")))
    folds = json.load(open(os.path.join(nab, "folds.json")))
    w = S.PROFILES[profile]
    data = os.path.join(nab, "data")

    def norm(files, raw, null):
        perfect = w["tpWeight"] * sum(f.n_windows_labelled for f in files)
        return 100.0 * (raw - null) / (perfect - null)

    def tuned(files):
        thr, raw, null, _ = S.sweep(files, w)
        return thr, norm(files, raw, null)

    def fixed(files, thr):
        _, _, null, _ = S.sweep(files, w)
        raw = sum(S.score_file_at(f, w, thr)["raw"] for f in files)
        return norm(files, raw, null)

    rows = {}
    for d in args:
        files = S.load_corpus(d, labels, data)
        by = {f.rel_path: f for f in files}
        sub = lambda key, by=by: [by[p] for p in folds[key]]
        whole = tuned(files)[1]
        inner = {}
        oof = []
        for k in ("f1", "f2", "f3"):
            thr, sc = tuned(sub("not-" + k))
            inner[k] = (thr, sc)
            oof.append(fixed(sub(k), thr))
        rows[d] = (whole, oof, inner, sub)
        print("%-40s whole %6.2f  oof %6.2f  folds %s  inner %s" % (
            os.path.basename(os.path.normpath(d)), whole, sum(oof) / 3,
            " ".join("%6.2f" % x for x in oof), " ".join("%6.2f" % inner[k][1] for k in ("f1", "f2", "f3"))))
    nested = []
    for k in ("f1", "f2", "f3"):
        best = max(args, key=lambda d: rows[d][2][k][1])
        thr = rows[best][2][k][0]
        sc = fixed(rows[best][3](k), thr)
        nested.append(sc)
        print("fold %s: chose %s (not-%s %.2f), fold score %.2f" % (
            k, os.path.basename(os.path.normpath(best)), k, rows[best][2][k][1], sc))
    print("NESTED out-of-fold mean %.2f  folds %s" % (sum(nested) / 3, " ".join("%.2f" % x for x in nested)))


if __name__ == "__main__":
    main()
