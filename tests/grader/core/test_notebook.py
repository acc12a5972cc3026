"""Tests for grader.core.notebook: reading submissions, building starter notebooks."""

import contextlib
import json
import traceback
import warnings

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.core.notebook import (
    NotebookError,
    NotebookSource,
    build_notebook,
    notebook_to_json,
    notebook_to_source,
)

STARTER = '''import numpy as np


def softmax_cross_entropy(logits, labels):
    """Mean cross-entropy of softmax(logits) against integer labels."""
    raise NotImplementedError
'''

PROMPT = """# Softmax cross-entropy

Compute $L = -\\frac{1}{N}\\sum_i \\log \\mathrm{softmax}(z_i)_{y_i}$.

```python
# a comment in a fence, not a heading
x = 1
```

# Hints

Subtract the row maximum first.
"""


def code_notebook(*sources: str, minor: int = 5) -> str:
    """A v4 notebook whose cells are code cells with these sources (as JSON text)."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(src, id=f"c{i}") for i, src in enumerate(sources)]
    )
    return nbformat.writes(nb)


# -- build_notebook -------------------------------------------------------------------------


def test_build_notebook_round_trip_gives_back_the_starter():
    nb = build_notebook("Softmax cross-entropy", PROMPT, STARTER, "softmax-cross-entropy")
    result = notebook_to_source(notebook_to_json(nb))
    assert result.source == STARTER
    assert result.notes == []
    starter_cell = [c.cell_type for c in nb.cells].index("code") + 1
    assert result.line_map == [(starter_cell, i) for i in range(1, STARTER.count("\n") + 1)]


def test_build_notebook_structure():
    nb = build_notebook("Softmax cross-entropy", PROMPT, STARTER, "softmax-cross-entropy")
    nbformat.validate(nb)
    assert [c.cell_type for c in nb.cells] == ["markdown", "markdown", "code", "markdown"]
    assert nb.cells[0].source.startswith("# Softmax cross-entropy\n\nCompute $L")
    assert "# a comment in a fence, not a heading" in nb.cells[0].source
    assert nb.cells[1].source == "# Hints\n\nSubtract the row maximum first."
    assert nb.cells[2].source == STARTER
    assert "dlgrade check softmax-cross-entropy softmax_cross_entropy.ipynb" in (nb.cells[3].source)
    assert nb.metadata["dlgrade"] == {"exercise": "softmax-cross-entropy"}
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_build_notebook_adds_title_when_prompt_has_no_heading():
    nb = build_notebook(
        "Entropy", "Compute the entropy of $p$.", "def entropy(p): ...\n", "entropy"
    )
    assert nb.cells[0].source == "# Entropy\n\nCompute the entropy of $p$."
    nb = build_notebook("Entropy", "", "pass\n", "entropy")
    assert nb.cells[0].source == "# Entropy"


def test_build_notebook_is_deterministic_and_json_ends_with_newline():
    first = notebook_to_json(build_notebook("T", PROMPT, STARTER, "t"))
    second = notebook_to_json(build_notebook("T", PROMPT, STARTER, "t"))
    assert first == second
    assert first.endswith("\n")
    assert json.loads(first)["nbformat"] == 4


# -- notebook_to_source ---------------------------------------------------------------------


def test_magics_shell_escapes_and_help_are_dropped_with_notes():
    raw = code_notebook(
        "%matplotlib inline\nimport numpy as np\n!pip install foo\nfiles = !ls\nnp.sum?\n",
        "??np.mean\nt = %timeit -o f()\nx = 1",
    )
    result = notebook_to_source(raw)
    assert result.source == "import numpy as np\n\nx = 1\n"
    assert [str(note) for note in result.notes] == [
        "cell 1, line 1: dropped IPython magic `%matplotlib inline`",
        "cell 1, line 3: dropped shell escape `!pip install foo`",
        "cell 1, line 4: dropped shell escape `files = !ls`",
        "cell 1, line 5: dropped IPython help `np.sum?`",
        "cell 2, line 1: dropped IPython help `??np.mean`",
        "cell 2, line 2: dropped IPython magic `t = %timeit -o f()`",
    ]
    assert (
        result.notes[1].text("ko") == "셀 1의 3번째 줄: 셸 명령 `!pip install foo`을(를) 뺐습니다"
    )
    assert result.line_map == [(1, 2), (0, 0), (2, 3)]


def test_cell_magic_drops_the_whole_cell():
    raw = code_notebook("a = 1", "\n%%bash\necho hi\n", "b = 2")
    result = notebook_to_source(raw)
    assert result.source == "a = 1\n\nb = 2\n"
    assert [str(note) for note in result.notes] == [
        "cell 2: dropped the whole cell, IPython cell magic `%%bash`"
    ]
    assert (
        result.notes[0].text("ko") == "셀 2: IPython 셀 매직 `%%bash`이(가) 있어 셀 전체를 뺐습니다"
    )
    assert result.line_map == [(1, 1), (0, 0), (3, 1)]


def test_lines_inside_strings_and_brackets_are_kept():
    cell = (
        's = """\n%not a magic\n!not a shell\nwhat?\n"""\n'
        "t = (1,\n  !2)\n"
        "u = 'a' \\\n"
        "  !3\n"
        "v = x != y  # ! and ? in a comment: what?\n"
        "w = '%s' % 3\n"
    )
    result = notebook_to_source(code_notebook(cell))
    assert result.source == cell
    assert result.notes == []


def test_magic_in_an_indented_block_becomes_pass():
    cell = "for i in range(3):\n    !echo {i}\nif True:\n\t%time f()\n"
    result = notebook_to_source(code_notebook(cell))
    assert result.source == "for i in range(3):\n    pass\nif True:\n\tpass\n"
    compile(result.source, "<notebook>", "exec")
    assert result.line_map == [(1, 1), (1, 2), (1, 3), (1, 4)]
    assert len(result.notes) == 2


def test_markdown_raw_and_empty_cells_are_skipped_but_counted():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Title\n`x = 1`"),
            nbformat.v4.new_code_cell(""),
            nbformat.v4.new_raw_cell("raw"),
            nbformat.v4.new_code_cell("y = 2"),
        ]
    )
    result = notebook_to_source(nbformat.writes(nb))
    assert result.source == "y = 2\n"
    assert result.line_map == [(4, 1)]


def test_traceback_lines_map_back_to_cells():
    raw = code_notebook(
        "%load_ext autoreload\nimport math\n",
        "def f(x):\n    return math.log(x)\n",
        "!ls\n\ny = f(0)\n",
    )
    result = notebook_to_source(raw)
    try:
        exec(compile(result.source, "<submission>", "exec"), {})
    except ValueError as exc:
        frames = traceback.extract_tb(exc.__traceback__)
    lines = [frame.lineno for frame in frames if frame.filename == "<submission>"]
    assert [result.location(n) for n in lines] == ["cell 3, line 3", "cell 2, line 2"]
    assert result.location(2) == "line 2"  # the blank separator
    assert result.location(999) == "line 999"


def test_byte_exact_including_crlf_and_unicode():
    cell = "s = 'héllo'\r\nt = 2\r\n"
    result = notebook_to_source(code_notebook(cell, "u = 3"))
    assert result.source == cell + "\nu = 3\n"
    assert result.line_map == [(1, 1), (1, 2), (0, 0), (2, 1)]


def test_bytes_and_bom_accepted():
    raw = code_notebook("x = 'ü'")
    assert notebook_to_source(raw.encode("utf-8")).source == "x = 'ü'\n"
    assert notebook_to_source(b"\xef\xbb\xbf" + raw.encode("utf-8")).source == "x = 'ü'\n"
    assert notebook_to_source("\ufeff" + raw).source == "x = 'ü'\n"


def test_source_as_list_of_lines_and_missing_ids():
    data = {
        "nbformat": 4,
        "nbformat_minor": 4,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": ["a = 1\n", "b = 2"],
            }
        ],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = notebook_to_source(json.dumps(data))
    assert result.source == "a = 1\nb = 2\n"


def test_v3_notebook_is_converted():
    v3 = nbformat.v3.new_notebook(
        worksheets=[
            nbformat.v3.new_worksheet(
                cells=[
                    nbformat.v3.new_text_cell("markdown", source="hi"),
                    nbformat.v3.new_code_cell(input="import numpy as np\nx = 1"),
                ]
            )
        ]
    )
    result = notebook_to_source(json.dumps(v3))
    assert result.source == "import numpy as np\nx = 1\n"
    assert result.line_map == [(2, 1), (2, 2)]


def test_empty_notebook():
    result = notebook_to_source(nbformat.writes(nbformat.v4.new_notebook()))
    assert result == NotebookSource("", [], [])


# -- malformed notebooks --------------------------------------------------------------------

VALID_CELL = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("{bad", "the notebook is not valid JSON: Expecting property name enclosed in double"),
        (b"\xff\xfe{}", "the notebook is not UTF-8 text"),
        ("[1, 2]", "the file is not a Jupyter notebook: it has no 'nbformat' version"),
        ('{"cells": []}', "the file is not a Jupyter notebook: it has no 'nbformat' version"),
        (
            '{"nbformat": 5, "nbformat_minor": 0, "metadata": {}, "cells": []}',
            "the notebook cannot be read: Unsupported nbformat version 5",
        ),
        (
            json.dumps(
                {
                    "nbformat": 4,
                    "nbformat_minor": 5,
                    "metadata": {},
                    "cells": [{**VALID_CELL, "id": "a", "source": "x", "outputs": 3}],
                }
            ),
            "the notebook is invalid: 3 is not of type 'array' (at cells/0/outputs)",
        ),
        (
            json.dumps(
                {
                    "nbformat": 4,
                    "nbformat_minor": 5,
                    "metadata": {},
                    "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": "x"}],
                }
            ),
            "the notebook is invalid: 'outputs' is a required property (at cells/0)",
        ),
        (
            json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}}),
            "the notebook is invalid: it has no list of 'cells'",
        ),
        (
            json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": 5}),
            "the notebook cannot be read",
        ),
        ('{"nbformat": true, "cells": []}', "the file is not a Jupyter notebook"),
        (
            '{"nbformat": 4, "nbformat_minor": "5", "metadata": {}, "cells": []}',
            "the notebook is invalid: 'nbformat_minor' should be an integer",
        ),
        (
            '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [1]}',
            "the notebook cannot be read",
        ),
        ("[" * 100_000, "it is a malformed notebook: its JSON nests more than 64 levels deep"),
    ],
)
def test_malformed_notebooks(raw, reason):
    with pytest.raises(NotebookError) as info:
        notebook_to_source(raw)
    message = str(info.value)
    assert message.startswith(reason)
    assert "\n" not in message
    assert len(message) <= 300
    assert isinstance(info.value, ValueError)


def test_long_schema_reasons_are_bounded():
    cell = {**VALID_CELL, "cell_type": "bogus", "id": "a", "source": "x = 1\n" * 10_000}
    raw = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]})
    with pytest.raises(NotebookError) as info:
        notebook_to_source(raw)
    assert str(info.value).startswith("the notebook is invalid: ")
    assert len(str(info.value)) <= 300


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["cells", "cell_type", "source", "id", "x"]), children)
    ),
    max_leaves=10,
)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([3, 4]), json_values, json_values)
def test_property_garbage_raises_only_notebook_error(version, cells, metadata):
    raw = json.dumps(
        {"nbformat": version, "nbformat_minor": 0, "cells": cells, "metadata": metadata}
    )
    with contextlib.suppress(NotebookError):
        notebook_to_source(raw)


cell_lines = st.lists(
    st.text(alphabet=st.characters(blacklist_characters="\r\n", codec="utf-8"), max_size=12),
    min_size=1,
    max_size=6,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(cell_lines, min_size=1, max_size=4))
def test_property_line_map_points_at_the_original_lines(cells):
    sources = ["\n".join(lines) for lines in cells]
    result = notebook_to_source(code_notebook(*sources))
    out_lines = result.source.split("\n")[:-1]
    assert len(out_lines) == len(result.line_map)
    for text, (cell, line) in zip(out_lines, result.line_map):
        if (cell, line) == (0, 0):
            assert text == ""
        else:
            original = cells[cell - 1][line - 1]
            assert text == original or text.strip() == "pass"


@pytest.mark.parametrize("depth", [65, 950, 150_000])
def test_deeply_nested_metadata_is_a_malformed_notebook_not_a_recursion_error(depth):
    nested = '{"a":' * depth + "1" + "}" * depth
    text = '{"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": ' + nested + "}"
    with pytest.raises(NotebookError, match="malformed notebook: its JSON nests more than 64"):
        notebook_to_source(text)


def test_nesting_within_the_bound_is_read():
    nested = '{"a":' * 60 + "1" + "}" * 60
    text = '{"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": ' + nested + "}"
    assert notebook_to_source(text).source == ""
