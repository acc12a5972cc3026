"""Trusted case code shared by several exercises of the bank (imported by their ``cases.py``).

A change here changes the version of every exercise whose ``cases.py`` imports it (see
``grader.core.versioning.content_version``). Nothing here is sent to the sandbox except helper
source strings passed through ``t.code``. Generic helpers, useful to any bank, belong in
``grader.authoring`` instead (``unchanged``, ``close_parts``); this kit is this course's.
"""
