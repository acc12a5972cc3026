# Wrong: tokenizes with re.findall(r"\w+"), which splits "don't" and keeps underscores.
import re
import string
from collections import Counter

FILTERS = string.punctuation.replace("'", "") + "\t\n"


def tokenize(text):
    return re.findall(r"\w+", text.lower())


def build_vocab(texts, num_words):
    counts = Counter()
    for text in texts:
        counts.update(tokenize(text))
    ranked = [token for token, _ in counts.most_common(num_words - 1)]
    return {token: index for index, token in enumerate(ranked, start=1)}


def texts_to_sequences(texts, vocab):
    return [[vocab[token] for token in tokenize(text) if token in vocab] for text in texts]
