"""The stored index of the similarity engine (priorities/similarity/store.py).

Only public priorities are in it. Each has a document (its concept counts, in
the order the text gives them) and one posting per concept, so candidates are
found in SQL through the concept. `SimilarityTerm` counts the documents holding
each concept (the IDF comes from it); `SimilarityState` is one row with the
number of documents, the vocabulary the index was built with, and a version
that changes with every write, so every web process can tell whether what it
keeps in memory is still current.
"""

from django.db import models


class SimilarityState(models.Model):
    """One row (pk 1): what the index was built with and how fresh it is."""

    # Random (uuid4 hex), new with every write; empty until the first build.
    version = models.CharField(max_length=32, blank=True, default="")
    documents = models.IntegerField(default=0)
    # The number of documents at the last full rebuild (see SimilarityPosting).
    built_documents = models.IntegerField(default=0)
    # The synonym groups as lists of terms, as they were at the last rebuild.
    vocabulary = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"similarity index v{self.version} ({self.documents} documents)"


class SimilarityDocument(models.Model):
    """A public priority's concept counts: "token count token count ..."."""

    priority = models.OneToOneField(
        "priorities.Priority",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    counts = models.TextField()
    # Random, new with every write of the row: a process that keeps `counts` in
    # memory reads the stamp with the candidates and reads again if it differs.
    stamp = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"#{self.priority_id}"


class SimilarityPosting(models.Model):
    """Concept -> the documents holding it (the inverted index)."""

    document = models.ForeignKey(
        SimilarityDocument, on_delete=models.CASCADE, related_name="postings"
    )
    token = models.TextField()
    # The token's weight in the document with the document frequencies of the
    # last full rebuild. The current weight is at most `share` times the ratio
    # of the token's current IDF to the smallest ratio of any token's current
    # IDF to its rebuild IDF: candidates are filtered on that in SQL.
    share = models.FloatField(default=0.0)
    stamp = models.BigIntegerField(default=0)  # the document's

    class Meta:
        # Covering: candidates are summed from the index alone.
        indexes = [
            models.Index(
                fields=["token", "document", "share", "stamp"],
                name="sim_posting_token",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "token"], name="sim_posting_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.token} -> #{self.document_id}"


class SimilarityTerm(models.Model):
    """How many documents of the index hold a concept."""

    token = models.TextField(primary_key=True)
    documents = models.IntegerField(default=0)
    # As it was at the last full rebuild (0 for a token new since).
    documents_at_build = models.IntegerField(default=0)
    # At least the largest `share` of any posting of the token (kept on adds,
    # not lowered on removals, so it stays an upper bound).
    heaviest = models.FloatField(default=0.0)

    def __str__(self) -> str:
        return f"{self.token}: {self.documents}"
