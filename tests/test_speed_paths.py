"""The fast paths of the map phase give what the plain definitions give.

Batch MinHash against one signature at a time, cached token ids against
``words`` + ``term_id``, cached name phrases against context (a word at a
sentence start is no name, the same word inside a sentence is).
"""

from __future__ import annotations

import numpy as np

from chorus.dedup import NearDuplicateIndex, minhash_batch, minhash_values, shingle_hashes
from chorus.features import body_ids, names, term_id, words

TEXTS = [
    "The council in Ostrava voted on Tuesday to close the coal plant by 2030, officials said.",
    "",
    "Two words",
    "!!! ???",
    "Rescue teams in Kerala searched for survivors after the floods; the state's chief minister "
    "said 40 people had died and thousands were in relief camps. Rescue teams worked overnight.",
]


def test_batch_signatures_equal_single_ones():
    index = NearDuplicateIndex()
    batch = index.signatures(TEXTS)
    assert batch.shape == (len(TEXTS), index.num_perm)
    for row, text in zip(batch, TEXTS):
        assert np.array_equal(row, index.signature(text))
    assert (batch[1] == 0xFFFFFFFF).all()  # no words: the empty signature
    sets = [shingle_hashes(t) for t in TEXTS]
    assert np.array_equal(minhash_batch(sets, index._a, index._b)[4], minhash_values(sets[4], index._a, index._b))


def test_body_ids_are_the_content_words_ids_in_order():
    for text in TEXTS + ["Kerala's floods: Kerala’s rescue teams and the state's camps"]:
        assert body_ids(text).tolist() == [term_id(w) for w in words(text)]
        assert body_ids(text).tolist() == [term_id(w) for w in words(text)]  # second time from the cache


def test_cached_names_still_look_at_the_context():
    start = "Kerala was hit hard. Teams came."
    inside = "The floods in Kerala were severe."
    assert "kerala" not in names(start)  # capitalised because a sentence starts there
    assert "kerala" in names(inside)
    assert "kerala" not in names(start)
