# Wrong: sorts by count ascending and reverses, which puts tied tokens in reverse order of first occurrence.
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
    for text in texts:
        counts.update(tokenize(text))
    ranked = sorted(counts, key=counts.get)[::-1][: num_words - 1]
    return {token: index for index, token in enumerate(ranked, start=1)}


def texts_to_sequences(texts, vocab):
    return [[vocab[token] for token in tokenize(text) if token in vocab] for text in texts]
