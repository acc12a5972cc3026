"""Catalogue texts of what happens before and around grading: why a submission is refused,
what was dropped from a notebook (the result's ``notes``), where in the file, and an
exercise's validation status. Part of ``grader.core.catalogue.CATALOGUE`` (same rules: codes
are stable, both texts use the same parameters).
"""

from __future__ import annotations

from grader.core.catalogue_texts import t as _t

_REJECTIONS = {
    "reject.too_large": _t(
        "the file is {size} KiB; submissions are limited to {limit} KiB",
        "파일 크기가 {size} KiB입니다. 제출물은 {limit} KiB까지 허용됩니다",
    ),
    "reject.not_utf8": _t(
        "the file is not UTF-8 text (invalid byte at position {position})",
        "파일이 UTF-8 텍스트가 아닙니다 (위치 {position}에 잘못된 바이트)",
    ),
    "reject.notebook": _t(
        "the notebook cannot be read: {error}", "노트북을 읽을 수 없습니다: {error}"
    ),
    "reject.nul": _t("the source contains a NUL byte", "소스에 NUL 바이트가 있습니다"),
    "reject.syntax": _t(
        "syntax error at {where}: {error}", "{where}에 문법 오류가 있습니다: {error}"
    ),
    "reject.nested": _t(
        "the code is nested too deeply to be parsed", "코드가 너무 깊이 중첩되어 파싱할 수 없습니다"
    ),
    "reject.missing": _t(
        "your code must define {names} at the top level (check the spelling against the starter)",
        "코드의 최상위 수준에 {names}을(를) 정의해야 합니다 (시작 코드와 철자를 비교해 보세요)",
    ),
    "reject.forbidden": _t(
        "`{name}` is not allowed in this exercise: {code} at {where}{more}; implement it yourself",
        "이 과제에서는 `{name}`을(를) 쓸 수 없습니다: {where}의 {code}{more}. 직접 구현하세요",
    ),
    "reject.more": _t(" (and {n} more)", " (그 밖에 {n}곳)"),
}

_WHERE = {
    # a place in the submission: a .py line or a notebook cell's line
    "where.line": _t("line {line}", "{line}번째 줄"),
    "where.cell_line": _t("cell {cell}, line {line}", "셀 {cell}의 {line}번째 줄"),
    "where.unknown": _t("an unknown line", "알 수 없는 줄"),
}

_NOTES = {
    # what was left out of a notebook before grading (GradeResult.notes)
    "note.cell_magic": _t(
        "cell {cell}: dropped the whole cell, IPython cell magic {text}",
        "셀 {cell}: IPython 셀 매직 {text}이(가) 있어 셀 전체를 뺐습니다",
    ),
    "note.dropped": _t(
        "cell {cell}, line {line}: dropped {kind} {text}",
        "셀 {cell}의 {line}번째 줄: {kind} {text}을(를) 뺐습니다",
    ),
    "note.kind_magic": _t("IPython magic", "IPython 매직"),
    "note.kind_shell": _t("shell escape", "셸 명령"),
    "note.kind_help": _t("IPython help", "IPython 도움말"),
}

_FILES = {
    # a submission file the command line cannot read (grader.core.source.read_submission)
    "file.cannot_read": _t("cannot read {path}: {error}", "{path}을(를) 읽을 수 없습니다: {error}"),
    "file.not_regular": _t(
        "{path} is {kind}: submit a .py or .ipynb file",
        "{path}은(는) {kind}입니다: .py나 .ipynb 파일을 제출하세요",
    ),
    "file.kind_directory": _t("a directory", "디렉터리"),
    "file.kind_fifo": _t("a named pipe (FIFO)", "이름 있는 파이프(FIFO)"),
    "file.kind_char_device": _t("a character device", "문자 장치"),
    "file.kind_block_device": _t("a block device", "블록 장치"),
    "file.kind_socket": _t("a socket", "소켓"),
    "file.kind_other": _t("not a regular file", "일반 파일이 아닌 것"),
    "file.too_large": _t(
        "{path} is {size} KiB; submissions are limited to {limit} KiB",
        "{path}의 크기가 {size} KiB입니다. 제출물은 {limit} KiB까지 허용됩니다",
    ),
    "file.too_large_more": _t(
        "{path} is more than {size} KiB; submissions are limited to {limit} KiB",
        "{path}의 크기가 {size} KiB를 넘습니다. 제출물은 {limit} KiB까지 허용됩니다",
    ),
    "file.exists": _t(
        "{path} already exists (use --force to overwrite it)",
        "{path}이(가) 이미 있습니다 (덮어쓰려면 --force를 쓰세요)",
    ),
    "file.unknown_exercise": _t("unknown exercise {id}", "{id} 과제가 없습니다"),
    "file.did_you_mean": _t(
        "unknown exercise {id} (did you mean {suggestions}?)",
        "{id} 과제가 없습니다 ({suggestions}을(를) 말한 건가요?)",
    ),
}

_VALIDATION = {
    # an exercise's status in the catalogue (ExerciseRow.validation_message, stored English)
    "validation.pending": _t(
        "validation pending (new or changed): served once the workers validate it",
        "검증 대기 중(새 과제이거나 바뀐 과제): 워커가 검증하면 공개됩니다",
    ),
    "validation.removed": _t("no longer in the exercise bank", "과제 은행에 더 이상 없습니다"),
    "validation.failed": _t("did not validate", "검증을 통과하지 못했습니다"),
}

SOURCE: dict[str, dict[str, str]] = {
    **_REJECTIONS,
    **_WHERE,
    **_NOTES,
    **_FILES,
    **_VALIDATION,
}

__all__ = ["SOURCE"]
