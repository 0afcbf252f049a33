"""A rough plain-language check for editors: sentence lengths and long words.

Not a reading-age formula (those are unreliable for short medical texts); it
flags what most often makes a text hard for families: long sentences.
"""

import re
from dataclasses import dataclass

TARGET_AVERAGE = 15
TARGET_LONGEST = 25
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class SentenceStats:
    sentences: int
    average_words: float
    longest_words: int
    longest_sentence: str

    @property
    def within_target(self) -> bool:
        return (
            self.average_words <= TARGET_AVERAGE
            and self.longest_words <= TARGET_LONGEST
        )


def sentence_stats(text: str) -> SentenceStats:
    flat = " ".join((text or "").split())
    sentences = [s for s in _SENTENCE_END.split(flat) if s.strip()]
    if not sentences:
        return SentenceStats(0, 0.0, 0, "")
    lengths = [len(s.split()) for s in sentences]
    longest = max(range(len(sentences)), key=lambda i: lengths[i])
    return SentenceStats(
        sentences=len(sentences),
        average_words=round(sum(lengths) / len(lengths), 1),
        longest_words=lengths[longest],
        longest_sentence=sentences[longest],
    )
