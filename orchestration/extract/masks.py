"""Skip rules: the spans of a text where a number is not a statistic.

Dates and times, document numbers (国发〔2010〕32号), registration numbers (ICP备…号),
phone numbers, URLs, e-mail addresses and file names (444455867.jpg), labelled page
furniture (阅读次数：2856), titles in 《》 and short quoted names (“五个名地”). Numbers in a
masked span never become candidates; slogans with counts inside quotes (“一梁五柱”) are read
separately (tokens.slogan_counts)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import NAMED_NUMERAL_PHRASES

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("file name", re.compile(r"[\w\-]+\.(?:jpe?g|png|gif|bmp|webp|tiff?|pdf|docx?|xlsx?|pptx?|wps|ofd|html?|zip|rar)\b",
                             re.IGNORECASE)),
    ("url", re.compile(r"https?://\S+|www\.[\w.\-/]+|[A-Za-z0-9.\-]+\.(?:gov\.cn|com\.cn|org\.cn|net\.cn|cn|com|org|net)\b")),
    ("e-mail", re.compile(r"[\w.\-]+@[\w.\-]+")),
    ("document number", re.compile(r"[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d+\s*号")),
    ("registration number", re.compile(r"ICP\s*[备证]?\s*\d+\s*号?(?:\s*-\s*\d+)?|公网安备\s*\d+\s*号?", re.IGNORECASE)),
    ("date", re.compile(r"(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)")),
    ("time", re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?!\d)")),
    ("phone number", re.compile(r"[(（]?0\d{2,3}[)）]?\s*[-－—]?\s*\d{7,8}(?:\s*[-－转]\s*\d{1,5})?(?!\d)"
                                r"|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)[48]00[-－]?\d{3}[-－]?\d{4}(?!\d)")),
    ("page furniture", re.compile(
        r"(?:浏览次数|阅读次数|访问次数|访问量|浏览量|阅读量|点击数|点击量|点击率|发布日期|发布时间|发表时间|更新时间|"
        r"成文日期|发文日期|索引号|发文字号|文号|批准文号|许可证|备案号|标识码|联系电话|电话|传真|手机|邮编|邮政编码|"
        r"地址|字号)\s*[:：]\s*[^\s|｜，。；,;]{0,40}")),
    ("copyright", re.compile(r"(?:Copyright|©|版权所有).*", re.IGNORECASE)),
    ("title", re.compile(r"《[^《》\n]{0,80}》")),
)
# Quoted text up to this length without sentence punctuation is a name, a slogan or a
# title (“泰山产业大集”); longer quotations are speech and may hold figures.
_QUOTED = re.compile(r"“[^“”\n]{1,30}”|「[^「」\n]{1,30}」|‘[^‘’\n]{1,30}’")
_SPEECH_PUNCTUATION = re.compile(r"[。，；,;]")
_RATIO = re.compile(r"(?<![0-9.:：])\d+(?:\.\d+)?(?:[:：]\d+(?:\.\d+)?){2,}(?![0-9:：])")
_RATIO_PART = re.compile(r"\d+(?:\.\d+)?")


def ratio_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ratios a:b:c whose parts add up to 100 (within 1.5: rounding of each part):
    the parts of a whole in percent. 09:30:12 (a clock time) adds up to 51 and is none."""
    spans = []
    for m in _RATIO.finditer(text):
        total = sum(float(p) for p in _RATIO_PART.findall(m.group()))
        if abs(total - 100) <= 1.5:
            spans.append((m.start(), m.end()))
    return spans


@dataclass(frozen=True)
class Masks:
    """masked[i] is true where character i lies in a skipped span; quoted holds the spans
    (start, end) of short quoted names, where slogans with counts may stand."""

    masked: bytearray
    quoted: tuple[tuple[int, int], ...]

    def any(self, start: int, end: int) -> bool:
        return any(self.masked[start:end])


def find_masks(text: str) -> Masks:
    masked = bytearray(len(text))

    def cover(start: int, end: int) -> None:
        masked[start:end] = b"\x01" * (end - start)

    ratios = ratio_spans(text)
    for name, pattern in _RULES:
        for m in pattern.finditer(text):
            if name == "time" and any(a <= m.start() < b for a, b in ratios):
                continue  # 8.8:41.5:49.7 is a ratio, not 8:41
            cover(m.start(), m.end())
    quoted = []
    for m in _QUOTED.finditer(text):
        if not _SPEECH_PUNCTUATION.search(m.group()):
            cover(m.start(), m.end())
            quoted.append((m.start(), m.end()))
    for phrase in NAMED_NUMERAL_PHRASES:
        start = text.find(phrase)
        while start >= 0:
            cover(start, start + len(phrase))
            start = text.find(phrase, start + 1)
    return Masks(masked, tuple(quoted))
