#!/usr/bin/env python3
"""scikit-learn's MLPClassifier on the benchmark's MNIST CSVs: the optional single-machine peer.

Network 784-256-128-10, ReLU hidden layers, softmax output, Adam (lr 1e-3), minibatch 256,
float64, pixels / 255, L2 alpha 1e-4 (sklearn's default), random_state 0. One partial_fit call
per epoch (the optimizer state and the shuffling RNG carry over, as in one long fit); only the
partial_fit calls are timed. After each epoch the test accuracy is measured off the clock.

Prints one JSON line to stdout: per-epoch cumulative training seconds and test accuracy, the
first epoch and time at which 95/97/98 % were reached, examples/s, versions and thread counts.
Progress goes to stderr.

    OPENBLAS_NUM_THREADS=2 python3 src/bench/python/sklearn_mnist.py --train T.csv[.gz] --test S.csv[.gz] --epochs 15
"""
import argparse
import gzip
import json
import os
import sys
import time

THRESHOLDS = (0.95, 0.97, 0.98)


def load_csv(path):
    """A `label,pixel...` CSV with a header line: returns (X / 255 as float64, y as int)."""
    import numpy as np
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as fh:
        header = fh.readline().rstrip("\n").split(",")
        if header[0] != "label":
            sys.exit(f"{path}: the first column is {header[0]!r}, expected 'label'")
        data = np.loadtxt(fh, delimiter=",", dtype=np.float64, ndmin=2)
    return data[:, 1:] / 255.0, data[:, 0].astype(int)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    import numpy as np
    import sklearn
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    load_start = time.perf_counter()
    x_train, y_train = load_csv(args.train)
    x_test, y_test = load_csv(args.test)
    load_seconds = time.perf_counter() - load_start
    model = MLPClassifier(hidden_layer_sizes=(256, 128), activation="relu", solver="adam",
                          batch_size=256, learning_rate_init=1e-3, max_iter=1,
                          random_state=np.random.RandomState(args.seed))
    classes = np.arange(10)
    warnings.simplefilter("ignore", ConvergenceWarning)
    curve, seconds = [], 0.0
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        model.partial_fit(x_train, y_train, classes=classes)
        seconds += time.perf_counter() - start
        accuracy = float(np.mean(model.predict(x_test) == y_test))
        curve.append({"epoch": epoch, "seconds": round(seconds, 4), "test_accuracy": round(accuracy, 4)})
        print(f"sklearn: epoch {epoch}  {seconds:.2f}s  test accuracy {accuracy:.4f}", file=sys.stderr, flush=True)

    time_to = {}
    for threshold in THRESHOLDS:
        hit = next((p for p in curve if p["test_accuracy"] >= threshold), None)
        time_to[f"{threshold:.2f}"] = None if hit is None else {"seconds": hit["seconds"], "epoch": hit["epoch"]}
    print(json.dumps({
        "name": "sklearn-relu-adam",
        "network": "784-256:relu-128:relu-10:softmax",
        "optimizer": "adam", "batch_size": 256, "dtype": "float64",
        "train_rows": int(len(y_train)), "test_rows": int(len(y_test)),
        "epochs": args.epochs, "load_seconds": round(load_seconds, 3),
        "training_seconds": curve[-1]["seconds"],
        "examples_per_second": round(args.epochs * len(y_train) / seconds),
        "test_accuracy": curve[-1]["test_accuracy"],
        "time_to": time_to, "curve": curve,
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "sklearn": sklearn.__version__},
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
    }))


if __name__ == "__main__":
    main()
