# Wrong: lower-cases the caller's list of texts in place.
import string
from collections import Counter

FILTERS = string.punctuation.replace("'", "") + "\t\n"


def tokenize(text):
    text = text.lower()
    for char in FILTERS:
        text = text.replace(char, " ")
    return text.split()


def build_vocab(texts, num_words):
    counts = Counter()
    for i, text in enumerate(texts):
        texts[i] = text.lower()
    for text in texts:
        counts.update(tokenize(text))
    ranked = [token for token, _ in counts.most_common(num_words - 1)]
    return {token: index for index, token in enumerate(ranked, start=1)}


def texts_to_sequences(texts, vocab):
    return [[vocab[token] for token in tokenize(text) if token in vocab] for text in texts]
