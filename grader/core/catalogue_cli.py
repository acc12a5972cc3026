"""Catalogue texts of the command line: the result display's fixed lines (``ui.*``,
``status.*``) and ``dlgrade submit``'s own lines (``remote.*``). Part of
``grader.core.catalogue.CATALOGUE`` (same rules: codes are stable, both texts use the same
parameters).
"""

from __future__ import annotations

from grader.core.catalogue_texts import t as _t

_UI = {
    # the command line's result display
    "ui.points": _t("{score}/{max_score} points", "{score}/{max_score}점"),
    "ui.graded": _t(
        "graded in {ms} ms on {runner} ({device})", "{runner}({device})에서 {ms} ms 동안 채점"
    ),
    "ui.seed": _t(", hidden cases seed {seed}", ", 숨은 케이스 시드 {seed}"),
    "ui.note": _t("note: {note}", "참고: {note}"),
    "ui.isolation_off": _t(
        "isolation measures off on this machine: {measures}",
        "이 컴퓨터에서 꺼진 격리 조치: {measures}",
    ),
    "ui.case": _t("case", "케이스"),
    "ui.points_column": _t("points", "점수"),
    "ui.checks_column": _t("what it checks / what went wrong", "검사 내용 / 틀린 점"),
    "ui.hidden": _t(" (hidden)", " (숨김)"),
    "ui.output": _t("your output", "내 출력"),
    "ui.truncated": _t("… (output truncated)", "… (출력이 잘렸습니다)"),
    "ui.traceback": _t("traceback (your code)", "트레이스백 (내 코드)"),
    "status.passed": _t("PASSED", "통과"),
    "status.failed": _t("FAILED", "실패"),
    "status.error": _t("ERROR", "오류"),
    "status.timeout": _t("TIMEOUT", "시간 초과"),
    "status.memory": _t("MEMORY", "메모리 초과"),
    "status.rejected": _t("REJECTED", "거부됨"),
}

_REMOTE = {
    # dlgrade submit and dlgrade login
    "remote.grading": _t("Grading…", "채점 중…"),
    "remote.queued": _t(
        "submission {id} sent; waiting for the grade",
        "제출물 {id}을(를) 보냈습니다. 채점을 기다립니다",
    ),
    "remote.not_graded": _t(
        "not graded after {timeout} s (status {status}); the result will appear at {url}",
        "{timeout}초가 지나도록 채점되지 않았습니다(상태 {status}). 결과는 {url}에 나타납니다",
    ),
    "remote.grader_error": _t(
        "the grader could not grade submission {id} (not your fault): {reason}",
        "채점기가 제출물 {id}을(를) 채점하지 못했습니다(학습자의 잘못이 아닙니다): {reason}",
    ),
    "remote.no_reason": _t("no reason given", "이유가 없습니다"),
    "remote.on_site": _t("on the site: {url}", "사이트에서 보기: {url}"),
    "remote.standing": _t(
        "Score that counts: {score} / {max_score}", "반영 점수: {score} / {max_score}"
    ),
    "remote.late_penalty": _t(
        " (raw {raw} / {max_score}, -{penalty} late penalty: {days}; {policy})",
        " (원점수 {raw} / {max_score}, 지각 감점 -{penalty}: {days}, {policy})",
    ),
    "remote.late_no_penalty": _t(
        " (no late penalty: {days}; {policy})", " (지각 감점 없음: {days}, {policy})"
    ),
    "remote.days_late": _t("{n} day late", "{n}일 늦음"),
    "remote.days_late_many": _t("{n} days late", "{n}일 늦음"),
    "remote.policy_unknown": _t("late policy unknown", "지각 규정을 알 수 없음"),
    "remote.due": _t("; due {when} UTC", "; 마감 {when} UTC"),
    "remote.unreachable": _t("cannot reach {url}: {error}", "{url}에 연결할 수 없습니다: {error}"),
    "remote.token_refused": _t(
        "the server refused the token (unknown or revoked): create a new one on the site's "
        "Settings page and run `dlgrade login` again",
        "서버가 토큰을 거부했습니다(알 수 없거나 폐기된 토큰). 사이트의 설정 페이지에서 새 토큰을 "
        "만들고 `dlgrade login`을 다시 실행하세요",
    ),
    "remote.unexpected": _t(
        "unexpected answer from {url}", "{url}에서 예상하지 못한 응답이 왔습니다"
    ),
    "remote.no_server": _t(
        "no server: pass --server URL, set DLGRADE_SERVER, or run `dlgrade login --server URL`",
        "서버가 없습니다: --server URL을 주거나, DLGRADE_SERVER를 설정하거나, "
        "`dlgrade login --server URL`을 실행하세요",
    ),
    "remote.no_token": _t(
        "no token for {server}: run `dlgrade login --server {server}` or pass --token",
        "{server}의 토큰이 없습니다: `dlgrade login --server {server}`을 실행하거나 "
        "--token을 주세요",
    ),
    "remote.token_prompt": _t(
        "Create a token on {url} (API tokens), then paste it here.",
        "{url}에서 토큰을 만든 뒤(API 토큰) 여기에 붙여 넣으세요.",
    ),
    "remote.token": _t("Token", "토큰"),
    "remote.logged_in": _t(
        "Logged in to {server} as {user}; token stored in {path}",
        "{server}에 {user}(으)로 로그인했습니다. 토큰을 {path}에 저장했습니다",
    ),
}

CLI: dict[str, dict[str, str]] = {**_UI, **_REMOTE}

__all__ = ["CLI"]
