"""The run-time half of the forbidden-name rule, installed in the sandboxed child.

``install_guard(forbidden, modules)`` runs before any learner code; it imports only the
standard library (numpy may already be in ``sys.modules``). Each forbidden dotted name is
either a module or an attribute, decided by ``classify`` (on the trusted side, whose answer
is passed in as ``modules``; or inside ``install_guard`` when ``modules`` is None):

- a name without a dot, or one that ``importlib.util.find_spec`` finds, is a **module**
  (``"torch"``, ``"scipy.special"``, ``"statistics"``). Finding a dotted name imports its
  parent package, as ``find_spec`` does; a name whose parent cannot be imported is treated
  as a module too (forbidding an import that would fail anyway is harmless);
- any other dotted name is an **attribute** of its parent module (``"numpy.var"``,
  ``"scipy.special.logsumexp"``).

Modules (and their submodules) are removed from ``sys.modules``; a finder placed first on
``sys.meta_path`` refuses to find them, so ``import``, ``__import__`` and
``importlib.import_module`` all raise ``ForbiddenNameError``; ``builtins.__import__`` is
wrapped so that ``from scipy import special`` is refused too; and an already imported parent
package gets a stand-in module in place of the attribute (``scipy.special`` -> a module
whose every attribute read raises).

Attributes are replaced on their parent module by a tripwire that raises
``ForbiddenNameError`` when called, so ``np.var(x)``, ``from numpy import var`` and
``getattr(np, "var")`` all trip. A parent imported later (or re-imported) is patched right
after it executes, by wrapping its loader (and, as a fallback, after each ``__import__``).
A tripwire called by code inside the parent's own top-level package (``numpy.histogram``
calling ``np.std``) passes through to the original, so library internals keep working;
a tripwire handed to a library as a callback may therefore not trip (the static check in
``grader.core.forbidden`` catches the literal name).

This is a tripwire for the exercise's rules, not a security boundary: the sandbox contains
the learner's process and the score is computed outside it.
"""

from __future__ import annotations

import builtins
import importlib.util
import os
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["ForbiddenNameError", "classify", "install_guard"]


class ForbiddenNameError(ImportError):
    """A forbidden module or function was used; the message names it."""

    def __init__(self, forbidden_name: str) -> None:
        super().__init__(f"{forbidden_name} is not allowed in this exercise", name=forbidden_name)
        self.forbidden_name = forbidden_name


def install_guard(forbidden: Sequence[str], modules: Sequence[str] | None = None) -> None:
    """Refuse the forbidden modules and trip the forbidden attributes from now on.

    ``modules`` says which of the names are modules when the caller has decided already
    (the trusted side does, with :func:`classify`, so the child never imports a package just
    to find out). Each call adds a guard for its names; calling it again is allowed.
    """
    names = [name.strip() for name in forbidden if name.strip()]
    if modules is None:
        modules = [name for name in names if _is_module(name)]
    else:
        chosen = {name.strip() for name in modules}
        modules = [name for name in names if name in chosen]
    attributes = [name for name in names if name not in modules]
    guard = _Guard(modules, attributes)
    for entry in modules:
        module = sys.modules.pop(entry, None)
        if module is not None and hasattr(module, "__path__"):  # a package: its submodules too
            # (only then scan sys.modules: touching every entry costs a forked child dearly)
            for name in [n for n in sys.modules if n.startswith(entry + ".")]:
                del sys.modules[name]
    for name in modules:
        parent, _, child = name.rpartition(".")
        if parent in sys.modules:
            setattr(sys.modules[parent], child, _forbidden_module(name))
    sys.meta_path.insert(0, guard)
    guard.patch_loaded()
    builtins.__import__ = guard.wrap_import(builtins.__import__)
    importlib.util.find_spec = guard.wrap_find_spec(importlib.util.find_spec)


def classify(forbidden: Sequence[str]) -> list[str]:
    """The names among ``forbidden`` that are modules (see the module docstring)."""
    names = [name.strip() for name in forbidden]
    return [name for name in names if name and _is_module(name)]


def _is_module(name: str) -> bool:
    if "." not in name:
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        # "math.sqrt": the parent was imported but is no package, so this is an attribute;
        # "nosuch.thing": the parent is missing, so forbid the import.
        return name.rpartition(".")[0] not in sys.modules
    except (ImportError, ValueError, AttributeError):
        return True


class _Guard:
    """The ``sys.meta_path`` finder, loader wrapper and attribute patcher for one call."""

    def __init__(self, modules: Sequence[str], attributes: Sequence[str]) -> None:
        self.modules = tuple(modules)
        self.attributes: dict[str, list[str]] = {}  # parent module -> attribute names
        for name in attributes:
            parent, _, attr = name.rpartition(".")
            self.attributes.setdefault(parent, []).append(attr)
        self._finding: set[str] = set()

    def module_entry(self, fullname: str) -> str | None:
        """The forbidden module entry covering ``fullname``, if any."""
        for entry in self.modules:
            if fullname == entry or fullname.startswith(entry + "."):
                return entry
        return None

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        entry = self.module_entry(fullname)
        if entry is not None:
            raise _refusal(entry, fullname)
        if fullname not in self.attributes or fullname in self._finding:
            return None
        self._finding.add(fullname)  # other guards on the path may ask us back
        try:
            for finder in sys.meta_path:  # find the real spec, then patch after it executes
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                        spec.loader = _PatchingLoader(spec.loader, self.patch)
                    return spec
            return None
        finally:
            self._finding.discard(fullname)

    def invalidate_caches(self) -> None:
        """Nothing cached; present for ``importlib.invalidate_caches``."""

    def patch(self, module: types.ModuleType) -> None:
        parent = module.__name__
        root = sys.modules.get(parent.partition(".")[0], module)
        package_dir = os.path.dirname(getattr(root, "__file__", None) or "") or None
        for attr in self.attributes.get(parent, ()):
            original = module.__dict__.get(attr)
            if not getattr(original, "_dlgrade_tripwire", False):
                tripwire = _tripwire(f"{parent}.{attr}", original, package_dir)
                setattr(module, attr, tripwire)

    def patch_loaded(self) -> None:
        for parent in self.attributes:
            module = sys.modules.get(parent)
            if isinstance(module, types.ModuleType):
                self.patch(module)

    def wrap_find_spec(self, original: Callable[..., Any]) -> Callable[..., Any]:
        """``importlib.util.find_spec`` answers ``None`` (not installed) for a forbidden module
        when a library asks (torch probes for sklearn and tensorflow this way), and refuses
        when the learner's own code asks."""
        guard = self

        def find_spec(name: str, package: str | None = None) -> Any:
            absolute = importlib.util.resolve_name(name, package) if name.startswith(".") else name
            entry = guard.module_entry(absolute)
            if entry is not None:
                if sys._getframe(1).f_code.co_filename == LEARNER_FILENAME:
                    raise ForbiddenNameError(entry)
                return None
            return original(name, package)

        find_spec.__doc__ = original.__doc__
        return find_spec

    def wrap_import(self, original: Callable[..., Any]) -> Callable[..., Any]:
        guard = self

        def guarded_import(
            name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0
        ) -> Any:
            if level == 0 and isinstance(name, str):
                entry = guard.module_entry(name)
                for item in fromlist or ():
                    if entry is None and isinstance(item, str):
                        entry = guard.module_entry(f"{name}.{item}")
                if entry is not None:
                    raise _refusal(entry, name)
            module = original(name, globals, locals, fromlist, level)
            guard.patch_loaded()
            return module

        guarded_import.__name__ = guarded_import.__qualname__ = "__import__"
        guarded_import.__doc__ = original.__doc__
        return guarded_import


class _PatchingLoader:
    """Delegates to the real loader; patches the module once it has executed."""

    def __init__(self, loader: Any, patch: Callable[[types.ModuleType], None]) -> None:
        self._loader = loader
        self._patch = patch

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        self._loader.exec_module(module)
        self._patch(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


LEARNER_FILENAME = "submission.py"
_IMPORT_MACHINERY = ("<frozen importlib", os.path.dirname(importlib.util.__file__), __file__)


def _refusal(entry: str, fullname: str) -> ImportError:
    """``ForbiddenNameError`` when the learner's own code asked for the module; for a library
    probing an optional dependency (torch looks for sklearn and tensorflow, for instance), a
    plain ``ModuleNotFoundError``, so the library carries on as if it were not installed."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(_IMPORT_MACHINERY):
        frame = frame.f_back
    if frame is not None and frame.f_code.co_filename != LEARNER_FILENAME:
        return ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
    return ForbiddenNameError(entry)


def _tripwire(name: str, original: Any, package_dir: str | None) -> Callable[..., Any]:
    def tripwire(*args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_code.co_filename
        if package_dir and callable(original) and caller.startswith(package_dir + os.sep):
            return original(*args, **kwargs)
        raise ForbiddenNameError(name)

    tripwire.__name__ = tripwire.__qualname__ = name.rpartition(".")[2]
    tripwire.__doc__ = f"{name} is not allowed in this exercise."
    tripwire._dlgrade_tripwire = True  # type: ignore[attr-defined]
    return tripwire


def _forbidden_module(name: str) -> types.ModuleType:
    class _ForbiddenModule(types.ModuleType):
        def __getattr__(self, attr: str) -> Any:
            if attr.startswith("__"):  # hasattr(module, "__path__") and friends
                raise AttributeError(attr)
            raise ForbiddenNameError(name)

    return _ForbiddenModule(name, f"{name} is not allowed in this exercise.")
