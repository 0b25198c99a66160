"""Vietnamese alphabetical order: examples from the alphabet, properties, and agreement
with ICU's Vietnamese collator where PyICU is installed."""

from __future__ import annotations

import importlib.util
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.export.collation import sorted_vietnamese, vietnamese_key

ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
            "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]
TONES = ["a", "à", "ả", "ã", "á", "ạ"]  # CLDR order: none, huyền, hỏi, ngã, sắc, nặng


def vsorted(words: list[str]) -> list[str]:
    return sorted(words, key=vietnamese_key)


def test_the_alphabet_is_in_vietnamese_order() -> None:
    shuffled = list(reversed(ALPHABET))
    assert vsorted(shuffled) == ALPHABET
    # and code-point order would get it wrong: đ sorts after every ASCII letter
    assert sorted(ALPHABET) != ALPHABET


@pytest.mark.parametrize(("smaller", "larger"), [
    ("d", "đ"), ("Dũng", "Đào"), ("Dương", "Đặng"), ("a", "ă"), ("ă", "â"), ("Ăn", "Ấn"),
    ("Anh", "Ánh"), ("Ánh", "Ăn"), ("o", "ô"), ("ô", "ơ"), ("u", "ư"), ("e", "ê"),
    ("Đ", "E"), ("Ư", "V"), ("Uy", "Ưa"), ("y", "z"),
])
def test_pairs(smaller: str, larger: str) -> None:
    assert vietnamese_key(smaller) < vietnamese_key(larger)


def test_the_example_list_of_the_issue() -> None:
    names = ["Đào", "Dũng", "Bình", "Ăn", "Ánh", "Anh"]
    assert vsorted(names) == ["Anh", "Ánh", "Ăn", "Bình", "Dũng", "Đào"]


def test_tones_only_break_ties_after_the_letters() -> None:
    assert vsorted(list(reversed(TONES))) == TONES
    # a tone on an early syllable does not outweigh a later letter
    assert vsorted(["Án B", "An C"]) == ["Án B", "An C"]
    assert vsorted(["Lý Văn Be", "Ly Văn Bé"]) == ["Ly Văn Bé", "Lý Văn Be"]
    assert vsorted(["Lý Văn Bé", "Ly Văn Bê"]) == ["Lý Văn Bé", "Ly Văn Bê"]


def test_case_only_breaks_ties_after_the_tones() -> None:
    assert vsorted(["ANH", "Anh", "anh", "ánh"]) == ["anh", "Anh", "ANH", "ánh"]


def test_white_space_punctuation_digits_then_letters() -> None:
    assert vsorted(["Anhtuan", "Anh Tuấn", "Anh-Tuấn", "Anh1"]) == \
        ["Anh Tuấn", "Anh-Tuấn", "Anh1", "Anhtuan"]


def test_full_names() -> None:
    people = ["Trần Thị Ước", "Nguyễn Văn An", "Đỗ Thị Hà", "Dương Văn Đức", "Ông Văn Ba",
              "Ô Thị Lan", "Bùi Thị Ánh", "Âu Văn Minh", "Ân Văn Út"]
    assert vsorted(people) == ["Ân Văn Út", "Âu Văn Minh", "Bùi Thị Ánh", "Dương Văn Đức",
                               "Đỗ Thị Hà", "Nguyễn Văn An", "Ô Thị Lan", "Ông Văn Ba",
                               "Trần Thị Ước"]


def test_sorted_vietnamese_sorts_records_by_a_field() -> None:
    rows = [("x", "Đào"), ("y", "Dũng"), ("z", "Anh")]
    assert [r[0] for r in sorted_vietnamese(rows, key=lambda r: r[1])] == ["z", "y", "x"]


VI_LETTERS = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợ"
              "pqrstuùủũúụưừửữứựvxyỳỷỹýỵfjwz")
vi_words = st.text(st.sampled_from(VI_LETTERS + VI_LETTERS.upper() + " -.'0123456789"),
                   max_size=8)


@given(vi_words, vi_words)
def test_nfc_and_nfd_spellings_sort_alike(a: str, b: str) -> None:
    nfd_a = unicodedata.normalize("NFD", a)
    assert vietnamese_key(a) == vietnamese_key(nfd_a)
    assert (vietnamese_key(a) < vietnamese_key(b)) == (vietnamese_key(nfd_a) < vietnamese_key(b))


@given(st.lists(st.text(max_size=6), max_size=8))
def test_the_order_is_total_and_deterministic(words: list[str]) -> None:
    once = vsorted(words)
    assert vsorted(list(reversed(words))) == once
    keys = [vietnamese_key(w) for w in once]
    assert keys == sorted(keys)


@given(vi_words)
def test_removing_tones_never_moves_a_word_after_itself(word: str) -> None:
    bare = "".join(c for c in unicodedata.normalize("NFD", word)
                   if c not in "\u0300\u0301\u0303\u0309\u0323")
    assert vietnamese_key(bare) <= vietnamese_key(word)


@pytest.mark.skipif(importlib.util.find_spec("icu") is None, reason="PyICU not installed")
@given(vi_words, vi_words)
def test_agrees_with_icu_vietnamese_collation(a: str, b: str) -> None:
    import icu

    collator = icu.Collator.createInstance(icu.Locale("vi"))
    expected = collator.compare(a, b)
    ka, kb = vietnamese_key(a)[:3], vietnamese_key(b)[:3]
    assert (ka > kb) - (ka < kb) == expected
