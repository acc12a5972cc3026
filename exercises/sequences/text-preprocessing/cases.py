"""Cases for text-preprocessing: Keras' default filters, a frequency vocabulary of
``num_words - 1`` tokens with ties broken by first occurrence, and integer sequences.

The random texts mix words with apostrophes ("don't"), underscores, digits, repeated spaces,
tabs, newlines and runs of punctuation, in random case. The tie cases give many tokens the same
count in an order that is neither alphabetical nor its reverse, and cut ``num_words`` through a
group of tied tokens.
"""

import string

import reference as ref
from grader.authoring import case, phrase

WORDS = [
    "the",
    "cat",
    "sat",
    "on",
    "a",
    "mat",
    "dog",
    "ran",
    "up",
    "hill",
    "don't",
    "it's",
    "o'clock",
    "rock'n'roll",
    "x2",
    "2024",
    "snake_case",
    "e-mail",
    "naïve",
    "über",
]
SEPARATORS = [
    " ",
    " ",
    " ",
    "  ",
    ", ",
    "! ",
    "-",
    "\t",
    "\n",
    "...",
    " (",
    ") ",
    '"',
    "/",
    ": ",
    "_",
    "?!",
    " #",
    "@",
    "\t\n",
]


def _random_text(rng, n_words, words=WORDS):
    parts = []
    for _ in range(n_words):
        word = words[rng.integers(len(words))]
        style = rng.integers(3)
        word = word.upper() if style == 0 else word.capitalize() if style == 1 else word
        parts += [word, SEPARATORS[rng.integers(len(SEPARATORS))]]
    return "".join(parts)


def _tied_corpus(rng, n_texts=4):
    """Tokens in groups of equal counts, first occurrences in a random order."""
    letters = list(string.ascii_lowercase)
    rng.shuffle(letters)
    tokens = [letters[i] + letters[i + 1] for i in range(0, 24, 2)]  # 12 distinct tokens
    counts = rng.permutation([3, 3, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1])
    # first occurrences in the order of `tokens`; the repeats come later, shuffled
    first = [tokens[i] for i in range(12)]
    repeats = [tok for tok, c in zip(tokens, counts) for _ in range(c - 1)]
    rng.shuffle(repeats)
    stream = first + repeats
    cuts = sorted(rng.choice(range(1, len(stream)), size=n_texts - 1, replace=False))
    pieces = [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)])]
    return [" ".join(piece).title() + "." for piece in pieces]


def _vocab(t, texts, num_words, what):
    t.expect_exact(
        t.call("build_vocab", texts, num_words),
        ref.build_vocab(texts, num_words),
        name=phrase(
            "build_vocab {what} (num_words={num_words})",
            "build_vocab ({what}, num_words={num_words})",
            what=what,
            num_words=num_words,
        ),
    )


# --------------------------------------------------------------------------- visible


@case(
    points=1,
    description={
        "en": "tokenize: lower case, punctuation to spaces, apostrophes kept",
        "ko": "tokenize: 소문자로, 구두점은 공백으로, 아포스트로피는 유지",
    },
)
def tokenize_example(t):
    for text in ["Hello, World! Don't\tstop-now.", "  Two  spaces,\nand a new line  "]:
        t.expect_exact(t.call("tokenize", text), ref.tokenize(text), name=f"tokenize({text!r})")


@case(
    points=1,
    description={
        "en": "build_vocab: the num_words - 1 most frequent tokens, from 1",
        "ko": "build_vocab: 가장 자주 나오는 토큰 num_words - 1개, 1부터",
    },
)
def vocab_example(t):
    _vocab(
        t,
        ["the cat sat", "the dog sat on the mat"],
        4,
        {"en": "of the worked example", "ko": "풀이 예시"},
    )


@case(
    points=1,
    description={
        "en": "texts_to_sequences drops tokens that are not in the vocabulary",
        "ko": "texts_to_sequences는 어휘 사전에 없는 토큰을 버림",
    },
)
def sequences_example(t):
    vocab = {"the": 1, "sat": 2, "cat": 3}
    texts = ["The cat sat on a hat", "A dog!", "the THE, the"]
    t.expect_exact(
        t.call("texts_to_sequences", texts, vocab),
        ref.texts_to_sequences(texts, vocab),
        name={
            "en": "texts_to_sequences of the worked example",
            "ko": "풀이 예시의 texts_to_sequences",
        },
    )


@case(
    points=1,
    description={
        "en": "the whole pipeline on a small corpus",
        "ko": "작은 말뭉치에서 전체 파이프라인",
    },
)
def pipeline_visible(t):
    texts = ["I love my dog.", "I love my cat!", "You love my dog; do you?"]
    vocab = ref.build_vocab(texts, 6)
    _vocab(t, texts, 6, {"en": "of the small corpus", "ko": "작은 말뭉치"})
    t.expect_exact(
        t.call("texts_to_sequences", texts, vocab),
        ref.texts_to_sequences(texts, vocab),
        name={
            "en": "texts_to_sequences of the small corpus",
            "ko": "작은 말뭉치의 texts_to_sequences",
        },
    )


# --------------------------------------------------------------------------- hidden


@case(
    points=2,
    hidden=True,
    description={
        "en": "tokenize: punctuation, underscores, tabs, many spaces",
        "ko": "tokenize: 구두점, 밑줄, 탭, 여러 개의 공백",
    },
)
def tokenize_random(t):
    for n_words in (6, 15, 30):
        text = _random_text(t.rng, n_words)
        t.expect_exact(
            t.call("tokenize", text),
            ref.tokenize(text),
            name=phrase(
                "tokenize of a random text of {n} words",
                "단어 {n}개인 무작위 텍스트의 tokenize",
                n=n_words,
            ),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "ties in frequency are broken by first occurrence",
        "ko": "빈도가 같으면 먼저 나온 것이 앞",
    },
)
def vocab_ties(t):
    texts = _tied_corpus(t.rng)
    for num_words in (3, 7, 13):
        _vocab(
            t,
            texts,
            num_words,
            {"en": "of a corpus with tied counts", "ko": "개수가 같은 토큰이 있는 말뭉치"},
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "counts are total occurrences, not texts containing it",
        "ko": "개수는 그 토큰을 포함한 텍스트 수가 아니라 전체 출현 횟수",
    },
)
def total_occurrences(t):
    rng = t.rng
    a, b, c = rng.permutation(["alpha", "beta", "gamma"])
    # a: 4 times in one text; b: once in each of 3 texts; c: twice
    texts = [f"{b} {a} {a}. {a}!", f"{b} {c} {a}", f"{c} {b}"]
    _vocab(
        t,
        texts,
        3,
        {
            "en": "of a corpus with a token repeated inside one text",
            "ko": "한 텍스트 안에서 토큰이 반복되는 말뭉치",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "num_words: 1 gives an empty vocabulary, large keeps all",
        "ko": "num_words: 1이면 빈 어휘 사전, 크면 모두 유지",
    },
)
def num_words_bounds(t):
    texts = [_random_text(t.rng, 12) for _ in range(3)]
    distinct = len(set(tok for text in texts for tok in ref.tokenize(text)))
    for num_words in (1, 2, distinct, distinct + 1, distinct + 50):
        _vocab(t, texts, num_words, {"en": "of random texts", "ko": "무작위 텍스트"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "sequences: unknown tokens dropped, empty texts empty",
        "ko": "sequences: 모르는 토큰은 버리고 빈 텍스트는 빈 시퀀스",
    },
)
def sequences_random(t):
    texts = [_random_text(t.rng, 20) for _ in range(4)]
    vocab = ref.build_vocab(texts[:2], 8)
    queries = [*texts[2:], "", "?!... --", texts[0]]
    t.expect_exact(
        t.call("texts_to_sequences", queries, vocab),
        ref.texts_to_sequences(queries, vocab),
        name={
            "en": "texts_to_sequences with unknown tokens and empty texts",
            "ko": "모르는 토큰과 빈 텍스트가 있을 때의 texts_to_sequences",
        },
    )


@case(
    points=1,
    hidden=True,
    description={"en": "the list of texts is not modified", "ko": "텍스트 리스트를 수정하지 않음"},
)
def inputs_unchanged(t):
    texts = [_random_text(t.rng, 8) for _ in range(3)]
    texts_in = t.value(list(texts))
    vocab = t.call("build_vocab", texts_in, 5)
    t.call("texts_to_sequences", texts_in, vocab)
    t.expect_exact(
        texts_in.snapshot(),
        list(texts),
        name={
            "en": "texts after build_vocab and texts_to_sequences (inputs must not be modified)",
            "ko": "build_vocab, texts_to_sequences 호출 후의 texts (입력을 수정하면 안 됩니다)",
        },
    )
