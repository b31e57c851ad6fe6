"""Vietnamese spelling as Word underlines it: which words of a text are not Vietnamese syllables, and what the clerk
may have meant.

Vietnamese is written in syllables, and a syllable is (onset)(rhyme) with one tone: the grammar below decides, with
no word list shipped. It knows the onsets (b, ch, gh, ngh, qu, gi…), the rhymes (a, oai, ương, uyêt…), which onset
goes before which rhyme (k/gh/ngh before i, e, ê; c/g/ng elsewhere), that a rhyme ending in -p, -t, -c, -ch takes
only the sắc or nặng tone, and on which letter the tone mark stands: on the vowel with a hat or horn (ề, ơ of ươ,
ô of uô), else on the last vowel before a final consonant (hoàn), else on the first of two vowels (mái, múa) or the
middle of three (ngoài); oa, oe, uy take it on either letter (hòa and hoà, thủy and thuỷ: both styles are
correct, and the report's style is another check's matter). So "tìên", "hòan", "ngừơi" are flagged: a tone on the
wrong letter. tests/domain/test_spelling.py holds the grammar to the Vietnamese hunspell list (LibreOffice's,
GPL-2, used only by the test where the system has it: nothing of it is shipped) and to a real report's text.

Not flagged: words in capitals (UBND, LĐ-TB&XH, ĐẮK NÔNG), codes and numbers (H5N1, 2023, COVID-19),
citations ``{{…}}``, web and mail addresses, capitalised names that are syllables — including the Tây Nguyên place
names of the minority languages (Đắk, Krông, Jút, Mil) —, single letters (list items a, b), a short allowlist of
English words and units (online, email, km) and the clerk's own words (``known``). Flagged: what Telex or VNI left
behind ("ddaays", "khoongg", "nguwoif", "vie65t"); ``suggestions`` decodes it first.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Unknown", "is_syllable", "place_tone", "suggestions", "telex_decode", "unknown_words", "vni_decode"]

# tones: 0 ngang, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng
_TONE_MARKS = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_MARK_OF = {tone: mark for mark, tone in _TONE_MARKS.items()}
SAC, NANG = 1, 5
VOWELS = frozenset("aăâeêioôơuưy")
_HATTED = frozenset("ăâêôơư")
LETTERS = frozenset("bcdđghklmnpqrstvx") | VOWELS

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")

_RHYMES_TEXT = """
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot ooc oong
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oe oem oen oeo oet oen
uân uâng uât uây uê uêch uênh uêt uơ
uy uya uych uyn uynh uyp uyt uyu uyên uyêt
"""
RHYMES = _words(_RHYMES_TEXT)
# after qu the u is the onset's: quá, quốc, quyết, quỳnh
QU_RHYMES = _words("""a ai an ang anh ap at ay ac ach ăc ăm ăn ăng ăt âc ân âng ât ây
e en eng eo et ê ên ênh êch êt êu ơ ơi ôc y ych yn ynh yp yt yu yên yêt ao au ăp âp i it""")
_STOPS = ("p", "t", "c", "ch")
_FRONT = frozenset("ieêy")  # k, gh, ngh before these; c, g, ng before the others

# minority-language place names of the Tây Nguyên (Đắk Nông, Krông Nô, Cư Jút, Đắk Mil, Đắk Glong): a capitalised
# word is read with these onsets and finals as their Vietnamese neighbours
_NAME_ONSETS = {"kr": "r", "gl": "l", "bl": "l", "pl": "l", "dr": "r", "br": "r", "j": "d", "f": "ph", "w": "v",
                "z": "d", "y": "d"}
_NAME_FINALS = {"k": "c", "l": "n"}

ALLOWED = _words("""online offline email mail website web internet covid wifi zalo facebook youtube hotline
video clip file virus vaccine app smartphone laptop logo ok pdf word excel sars cov internet fanpage
km kg cm mm ml mg kw kwh mw tr ng ha ts ths tp""")

_CITATION = re.compile(r"\{\{[^{}]*\}\}")
_ADDRESS = re.compile(r"https?://\S+|www\.\S+")
_MAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TOKEN = re.compile(r"[\w\u0300-\u036f]+")  # one class, not an alternation: a third of the time
_TONE_KEYS_TELEX = {"s": 1, "f": 2, "r": 3, "x": 4, "j": 5}


@dataclass(frozen=True)
class Unknown:
    """A word of a text that is not a Vietnamese syllable: where it is (``start``/``end``, in the text) and what."""

    start: int
    end: int
    word: str


# --- the grammar -----------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=4096)
def _letter(ch: str) -> tuple[str, int]:
    """A letter without its tone mark, and the tone (0 for none, -1 for two marks or a mark that is not a tone)."""
    decomposed = unicodedata.normalize("NFD", ch)
    tones = [_TONE_MARKS[c] for c in decomposed if c in _TONE_MARKS]
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if len(tones) > 1:
        return bare, -1
    return bare, tones[0] if tones else 0


def _untoned(word: str) -> tuple[str, int, int] | None:
    """(the word without its tone, the tone, the index of the letter carrying it, -1 for none); None for a word
    with two tone marks or a letter Vietnamese has not."""
    letters, tone, at = [], 0, -1
    for i, ch in enumerate(word):
        bare, t = _letter(ch)
        if t < 0 or bare not in LETTERS:
            return None
        if t:
            if tone:
                return None
            tone, at = t, i
        letters.append(bare)
    return "".join(letters), tone, at


def tone_positions(rhyme: str) -> frozenset[int]:
    """Where the tone mark may stand in ``rhyme`` (indices); both places for oa, oe, uy without a final."""
    n = 0
    while n < len(rhyme) and rhyme[n] in VOWELS:
        n += 1
    vowels, final = rhyme[:n], rhyme[n:]
    hatted = [i for i, c in enumerate(vowels) if c in _HATTED]
    if hatted:
        return frozenset({hatted[-1]})
    if final:
        return frozenset({n - 1})
    if n == 2:
        return frozenset({0, 1}) if vowels in ("oa", "oe", "uy") else frozenset({0})
    return frozenset({1 if n == 3 else 0})


def _parses(bare: str):
    """Every (onset, rhyme, where the rhyme starts) the letters allow."""
    for onset in ONSETS:
        if bare.startswith(onset):
            rest = bare[len(onset):]
            yield onset, rest, len(onset)
            if onset == "gi" and not rest.startswith("i"):  # gì, gìn, giếng: the i is shared
                yield onset, "i" + rest, 1


def _fits(onset: str, rhyme: str) -> bool:
    if onset == "qu":
        return rhyme in QU_RHYMES
    if rhyme not in RHYMES:
        return False
    if onset == "gi" and rhyme.startswith("y"):
        return False
    front = rhyme[0] in _FRONT
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "g", "ng"):
        return not front
    if rhyme.startswith("yê"):
        return onset == ""
    return True


@functools.lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """``word`` (lower case, NFC) is one Vietnamese syllable, its tone mark on the right letter."""
    parsed = _untoned(word)
    if parsed is None or not parsed[0]:
        return False
    bare, tone, at = parsed
    for onset, rhyme, start in _parses(bare):
        if not rhyme or not _fits(onset, rhyme):
            continue
        if rhyme.endswith(_STOPS) and tone not in (0, SAC, NANG):
            continue
        if tone and at - start not in tone_positions(rhyme):
            continue
        return True
    return False


@functools.lru_cache(maxsize=16384)
def _is_name_syllable(word: str) -> bool:
    """A capitalised word (given in lower case) that names a place or a person: a syllable, or one of the Tây
    Nguyên's minority-language syllables read as its Vietnamese neighbour (Krông as rông, Đắk as đắc)."""
    if is_syllable(word):
        return True
    for onset, plain in (*_NAME_ONSETS.items(), ("", "")):
        if not word.startswith(onset):
            continue
        stem = plain + word[len(onset):]
        for final, usual in (*_NAME_FINALS.items(), ("", "")):
            if stem.endswith(final) and is_syllable(stem[:len(stem) - len(final)] + usual if final else stem):
                return True
    return False


# --- words of a text ----------------------------------------------------------------------------------------------
def _masked(text: str) -> str:
    """Citations, web and mail addresses blanked (same length, so positions hold); each pattern only where it
    can match (most paragraphs have none, and the mail pattern is slow)."""
    def blank(m: re.Match) -> str:
        return " " * len(m.group(0))

    if "{{" in text:
        text = _CITATION.sub(blank, text)
    if "://" in text or "www." in text:
        text = _ADDRESS.sub(blank, text)
    if "@" in text:
        text = _MAIL.sub(blank, text)
    return text


@functools.lru_cache(maxsize=65536)
def _flagged(token: str) -> bool:
    """The decision for one word as typed (NFC)."""
    if len(token) < 2 or token.isdigit():
        return False
    lower = token.lower()
    if lower in ALLOWED:
        return False
    if any(c.isdigit() for c in token):
        # a VNI leftover (vie65t, nguo72i) is letters with tone digits after them; anything else is a code
        decoded = vni_decode(token)
        return decoded != token and is_syllable(decoded.lower())
    if token.isupper() or any(c.isupper() for c in token[1:]):
        return False  # capitals: an abbreviation or a name in capitals; mixed case: a code, a brand
    if token[0].isupper():
        return not _is_name_syllable(lower)
    return not is_syllable(lower)


@functools.lru_cache(maxsize=65536)
def _flagged_part(token: str) -> tuple[int, str] | None:
    """Where the word to flag starts in a token of the text, and its key (NFC, lower case); None for none.
    A figure is no word, what is glued to it is (4.394.824.000đồng); a name with _ is a code."""
    start = 0
    if token[0].isdigit():
        stripped = token.lstrip("0123456789")
        start, token = len(token) - len(stripped), stripped
    if not token or "_" in token:
        return None
    if not unicodedata.is_normalized("NFC", token):
        token = unicodedata.normalize("NFC", token)
    return (start, token.lower()) if _flagged(token) else None


def unknown_words(text: str, known: frozenset[str] | set[str] = frozenset()) -> list[Unknown]:
    """The words of ``text`` that are not Vietnamese syllables, in order; ``known`` holds words (in lower case)
    the clerk added to the dictionary or chose to pass."""
    masked = _masked(text)
    bad = {t for t in set(_TOKEN.findall(masked)) if (p := _flagged_part(t)) is not None and p[1] not in known}
    if not bad:  # the usual paragraph: a set of words looked up once each, no positions needed
        return []
    found = []
    for token in bad:  # each unknown word found where it stands (str.find: a tenth of a scan by the pattern)
        skip = _flagged_part(token)[0]
        at = masked.find(token)
        while at >= 0:
            end = at + len(token)
            if (at == 0 or not _in_word(masked[at - 1])) and (end == len(masked) or not _in_word(masked[end])):
                found.append(Unknown(at + skip, end, text[at + skip:end]))
            at = masked.find(token, end)
    found.sort(key=lambda u: u.start)
    return found


def _in_word(ch: str) -> bool:
    """``ch`` continues a word as the token pattern reads it."""
    return ch.isalnum() or ch == "_" or "\u0300" <= ch <= "\u036f"


# --- what the clerk may have meant --------------------------------------------------------------------------------
def _with_tone(letters: str, index: int, tone: int) -> str:
    if not tone or index < 0:
        return letters
    return unicodedata.normalize("NFC", letters[:index + 1] + _MARK_OF[tone] + letters[index + 1:])


def place_tone(bare: str, tone: int, new_style: bool = False) -> str:
    """``bare`` (lower case, no tone) with ``tone`` on the letter the grammar puts it on (hòa; hoà with
    ``new_style``); on its last vowel when it is no syllable."""
    if not tone:
        return bare
    for onset, rhyme, start in _parses(bare):
        if rhyme and _fits(onset, rhyme):
            places = sorted(tone_positions(rhyme))
            return _with_tone(bare, start + (places[-1] if new_style else places[0]), tone)
    vowels = [i for i, c in enumerate(bare) if c in VOWELS]
    return _with_tone(bare, vowels[-1], tone) if vowels else bare


def _same_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def telex_decode(word: str) -> str:
    """What Telex would have made of ``word`` typed with the keyboard program off: ddaays → đấy, nguwoif → người."""
    out: list[str] = []
    tone = 0
    for ch in word.lower():
        if ch in _TONE_KEYS_TELEX and any(c in VOWELS for c in out):
            tone = _TONE_KEYS_TELEX[ch]
        elif ch == "z" and tone:
            tone = 0
        elif ch == "d" and out and out[-1] == "d":
            out[-1] = "đ"
        elif ch in "aeo" and out and out[-1] == ch:
            out[-1] = {"a": "â", "e": "ê", "o": "ô"}[ch]
        elif ch == "w":
            _horn(out, "w")
        else:
            out.append(ch)
    return _same_case(place_tone(_ươ("".join(out)), tone), word)


def vni_decode(word: str) -> str:
    """What VNI would have made of ``word``: vie65t → việt, d9u7o7ng2 → đường."""
    out: list[str] = []
    tone = 0
    for ch in word.lower():
        if ch in "12345" and any(c in VOWELS for c in out):
            tone = int(ch)  # VNI's 1..5 are sắc, huyền, hỏi, ngã, nặng: the numbering used here
        elif ch == "0" and tone:
            tone = 0
        elif ch == "6" and any(c in "aeo" for c in out):
            i = max(i for i, c in enumerate(out) if c in "aeo")
            out[i] = {"a": "â", "e": "ê", "o": "ô"}[out[i]]
        elif ch == "7" and any(c in "uo" for c in out):
            _horn(out, "7")
        elif ch == "8" and "a" in out:
            i = max(i for i, c in enumerate(out) if c == "a")
            out[i] = "ă"
        elif ch == "9" and "d" in out:
            i = max(i for i, c in enumerate(out) if c == "d")
            out[i] = "đ"
        else:
            out.append(ch)
    return _same_case(place_tone(_ươ("".join(out)), tone), word)


def _horn(out: list[str], key: str) -> None:
    """Telex w / VNI 7: the horn on uo (ươ), else on the last u or o; Telex's w also makes ă, or ư alone."""
    text = "".join(out)
    if "uo" in text:
        i = text.rindex("uo")
        out[i:i + 2] = ["ư", "ơ"]
        return
    marks = {"u": "ư", "o": "ơ"} | ({"a": "ă"} if key == "w" else {})
    places = [i for i, c in enumerate(out) if c in marks]
    if places:
        out[places[-1]] = marks[out[places[-1]]]
    elif key == "w":
        out.append("ư")


def _ươ(bare: str) -> str:
    """Keyboard programs write ươ when one of the two got its horn and a letter follows (người, được)."""
    return re.sub(r"(?:ưo|uơ)(?=[a-zđ])", "ươ", bare)


_ALPHABET = tuple(sorted({_with_tone(v, 0, t) for v in VOWELS for t in range(6)} | (LETTERS - VOWELS)))


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    return out


def _skeleton(word: str) -> str:
    """The letters without any mark (việt → viet): candidates that keep them come first."""
    return "".join(c for c in unicodedata.normalize("NFD", word.replace("đ", "d")) if not unicodedata.combining(c))


def suggestions(word: str, limit: int = 6) -> list[str]:
    """Syllables the clerk probably meant by ``word``, the likeliest first: the Telex or VNI reading of a leftover,
    the same letters with the tone where it belongs, then syllables one letter (or one mark) away."""
    lower = unicodedata.normalize("NFC", word.lower())
    found: list[str] = []

    def offer(candidate: str) -> None:
        if candidate != lower and candidate not in found and is_syllable(candidate):
            found.append(candidate)

    for decoded in (telex_decode(lower), vni_decode(lower)):
        offer(decoded)
    parsed = _untoned(lower)
    if parsed is not None:
        offer(place_tone(parsed[0], parsed[1]))
    starts = [d for d in (telex_decode(lower), vni_decode(lower)) if d != lower] + [lower]
    for start in starts:
        near = [c for c in _edits(start) if c != lower and is_syllable(c)]
        skeleton = _skeleton(start)
        near.sort(key=lambda c: (_skeleton(c) != skeleton, _COMMON.get(c, len(_COMMON)), c))
        for candidate in near:
            offer(candidate)
    return [_same_case(c, word) for c in found[:limit]]


# The most frequent syllables of provincial reports (counted in a published annual report of a Sở LĐ-TB&XH): a
# suggestion among them comes before a rarer one the same distance away.
_COMMON_TEXT = """
và các năm của được tỉnh trên người có cho công số tác hộ xã đã với trong là hỗ trợ lao động nghèo thực hiện
đồng tổng tạo kế hoạch việc làm đối tượng đạt so cùng kỳ nghề chính sách tiếp tục triển khai quản lý một theo
không này đó những để về tại đến từ ra sinh bảo vệ trẻ em gia đình nhiệm vụ đơn vị ngành địa bàn huyện thành
phố tổ chức cấp phòng sở ban hành văn bản quy định kết quả tháng ngày tiền kinh phí đào dạy học tế dân nước
ngoài nông thôn mới giảm tăng tỷ lệ chỉ tiêu còn hơn bằng mức cao thấp chung toàn cả thu nhập đời sống
"""
_COMMON = {w: i for i, w in enumerate(_COMMON_TEXT.split())}
