"""Tests for grader.sandbox.guard, each in a fresh interpreter so this process stays unpatched."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

GUARD_PATH = Path(__file__).resolve().parents[3] / "grader" / "sandbox" / "guard.py"

PRELUDE = f"""
import importlib, importlib.util, json, sys
import numpy as np  # the zygote has numpy imported before the guard goes in
spec = importlib.util.spec_from_file_location("dlgrade_guard", {str(GUARD_PATH)!r})
guard = importlib.util.module_from_spec(spec)
spec.loader.exec_module(guard)
ForbiddenNameError = guard.ForbiddenNameError
results = {{}}

def attempt(label, fn):
    try:
        results[label] = ["ok", repr(fn())]
    except ForbiddenNameError as exc:
        results[label] = ["refused", str(exc), isinstance(exc, ImportError)]
    except Exception as exc:
        results[label] = ["error", type(exc).__name__ + ": " + str(exc)]
"""


def run_guarded(forbidden: list[str], body: str) -> dict:
    """Install the guard for ``forbidden`` in a child, run ``body``, return its results."""
    # the body runs as the learner's file: the guard refuses the learner, not libraries
    learner = textwrap.dedent(body)
    script = PRELUDE + f"guard.install_guard({forbidden!r})\n"
    script += f"exec(compile({learner!r}, 'submission.py', 'exec'), globals())\n"
    script += "print(json.dumps(results))\n"
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def refused(message: str) -> list:
    return ["refused", message, True]


def test_guard_imports_only_the_standard_library():
    script = f"""
import importlib.util, sys
before = set(sys.modules)
spec = importlib.util.spec_from_file_location("dlgrade_guard", {str(GUARD_PATH)!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
new = {{name.partition(".")[0] for name in set(sys.modules) - before}}
print(sorted(new - set(sys.stdlib_module_names)))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_numpy_attribute_tripwire_every_way():
    results = run_guarded(
        ["numpy.var"],
        """
        x = np.arange(5.0)
        attempt("np.var", lambda: np.var(x))
        def from_import():
            from numpy import var
            return var(x)
        attempt("from numpy import var", from_import)
        def from_import_as():
            from numpy import var as v
            return v(x)
        attempt("from numpy import var as v", from_import_as)
        attempt("getattr", lambda: getattr(np, "var")(x))
        attempt("import_module", lambda: importlib.import_module("numpy").var(x))
        attempt("np.sum", lambda: float(np.sum(x)))
        attempt("np.std", lambda: float(np.std(x)))
        attempt("x.var", lambda: float(x.var()))  # methods are the static check's job
        attempt("name", lambda: np.var.__name__)
        """,
    )
    message = "numpy.var is not allowed in this exercise"
    for label in ("np.var", "from numpy import var", "from numpy import var as v", "getattr"):
        assert results[label] == refused(message), label
    assert results["import_module"] == refused(message)
    assert results["np.sum"] == ["ok", "10.0"]
    assert results["np.std"] == ["ok", repr(float(2**0.5))]
    assert results["x.var"] == ["ok", "2.0"]
    assert results["name"] == ["ok", "'var'"]


def test_library_internals_still_reach_the_original():
    # numpy.histogram(bins="auto") calls np.std and np.mean through the numpy namespace.
    results = run_guarded(
        ["numpy.std", "numpy.mean"],
        """
        x = np.arange(10.0)
        attempt("histogram", lambda: np.histogram(x, bins="auto")[0].tolist())
        attempt("np.mean", lambda: np.mean(x))
        """,
    )
    assert results["histogram"][0] == "ok"
    assert results["np.mean"] == refused("numpy.mean is not allowed in this exercise")


def test_forbidden_module_refused_every_way():
    results = run_guarded(
        ["torch"],
        """
        def import_statement():
            import torch
        attempt("import torch", import_statement)
        def import_sub():
            import torch.nn.functional
        attempt("import torch.nn.functional", import_sub)
        def from_import():
            from torch import nn
        attempt("from torch import nn", from_import)
        attempt("__import__", lambda: __import__("torch"))
        attempt("import_module", lambda: importlib.import_module("torch"))
        attempt("import_module sub", lambda: importlib.import_module("torch.nn"))
        attempt("find_spec", lambda: importlib.util.find_spec("torch"))
        attempt("in sys.modules", lambda: any(n.split(".")[0] == "torch" for n in sys.modules))
        attempt("numpy fine", lambda: float(np.sum(np.ones(3))))
        """,
    )
    message = "torch is not allowed in this exercise"
    for label in (
        "import torch",
        "import torch.nn.functional",
        "from torch import nn",
        "__import__",
        "import_module",
        "import_module sub",
        "find_spec",
    ):
        assert results[label] == refused(message), label
    assert results["in sys.modules"] == ["ok", "False"]
    assert results["numpy fine"] == ["ok", "3.0"]


def test_already_imported_module_is_removed():
    results = run_guarded(
        ["json"],
        """
        attempt("import json", lambda: __import__("json"))
        attempt("in sys.modules", lambda: "json" in sys.modules)
        """,
    )
    # json was imported by the prelude itself, before the guard went in.
    assert results["import json"] == refused("json is not allowed in this exercise")
    assert results["in sys.modules"] == ["ok", "False"]


def test_scipy_special_logsumexp_refused_expit_allowed():
    results = run_guarded(
        ["scipy.special.logsumexp"],
        """
        import scipy.special
        x = np.array([0.0, 1.0])
        attempt("logsumexp", lambda: scipy.special.logsumexp(x))
        def from_import():
            from scipy.special import logsumexp
            return logsumexp(x)
        attempt("from import", from_import)
        def alias():
            import scipy.special as sp
            return sp.logsumexp(x)
        attempt("alias", alias)
        def from_scipy():
            from scipy import special
            return special.logsumexp(x)
        attempt("from scipy import special", from_scipy)
        attempt("expit", lambda: float(scipy.special.expit(0.0)))
        """,
    )
    message = "scipy.special.logsumexp is not allowed in this exercise"
    for label in ("logsumexp", "from import", "alias", "from scipy import special"):
        assert results[label] == refused(message), label
    assert results["expit"] == ["ok", "0.5"]


def test_forbidden_submodule():
    results = run_guarded(
        ["scipy.special"],
        """
        import scipy
        attempt("import", lambda: importlib.import_module("scipy.special"))
        def from_scipy():
            from scipy import special
        attempt("from scipy import special", from_scipy)
        attempt("attribute", lambda: scipy.special.expit(0.0))
        attempt("dunder", lambda: hasattr(scipy.special, "__path__"))
        attempt("linalg", lambda: float(importlib.import_module("scipy.linalg").det(np.eye(2))))
        """,
    )
    message = "scipy.special is not allowed in this exercise"
    for label in ("import", "from scipy import special", "attribute"):
        assert results[label] == refused(message), label
    assert results["dunder"] == ["ok", "False"]
    assert results["linalg"] == ["ok", "1.0"]


def test_stdlib_module_and_attribute_of_non_package():
    results = run_guarded(
        ["statistics", "math.sqrt", "nosuchpackage"],
        """
        import math
        attempt("statistics", lambda: importlib.import_module("statistics"))
        attempt("math.sqrt", lambda: math.sqrt(4.0))
        attempt("math.floor", lambda: math.floor(2.5))
        attempt("missing package", lambda: importlib.import_module("nosuchpackage.thing"))
        """,
    )
    assert results["statistics"] == refused("statistics is not allowed in this exercise")
    assert results["math.sqrt"] == refused("math.sqrt is not allowed in this exercise")
    assert results["math.floor"] == ["ok", "2"]
    assert results["missing package"] == refused("nosuchpackage is not allowed in this exercise")


def test_parent_imported_later_is_patched():
    results = run_guarded(
        ["csv.writer"],
        """
        import csv
        first = csv
        del sys.modules["csv"]
        attempt("fresh module", lambda: importlib.import_module("csv") is not first)
        attempt("import_module", lambda: importlib.import_module("csv").writer([]))
        del sys.modules["csv"]
        def import_statement():
            import csv
            return csv.writer([])
        attempt("import statement", import_statement)
        attempt("reload", lambda: importlib.reload(sys.modules["csv"]).writer([]))
        attempt("reader fine", lambda: list(importlib.import_module("csv").reader(["a,b"])))
        """,
    )
    message = "csv.writer is not allowed in this exercise"
    assert results["fresh module"] == ["ok", "True"]
    for label in ("import_module", "import statement", "reload"):
        assert results[label] == refused(message), label
    assert results["reader fine"] == ["ok", "[['a', 'b']]"]


def test_installing_twice_adds_names():
    results = run_guarded(
        ["csv.writer"],
        """
        guard.install_guard(["csv.reader", "numpy.var"])
        del sys.modules["csv"]
        csv = importlib.import_module("csv")
        attempt("writer", lambda: csv.writer([]))
        attempt("reader", lambda: csv.reader([]))
        attempt("var", lambda: np.var([1.0]))
        attempt("sum", lambda: float(np.sum([1.0])))
        """,
    )
    assert results["writer"] == refused("csv.writer is not allowed in this exercise")
    assert results["reader"] == refused("csv.reader is not allowed in this exercise")
    assert results["var"] == refused("numpy.var is not allowed in this exercise")
    assert results["sum"] == ["ok", "1.0"]


@pytest.mark.parametrize("name", ["numpy.var", "torch"])
def test_error_is_an_import_error_with_the_name(name):
    results = run_guarded(
        [name],
        f"""
        def check():
            try:
                if {name!r} == "torch":
                    import torch
                else:
                    np.var([1.0])
            except ImportError as exc:
                return (type(exc).__name__, exc.name, exc.forbidden_name)
        attempt("error", check)
        """,
    )
    assert results["error"] == ["ok", repr(("ForbiddenNameError", name, name))]


def test_classify_modules_versus_attributes():
    script = f"""
import importlib.util
spec = importlib.util.spec_from_file_location("dlgrade_guard", {str(GUARD_PATH)!r})
guard = importlib.util.module_from_spec(spec)
spec.loader.exec_module(guard)
names = ["torch", "numpy.var", "scipy.special", "scipy.special.logsumexp", "math.sqrt",
         "os.path", "nosuchpackage.thing", " statistics "]
print(guard.classify(names))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == repr(
        ["torch", "scipy.special", "os.path", "nosuchpackage.thing", "statistics"]
    )


def test_install_with_classification_from_the_trusted_side():
    learner = textwrap.dedent(
        """
        import csv
        attempt("writer", lambda: csv.writer([]))
        attempt("torch", lambda: importlib.import_module("torch"))
        """
    )
    script = PRELUDE + 'guard.install_guard(["csv.writer", "torch"], ["torch"])\n'
    script += f"exec(compile({learner!r}, 'submission.py', 'exec'), globals())\n"
    script += "print(json.dumps(results))\n"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    assert results["writer"] == refused("csv.writer is not allowed in this exercise")
    assert results["torch"] == refused("torch is not allowed in this exercise")


def test_libraries_probing_a_forbidden_module_see_it_as_missing():
    # torch asks importlib.util.find_spec for optional libraries such as sklearn
    results = run_guarded(
        ["statistics"],
        """
        import importlib.util
        probe = compile("import importlib.util\\nspec = importlib.util.find_spec('statistics')",
                        "/site-packages/library.py", "exec")
        scope = {}
        exec(probe, scope)
        attempt("library", lambda: scope["spec"])
        attempt("learner", lambda: importlib.util.find_spec("statistics"))
    """,
    )
    assert results["library"] == ["ok", "None"]
    assert results["learner"] == refused("statistics is not allowed in this exercise")
