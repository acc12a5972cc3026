"""The texts of every learner-facing grading message, in English and Korean.

Codes are stable: a result document stores them, so a code is never renamed or given other
parameters; a changed meaning gets a new code. Each code's texts use exactly the same
``{parameters}`` (``tests/grader/test_catalogue.py``). The Korean follows ``docs/GLOSSARY.md``
(기울기, 순전파, 역전파, 유한 차분, 중앙 차분, shape, dtype) in the 합니다체 of the prompts.
The codes of what happens before and around grading (rejections, notebook notes, validation
status) are in ``catalogue_source.py``; the command line's fixed lines in ``catalogue_cli.py``.
"""

from __future__ import annotations

from grader.core.catalogue_cli import CLI
from grader.core.catalogue_source import SOURCE
from grader.core.catalogue_texts import t as _t

_KINDS = {
    # what a value is (compare.py describes expected and actual values with these)
    "kind.none": _t("None", "None"),
    "kind.string": _t("a string", "문자열"),
    "kind.float": _t("a float", "실수(float)"),
    "kind.int": _t("an int", "정수(int)"),
    "kind.bool": _t("a bool", "불리언(bool)"),
    "kind.complex": _t("a complex number", "복소수"),
    "kind.list": _t("a list", "리스트"),
    "kind.tuple": _t("a tuple", "튜플"),
    "kind.dict": _t("a dict", "딕셔너리"),
    "kind.object": _t("an object of type {type}", "{type} 타입의 객체"),
    "kind.type": _t("a {type}", "{type}"),
    "kind.numpy_scalar": _t("a numpy {type}", "numpy {type}"),
    "kind.array_shape": _t("an array of shape {shape}", "shape가 {shape}인 배열"),
    "kind.array_shape_dtype": _t(
        "an array of shape {shape} and dtype {dtype}", "shape가 {shape}, dtype이 {dtype}인 배열"
    ),
    "kind.array_0d": _t("a 0-d array of dtype {dtype}", "dtype이 {dtype}인 0차원 배열"),
    "kind.list_of": _t("a list of {n}", "원소 {n}개인 리스트"),
    "kind.tuple_of": _t("a tuple of {n}", "원소 {n}개인 튜플"),
    "kind.float_array": _t("a floating-point array", "부동소수점 배열"),
    "kind.int_array": _t("an integer array", "정수 배열"),
    "kind.bool_array": _t("a boolean array", "불리언 배열"),
    "kind.complex_array": _t("a complex array", "복소수 배열"),
    "kind.string_array": _t("a string array", "문자열 배열"),
    "kind.dtype_array": _t("an array of dtype {dtype}", "dtype이 {dtype}인 배열"),
}

_SUBJECTS = {
    # what is compared: a check's name, or a part of it
    "label.value_of": _t("the value of {expr}", "{expr}의 값"),
    "label.unchanged": _t(
        "{name} after the call (inputs must not be modified)",
        "호출 후의 {name} (입력을 수정하면 안 됩니다)",
    ),
    "label.trace": _t(
        "after call {number} ({method}), attribute {attribute}",
        "{number}번째 호출({method}) 후의 속성 {attribute}",
    ),
    "subject.element": _t(
        "element {index} of {parent} ({desc})", "{parent}({desc})의 원소 {index}"
    ),
    "subject.key": _t("key {key} of {parent} ({desc})", "{parent}({desc})의 키 {key}"),
    "where.in": _t("in {subject}, ", "{subject}: "),
    "where.top": _t("{name}: ", "{name}: "),
    "keys.one": _t("key {keys}", "키 {keys}"),
    "keys.many": _t("keys {keys}", "키 {keys}"),
    "keys.more": _t("keys {keys} and {more} more", "키 {keys} 외 {more}개"),
    "count.differ": _t(
        "{n_wrong} of {n_total} values differ", "값 {n_total}개 중 {n_wrong}개가 다릅니다"
    ),
    "count.differs": _t(
        "{n_wrong} of {n_total} values differs", "값 {n_total}개 중 {n_wrong}개가 다릅니다"
    ),
    "count.differs_one": _t(
        "{n_wrong} of {n_total} value differs", "값 {n_total}개 중 {n_wrong}개가 다릅니다"
    ),
    "count.nan": _t("{n} NaN value", "NaN {n}개"),
    "count.nans": _t("{n} NaN values", "NaN {n}개"),
    "count.inf": _t("{n} infinite value", "무한대 값 {n}개"),
    "count.infs": _t("{n} infinite values", "무한대 값 {n}개"),
    "join.and": _t("{first} and {second}", "{first}, {second}"),
    "join.or": _t("{first} or {second}", "{first} 또는 {second}"),
    "tol.abs": _t(
        "abs error {abs_error}, rtol={rtol}, atol={atol}",
        "절대 오차 {abs_error}, rtol={rtol}, atol={atol}",
    ),
    "tol.only": _t("rtol={rtol}, atol={atol}", "rtol={rtol}, atol={atol}"),
}

_HINTS = {
    "hint.none": _t("", ""),
    "hint.item": _t(
        "; return a plain number, e.g. x.item()", "; x.item()처럼 보통의 숫자를 반환하세요"
    ),
    "hint.asarray": _t("; convert it with np.asarray(...)", "; np.asarray(...)로 변환하세요"),
    "hint.float64": _t(
        "; the result is {dtype}, compute in float64",
        "; 결과의 dtype이 {dtype}입니다. float64로 계산하세요",
    ),
    "hint.nonfinite_nan": _t(
        "NaN comes from an undefined step such as 0/0, inf - inf, or log or sqrt of a negative "
        "number; print the intermediate values to find the first one",
        "NaN은 0/0, inf - inf, 음수의 log나 sqrt처럼 정의되지 않는 계산에서 생깁니다. 중간값을 "
        "출력해 처음 생기는 곳을 찾으세요",
    ),
    "hint.nonfinite_inf": _t(
        "inf comes from a division by zero, log(0) or a value too large for a float; print the "
        "intermediate values to find the first one",
        "inf는 0으로 나누기, log(0), float로 나타내기에 너무 큰 값에서 생깁니다. 중간값을 출력해 "
        "처음 생기는 곳을 찾으세요",
    ),
    "hint.nonfinite_both": _t(
        "NaN comes from an undefined step such as 0/0, inf - inf, or log or sqrt of a negative "
        "number; inf comes from a division by zero, log(0) or a value too large for a float; "
        "print the intermediate values to find the first one",
        "NaN은 0/0, inf - inf, 음수의 log나 sqrt처럼 정의되지 않는 계산에서, inf는 0으로 나누기, "
        "log(0), float로 나타내기에 너무 큰 값에서 생깁니다. 중간값을 출력해 처음 생기는 곳을 "
        "찾으세요",
    ),
}

_COMPARE = {
    "compare.ok": _t("ok", "통과"),
    "compare.type": _t(
        "{subject} should be {wanted}, got {actual}{hint}",
        "{subject}: 기대한 것은 {wanted}인데 {actual}입니다{hint}",
    ),
    "compare.value": _t(
        "{subject} should be {expected}, got {actual}",
        "{subject}: 기댓값은 {expected}인데 {actual}입니다",
    ),
    "compare.length": _t(
        "{subject} should have {expected} elements but has {actual}",
        "{subject}: 원소가 {expected}개여야 하는데 {actual}개입니다",
    ),
    "compare.keys_missing": _t("{subject} is missing {missing}", "{subject}: 빠진 항목 {missing}"),
    "compare.keys_unexpected": _t(
        "{subject} has unexpected {unexpected}", "{subject}: 예상하지 못한 항목 {unexpected}"
    ),
    "compare.keys_both": _t(
        "{subject} is missing {missing} and has unexpected {unexpected}",
        "{subject}: 빠진 항목 {missing}, 예상하지 못한 항목 {unexpected}",
    ),
    "compare.shape": _t(
        "{subject} should be {wanted} but has shape {actual}",
        "{subject}: 기대한 것은 {wanted}인데 shape가 {actual}입니다",
    ),
    "compare.dtype_incomparable": _t(
        "{subject} has dtype {actual}, which cannot be compared with {expected}",
        "{subject}: dtype {actual}은(는) {expected}와(과) 비교할 수 없습니다",
    ),
    "compare.dtype_exact": _t(
        "{subject} has dtype {actual} but should have dtype {expected}",
        "{subject}: 기대한 dtype은 {expected}인데 {actual}입니다",
    ),
    "compare.dtype_kind": _t(
        "{subject} has dtype {actual} but should be {wanted}",
        "{subject}: 기대한 것은 {wanted}인데 dtype이 {actual}입니다",
    ),
    "compare.exact_first": _t(
        "{where}{count}, first at index {index}: expected {expected}, got {actual}",
        "{where}{count}. 처음 다른 곳은 인덱스 {index}: 기댓값 {expected}, 실제 {actual}",
    ),
    "compare.close_one": _t(
        "{where}{count}, at index {index}: expected {expected}, got {actual} ({error}){suffix}",
        "{where}{count}. 인덱스 {index}: 기댓값 {expected}, 실제 {actual} ({error}){suffix}",
    ),
    "compare.close_worst": _t(
        "{where}{count}: worst at index {index}: expected {expected}, got {actual} ({error})"
        "{suffix}",
        "{where}{count}. 가장 크게 다른 곳은 인덱스 {index}: 기댓값 {expected}, 실제 {actual} "
        "({error}){suffix}",
    ),
    "compare.close_scalar": _t(
        "{subject} is {actual} but should be {expected} ({error}){suffix}",
        "{subject}: 기댓값은 {expected}인데 {actual}입니다 ({error}){suffix}",
    ),
    "compare.nonfinite_scalar": _t(
        "{subject} is {actual} but should be finite (expected {expected}) — {hint}",
        "{subject}: 유한한 값이어야 하는데 {actual}입니다 (기댓값 {expected}) — {hint}",
    ),
    "compare.nonfinite_array": _t(
        "{subject} has {counts} where the expected values are finite, first at index {index} "
        "— {hint}",
        "{subject}: 기댓값은 유한한데 {counts}가 있습니다. 처음 나온 곳은 인덱스 {index} — {hint}",
    ),
}

_CHECKS = {
    "raises.returned": _t(
        "{name}: expected {expected} to be raised, but the call returned normally",
        "{name}: {expected} 예외가 발생해야 하는데 호출이 정상적으로 반환되었습니다",
    ),
    "raises.ok": _t(
        "{name}: raised {type} as expected", "{name}: 기대한 대로 {type} 예외가 발생했습니다"
    ),
    "raises.other": _t(
        "{name}: expected {expected}, got {error}",
        "{name}: 기대한 예외는 {expected}인데 발생한 것은 {error}입니다",
    ),
    "property.unchecked": _t(
        "{name}: the value could not be checked ({error})",
        "{name}: 값을 검사할 수 없었습니다 ({error})",
    ),
    "property.holds": _t("{name}: holds", "{name}: 성립합니다"),
    "property.fails": _t("{name}: does not hold", "{name}: 성립하지 않습니다"),
    "property.reason": _t("{name}: {reason}", "{name}: {reason}"),
    "gradient.not_tuple": _t(
        "the gradient should be a tuple of {n} values ({names}), got {actual}",
        "기울기는 값 {n}개({names})의 튜플이어야 하는데 {actual}입니다",
    ),
    "gradient.not_numeric": _t(
        "the gradient with respect to {name} is not numeric",
        "{name}에 대한 기울기가 숫자가 아닙니다",
    ),
    "gradient.shape": _t(
        "the gradient with respect to {name} has shape {actual}, but {name} has shape {expected}",
        "{name}에 대한 기울기의 shape는 {actual}인데 {name}의 shape는 {expected}입니다",
    ),
    "gradient.wrong": _t(
        "the gradient with respect to {name} is wrong: relative error {error} against central "
        "finite differences (worst at index {index}: yours {analytic}, finite differences "
        "{numeric}){diagnosis}",
        "{name}에 대한 기울기가 틀렸습니다: 중앙 차분과의 상대 오차 {error} (가장 크게 다른 곳은 "
        "인덱스 {index}: 내 값 {analytic}, 유한 차분 {numeric}){diagnosis}",
    ),
    "gradient.backward": _t(
        "; your forward pass is right, so the mistake is in your backward pass",
        "; 순전파는 맞으므로 실수는 역전파에 있습니다",
    ),
    "gradient.forward": _t(
        "; your gradient matches your own forward pass, so the forward pass is what is wrong",
        "; 기울기가 내 순전파와 일치하므로 틀린 것은 순전파입니다",
    ),
    "gradient.both": _t(
        "; your forward pass is wrong too: fix it first",
        "; 순전파도 틀렸습니다: 순전파부터 고치세요",
    ),
    "gradient.ok": _t("the gradients match finite differences", "기울기가 유한 차분과 일치합니다"),
}

_ENGINE = {
    "case.passed": _t("passed", "통과"),
    "case.failed": _t("failed", "실패"),
    "case.rejected": _t(
        "not run: the submission was rejected", "실행하지 않음: 제출물이 거부되었습니다"
    ),
    "case.load_failed": _t(
        "not run: your code failed to load ({error})",
        "실행하지 않음: 코드를 불러오지 못했습니다 ({error})",
    ),
    "case.no_result": _t("{reason} while running {step}", "{step} 실행 중: {reason}"),
    "case.raised": _t("{step} raised {error}", "{step}에서 예외가 발생했습니다: {error}"),
    "case.missing_value": _t(
        "a value needed by this check is missing", "이 검사에 필요한 값이 없습니다"
    ),
    "stop.no_result": _t("no result came back", "결과가 돌아오지 않았습니다"),
    "stop.memory": _t("stopped: more than {mb} MB of memory", "중단됨: 메모리 {mb} MB 초과"),
    "stop.timeout": _t(
        "stopped: the {limit} s time limit was reached",
        "중단됨: 제한 시간 {limit}초에 도달했습니다",
    ),
    "stop.channel": _t("stopped: {reason}", "중단됨: {reason}"),
    "stop.signal": _t(
        "your code crashed the Python process with {signal}{hint}",
        "코드가 {signal}(으)로 Python 프로세스를 중단시켰습니다{hint}",
    ),
    "stop.signal_number": _t("signal {number}", "시그널 {number}"),
    "stop.segv_hint": _t(
        " (a C-level crash, e.g. unbounded recursion)", " (C 수준의 충돌, 예: 끝없는 재귀)"
    ),
    "stop.exit": _t(
        "the process exited with code {code} before finishing",
        "프로세스가 끝나기 전에 종료 코드 {code}로 종료되었습니다",
    ),
    "stop.ended": _t(
        "the process ended before finishing (did your code call sys.exit or os._exit?)",
        "프로세스가 끝나기 전에 종료되었습니다 (코드에서 sys.exit나 os._exit를 호출했나요?)",
    ),
    "result.all_pass": _t("all cases pass", "모든 케이스를 통과했습니다"),
    "result.some_fail": _t(
        "{failed} of {total} cases fail", "케이스 {total}개 중 {failed}개가 실패했습니다"
    ),
    "result.forbidden": _t("{message} (detected while running)", "{message} (실행 중에 발견됨)"),
    "result.memory": _t(
        "your code used more than {mb} MB of memory",
        "코드가 메모리를 {mb} MB보다 많이 사용했습니다",
    ),
    "result.timeout": _t(
        "your code ran longer than the {limit} s limit and was stopped",
        "코드가 제한 시간 {limit}초를 넘겨 중단되었습니다",
    ),
    "result.load_error": _t(
        "your code raised {error} while loading", "코드를 불러오는 중 예외가 발생했습니다: {error}"
    ),
    "result.unreadable": _t(
        "your code sent output the grader cannot read: {reason}",
        "코드가 채점기가 읽을 수 없는 출력을 보냈습니다: {reason}",
    ),
    "replies.no_kind": _t("a frame without a kind", "종류(kind)가 없는 프레임"),
    "replies.steps_list": _t(
        "step results that are not a list of at most one per step",
        "단계마다 최대 하나씩인 목록이 아닌 단계 결과",
    ),
    "replies.step_id": _t(
        "a step result with no valid step id ({value})",
        "올바른 단계 번호가 없는 단계 결과 ({value})",
    ),
    "replies.duration": _t(
        "a step duration that is not a time ({value})", "시간이 아닌 단계 실행 시간 ({value})"
    ),
}

CATALOGUE: dict[str, dict[str, str]] = {
    **_KINDS,
    **_SUBJECTS,
    **_HINTS,
    **_COMPARE,
    **_CHECKS,
    **_ENGINE,
    **SOURCE,
    **CLI,
}

__all__ = ["CATALOGUE"]
