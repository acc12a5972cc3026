"""The sandbox: a pre-forked zygote that runs each submission in an isolated child.

``client`` is the trusted side; ``zygote`` and ``child`` run in the zygote process and its
children; ``landlock``, ``seccomp``, ``cgroups`` and ``isolation`` are the measures applied in a
child before any learner byte runs.
"""
