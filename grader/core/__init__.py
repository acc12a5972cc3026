"""The grading engine: load a bank, prepare a submission, plan its cases, run them in the
sandbox, judge the outcomes and shape the result document.

``bank``/``modules`` read exercises from disk; ``source``/``notebook``/``forbidden`` prepare a
submission; ``suite``/``outcomes``/``gradients`` turn ``cases.py`` into a plan of steps and judge
what comes back (``compare``, ``replies``); ``engine`` drives one submission through the sandbox;
``results`` shapes the document, ``messages``/``catalogue`` its texts in English and Korean;
``validate``/``solution``/``translation``/``mutation`` prove an exercise sound.
"""
