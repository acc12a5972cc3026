"""Cases for entropy: H(p), H(p, q) and KL(p || q), matching scipy.stats.entropy.

Hidden cases: random distributions, other bases, zeros in p (0 log 0 = 0) and in both p and
q at the same outcomes, q == 0 < p (+inf, which an epsilon inside the log hides), the
argument order of KL, and inputs left unchanged.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9


def _distribution(rng, n, zeros=0):
    p = rng.uniform(0.05, 1.0, size=n)
    if zeros:
        p[rng.choice(n, size=zeros, replace=False)] = 0.0
    return p / p.sum()


def _check_all(t, p, q, what, base=None):
    kwargs = {} if base is None else {"base": base}
    in_base = {"en": "", "ko": ""}
    if base is not None:
        in_base = phrase(" in base {base}", " (밑 {base})", base=f"{base:g}")
    t.expect_close(
        t.call("entropy", p, **kwargs),
        ref.entropy(p, **kwargs),
        name=phrase(
            "entropy(p){base} for {what}", "{what}의 entropy(p){base}", base=in_base, what=what
        ),
    )
    t.expect_close(
        t.call("cross_entropy", p, q, **kwargs),
        ref.cross_entropy(p, q, **kwargs),
        name=phrase(
            "cross_entropy(p, q){base} for {what}",
            "{what}의 cross_entropy(p, q){base}",
            base=in_base,
            what=what,
        ),
    )
    t.expect_close(
        t.call("kl_divergence", p, q, **kwargs),
        ref.kl_divergence(p, q, **kwargs),
        name=phrase(
            "kl_divergence(p, q){base} for {what}",
            "{what}의 kl_divergence(p, q){base}",
            base=in_base,
            what=what,
        ),
    )


P_EXAMPLE = np.array([0.5, 0.25, 0.25, 0.0])
Q_UNIFORM = np.full(4, 0.25)


@case(
    points=1,
    description={
        "en": "the worked example in bits (base=2)",
        "ko": "풀이 예시를 비트 단위로 (base=2)",
    },
)
def worked_example_bits(t):
    _check_all(t, P_EXAMPLE, Q_UNIFORM, {"en": "the worked example", "ko": "풀이 예시"}, base=2)


@case(
    points=1,
    description={
        "en": "the worked example in nats (base=None is the natural log)",
        "ko": "풀이 예시를 내트 단위로 (base=None은 자연로그)",
    },
)
def worked_example_nats(t):
    _check_all(t, P_EXAMPLE, Q_UNIFORM, {"en": "the worked example", "ko": "풀이 예시"})


@case(
    points=1,
    description={
        "en": "a certain outcome has entropy 0 (0 log 0 = 0)",
        "ko": "확실한 결과의 엔트로피는 0 (0 log 0 = 0)",
    },
)
def certain_outcome(t):
    p = np.array([0.0, 1.0, 0.0])
    t.expect_close(t.call("entropy", p), 0.0, name="entropy([0, 1, 0])")


@case(points=1, description={"en": "q == 0 < p gives +inf", "ko": "q == 0 < p이면 +inf"})
def infinite_divergence(t):
    t.expect_close(
        t.call("kl_divergence", Q_UNIFORM, P_EXAMPLE),
        ref.kl_divergence(Q_UNIFORM, P_EXAMPLE),
        name="kl_divergence(uniform, [0.5, 0.25, 0.25, 0])",
    )
    t.expect_close(
        t.call("cross_entropy", Q_UNIFORM, P_EXAMPLE),
        ref.cross_entropy(Q_UNIFORM, P_EXAMPLE),
        name="cross_entropy(uniform, [0.5, 0.25, 0.25, 0])",
    )


@case(
    points=2,
    hidden=True,
    description={"en": "random distributions of several sizes", "ko": "여러 크기의 무작위 분포"},
)
def random_distributions(t):
    for n in (2, 7, 40):
        _check_all(
            t,
            _distribution(t.rng, n),
            _distribution(t.rng, n),
            phrase("random p, q of size {n}", "크기가 {n}인 무작위 p, q", n=n),
        )


@case(
    points=1, hidden=True, description={"en": "other bases (2, 10, 3)", "ko": "다른 밑 (2, 10, 3)"}
)
def other_bases(t):
    p, q = _distribution(t.rng, 6), _distribution(t.rng, 6)
    for base in (2, 10, 3):
        _check_all(t, p, q, {"en": "random p, q", "ko": "무작위 p, q"}, base=base)


@case(
    points=2,
    hidden=True,
    description={
        "en": "zeros in p, and in p and q at the same outcomes",
        "ko": "p에 0이 있을 때, p와 q가 같은 결과에서 0일 때",
    },
)
def zeros(t):
    p = _distribution(t.rng, 8, zeros=3)
    _check_all(t, p, _distribution(t.rng, 8), {"en": "p with zeros", "ko": "0이 있는 p"})
    q = p[::-1].copy()
    both = (p == 0) | (q == 0)
    p2 = np.where(both, 0.0, p)
    p2 = p2 / p2.sum()
    q2 = np.where(p == 0, 0.0, _distribution(t.rng, 8))
    q2 = q2 / q2.sum()
    _check_all(
        t, p2, q2, {"en": "p and q both 0 at some outcomes", "ko": "어떤 결과에서 p와 q가 모두 0"}
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "q == 0 < p: +inf, not a large finite number",
        "ko": "q == 0 < p: 큰 유한한 수가 아니라 +inf",
    },
)
def q_zero_where_p_positive(t):
    p = _distribution(t.rng, 5)
    q = _distribution(t.rng, 5, zeros=1)
    t.expect_close(
        t.call("cross_entropy", p, q),
        ref.cross_entropy(p, q),
        name={
            "en": "cross_entropy(p, q) with some q == 0 < p",
            "ko": "q == 0 < p인 곳이 있을 때의 cross_entropy(p, q)",
        },
    )
    t.expect_close(
        t.call("kl_divergence", p, q),
        ref.kl_divergence(p, q),
        name={
            "en": "kl_divergence(p, q) with some q == 0 < p",
            "ko": "q == 0 < p인 곳이 있을 때의 kl_divergence(p, q)",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "KL(p || q) is not KL(q || p); KL(p || p) = 0",
        "ko": "KL(p || q)는 KL(q || p)와 다르고, KL(p || p) = 0",
    },
)
def kl_order(t):
    p, q = _distribution(t.rng, 5), _distribution(t.rng, 5)
    t.expect_close(
        t.call("kl_divergence", p, q), ref.kl_divergence(p, q), name="kl_divergence(p, q)"
    )
    t.expect_close(
        t.call("kl_divergence", q, p), ref.kl_divergence(q, p), name="kl_divergence(q, p)"
    )
    t.expect_close(t.call("kl_divergence", p, p), 0.0, name="kl_divergence(p, p)")


@case(
    points=1,
    hidden=True,
    description={"en": "p and q are not modified", "ko": "p와 q를 수정하지 않음"},
)
def inputs_unchanged(t):
    p = _distribution(t.rng, 6, zeros=2)
    q = _distribution(t.rng, 6, zeros=1)
    p_in, q_in = t.value(p.copy()), t.value(q.copy())
    t.call("entropy", p_in)
    t.call("cross_entropy", p_in, q_in)
    t.call("kl_divergence", p_in, q_in)
    t.expect_unchanged(p_in, p, name="p")
    t.expect_unchanged(q_in, q, name="q")
